"""Every jurisdiction × platform × letter kind renders, under its own law, to the right desk."""

from __future__ import annotations

import re

import pytest

from webapp.case import parse_case
from webapp.catalog import load_catalog
from webapp.letters.citations import cite
from webapp.letters.environment import translations

from .conftest import TODAY, make_case, pdf_text

CATALOG = load_catalog()
COMBINATIONS = [
    pytest.param(code, sub, platform, kind, id=f"{sub or code}-{platform}-{kind}")
    for code, jurisdiction in sorted(CATALOG.jurisdictions.items())
    for sub in (sorted((jurisdiction.plain.get("subdivisions") or {}).get("names") or {})
                or [None])
    for platform in sorted(CATALOG.platforms)
    for kind in ("objection", "complaint")
    if kind == "complaint" or sub in (None, "DE-BY")  # objections do not depend on the Land
]
FOREIGN = {"eu-gdpr": ["UK GDPR", "DPA 2018"], "uk-gdpr": ["2016/679", "DSGVO", "RGPD"],
           "ch-fadp": ["GDPR", "DSGVO", "RGPD", "2016/679", "Article 21", "Art. 21"]}


@pytest.mark.parametrize(("country", "subdivision", "platform", "kind"), COMBINATIONS)
def test_every_combination_renders(pipeline, catalog, country, subdivision, platform, kind):
    case = parse_case(make_case(kind=kind, country=country, subdivision=subdivision,
                                platform=platform), catalog, TODAY)
    route = pipeline.route(case)
    (letter,) = [lt for lt in route.letters if lt.kind == kind]
    text = re.sub(r"\s+", " ", pdf_text(pipeline.render(route, letter).pdf))  # no-break too
    assert route.controller.value["name"] in text
    regulator = route.regulators[0]
    assert regulator.value("name", TODAY).split(" (")[0][:30] in text
    instruments = route.regime.value("instruments", TODAY)
    object_cite = re.sub(r"\s+", " ", cite(route.article("object").value, instruments,
                                          letter.language, translations(letter.language)))
    assert object_cite in text, (object_cite, letter.language)
    for foreign in FOREIGN[route.regime.id]:
        assert foreign not in text
    assert "Member State" not in text  # neutral wording fits EEA States too
    if kind == "complaint":
        assert letter.language in letter.accepted_languages or any(
            "cannot yet write" in str(n) for n in route.notices)


def test_eea_states_are_not_eu_members(catalog):
    statuses = {code: j.plain.get("status") for code, j in catalog.jurisdictions.items()}
    assert {c for c, s in statuses.items() if s == "eea_state"} == {"NO", "IS", "LI"}
    assert sum(1 for s in statuses.values() if s == "eu_member") == 27
