"""Golden cases beyond Europe: each law's own rights, citations, addressees and regulators."""

from __future__ import annotations

import re

import pytest

from webapp.case import CaseError, parse_case

from .conftest import TODAY, make_case, pdf_text

OWNER = {"name": "Acme Widgets GmbH", "address": ["Beispielstraße 1", "10115 Berlin"],
         "email": "datenschutz@acme.example"}
REFUSED = {"objection_sent": "2026-09-01", "channel": "email", "reply": "refused",
           "reply_date": "2026-10-01"}


def render(pipeline, catalog, **changes):
    case = parse_case(make_case(**changes), catalog, TODAY)
    route = pipeline.route(case)
    texts = {f"{lt.kind}:{lt.language}" + (":courtesy" if lt.courtesy_of else ""):
             re.sub(r"\s+", " ", pdf_text(pipeline.render(route, lt).pdf))
             for lt in route.letters}
    return route, texts


def test_a_californian_letter_uses_the_ccpa_and_cites_no_gdpr_article(pipeline, catalog):
    route, texts = render(pipeline, catalog, country="US", subdivision="US-CA",
                          platform="linkedin", grounds=[], grounds_text="")
    assert route.regime.id == "us-ca-ccpa"
    assert route.controller.value["name"] == "LinkedIn Corporation"
    text = texts["objection:en"]
    for wanted in ("Cal. Civ. Code § 1798.105", "Cal. Civ. Code § 1798.120",
                   "Cal. Civ. Code § 1798.121", "California", "45 days",
                   "do not ask you to close my account", "publicly available"):
        assert wanted in text, wanted
    for foreign in ("GDPR", "Article", "Art. ", "legitimate", "Member State", "supervisory"):
        assert foreign not in text, foreign
    assert "14 January 2027" in text
    assert "28 February 2027" in text


def test_a_californian_complaint_goes_to_the_cppa(pipeline, catalog):
    route, texts = render(pipeline, catalog, kind="complaint", country="US", subdivision="US-CA",
                          platform="meta", history=REFUSED)
    assert [r.id for r in route.regulators] == ["us-ca-cppa"]
    assert route.lead_authority is None  # no one-stop shop outside the GDPR
    assert "complaint:en" in texts
    assert "reply:en" not in texts
    assert "Cal. Civ. Code § 1798.199.45" in texts["complaint:en"]
    assert "GDPR" not in texts["complaint:en"]


def test_a_colorado_refusal_brings_the_appeal_the_law_requires(pipeline, catalog):
    route, texts = render(pipeline, catalog, kind="complaint", country="US", subdivision="US-CO",
                          platform="meta", history=REFUSED)
    assert route.regime.id == "us-co-cpa"
    assert [r.id for r in route.regulators] == ["us-co-ag"]
    appeal = texts["reply:en"]
    assert "C.R.S. § 6-1-1306(3)" in appeal
    days = route.regime.value("deadlines.appeal", TODAY)["days"]
    assert f"within {days} days" in appeal
    assert "Attorney General" in appeal
    assert "C.R.S." in texts["complaint:en"]
    assert "GDPR" not in texts["complaint:en"]


@pytest.mark.parametrize(("sub", "regime", "statute"), [
    ("US-VA", "us-va-vcdpa", "59.1-"), ("US-CT", "us-ct-ctdpa", "42-5"),
    ("US-TX", "us-tx-tdpsa", "541."), ("US-OR", "us-or-ocpa", "646A.")])
def test_each_state_writes_under_its_own_statute(pipeline, catalog, sub, regime, statute):
    route, texts = render(pipeline, catalog, country="US", subdivision=sub, platform="x",
                          grounds=[], grounds_text="")
    assert route.regime.id == regime
    text = texts["objection:en"]
    assert statute in text
    assert "targeted advertising" in text
    assert "profiling" in text
    assert "1798." not in text
    assert "GDPR" not in text


def test_a_us_resident_must_name_the_state(catalog):
    with pytest.raises(CaseError) as info:
        parse_case(make_case(country="US", platform="x"), catalog, TODAY)
    assert "subdivision" in info.value.errors


def test_a_brazilian_petition_goes_to_the_anpd_in_portuguese(pipeline, catalog):
    route, texts = render(pipeline, catalog, kind="complaint", country="BR", platform="meta",
                          history=REFUSED, person=dict(make_case()["person"], language="pt-BR"))
    assert [r.id for r in route.regulators] == ["br-anpd"]
    petition = texts["complaint:pt-BR"]
    assert "LGPD" in petition
    assert "art. 18" in petition
    assert "GDPR" not in petition
    assert "RGPD" not in petition
    objection_cite = route.article("object").value
    assert objection_cite["number"] == "18"


