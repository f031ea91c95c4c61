"""Every jurisdiction × platform × letter kind renders, under its own law, to the right desk."""

from __future__ import annotations

import re

import pytest

from webapp.case import addressee, parse_case
from webapp.catalog import load_catalog
from webapp.letters.citations import cite
from webapp.letters.environment import translations

from .conftest import TODAY, make_case, pdf_text

CATALOG = load_catalog()
WORKSPACE_OWNER = {"name": "Example Employer Ltd", "address": ["1 Example Road", "Example City"],
                   "email": "privacy@example.com"}
COMBINATIONS = [
    pytest.param(code, sub, platform, kind, id=f"{sub or code}-{platform}-{kind}")
    for code, jurisdiction in sorted(CATALOG.jurisdictions.items())
    for sub in (sorted((jurisdiction.plain.get("subdivisions") or {}).get("names") or {})
                or [None])
    for platform in [*sorted(CATALOG.platforms), "other"]
    for kind in ("objection", "complaint")
    # objections do not depend on the Land or the province; US states each have their own law
    if kind == "complaint" or sub in (None, "DE-BY", "CA-QC") or code == "US"
    if sub is not None or not (jurisdiction.plain.get("subdivisions") or {}).get("required")
]
#: per family of law: the article the first letter rests on, and words of other laws it must
#: never use
PRIMARY = {"gdpr": "object", "ch-fadp": "object", "br-lgpd": "object", "us-state": "erasure",
           "ca-pipeda": "withdraw"}
GDPR_WORDS = ["GDPR", "DSGVO", "RGPD", "2016/679", "Article 21", "Art. 21", "Member State"]
FOREIGN = {"eu-gdpr": ["UK GDPR", "DPA 2018", "CCPA", "LGPD", "PIPEDA", "FADP"],
           "uk-gdpr": ["2016/679", "DSGVO", "RGPD", "CCPA", "LGPD", "PIPEDA"],
           "ch-fadp": GDPR_WORDS + ["CCPA", "LGPD", "PIPEDA"]}
FOREIGN_BY_FAMILY = {"us-state": GDPR_WORDS + ["LGPD", "PIPEDA", "FADP"],
                     "br-lgpd": GDPR_WORDS + ["CCPA", "PIPEDA", "FADP"],
                     "ca-pipeda": GDPR_WORDS + ["CCPA", "LGPD", "FADP"]}


@pytest.mark.parametrize(("country", "subdivision", "platform", "kind"), COMBINATIONS)
def test_every_combination_renders(pipeline, catalog, country, subdivision, platform, kind):
    changes = {"kind": kind, "country": country, "subdivision": subdivision,
               "platform": platform}
    if addressee(catalog, platform) != "platform":
        changes["organisation"] = WORKSPACE_OWNER
    case = parse_case(make_case(**changes), catalog, TODAY)
    route = pipeline.route(case)
    (letter,) = [lt for lt in route.letters if lt.kind == kind]
    text = re.sub(r"\s+", " ", pdf_text(pipeline.render(route, letter).pdf))  # no-break too
    assert route.controller.value["name"] in text
    if "organisation" in changes:
        assert route.controller.value["name"] == WORKSPACE_OWNER["name"]
    regulator = route.regulators[0]
    assert regulator.value("name", TODAY).split(" (")[0][:30] in text
    instruments = route.regime.value("instruments", TODAY)
    family = route.regime.plain.get("family", "gdpr")
    primary = route.article(PRIMARY[family]).value
    primary_cite = re.sub(r"\s+", " ", cite(primary, instruments, letter.language,
                                            translations(letter.language)))
    assert primary_cite in text, (primary_cite, letter.language)
    for foreign in FOREIGN.get(route.regime.id) or FOREIGN_BY_FAMILY[family]:
        assert foreign not in text, foreign
    assert "Member State" not in text  # neutral wording fits EEA States too
    if kind == "complaint":
        assert letter.language in letter.accepted_languages or any(
            "cannot yet write" in str(n) for n in route.notices)


def test_eea_states_are_not_eu_members(catalog):
    statuses = {code: j.plain.get("status") for code, j in catalog.jurisdictions.items()}
    assert {c for c, s in statuses.items() if s == "eea_state"} == {"NO", "IS", "LI"}
    assert sum(1 for s in statuses.values() if s == "eu_member") == 27
