"""webapp.catalog: every record validates; broken records are refused naming file and field."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from webapp.catalog import CatalogError, load_catalog
from webapp.catalog.loader import DATA_DIR

from .conftest import TODAY

ALL_FACTS = [
    pytest.param(record, name, fact, id=f"{record.path}:{name}:{i}")
    for record in load_catalog().all_records()
    for name, series in record.facts.items()
    for i, fact in enumerate(series.facts)
]


@pytest.mark.parametrize(("record", "name", "fact"), ALL_FACTS)
def test_every_fact_has_a_source_and_a_date(record, name, fact):
    assert fact.source.startswith("https://") or fact.source.startswith("http://")
    assert dt.date(2018, 1, 1) <= fact.checked <= TODAY + dt.timedelta(days=3650)
    assert fact.value is not None or fact.unconfirmed or fact.note, (
        f"{record.path}: {name} has no value and says nothing about why")


def test_the_foundation_coverage_is_there(catalog):
    assert {"GB", "IE", "DE", "FR"} <= set(catalog.jurisdictions)
    assert {"linkedin", "meta"} <= set(catalog.platforms)
    assert {"gb-ico", "ie-dpc", "de-by-baylda", "fr-cnil"} <= set(catalog.regulators)


def test_articles_name_known_instruments(catalog):
    for regime in catalog.regimes.values():
        for series_name in regime.names_under("articles"):
            for fact in regime.facts[f"articles.{series_name}"].facts:
                instruments = regime.value("instruments", fact.valid_from or TODAY)
                for ref in [fact.value, *fact.value.get("also", [])]:
                    assert ref["instrument"] in instruments, (regime.path, series_name)
                    assert ref["kind"] in ("article", "section")
                assert fact.value["title"]["en"]


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


CASES = [
    ("regulators/gb-ico.yaml", "email:\n  value: x@example.org\n  checked: 2026-11-30\n",
     "email", "a fact needs a source"),
    ("regulators/gb-ico.yaml", "email:\n  value: x@example.org\n  source: https://e.org\n",
     "email", "checked"),
    ("regulators/gb-ico.yaml",
     "email:\n  value: x\n  source: ftp://e.org\n  checked: 2026-11-30\n",
     "email", "http(s) URL"),
    ("regulators/gb-ico.yaml",
     "email:\n"
     "  - {value: a, source: 'https://e.org', checked: 2026-11-30, valid_until: 2026-06-30}\n"
     "  - {value: b, source: 'https://e.org', checked: 2026-11-30, valid_from: 2026-06-01}\n",
     "email", "overlap"),
    ("regulators/gb-ico.yaml", "email: plain@example.org\n", "email",
     "must be a fact"),
]


@pytest.mark.parametrize(("file", "replacement", "field", "message"), CASES)
def test_a_broken_fact_is_refused_naming_file_and_field(tmp_path, file, replacement, field,
                                                        message):
    data = _copy_data(tmp_path)
    path = data / file
    text = path.read_text(encoding="utf-8")
    head, _, tail = text.partition("\nemail:")
    rest = tail.split("\n\n", 1)[1] if "\n\n" in tail else ""
    path.write_text(head + "\n" + replacement + "\n" + rest, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(data)
    found = [p for p in caught.value.problems if p.path == file and p.field.startswith(field)]
    assert found, caught.value.problems
    assert message in found[0].message, found


def test_a_dangling_reference_is_refused(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "jurisdictions/fr.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("fr-cnil", "fr-nobody"),
                    encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(data)
    assert any("fr-nobody" in p.message and p.path == "jurisdictions/fr.yaml"
               for p in caught.value.problems)


def test_a_platform_missing_a_region_is_refused(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "jurisdictions/fr.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("region: eea", "region: mars"),
                    encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(data)
    assert any(p.field == "controllers.mars" for p in caught.value.problems)
