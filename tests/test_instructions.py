"""how-to-send.txt: where and how to send each letter, in the person's language."""

from __future__ import annotations

import re

import pytest

from webapp.case import parse_case
from webapp.letters.environment import translations
from webapp.resources import letter_languages

from .conftest import TODAY, make_case

REFUSED = {"objection_sent": "2026-09-01", "channel": "email", "reply": "refused",
           "reply_date": "2026-09-20"}
#: cases that, together, pass through every part of the template
CASES = {
    "objection-with-setting": make_case(country="IE", platform="linkedin"),
    "complaint-with-reminder": make_case(kind="complaint", country="FR", platform="meta"),
    "complaint-with-reply": make_case(kind="complaint", country="GB", platform="x",
                                      history=REFUSED),
    "us-appeal": make_case(kind="complaint", country="US", subdivision="US-CO",
                           platform="meta", history=REFUSED),
    "workspace": make_case(country="DE", subdivision="DE-BY", platform="slack",
                           organisation={"name": "Example GmbH", "address": ["Weg 1", "München"],
                                         "email": "privacy@example.com"}),
    "canada-notice": make_case(kind="complaint", country="CA", subdivision="CA-QC",
                               platform="reddit"),
}
#: the template's own sentences, as they start in English
ENGLISH = ["How to send your letters", "Send it by post to", "The letter stands on its own",
           "The answer is due by", "Send this reminder first", "Send this reply to the platform",
           "Send this appeal first", "accepts complaints through", "Languages it accepts",
           "Attach your first letter", "Facts we could not fully confirm", "Please note",
           "Why the letters go to the workspace", "What the owner can do", "Made by Objector on"]


def instructions(pipeline, catalog, data: dict, language: str | None) -> str:
    data = {**data, "person": {**data["person"], "language": language}}
    return pipeline.instructions(pipeline.route(parse_case(data, catalog, TODAY)))


@pytest.mark.parametrize("lang", [lang for lang in letter_languages() if lang != "en"])
def test_instructions_are_in_the_persons_language(pipeline, catalog, lang):
    gettext = translations(lang).gettext
    for name, data in CASES.items():
        text = instructions(pipeline, catalog, data, lang)
        assert text.startswith(gettext("How to send your letters") + "\n"), name
        for english in ENGLISH:
            if not gettext(english).startswith(english):  # a language may keep a word as is
                assert english not in text, (name, english)


def test_english_instructions_pass_through_every_part(pipeline, catalog):
    texts = {name: instructions(pipeline, catalog, data, "en") for name, data in CASES.items()}
    everything = "\n".join(texts.values())
    for english in ENGLISH:
        assert english in everything, english
    assert "Appeal to Meta Platforms, Inc." in texts["us-appeal"]
    assert "Example GmbH" in texts["workspace"]


def test_without_a_language_they_follow_the_first_letter(pipeline, catalog):
    data = make_case(kind="complaint", country="FR", platform="meta")
    data["person"].pop("language", None)
    text = pipeline.instructions(pipeline.route(parse_case(data, catalog, TODAY)))
    assert text.startswith(translations("fr").gettext("How to send your letters"))
    assert translations("fr").gettext("Send it by post to:") in text


def test_a_state_is_named_in_the_persons_language(pipeline, catalog):
    data = make_case(country="US", subdivision="US-CA", platform="google")
    text = instructions(pipeline, catalog, data, "de")
    assert "Kalifornien" in text
    assert "(Vereinigte Staaten, Kalifornien)" in text


@pytest.mark.parametrize("lang", ["en", "de", "fi", "el"])
def test_lines_are_wrapped_but_addresses_stay_whole(pipeline, catalog, lang):
    for name, data in CASES.items():
        text = instructions(pipeline, catalog, data, lang)
        for line in text.splitlines():
            # a line may run long only where one word (a web address) cannot be broken
            if len(line) > 95:
                assert len(line.split()) == 1 or re.search(r"\S{40,}", line), (name, line)
        assert "https://www.cnil.fr/fr/plaintes" in instructions(
            pipeline, catalog, CASES["complaint-with-reminder"], lang)


def test_languages_are_named_not_coded(pipeline, catalog):
    text = instructions(pipeline, catalog, CASES["complaint-with-reminder"], "de")
    assert "Französisch" in text  # the CNIL takes complaints in French
    english = instructions(pipeline, catalog, CASES["complaint-with-reply"], "en")
    assert "English, Welsh" in english  # the ICO's


def test_notices_name_the_country_in_the_persons_language(pipeline, catalog):
    early = {"objection_sent": "2026-05-01", "channel": "post"}  # before 19 June 2026
    data = make_case(kind="complaint", country="GB", platform="x", history=early)
    text = instructions(pipeline, catalog, data, "de")
    heading = translations("de").gettext("Please note")
    notes = " ".join(text.split(heading + "\n")[1].split("\n\n")[0].split())
    assert "2026-06-19" in notes  # the notice on complaints to the organisation
    assert "Vereinigtes Königreich" in notes
    assert "United Kingdom" not in notes
