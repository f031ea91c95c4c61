"""webapp.letters: every letter renders for real, and the PDF says the right things."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from webapp.case import parse_case
from webapp.letters import letter_environment
from webapp.letters.compose import long_date
from webapp.resources import LETTER_TEMPLATES, letter_languages

from .conftest import TODAY, make_case, pdf_text

SCENARIOS = [
    # country, subdivision, platform, entity, its address (a line), regulator name (a word)
    ("GB", None, "linkedin", "LinkedIn Corporation", "1000 W Maude Avenue", "Information"),
    ("GB", None, "meta", "Meta Platforms, Inc.", "1 Meta Way", "Information"),
    ("IE", None, "meta", "Meta Platforms Ireland Limited", "Merrion Road", "Data Protection"),
    ("DE", "DE-BY", "linkedin", "LinkedIn Ireland Unlimited Company", "Wilton Plaza",
     "Bayerisches"),
    ("FR", None, "meta", "Meta Platforms Ireland Limited", "Merrion Road", "CNIL"),
]
CITES = {
    # regime: (what must appear, what must never appear), per letter language
    ("uk-gdpr", "en"): (["Article 21(1) UK GDPR", "Article 18(1)(d) UK GDPR",
                         "Article 17(1)(c) UK GDPR", "Article 15 UK GDPR", "Article 12(3)"],
                        ["2016/679", "DSGVO", "RGPD", "Article 56"]),
    ("eu-gdpr", "en"): (["Article 21(1) GDPR", "Article 18(1)(d) GDPR", "Article 17(1)(c) GDPR",
                         "Article 15 GDPR", "Article 12(3) GDPR"], ["UK GDPR", "DPA 2018"]),
    ("eu-gdpr", "de"): (["Art. 21 Abs. 1 DSGVO", "Art. 18 Abs. 1 lit. d DSGVO",
                         "Art. 17 Abs. 1 lit. c DSGVO", "Art. 15 DSGVO"], ["UK GDPR", "RGPD"]),
    ("eu-gdpr", "fr"): (["article 21, paragraphe 1, du RGPD", "article 15 du RGPD"],
                        ["UK GDPR", "DSGVO"]),
}


def rendered(pipeline, catalog, **changes):
    """Render the case's letters of its own kind (a complaint also yields a follow-up)."""
    case = parse_case(make_case(**changes), catalog, TODAY)
    route = pipeline.route(case)
    letters = [pipeline.render(route, letter) for letter in route.letters
               if letter.kind == case.kind]
    return route, letters


@pytest.mark.parametrize("kind", ["objection", "complaint"])
@pytest.mark.parametrize(("country", "subdivision", "platform", "entity", "address", "regulator"),
                         SCENARIOS)
def test_letter_says_who_what_and_under_which_law(pipeline, catalog, kind, country, subdivision,
                                                   platform, entity, address, regulator):
    route, letters = rendered(pipeline, catalog, kind=kind, country=country,
                              subdivision=subdivision, platform=platform)
    assert len(letters) == 1
    letter = letters[0]
    text = pdf_text(letter.pdf)
    assert entity in text
    assert "Jane O'Brien" in text
    assert "jane@example.org" in text
    date = {"en": "30 November 2026", "de": "30. November 2026", "fr": "30 novembre 2026"}
    assert date[letter.letter.language] in text
    must, never = CITES[(route.regime.id, letter.letter.language)]
    squeezed = re.sub(r"\s+", " ", text)
    for cite in must:
        if kind == "complaint" and cite.startswith(("Article 17", "Art. 17", "article 17")):
            continue  # erasure is asked for, and cited, in the objection only... and section 5
        assert cite in squeezed, (cite, squeezed[:3000])
    for cite in never:
        assert cite not in squeezed, cite
    if kind == "objection":
        assert address in text  # the controller is the addressee
        assert regulator in text  # whom the person will complain to
    else:
        assert regulator in text  # the regulator is the addressee
        assert address in text  # the controller's address is in the complaint


def test_uk_letter_on_or_after_19_june_2026_cites_section_164a_and_165(pipeline, catalog):
    _, (objection,) = rendered(pipeline, catalog, country="GB", date="2026-11-30")
    text = pdf_text(objection.pdf)
    assert "section 164A DPA 2018" in text
    assert "section 165 DPA 2018" in text
    assert "Article 77" not in text
    assert "Article 12(3) UK GDPR and Article 12A UK GDPR" in text
    _, (older,) = rendered(pipeline, catalog, country="GB", date="2026-01-15")
    text = pdf_text(older.pdf)
    assert "164A" not in text
    assert "Article 77 UK GDPR" in text
    assert "12A" not in text


def test_eu_complaint_names_the_lead_authority_when_it_is_not_the_recipient(pipeline, catalog):
    _, (to_cnil,) = rendered(pipeline, catalog, kind="complaint", country="FR", platform="meta")
    assert "Data Protection Commission" in pdf_text(to_cnil.pdf)
    assert "article 56" in pdf_text(to_cnil.pdf)
    _, (to_dpc,) = rendered(pipeline, catalog, kind="complaint", country="IE", platform="meta")
    assert "Article 56" not in pdf_text(to_dpc.pdf)


