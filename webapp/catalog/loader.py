"""Load the catalog's YAML files and refuse any fact without its source and date."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .model import Catalog, Fact, FactSeries, Record

DATA_DIR = Path(__file__).parent / "data"

#: per kind: folder, the plain (non-fact) keys, the facts every record must have,
#: and the fact groups (name -> {key: fact}) every record must have.
KINDS: dict[str, dict[str, Any]] = {
    "regime": {
        "folder": "regimes", "plain": {"id", "letters", "family"},
        "facts": {"name", "instruments"},
        # the articles every regime needs; its family (FAMILIES) adds its own
        "groups": {"articles": {"access", "time_limit", "complaint"},
                   "deadlines": {"reply"}},
    },
    "jurisdiction": {
        "folder": "jurisdictions",
        "plain": {"country", "name", "region", "subdivisions", "status"},
        "facts": {"regime", "regulators"}, "groups": {},
    },
    "regulator": {
        "folder": "regulators", "plain": {"id", "country"},
        "facts": {"name", "short_name", "address", "languages", "channels", "requirements"},
        "groups": {},
    },
    "platform": {
        "folder": "platforms", "plain": {"id", "name", "services", "role"},
        "facts": {"lead_authority"},
        "groups": {"controllers": set(), "ai_training": set(), "objection_route": set()},
    },
}
#: families of law: the letter templates written for each (letter_templates/<kind>/<family>.html,
#: `letter.html` for the GDPR) and the articles those templates need from a regime
FAMILIES: dict[str, set[str]] = {
    "gdpr": {"object", "erasure", "access", "time_limit", "complaint"},
    "ch-fadp": {"object", "justification", "erasure", "access", "time_limit", "complaint"},
    "us-state": {"access", "erasure", "opt_out", "public_exclusion", "time_limit",
                 "complaint"},
    "br-lgpd": {"object", "erasure", "access", "time_limit", "complaint", "precondition"},
    "ca-pipeda": {"withdraw", "limiting_use", "access", "time_limit", "complaint"},
}
FACT_KEYS = {"value", "source", "checked", "valid_from", "valid_until", "note", "unconfirmed"}


@dataclass(frozen=True)
class Problem:
    """A catalog error: the file, the field and what is wrong."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


class CatalogError(Exception):
    """The catalog does not validate; `problems` lists every error found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _is_fact(node: Any) -> bool:
    if isinstance(node, dict):
        return "value" in node
    return isinstance(node, list) and bool(node) and all(
        isinstance(item, dict) and "value" in item for item in node)


def _date(node: Any) -> dt.date | None:
    if node is None or (isinstance(node, dt.date) and not isinstance(node, dt.datetime)):
        return node
    if isinstance(node, str):
        return dt.date.fromisoformat(node)
    raise ValueError(f"not a date: {node!r}")


def _fact(node: dict, where: str, problems: list[Problem], path: str) -> Fact | None:
    before = len(problems)
    for key in sorted(set(node) - FACT_KEYS):
        problems.append(Problem(path, where, f"unknown key {key!r} in a fact"))
    source = node.get("source")
    if not source:
        problems.append(Problem(path, where, "a fact needs a source (URL)"))
    elif not isinstance(source, str) or not source.startswith(("https://", "http://")):
        problems.append(Problem(path, where, f"source must be an http(s) URL, not {source!r}"))
    dates = {}
    for key in ("checked", "valid_from", "valid_until"):
        try:
            dates[key] = _date(node.get(key))
        except ValueError as exc:
            problems.append(Problem(path, f"{where}.{key}", str(exc)))
    if node.get("checked") is None:
        problems.append(Problem(path, where, "a fact needs the date it was checked (checked)"))
    if dates.get("valid_from") and dates.get("valid_until") and (
            dates["valid_from"] > dates["valid_until"]):
        problems.append(Problem(path, where, "valid_from is after valid_until"))
    if len(problems) > before:
        return None
    return Fact(value=node["value"], source=source, checked=dates["checked"],
                valid_from=dates["valid_from"], valid_until=dates["valid_until"],
                note=node.get("note"), unconfirmed=node.get("unconfirmed"))


def _series(node: Any, where: str, problems: list[Problem], path: str) -> FactSeries | None:
    items = node if isinstance(node, list) else [node]
    facts = [_fact(item, f"{where}[{i}]" if isinstance(node, list) else where, problems, path)
             for i, item in enumerate(items)]
    if any(f is None for f in facts):
        return None
    lo, hi = dt.date.min, dt.date.max
    spans = sorted((f.valid_from or lo, f.valid_until or hi) for f in facts)
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        if start <= end:
            problems.append(Problem(path, where, "versions of this fact overlap in time"))
            break
    return FactSeries(tuple(facts))


def parse_record(kind: str, data: Any, path: str, problems: list[Problem]) -> Record | None:
    """Turn one file's data into a Record, adding what is wrong to `problems`."""
    spec = KINDS[kind]
    if not isinstance(data, dict):
        problems.append(Problem(path, "(file)", "must be a mapping"))
        return None
    before = len(problems)
    plain = {k: v for k, v in data.items() if k in spec["plain"]}
    facts: dict[str, FactSeries] = {}
    for key, node in data.items():
        if key in spec["plain"]:
            continue
        if _is_fact(node):
            series = _series(node, key, problems, path)
            if series:
                facts[key] = series
        elif isinstance(node, dict) and node and all(_is_fact(v) for v in node.values()):
            for sub, subnode in node.items():
                series = _series(subnode, f"{key}.{sub}", problems, path)
                if series:
                    facts[f"{key}.{sub}"] = series
        else:
            problems.append(Problem(path, key, "must be a fact (value, source, checked) "
                                               "or a mapping of facts"))
    ident = "country" if kind == "jurisdiction" else "id"
    for key in sorted(spec["plain"] & {ident, "name"} - set(plain)):
        problems.append(Problem(path, key, "is required"))
    for key in sorted(spec["facts"] - {n for n in data if n not in spec["plain"]}):
        problems.append(Problem(path, key, "is required (a fact with source and checked)"))
    for group, required in spec["groups"].items():
        present = {n.split(".", 1)[1] for n in facts if n.startswith(group + ".")}
        if group not in data:
            problems.append(Problem(path, group, "is required"))
        for key in sorted(required - present):
            if f"{group}.{key}" not in {p.field.split("[")[0] for p in problems}:
                problems.append(Problem(path, f"{group}.{key}", "is required"))
    if len(problems) > before:
        return None
    return Record(kind=kind, id=str(plain[ident]), path=path, plain=plain, facts=facts)