def test_a_brazilian_objection_opposes_under_article_18(pipeline, catalog):
    _, texts = render(pipeline, catalog, country="BR", platform="tiktok")
    text = next(t for k, t in texts.items() if k.startswith("objection:"))
    assert "18" in text
    assert "LGPD" in text
    assert "GDPR" not in text


def test_a_canadian_withdraws_consent_under_pipeda(pipeline, catalog):
    route, texts = render(pipeline, catalog, country="CA", platform="meta",
                          grounds=[], grounds_text="")
    assert route.regime.id == "ca-pipeda"
    text = texts["objection:en"]
    assert "PIPEDA" in text
    assert "4.3.8" in text
    assert "GDPR" not in text
    assert "30 days" in text


def test_a_quebec_resident_is_told_about_the_provincial_law(pipeline, catalog):
    route, _ = render(pipeline, catalog, country="CA", subdivision="CA-QC", platform="meta")
    notices = " ".join(str(n) for n in route.notices)
    assert "Quebec" in notices
    assert "Commission d" in notices
    route, _ = render(pipeline, catalog, country="CA", subdivision="CA-ON", platform="meta")
    assert not any("Quebec" in str(n) for n in route.notices)


def test_a_canadian_complaint_in_french_goes_to_the_opc(pipeline, catalog):
    route, texts = render(pipeline, catalog, kind="complaint", country="CA", platform="linkedin",
                          history=REFUSED, language="fr")
    assert [r.id for r in route.regulators] == ["ca-opc"]
    assert "LPRPDE" in texts["complaint:fr"]


def test_any_other_organisation_gets_the_law_of_the_residence(pipeline, catalog):
    route, texts = render(pipeline, catalog, platform="other", country="DE",
                          subdivision="DE-BE", organisation=OWNER)
    assert route.controller.value["name"] == OWNER["name"]
    assert route.lead_authority is None
    letter = texts["objection:de"]  # the place's language: the organisation is German
    assert "Acme Widgets GmbH" in letter
    assert "Art. 21 Abs. 1 DSGVO" in letter
    assert any("Acme Widgets GmbH" in str(n) for n in route.notices)
    assert route.controller.unconfirmed  # listed among the facts to check


def test_a_workspace_tool_writes_to_the_workspace_owner(pipeline, catalog):
    route, texts = render(pipeline, catalog, platform="slack", country="IE", organisation=OWNER)
    assert route.controller.value["name"] == OWNER["name"]
    text = texts["objection:en"]
    assert "Slack" in text
    assert "on your behalf" in text
    assert "Acme Widgets GmbH" in text


@pytest.mark.parametrize("platform", ["slack", "zoom", "other"])
def test_the_organisation_is_required_where_the_letters_go_to_it(catalog, platform):
    with pytest.raises(CaseError) as info:
        parse_case(make_case(platform=platform), catalog, TODAY)
    assert "organisation" in info.value.errors


def test_an_organisation_is_refused_for_a_platform_in_the_catalog(catalog):
    with pytest.raises(CaseError) as info:
        parse_case(make_case(platform="meta", organisation=OWNER), catalog, TODAY)
    assert "organisation" in info.value.errors


def test_a_platform_that_shares_content_is_described_so(pipeline, catalog):
    _, texts = render(pipeline, catalog, platform="reddit", country="IE")
    assert "available to third parties who use it to train" in texts["objection:en"]


def test_grounds_are_optional_outside_the_gdpr_only(catalog):
    parse_case(make_case(country="US", subdivision="US-TX", platform="x", grounds=[],
                         grounds_text=""), catalog, TODAY)
    with pytest.raises(CaseError) as info:
        parse_case(make_case(country="IE", platform="x", grounds=[], grounds_text=""),
                   catalog, TODAY)
    assert "grounds" in info.value.errors


def test_every_regime_has_a_template_for_each_letter_it_lists(catalog):
    from webapp.letters.environment import letter_environment
    from webapp.letters.pipeline import template_name

    env = letter_environment("en")
    for regime in catalog.regimes.values():
        for kind in regime.plain["letters"]:
            env.get_template(template_name(regime, kind))


def test_the_catalog_lists_forty_jurisdictions_and_fifteen_platforms(catalog):
    assert len(catalog.places(TODAY)) >= 40
    assert len(catalog.platforms) >= 15


def test_every_state_with_its_own_law_has_a_translatable_name(catalog):
    from webapp.letters.compose import PLACE_NAMES

    for rec in catalog.jurisdictions.values():
        regime = rec.value("regime", TODAY)
        if isinstance(regime, dict):
            names = rec.plain["subdivisions"]["names"]
            assert {names[code] for code in regime} <= set(PLACE_NAMES)
