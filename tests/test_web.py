"""webapp.web (form flow) through the Flask test client, with CSRF protection on."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import zipfile

import pytest
from icalendar import Calendar

from webapp import create_app

from .conftest import pdf_text

TODAY = dt.date.today().isoformat()

ANSWERS = {
    "platform": "linkedin", "country": "GB", "name": "Jane O'Brien",
    "address": "1 High Street\nLondon SW1A 1AA", "email": "jane@example.org",
    "account": "", "grounds": ["not_expected", "third_parties"], "grounds_text": "",
    "stage": "none", "signature_mode": "typed", "signature_typed": "Jane O'Brien",
}


def csrf_token(client) -> str:
    page = client.get("/").get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]


def post(client, url, answers=None, **extra):
    data = {**(ANSWERS if answers is None else answers), **extra,
            "csrf_token": csrf_token(client)}
    return client.post(url, data=data)


def test_the_form_page(client):
    page = client.get("/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<html lang="en"' in html
    for label in ("Which platform?", "Where do you live?", "Your full name",
                  "What has happened so far?", "How do you want to sign?"):
        assert label in html
    assert 'for="name"' in html
    assert 'id="name"' in html


def test_a_submit_without_csrf_token_is_refused_but_keeps_the_answers(client):
    response = client.post("/check", data=ANSWERS)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "expired" in html
    assert 'value="Jane O&#39;Brien"' in html or "value=\"Jane O'Brien\"" in html


MISSING = [
    ("platform", "Choose the platform."),
    ("country", "Choose where you live."),
    ("name", "Enter your full name."),
    ("address", "Enter your postal address."),
    ("email", "Enter the e-mail address of your account."),
]


@pytest.mark.parametrize(("field", "label"), MISSING)
def test_a_missing_answer_is_named_and_nothing_is_lost(client, field, label):
    response = post(client, "/check", {**ANSWERS, field: ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "There is a problem" in html
    assert f'href="#{field}"' in html
    assert label in html
    assert f'id="{field}-error"' in html
    assert 'aria-invalid="true"' in html
    kept = "jane@example.org" if field != "email" else "1 High Street"
    assert kept in html


def test_errors_from_the_case_rules_reach_their_fields(client):
    response = post(client, "/check", {**ANSWERS, "country": "DE"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'href="#subdivision"' in html
    assert "Required for Germany" in html
    response = post(client, "/check", {**ANSWERS, "stage": "no_reply"})
    assert 'href="#objection_sent"' in response.get_data(as_text=True)


def test_check_page_previews_the_letter(client):
    response = post(client, "/check")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "LinkedIn Corporation" in html
    assert "Article 21(1) UK GDPR" in html
    assert "Information Commissioner" in html
    assert 'name="letter" value="objection"' in html


def test_download_one_pdf(client):
    response = post(client, "/download", letter="objection")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    text = pdf_text(response.data)
    assert "Jane O'Brien" in text
    assert "LinkedIn Corporation" in text


def test_download_everything_as_a_zip(client):
    answers = {**ANSWERS, "stage": "no_reply", "objection_sent": "2026-09-01",
               "channel": "email", "country": "FR", "platform": "meta"}
    response = post(client, "/download", answers, letter="all")
    assert response.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        names = archive.namelist()
        assert "how-to-send.txt" in names
        pdfs = sorted(n for n in names if n.endswith(".pdf"))
        assert pdfs == [f"complaint-fr-cnil-meta-{TODAY}.pdf",
                        f"complaint-fr-cnil-translation-en-meta-{TODAY}.pdf",
                        f"reminder-meta-{TODAY}.pdf"]  # the next letter to the platform
        original, courtesy, reminder = (pdf_text(archive.read(n)) for n in pdfs)
        calendar = Calendar.from_ical(archive.read("dates.ics"))
    assert "Reminder" in reminder
    events = {str(e["SUMMARY"]): e["DTSTART"].dt for e in calendar.walk("VEVENT")}
    assert events["No satisfactory answer from Meta? Send your complaint"] == (
        dt.date.today() + dt.timedelta(days=14))
    assert "RGPD" in original
    assert "Meta Platforms Ireland Limited" in original
    assert "Courtesy translation into English" in courtesy  # the page was in English


def test_change_an_answer_returns_to_the_form_with_everything(client):
    response = post(client, "/edit")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "jane@example.org" in html
    assert "1 High Street" in html


def test_prefill_from_the_address_bar(client):
    html = client.get("/?platform=meta&country=FR").get_data(as_text=True)
    assert re.search(r'<option selected value="meta">|<option value="meta" selected', html)


def test_language_from_the_address_bar_then_the_cookie(client):
    response = client.get("/?lang=de")
    assert '<html lang="de"' in response.get_data(as_text=True)
    assert "lang=de" in response.headers["Set-Cookie"]
    assert '<html lang="de"' in client.get("/").get_data(as_text=True)


def test_accept_language(client):
    html = client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).get_data(
        as_text=True)
    assert '<html lang="fr"' in html


def test_not_found_is_a_page(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_a_server_error_never_shows_its_text():
    app = create_app({"TESTING": True, "WARM_UP": False, "SECRET_KEY": "s",
                      "PROPAGATE_EXCEPTIONS": False})

    @app.get("/boom")
    def boom():
        raise RuntimeError("jane@example.org SECRET-DETAIL")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "SECRET-DETAIL" not in response.get_data(as_text=True)


def test_what_people_type_is_not_logged(client, caplog):
    caplog.set_level(logging.DEBUG)
    marker = "Zq-Marker-7781"
    post(client, "/check", {**ANSWERS, "name": marker, "signature_typed": marker})
    post(client, "/download", {**ANSWERS, "name": marker}, letter="objection")
    post(client, "/check", {**ANSWERS, "name": marker, "email": ""})
    assert marker not in caplog.text


def test_the_app_refuses_the_default_secret_in_production(monkeypatch):
    monkeypatch.delenv("OBJECTOR_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="OBJECTOR_SECRET_KEY"):
        create_app({"WARM_UP": False})


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("OBJECTOR_SECRET_KEY", "from-env")
    monkeypatch.setenv("OBJECTOR_RENDER_MAX_PAGES", "5")
    app = create_app({"WARM_UP": False})
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["RENDER_MAX_PAGES"] == 5


def test_states_and_their_countries_are_named_in_the_pages_language(client):
    html = client.get("/?lang=de").get_data(as_text=True)
    select = re.search(r'<select[^>]*id="subdivision".*?</select>', html, re.S)[0]
    groups = re.findall(r'<optgroup label="([^"]+)"', select)
    assert groups == sorted(groups, key=str.casefold)
    assert {"Deutschland", "Kanada", "Vereinigte Staaten"} <= set(groups)
    assert ">Kalifornien</option>" in select


def test_a_missing_land_names_the_country_in_the_pages_language(client):
    client.get("/?lang=de")
    response = post(client, "/check", country="DE")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(r"Deutschland[^<]*DE-BY", html)  # the error beside the field
    assert "Germany" not in html


def test_the_check_page_names_the_state_in_the_pages_language(client):
    client.get("/?lang=de")
    response = post(client, "/check", country="US", subdivision="US-CA", platform="google",
                    grounds=[])
    assert response.status_code == 200
    assert "<dd>Vereinigte Staaten – Kalifornien</dd>" in response.get_data(as_text=True)