def test_overdue_complaint_says_the_deadline_passed(pipeline, catalog):
    _, (letter,) = rendered(pipeline, catalog, kind="complaint", country="IE")
    assert "ended on 1 October 2026" in pdf_text(letter.pdf)


def test_input_never_becomes_markup(pipeline, catalog):
    case = parse_case(make_case(person={"name": "<b>Eve</b> & <script>x</script>",
                                        "address": ["<i>1</i> Road"], "email": "e@x.org"}),
                      catalog, TODAY)
    route = pipeline.route(case)
    html = pipeline.html(route, route.letters[0])
    assert "<b>Eve</b>" not in html
    assert "&lt;b&gt;Eve&lt;/b&gt;" in html
    assert "<script>" not in html
    text = pdf_text(pipeline.render(route, route.letters[0]).pdf)
    assert "<b>Eve</b> & <script>x</script>" in text


def test_the_setting_and_the_form_are_named(pipeline, catalog):
    _, (linkedin,) = rendered(pipeline, catalog, country="IE")
    assert "Data for Generative AI Improvement" in pdf_text(linkedin.pdf)
    _, (meta,) = rendered(pipeline, catalog, country="IE", platform="meta")
    assert "Object to your information being used for AI at Meta" in pdf_text(meta.pdf)


TEMPLATES = sorted(p.relative_to(LETTER_TEMPLATES).as_posix()
                   for p in LETTER_TEMPLATES.rglob("*") if p.suffix in (".html", ".txt"))


@pytest.mark.parametrize("lang", letter_languages())
@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_compiles_in_every_language(name, lang):
    assert letter_environment(lang).get_template(name)


def test_instructions_say_where_to_send(pipeline, catalog):
    case = parse_case(make_case(kind="complaint", country="FR", platform="meta"), catalog, TODAY)
    text = pipeline.instructions(pipeline.route(case))
    assert "TSA 80715" in text
    assert "https://www.cnil.fr/fr/plaintes" in text
    assert "2026-10-01" in text


def test_uk_complaint_says_the_controller_was_approached_first(pipeline, catalog):
    _, (after,) = rendered(pipeline, catalog, kind="complaint", country="GB",
                           history={"objection_sent": "2026-09-01", "channel": "post"})
    assert "opportunity to respond (section 164A DPA 2018)" in pdf_text(after.pdf)
    route, (before,) = rendered(pipeline, catalog, kind="complaint", country="GB",
                                history={"objection_sent": "2026-05-01", "channel": "post"})
    assert "164A" not in pdf_text(before.pdf)
    assert any("2026-06-19" in str(notice) for notice in route.notices)


def test_a_courtesy_translation_is_marked_and_shares_the_reference(pipeline, catalog):
    case = make_case(kind="complaint", country="FR", platform="meta")
    case["person"]["language"] = "de"
    route, (original, courtesy) = rendered(pipeline, catalog, **case)
    original_text, courtesy_text = pdf_text(original.pdf), pdf_text(courtesy.pdf)
    assert "article 77, paragraphe 1, du RGPD" in original_text
    assert "Art. 77 Abs. 1 DSGVO" in courtesy_text
    assert "Deutsch" in courtesy_text
    assert "Französisch" in courtesy_text
    reference = re.search(r"CMP-META-\d{8}-[0-9A-F]{6}", original_text)[0]
    assert reference in courtesy_text
    assert courtesy.filename.startswith("complaint-fr-cnil-translation-de-meta-")


def test_a_zurich_resident_writes_under_swiss_law_in_german_or_french(pipeline, catalog):
    route, (report,) = rendered(pipeline, catalog, kind="complaint", country="CH")
    assert route.regime.id == "ch-fadp"
    assert route.regulators[0].id == "ch-fdpic"
    assert report.letter.language == "de"
    text = pdf_text(report.pdf)
    assert "DSG" in text
    assert "DSGVO" not in text
    _, (in_french,) = rendered(pipeline, catalog, kind="complaint", country="CH", language="fr")
    assert "LPD" in pdf_text(in_french.pdf)
    _, (objection,) = rendered(pipeline, catalog, country="CH")
    assert "FADP" in pdf_text(objection.pdf)
    assert "GDPR" not in pdf_text(objection.pdf)



@pytest.mark.parametrize(("lang", "written"), [
    ("fr", "1er décembre 2026"), ("it", "1º dicembre 2026"), ("pt-BR", "1º de dezembro de 2026"),
    ("pt", "1 de dezembro de 2026"), ("de", "1. Dezember 2026"), ("en", "1 December 2026")])
def test_the_first_of_the_month_is_written_as_each_language_does(lang, written):
    assert long_date(dt.date(2026, 12, 1), lang) == written
    assert long_date(dt.date(2026, 12, 2), lang).startswith("2")


def test_a_letter_dated_the_first_says_so_in_its_language(pipeline, catalog):
    case = parse_case(make_case(kind="complaint", country="FR", platform="meta",
                                date="2026-12-01"), catalog, dt.date(2026, 12, 1))
    route = pipeline.route(case)
    complaint = next(lt for lt in route.letters if lt.kind == "complaint")
    assert "1er décembre 2026" in pdf_text(pipeline.render(route, complaint).pdf)
