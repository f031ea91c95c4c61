"""Campaigns: TOML files in the instance folder, their pages, embedding, counts and export."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from webapp import create_app
from webapp.campaigns import CampaignError, contrast, load_campaigns
from webapp.cli import main
from webapp.resources import letter_languages

TOKEN = "t" * 32


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


EMBED_PORT = _free_port()
CAMPAIGN = f'''
title = "Object to LinkedIn AI training"
introduction = """
We are **Privacy Friends**. <script>alert(1)</script> [Read more](https://example.org/why).
"""
platforms = ["linkedin"]
kinds = ["objection", "complaint"]
countries = ["GB", "IE", "DE"]
languages = ["en", "de"]
grounds_text = "I never agreed to this."
embed_origins = ["http://127.0.0.1:{EMBED_PORT}"]
export_token = "{TOKEN}"

[organisation]
name = "Privacy Friends"
logo = "logo.png"
privacy_notice = "We only see how many letters were made, per day and country."
contact = "hello@example.org"
colours = {{ primary = "#1d4ed8" }}
'''


@pytest.fixture
def instance(tmp_path) -> Path:
    folder = tmp_path / "instance" / "campaigns"
    folder.mkdir(parents=True)
    (folder / "linkedin-ai.toml").write_text(CAMPAIGN, encoding="utf-8")
    shutil.copy(Path(__file__).parent / "fixtures" / "logo.png", folder / "logo.png")
    return folder.parent


@pytest.fixture
def campaign_app(instance, monkeypatch):
    monkeypatch.setenv("OBJECTOR_INSTANCE_PATH", str(instance))
    return create_app({"TESTING": True, "WARM_UP": False, "SECRET_KEY": "campaign-test",
                       "WTF_CSRF_ENABLED": False, "RATE_LIMIT": ""})


FORM = {"platform": "linkedin", "country": "GB", "name": "Jo Bloggs",
        "address": "1 Road\nLeeds", "email": "jo@example.org", "grounds": "own_work",
        "stage": "none", "signature_mode": "typed", "campaign": "linkedin-ai"}


def test_the_campaign_page(campaign_app):
    client = campaign_app.test_client()
    html = client.get("/c/linkedin-ai").get_data(as_text=True)
    assert "<h1>Object to LinkedIn AI training</h1>" in html
    assert "<strong>Privacy Friends</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert 'href="https://example.org/why"' in html
    assert "0 letters made so far" in html
    assert "I never agreed to this." in html  # suggested grounds
    assert 'value="meta"' not in html  # only the campaign's platform
    assert 'value="FR"' not in html
    assert 'value="IE"' in html
    assert "/c/linkedin-ai/theme.css" in html
    assert "/c/linkedin-ai/logo" in html
    assert "We only see how many letters were made" in html
    assert client.get("/c/linkedin-ai/theme.css").get_data(as_text=True).startswith(
        ":root { --accent: #1d4ed8;")
    assert client.get("/c/linkedin-ai/logo").mimetype == "image/png"
    assert client.get("/c/nothing").status_code == 404


def test_the_home_page_lists_campaigns(campaign_app):
    html = campaign_app.test_client().get("/").get_data(as_text=True)
    assert 'href="/c/linkedin-ai"' in html


def test_prefill_from_the_address_bar(campaign_app):
    html = campaign_app.test_client().get("/c/linkedin-ai?country=DE&subdivision=DE-BE"
                                          "&kind=complaint&lang=de").get_data(as_text=True)
    assert re.search(r'<option selected value="DE">|<option value="DE" selected', html)
    assert re.search(r'value="no_reply"[^>]*checked|checked[^>]*value="no_reply"', html)
    assert '<html lang="de"' in html


def test_embedding_is_allowed_only_on_the_campaigns_origins(campaign_app):
    client = campaign_app.test_client()
    embedded = client.get("/c/linkedin-ai?embed=1")
    csp = embedded.headers["Content-Security-Policy"]
    assert f"frame-ancestors http://127.0.0.1:{EMBED_PORT}" in csp
    assert "X-Frame-Options" not in embedded.headers
    assert 'class="site-header"' not in embedded.get_data(as_text=True)
    assert "frame-ancestors 'none'" in client.get("/c/linkedin-ai").headers[
        "Content-Security-Policy"]
    check = client.post("/check", data={**FORM, "embed": "1"})
    assert f"frame-ancestors http://127.0.0.1:{EMBED_PORT}" in check.headers[
        "Content-Security-Policy"]


def test_counts_move_and_export_behind_the_token(campaign_app, instance):
    client = campaign_app.test_client()
    marker = "Zq9Marker"
    for _ in range(2):
        response = client.post("/download", data={**FORM, "name": marker, "letter": "all",
                                                  "address": f"{marker} Road\nLeeds",
                                                  "email": f"{marker.lower()}@example.org"})
        assert response.mimetype == "application/zip"
    assert "2 letters made so far" in client.get("/c/linkedin-ai").get_data(as_text=True)
    assert client.get("/c/linkedin-ai/counts.csv").status_code == 403
    assert client.get("/c/linkedin-ai/counts.csv",
                      headers={"Authorization": "Bearer wrong"}).status_code == 403
    export = client.get("/c/linkedin-ai/counts.csv",
                        headers={"Authorization": f"Bearer {TOKEN}"})
    lines = export.get_data(as_text=True).splitlines()
    assert lines[0] == "day,country,platform,kind,letters"
    assert lines[1].endswith(",GB,linkedin,objection,2")
    database = instance / "counts.sqlite3"
    raw = database.read_bytes()
    assert marker.encode() not in raw
    assert marker.lower().encode() not in raw
    with sqlite3.connect(database) as db:
        columns = [row[1] for row in db.execute("pragma table_info(letter_counts)")]
    assert columns == ["campaign", "day", "country", "platform", "kind", "letters"]


def test_the_campaigns_restrictions_hold_on_submit(campaign_app):
    response = campaign_app.test_client().post("/check", data={**FORM, "country": "FR"})
    assert response.status_code == 422
    assert 'href="#country"' in response.get_data(as_text=True)


BROKEN = [
    ('title = ""', "linkedin-ai.toml: title: is required"),
    ('platforms = ["myspace"]', "linkedin-ai.toml: platforms: unknown: myspace"),
    ('embed_origins = ["javascript:alert(1)"]', "embed_origins: 'javascript:alert(1)' must be"),
    ('export_token = "short"', "export_token: must be at least 24 characters"),
    ('colours = { primary = "#ffff00" }', "organisation.colours.primary: contrast with white"),
    ('logo = "../../etc/passwd"', "organisation.logo: must name an image file"),
    ("surprise = 1", "linkedin-ai.toml: surprise: unknown field"),
]


@pytest.mark.parametrize(("change", "message"), BROKEN)
def test_a_broken_campaign_file_is_named_with_its_field(instance, catalog, change, message):
    path = instance / "campaigns" / "linkedin-ai.toml"
    key = change.split(" = ")[0]
    text = CAMPAIGN
    if re.search(rf"^{key} = .*$", text, re.M):
        text = re.sub(rf"^{key} = .*$", change, text, count=1, flags=re.M)
    else:
        text = change + "\n" + text
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        load_campaigns(instance / "campaigns", catalog, letter_languages())
    assert any(message in problem for problem in caught.value.problems), caught.value.problems


def test_campaign_check_command(runner, instance, monkeypatch):
    monkeypatch.setenv("OBJECTOR_INSTANCE_PATH", str(instance))
    result = runner.invoke(main, ["campaign", "check"])
    assert result.exit_code == 0, result.output
    assert "1 campaign" in result.output
    (instance / "campaigns" / "bad.toml").write_text('title = 3\n', encoding="utf-8")
    result = runner.invoke(main, ["campaign", "check"])
    assert result.exit_code == 2
    assert "campaigns/bad.toml: title: must be text" in result.stderr


def test_contrast():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert contrast("#1d4ed8", "#ffffff") > 4.5


@pytest.mark.browser
def test_an_iframe_on_a_listed_origin_shows_the_form_and_others_are_refused(
        instance, monkeypatch, browser, tmp_path):
    import http.server
    import threading

    from werkzeug.serving import make_server

    monkeypatch.setenv("OBJECTOR_INSTANCE_PATH", str(instance))
    app = create_app({"WARM_UP": False, "SECRET_KEY": "embed-test", "RATE_LIMIT": ""})
    objector = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=objector.serve_forever, daemon=True).start()
    target = f"http://127.0.0.1:{objector.server_port}/c/linkedin-ai?embed=1"
    (tmp_path / "page.html").write_text(
        f'<!doctype html><title>Host</title><iframe src="{target}" title="Objector" '
        f'width="600" height="800"></iframe>', encoding="utf-8")

    def host(port: int):
        handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(  # noqa: E731
            *a, directory=str(tmp_path), **k)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    listed, other = host(EMBED_PORT), host(0)  # the first is the campaign's embed origin
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{EMBED_PORT}/page.html")
        frame = page.frame_locator("iframe")
        assert frame.locator("h1").inner_text() == "Object to LinkedIn AI training"
        assert frame.locator(".site-header").count() == 0
        page.goto(f"http://127.0.0.1:{other.server_port}/page.html")
        page.wait_for_timeout(500)
        blocked = page.frame_locator("iframe").locator("body").inner_text()
        assert "Object to LinkedIn AI training" not in blocked  # the browser's refusal page
        page.close()
    finally:
        for server in (listed, other, objector):
            server.shutdown()
            server.server_close()
