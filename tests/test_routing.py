"""webapp.routing: regime, entity, regulators, deadlines and languages; pure Python."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from webapp.case import CaseError, parse_case
from webapp.catalog import FactSeries
from webapp.dates import add_months
from webapp.routing import route

from .conftest import make_case

LANGS = ("en", "de", "fr")


def routed(catalog, **changes):
    return route(parse_case(make_case(**changes), catalog), catalog, LANGS)


@pytest.mark.parametrize(("country", "subdivision", "platform", "regime", "entity", "regulator"), [
    ("GB", None, "linkedin", "uk-gdpr", "LinkedIn Corporation", "gb-ico"),
    ("GB", None, "meta", "uk-gdpr", "Meta Platforms, Inc.", "gb-ico"),
    ("IE", None, "meta", "eu-gdpr", "Meta Platforms Ireland Limited", "ie-dpc"),
    ("IE", None, "linkedin", "eu-gdpr", "LinkedIn Ireland Unlimited Company", "ie-dpc"),
    ("DE", "DE-BY", "linkedin", "eu-gdpr", "LinkedIn Ireland Unlimited Company", "de-by-baylda"),
    ("FR", None, "meta", "eu-gdpr", "Meta Platforms Ireland Limited", "fr-cnil"),
])
def test_route_finds_regime_entity_and_regulator(catalog, country, subdivision, platform,
                                                 regime, entity, regulator):
    r = routed(catalog, country=country, subdivision=subdivision, platform=platform)
    assert r.regime.id == regime
    assert r.controller.value["name"] == entity
    assert [reg.id for reg in r.regulators] == [regulator]
    assert r.lead_authority.id == "ie-dpc"


def test_uk_and_irish_residents_get_different_entities_and_laws(catalog):
    uk, ie = routed(catalog, country="GB"), routed(catalog, country="IE")
    assert uk.controller.value["name"] != ie.controller.value["name"]
    assert uk.regime.id != ie.regime.id


def test_meta_uk_entity_follows_the_case_date(catalog):
    before = routed(catalog, country="GB", platform="meta", date="2021-03-01")
    after = routed(catalog, country="GB", platform="meta", date="2026-11-30")
    assert before.controller.value["name"] == "Facebook Ireland Limited"
    assert after.controller.value["name"] == "Meta Platforms, Inc."


def test_uk_complaint_route_changes_on_19_june_2026(catalog):
    before = routed(catalog, country="GB", date="2026-06-18")
    after = routed(catalog, country="GB", date="2026-06-19")
    assert before.article("complaint").value["number"] == "77"
    assert before.article("complaint_to_controller") is None
    assert after.article("complaint").value == {**after.article("complaint").value,
                                                "instrument": "dpa2018", "number": "165"}
    assert after.article("complaint_to_controller").value["number"] == "164A"


def test_germany_needs_the_land(catalog):
    with pytest.raises(CaseError) as caught:
        routed(catalog, country="DE", subdivision=None)
    assert "subdivision" in caught.value.errors


def test_every_land_has_its_regulator(catalog):
    names = catalog.jurisdictions["DE"].plain["subdivisions"]["names"]
    assert len(names) == 16
    for land in names:
        (regulator,) = routed(catalog, kind="complaint", country="DE", subdivision=land).regulators
        assert regulator.id.startswith(land.lower() + "-")


def test_a_land_without_a_regulator_on_record_is_named(catalog):
    germany = catalog.jurisdictions["DE"]
    fact = germany.facts["regulators"].facts[0]
    value = {k: v for k, v in fact.value.items() if k != "DE-BE"}
    facts = {**germany.facts, "regulators": FactSeries((replace(fact, value=value),))}
    smaller = replace(catalog, jurisdictions={**catalog.jurisdictions,
                                              "DE": replace(germany, facts=facts)})
    with pytest.raises(CaseError) as caught:
        route(parse_case(make_case(country="DE", subdivision="DE-BE"), smaller), smaller, LANGS)
    assert "DE-BE" in caught.value.errors["subdivision"][0]


def test_objection_deadline_is_one_month_extendable_by_two(catalog):
    r = routed(catalog, country="IE", date="2026-01-31")
    assert r.deadlines["reply_due"] == dt.date(2026, 2, 28)
    assert r.deadlines["reply_due_extended"] == dt.date(2026, 4, 30)


def test_complaint_deadline_counts_from_the_objection(catalog):
    r = routed(catalog, kind="complaint", country="FR", platform="meta")
    assert r.deadlines["reply_due"] == dt.date(2026, 10, 1)
    assert r.notices == ()


def test_an_early_complaint_carries_a_notice(catalog):
    r = routed(catalog, kind="complaint", country="IE",
               history={"objection_sent": "2026-11-15", "channel": "form"})
    assert any("2026-12-15" in str(n) for n in r.notices)


def test_letter_languages_follow_the_recipient(catalog):
    assert routed(catalog, kind="complaint", country="FR").letters[0].language == "fr"
    assert routed(catalog, kind="complaint", country="DE",
                  subdivision="DE-BY").letters[0].language == "de"
    assert routed(catalog, kind="complaint", country="GB").letters[0].language == "en"
    assert routed(catalog, country="FR").letters[0].language == "en"  # to Dublin


def test_a_language_the_recipient_does_not_accept_is_refused(catalog):
    with pytest.raises(CaseError) as caught:
        routed(catalog, kind="complaint", country="FR", language="de")
    assert "CNIL" in caught.value.errors["language"][0]


@pytest.mark.parametrize(("start", "months", "end"), [
    ("2026-01-31", 1, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"),
    ("2026-12-15", 1, "2027-01-15"), ("2026-11-30", 3, "2027-02-28"),
    ("2026-03-31", 2, "2026-05-31"), ("2026-08-31", 1, "2026-09-30"),
])
def test_add_months(start, months, end):
    assert add_months(dt.date.fromisoformat(start), months) == dt.date.fromisoformat(end)


def test_the_icos_three_month_window_becomes_a_notice(catalog):
    late = routed(catalog, kind="complaint", country="GB",
                  history={"objection_sent": "2026-05-01", "channel": "post"})
    assert any("within 3 months" in str(n) and "2026-05-01" in str(n) for n in late.notices)
    in_time = routed(catalog, kind="complaint", country="GB")
    assert not any("within 3 months" in str(n) for n in in_time.notices)


def test_a_courtesy_translation_follows_in_the_persons_language(catalog):
    case = make_case(kind="complaint", country="FR")
    case["person"]["language"] = "de"
    letters = route(parse_case(case, catalog), catalog, LANGS).letters
    # the reminder goes to Dublin in English; each letter gets its German translation
    original, reminder, courtesy, reminder_de = letters
    assert (reminder.kind, reminder.language, reminder_de.courtesy_of) == ("reminder", "en", "en")
    assert (original.language, original.courtesy_of) == ("fr", None)
    assert (courtesy.language, courtesy.courtesy_of) == ("de", "fr")
    assert courtesy.slug == "complaint-fr-cnil-translation-de"
    case["person"]["language"] = "fr"  # the reminder to Dublin then gets a French translation
    kinds = [(lt.kind, lt.language) for lt in route(parse_case(case, catalog), catalog,
                                                    LANGS).letters]
    assert kinds == [("complaint", "fr"), ("reminder", "en"), ("reminder", "fr")]
