"""Jurisdiction rules: from a case to its regime, entity, regulators, deadlines and letters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from .case import Case, CaseError
from .catalog import Catalog, Fact, Record
from .dates import add_months


@dataclass(frozen=True)
class Letter:
    """One letter the case yields: what it is, to whom, in which language."""

    kind: str  # "objection" | "complaint"
    recipient: dict  # name, address lines, email, ... as the catalog gives them
    recipient_fact: Fact
    regulator: Record | None  # for complaints
    language: str
    accepted_languages: tuple[str, ...]

    @property
    def slug(self) -> str:
        return self.kind if self.regulator is None else f"{self.kind}-{self.regulator.id}"


@dataclass(frozen=True)
class Route:
    case: Case
    regime: Record
    jurisdiction: Record
    platform: Record
    controller: Fact
    lead_authority: Record
    regulators: tuple[Record, ...]
    ai_training: Fact | None
    objection_route: Fact | None
    deadlines: dict[str, dt.date]
    letters: tuple[Letter, ...]
    notices: tuple[str, ...]

    @property
    def day(self) -> dt.date:
        return self.case.date

    def article(self, name: str) -> Fact | None:
        return self.regime.fact(f"articles.{name}", self.day)

    def facts_used(self) -> list[Fact]:
        """Return every catalog fact this route relies on."""
        found = [self.controller, self.regime.fact("instruments", self.day)]
        found += [self.ai_training, self.objection_route]
        found += [self.regime.fact(n, self.day) for n in self.regime.facts
                  if n.startswith(("articles.", "deadlines."))]
        for reg in {r.id: r for r in (*self.regulators, self.lead_authority)}.values():
            found += [reg.fact(n, self.day) for n in reg.facts]
        unique = {id(f): f for f in found if f is not None}
        return list(unique.values())


def _required(record: Record, name: str, day: dt.date, field: str) -> Fact:
    fact = record.fact(name, day)
    if fact is None:
        raise CaseError({field: [f"{record.path} has no {name} valid on {day.isoformat()}."]})
    return fact


def _choose_language(wanted: str | None, accepted: tuple[str, ...],
                     available: Collection[str], who: str) -> str:
    usable = [lang for lang in accepted if lang in available]
    if wanted:
        if wanted in usable:
            return wanted
        raise CaseError({"language": [
            f"{who} accepts letters in {', '.join(accepted)}; Objector can write them in "
            f"{', '.join(usable) or 'none of these yet'}."]})
    if usable:
        return usable[0]
    return "en" if "en" in available else next(iter(available))


def _window_notices(regulator: Record, case: Case) -> list[str]:
    """Warn when the regulator's own window for complaints (policy, not law) has passed."""
    window = regulator.value("complaint_window", case.date)
    if not window or not case.history:
        return []
    last = case.history.reply_date or case.history.objection_sent
    closes = add_months(last, window["months"])
    if case.date <= closes:
        return []
    name = regulator.value("short_name", case.date)
    return [f"{name} asks for complaints within {window['months']} months of your last contact "
            f"with the organisation; yours was on {last.isoformat()}. Contact the organisation "
            f"again first, or say in your complaint why it comes later."]


def route(case: Case, catalog: Catalog, available_languages: Collection[str]) -> Route:
    """Work out the law, the entity, the regulators, the deadlines and the letters."""
    day = case.date
    jurisdiction = catalog.jurisdictions[case.country]
    regime = catalog.regimes[_required(jurisdiction, "regime", day, "country").value]
    platform = catalog.platforms[case.platform]
    region = jurisdiction.plain["region"]
    controller = platform.fact(f"controllers.{region}", day)
    if controller is None:
        raise CaseError({"platform": [
            f"{platform.plain['name']} has no controller entity on record for "
            f"{jurisdiction.plain['name']} on {day.isoformat()}."]})
    lead = catalog.regulators[_required(platform, "lead_authority", day, "platform").value]
    by_place = _required(jurisdiction, "regulators", day, "country").value
    ids = by_place.get(case.subdivision or "", by_place.get("default"))
    if not ids:
        raise CaseError({"subdivision": [
            f"Objector does not yet know the regulator for {case.subdivision} "
            f"({jurisdiction.plain['name']}); it covers: "
            f"{', '.join(k for k in sorted(by_place) if k != 'default')}."]})
    regulators = tuple(catalog.regulators[i] for i in ids)

    reply = regime.value("deadlines.reply", day)
    notices: list[str] = []
    deadlines: dict[str, dt.date] = {}
    start = case.history.objection_sent if case.history else day
    deadlines["reply_due"] = add_months(start, reply["months"])
    deadlines["reply_due_extended"] = add_months(start, reply["months"] + reply["extension_months"])
    if case.kind == "complaint" and case.history.reply == "none" and day <= deadlines["reply_due"]:
        notices.append(
            f"{platform.plain['name']} has until {deadlines['reply_due'].isoformat()} to answer "
            "your objection. A regulator may ask you to wait until then before complaining.")

    ctc = regime.fact("articles.complaint_to_controller", day)
    if (case.kind == "complaint" and ctc and ctc.valid_from
            and case.history.objection_sent < ctc.valid_from):
        notices.append(
            f"Since {ctc.valid_from.isoformat()} organisations must handle complaints made to "
            f"them under the law of {jurisdiction.plain['name']}, and the regulator expects you "
            f"to use that route first. Your objection was sent before that date: consider "
            f"writing a new objection with Objector (it includes that complaint) and waiting "
            f"for the answer.")

    letters: list[Letter] = []
    if case.kind == "objection":
        accepted = tuple(controller.value.get("languages") or ["en"])
        lang = _choose_language(case.language, accepted, available_languages,
                                controller.value["name"])
        letters.append(Letter("objection", controller.value, controller, None, lang, accepted))
    else:
        for reg in regulators:
            names = _required(reg, "languages", day, "country")
            accepted = tuple(names.value)
            lang = _choose_language(case.language, accepted, available_languages,
                                    reg.value("short_name", day))
            if lang not in accepted:
                notices.append(
                    f"{reg.value('short_name', day)} asks for complaints in "
                    f"{', '.join(accepted)}; Objector cannot yet write in that language, so "
                    f"this complaint is in {lang}. Add a translation before you send it.")
            notices += _window_notices(reg, case)
            recipient = {"name": reg.value("name", day), "address": reg.value("address", day),
                         "email": reg.value("email", day)}
            letters.append(Letter("complaint", recipient, reg.fact("name", day), reg, lang,
                                  accepted))

    return Route(case=case, regime=regime, jurisdiction=jurisdiction, platform=platform,
                 controller=controller, lead_authority=lead, regulators=regulators,
                 ai_training=platform.fact(f"ai_training.{region}", day),
                 objection_route=platform.fact(f"objection_route.{region}", day),
                 deadlines=deadlines, letters=tuple(letters), notices=tuple(notices))
