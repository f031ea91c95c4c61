"""translations/: compiled, complete, and every placeholder kept."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from webapp.resources import TRANSLATIONS

PO_FILES = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def load(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parts[-3])
def test_placeholders_are_kept_and_nothing_is_fuzzy(po):
    for message in load(po):
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            if string:
                assert set(PLACEHOLDER.findall(string)) == wanted, (message.id, string)


def _messages(catalog) -> dict:
    def key(value):
        return value if isinstance(value, str) else tuple(value)

    return {key(m.id): key(m.string) for m in catalog if m.id}


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parts[-3])
def test_compiled_catalog_is_up_to_date(po):
    buffer = io.BytesIO()
    write_mo(buffer, load(po))
    with (po.parent / "messages.mo").open("rb") as handle:
        shipped = _messages(read_mo(handle))
    buffer.seek(0)
    fresh = _messages(read_mo(buffer))
    assert shipped == fresh, "run pybabel compile -d translations"


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parts[-3])
def test_every_message_is_translated(po):
    untranslated = [m.id for m in load(po) if m.id and not all(
        m.string if isinstance(m.string, tuple) else (m.string,))]
    assert not untranslated, f"{po.parts[-3]}: {untranslated}"


def test_messages_pot_is_up_to_date(tmp_path):
    root = TRANSLATIONS.parent
    fresh = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract",
                    "-F", "babel.cfg", "-k", "N_", "-k", "NP_:1c,2", "-k", "_l",
                    "-k", "lazy_gettext",
                    "--no-location", "--sort-output", "--omit-header", "-o", str(fresh), "."],
                   cwd=root, check=True, capture_output=True)
    shipped = {m.id for m in load(TRANSLATIONS / "messages.pot") if m.id}
    assert {m.id for m in load(fresh) if m.id} == shipped, "messages.pot is stale: re-extract"
    for po in PO_FILES:
        assert {m.id for m in load(po) if m.id} == shipped, f"{po}: run pybabel update"


LANGUAGES = [p.parts[-3] for p in PO_FILES]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_letter_renders_in_every_language_and_reads_back_in_it(lang, pipeline, catalog):
    from dataclasses import replace

    from webapp.case import parse_case
    from webapp.letters.environment import translations

    from .conftest import TODAY, make_case, pdf_text

    code = lang.replace("_", "-")
    t = translations(code)
    for kind in ("objection", "complaint"):
        case = parse_case(make_case(kind=kind, country="IE", platform="meta"), catalog, TODAY)
        route = pipeline.route(case)
        letter = replace(route.letters[0], language=code)
        text = " ".join(pdf_text(pipeline.render(route, letter).pdf).split())
        heading = {"objection": "Your deadline", "complaint": "What I ask you to do"}[kind]
        for english in (heading, "Yours faithfully,"):
            translated = " ".join(t.gettext(english).split())
            assert translated in text, (lang, kind, translated)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_of_the_form_is_in_the_locale(lang, app):
    catalog = load(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po")
    code = lang.replace("_", "-")
    client = app.test_client()
    client.get(f"/?lang={code}")  # the cookie keeps the choice
    app.config["WTF_CSRF_ENABLED"] = False
    good = {"platform": "linkedin", "country": "FR", "name": "Ann Example",
            "address": "1 rue X\nParis", "email": "ann@example.org", "grounds": "own_work",
            "stage": "refused", "objection_sent": "2026-09-01", "channel": "email",
            "reply_date": "2026-10-01", "signature_mode": "typed"}
    pages = [client.get("/").get_data(as_text=True),
             client.post("/check", data={"stage": "none"}).get_data(as_text=True),
             client.post("/check", data=good).get_data(as_text=True),
             client.get("/nowhere").get_data(as_text=True)]
    english = [m.id for m in catalog if isinstance(m.id, str) and m.string and m.string != m.id
               and len(m.id) > 12 and "%" not in m.id and m.context is None]
    for page in pages:
        # the letters themselves are in their recipients' languages
        page = re.sub(r"<!-- letter -->.*?<!-- /letter -->", " ", page, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", page)
        for message in english:
            assert message not in text, (lang, message)