def _cross_check(catalog: Catalog, problems: list[Problem]) -> None:
    for regime in catalog.regimes.values():
        family = regime.plain.get("family", "gdpr")
        if family not in FAMILIES:
            problems.append(Problem(regime.path, "family", f"unknown family {family!r}; "
                                    f"use one of {', '.join(sorted(FAMILIES))}"))
            continue
        for name in sorted(FAMILIES[family] - set(regime.names_under("articles"))):
            problems.append(Problem(regime.path, f"articles.{name}",
                                    f"is required for the {family} letters"))
    for rec in catalog.jurisdictions.values():
        names = (rec.plain.get("subdivisions") or {}).get("names") or {}
        for fact in rec.facts["regime"].facts:
            # one regime for the whole country, or one per subdivision (US states)
            by_place = fact.value if isinstance(fact.value, dict) else {"": fact.value}
            for place, regime_id in by_place.items():
                if regime_id not in catalog.regimes:
                    problems.append(Problem(rec.path, "regime", f"no regime {regime_id!r}"))
                if place and place not in names:
                    problems.append(Problem(rec.path, f"regime.{place}",
                                            "not one of the subdivisions"))
        for fact in rec.facts["regulators"].facts:
            if not isinstance(fact.value, dict):
                problems.append(Problem(rec.path, "regulators", "must map default or a "
                                        "subdivision code to a list of regulator ids"))
                continue
            for key, ids in fact.value.items():
                for rid in ids or []:
                    if rid not in catalog.regulators:
                        problems.append(Problem(rec.path, f"regulators.{key}",
                                                f"no regulator {rid!r}"))
        if rec.plain.get("region") == "eea" and rec.plain.get("status") not in (
                "eu_member", "eea_state"):
            problems.append(Problem(rec.path, "status", "an EEA country must say eu_member "
                                    "or eea_state"))
    regions = {r.plain.get("region") for r in catalog.jurisdictions.values()}
    for platform in catalog.platforms.values():
        for region in sorted(r for r in regions if r):
            if region not in platform.names_under("controllers"):
                problems.append(Problem(platform.path, f"controllers.{region}",
                                        "missing: a jurisdiction uses this region"))
    for platform in catalog.platforms.values():
        for fact in platform.facts["lead_authority"].facts:
            if fact.value is not None and fact.value not in catalog.regulators:
                problems.append(Problem(platform.path, "lead_authority",
                                        f"no regulator {fact.value!r}"))
        for name, series in platform.facts.items():
            if name.startswith("controllers."):
                for i, fact in enumerate(series.facts):
                    value = fact.value if isinstance(fact.value, dict) else {}
                    for key in ("name", "address", "country"):
                        if not value.get(key):
                            problems.append(Problem(platform.path, f"{name}[{i}].value.{key}",
                                                    "is required"))


def load_catalog(data_dir: Path = DATA_DIR) -> Catalog:
    """Read and validate every catalog file; raise CatalogError listing every problem."""
    problems: list[Problem] = []
    tables: dict[str, dict[str, Record]] = {}
    for kind, spec in KINDS.items():
        table: dict[str, Record] = {}
        for file in sorted((data_dir / spec["folder"]).glob("*.yaml")):
            rel = file.relative_to(data_dir).as_posix()
            try:
                data = yaml.safe_load(file.read_text(encoding="utf-8"))
            except yaml.YAMLError as exc:
                problems.append(Problem(rel, "(file)", f"not valid YAML: {exc}"))
                continue
            record = parse_record(kind, data, rel, problems)
            if record is None:
                continue
            key = record.id.upper() if kind == "jurisdiction" else record.id
            if key in table:
                problems.append(Problem(rel, "id", f"duplicate of {table[key].path}"))
            table[key] = record
        tables[kind] = table
    catalog = Catalog(regimes=tables["regime"], jurisdictions=tables["jurisdiction"],
                      regulators=tables["regulator"], platforms=tables["platform"])
    if not problems:
        _cross_check(catalog, problems)
    if problems:
        raise CatalogError(problems)
    return catalog


@functools.cache
def default_catalog() -> Catalog:
    """Return the shipped catalog, loaded and validated once per process."""
    return load_catalog(DATA_DIR)
