"""Catalog records: facts with their source and date, and the records that hold them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


def for_place(value: Any, subdivision: str | None) -> Any:
    """Read a per-place catalog value for a subdivision.

    A jurisdiction's regime, regulators, notes and alternatives are one value for the whole
    country, or a mapping by subdivision code with an optional `default`.
    """
    if isinstance(value, dict):
        return value.get(subdivision or "", value.get("default"))
    return value


@dataclass(frozen=True)
class Fact:
    """One fact, the URL that states it and the day it was checked."""

    value: Any
    source: str
    checked: dt.date
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    note: str | None = None
    unconfirmed: str | None = None

    def holds_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


@dataclass(frozen=True)
class FactSeries:
    """A fact that may change over time: versions whose periods do not overlap."""

    facts: tuple[Fact, ...]

    def at(self, day: dt.date) -> Fact | None:
        """Return the version that holds on `day`, if any."""
        for fact in self.facts:
            if fact.holds_on(day):
                return fact
        return None


@dataclass(frozen=True)
class Record:
    """A catalog file: its identity, plain fields and facts."""

    kind: str  # "regime" | "jurisdiction" | "regulator" | "platform"
    id: str
    path: str  # relative to the data folder, for messages
    plain: dict[str, Any] = field(default_factory=dict)
    facts: dict[str, FactSeries] = field(default_factory=dict)  # dotted name -> series

    def fact(self, name: str, day: dt.date) -> Fact | None:
        series = self.facts.get(name)
        return series.at(day) if series else None

    def value(self, name: str, day: dt.date, default: Any = None) -> Any:
        found = self.fact(name, day)
        return default if found is None else found.value

    def names_under(self, prefix: str) -> list[str]:
        """Return the last parts of fact names that start with `prefix.`."""
        return [n.split(".", 1)[1] for n in self.facts if n.startswith(prefix + ".")]


@dataclass(frozen=True)
class Catalog:
    regimes: dict[str, Record]
    jurisdictions: dict[str, Record]  # by upper-case country code
    regulators: dict[str, Record]
    platforms: dict[str, Record]

    def places(self, day: dt.date) -> list[tuple[str, str, str, list[str]]]:
        """Return every jurisdiction with its own law: (code, name, regime id, regulator ids).

        A country with one law is one place; a country whose subdivisions have their own laws
        (the US states) counts each subdivision as a place ("US-CA").
        """
        found = []
        for code, rec in sorted(self.jurisdictions.items()):
            regime = rec.value("regime", day)
            regs = rec.value("regulators", day) or {}
            if isinstance(regime, dict):
                names = rec.plain["subdivisions"]["names"]
                found += [(sub, f"{names[sub]} ({rec.plain['name']})", rid,
                           list(for_place(regs, sub) or []))
                          for sub, rid in sorted(regime.items())]
            else:
                found.append((code, rec.plain["name"], regime,
                              sorted({i for v in regs.values() for i in v})))
        return found

    def all_records(self) -> list[Record]:
        return [*self.regimes.values(), *self.jurisdictions.values(),
                *self.regulators.values(), *self.platforms.values()]
