"""Jurisdiction rules: from a case to its regime, entity, regulators, deadlines and letters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, replace

from .case import OTHER, Case, CaseError, Organisation, addressee
from .catalog import Catalog, Fact, Record, for_place
from .dates import add_months
from .messages import N_, Message, Territory

#: what to send the platform next, by its answer so far
FOLLOW_UPS = {"none": "reminder", "refused": "reply", "partial": "reply"}


@dataclass(frozen=True)
class Letter:
    """One letter the case yields: what it is, to whom, in which language."""

    kind: str  # "objection" | "complaint"
    recipient: dict  # name, address lines, email, ... as the catalog gives them
    recipient_fact: Fact
    regulator: Record | None  # for complaints
    language: str
    accepted_languages: tuple[str, ...]
    courtesy_of: str | None = None  # set on a courtesy translation: the original's language

    @property
    def base_slug(self) -> str:
        """Name the letter; a courtesy translation shares its original's."""
        return self.kind if self.regulator is None else f"{self.kind}-{self.regulator.id}"

    @property
    def slug(self) -> str:
        base = self.base_slug
        return f"{base}-translation-{self.language}" if self.courtesy_of else base


@dataclass(frozen=True)
class Route:
    case: Case
    regime: Record
    jurisdiction: Record
    platform: Record
    #: whom the letters go to: "platform", "workspace" or "other" (see case.addressee)
    relationship: str
    controller: Fact
    lead_authority: Record | None
    regulators: tuple[Record, ...]
    ai_training: Fact | None
    objection_route: Fact | None
    deadlines: dict[str, dt.date]
    letters: tuple[Letter, ...]
    notices: tuple[Message, ...]

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
        others = (*self.regulators, *([self.lead_authority] if self.lead_authority else []))
        for reg in {r.id: r for r in others}.values():
            found += [reg.fact(n, self.day) for n in reg.facts]
        unique = {id(f): f for f in found if f is not None}
        return list(unique.values())


def _required(record: Record, name: str, day: dt.date, field: str) -> Fact:
    fact = record.fact(name, day)
    if fact is None:
        raise CaseError({field: [Message(N_("%(file)s has no %(fact)s valid on %(date)s."),
                                         {"file": record.path, "fact": name,
                                          "date": day.isoformat()})]})
    return fact


def _choose_language(wanted: str | None, accepted: tuple[str, ...],
                     available: Collection[str], who: str) -> str:
    usable = [lang for lang in accepted if lang in available]
    if wanted:
        if wanted in usable:
            return wanted
        raise CaseError({"language": [Message(
            N_("%(recipient)s accepts letters in %(accepted)s; Objector can write them in "
               "%(usable)s."),
            {"recipient": who, "accepted": ", ".join(accepted),
             "usable": ", ".join(usable) or "-"})]})
    if usable:
        return usable[0]
    return "en" if "en" in available else next(iter(available))


def _window_notices(regulator: Record, case: Case) -> list[Message]:
    """Warn when the regulator's own window for complaints (policy, not law) has passed."""
    window = regulator.value("complaint_window", case.date)
    if not window or not case.history:
        return []
    last = case.history.reply_date or case.history.objection_sent
    closes = add_months(last, window["months"])
    if case.date <= closes:
        return []
    name = regulator.value("short_name", case.date)
    return [Message(N_("%(regulator)s asks for complaints within %(months)s months of your "
                       "last contact with the organisation; yours was on %(date)s. Contact the "
                       "organisation again first, or say in your complaint why it comes later."),
                    {"regulator": name, "months": window["months"], "date": last.isoformat()})]


def _entered(org: Organisation, day: dt.date, what: str) -> Fact:
    """Wrap the organisation the person named as a fact the letters can use."""
    value = {"name": org.name, "address": list(org.address), "email": org.email or None}
    return Fact(value=value, source="", checked=day, unconfirmed=what)


def _by_place(record: Record, group: str, case: Case, region: str) -> Fact | None:
    """Return a platform's fact for the person's country if it has one, else for the region."""
    return (record.fact(f"{group}.{case.country.lower()}", case.date)
            or record.fact(f"{group}.{region}", case.date))


def route(case: Case, catalog: Catalog, available_languages: Collection[str]) -> Route:
    """Work out the law, the entity, the regulators, the deadlines and the letters."""
    day = case.date
    jurisdiction = catalog.jurisdictions[case.country]
    # one law for the country, or one per subdivision (US states)
    regime = catalog.regimes[for_place(_required(jurisdiction, "regime", day, "country").value,
                                       case.subdivision)]
    region = jurisdiction.plain["region"]
    notices: list[Message] = []
    org = case.organisation
    relationship = addressee(catalog, case.platform)
    if relationship == "other":
        platform = Record(kind="platform", id=OTHER, path="(entered)",
                          plain={"name": org.name, "services": []})
        controller = _entered(org, day, "You entered this organisation: check its privacy "
                              "notice for the name and address of the controller and its "
                              "privacy contact, and what it says about training AI models.")
        notices.append(Message(
            N_("Objector has no record of %(organisation)s. Before you send the letter, check "
               "its privacy notice: the name and address of the controller, its privacy contact "
               "and what it says about using personal data to train AI models."),
            {"organisation": org.name}))
    else:
        platform = catalog.platforms[case.platform]
        if relationship == "workspace":
            controller = _entered(org, day, "You entered the workspace's owner: check the "
                                  "name and address its privacy notice gives.")
            notices.append(Message(
                N_("%(platform)s processes what you post in a workspace on behalf of the "
                   "workspace's owner, which decides how it is used: your letters go to "
                   "%(organisation)s."),
                {"platform": platform.plain["name"], "organisation": org.name}))
        else:
            controller = _by_place(platform, "controllers", case, region)
    if controller is None:
        raise CaseError({"platform": [Message(
            N_("%(platform)s has no controller entity on record for %(country)s on %(date)s."),
            {"platform": platform.plain["name"], "country": Territory.of(jurisdiction),
             "date": day.isoformat()})]})
    lead = None
    if relationship == "platform" and regime.plain.get("family", "gdpr") == "gdpr":
        # the one-stop shop is the GDPR's; no lead authority: a controller outside the EU
        # with only a representative (Art. 27)
        lead_id = _required(platform, "lead_authority", day, "platform").value
        lead = catalog.regulators[lead_id] if lead_id else None
    by_place = _required(jurisdiction, "regulators", day, "country").value
    ids = for_place(by_place, case.subdivision)
    if not ids:
        raise CaseError({"subdivision": [Message(
            N_("Objector does not yet know the regulator for %(subdivision)s (%(country)s); it "
               "covers: %(covered)s."),
            {"subdivision": case.subdivision, "country": Territory.of(jurisdiction),
             "covered": ", ".join(k for k in sorted(by_place) if k != "default")})]})
    regulators = tuple(catalog.regulators[i] for i in ids)
    note = for_place(jurisdiction.value("subdivision_notes", day) or {}, case.subdivision)
    if note:
        notices.append(Message(
            N_("In %(place)s, %(law)s may apply to the organisation as well as, or instead of, "
               "%(regime)s; its regulator is %(regulator)s (%(url)s). Check which law the "
               "organisation says applies to you."),
            {"place": jurisdiction.plain["subdivisions"]["names"][case.subdivision],
             "law": note["law"], "regime": regime.value("name", day),
             "regulator": note["regulator"], "url": note["url"]}))

    reply = regime.value("deadlines.reply", day)
    deadlines: dict[str, dt.date] = {}
    start = case.history.objection_sent if case.history else day
    if "days" in reply:  # a period in days (Switzerland: 30; California: 45, + 45)
        deadlines["reply_due"] = start + dt.timedelta(days=reply["days"])
        deadlines["reply_due_extended"] = deadlines["reply_due"] + dt.timedelta(
            days=reply.get("extension_days", 0))
    else:
        deadlines["reply_due"] = add_months(start, reply["months"])
        deadlines["reply_due_extended"] = add_months(
            start, reply["months"] + reply.get("extension_months", 0))
    if case.kind != "objection" and case.history.reply == "none" and day <= deadlines["reply_due"]:
        notices.append(Message(
            N_("%(platform)s has until %(date)s to answer your objection. A regulator may ask "
               "you to wait until then before complaining."),
            {"platform": platform.plain["name"], "date": deadlines["reply_due"].isoformat()}))

    ctc = regime.fact("articles.complaint_to_controller", day)
    if (case.kind == "complaint" and ctc and ctc.valid_from
            and case.history.objection_sent < ctc.valid_from):
        notices.append(Message(
            N_("Since %(date)s organisations must handle complaints made to them under the law "
               "of %(country)s, and the regulator expects you to use that route first. Your "
               "objection was sent before that date: consider writing a new objection with "
               "Objector (it includes that complaint) and waiting for the answer."),
            {"date": ctc.valid_from.isoformat(), "country": Territory.of(jurisdiction)}))

    letters: list[Letter] = []
    to_controller = tuple(controller.value.get("languages") or ["en"])
    if org is not None:  # an organisation the person named: the place's language, or English
        to_controller = tuple(dict.fromkeys([*(regulators[0].value("languages", day) or []),
                                             "en"]))

    def controller_letter(kind: str) -> Letter:
        lang = _choose_language(case.language if case.kind == kind else None, to_controller,
                                available_languages, controller.value["name"])
        return Letter(kind, controller.value, controller, None, lang, to_controller)

    if case.kind in ("objection", "reminder", "reply"):
        letters.append(controller_letter(case.kind))
    else:
        for reg in regulators:
            names = _required(reg, "languages", day, "country")
            accepted = tuple(names.value)
            lang = _choose_language(case.language, accepted, available_languages,
                                    reg.value("short_name", day))
            if lang not in accepted:
                notices.append(Message(
                    N_("%(regulator)s asks for complaints in %(accepted)s; Objector cannot yet "
                       "write in that language, so this complaint is in %(language)s. Add a "
                       "translation before you send it."),
                    {"regulator": reg.value("short_name", day), "accepted": ", ".join(accepted),
                     "language": lang}))
            notices += _window_notices(reg, case)
            recipient = {"name": reg.value("name", day), "address": reg.value("address", day),
                         "email": reg.value("email", day)}
            letters.append(Letter("complaint", recipient, reg.fact("name", day), reg, lang,
                                  accepted))
        # the next letter to the platform goes with the complaint, where the regime has one
        follow_up = FOLLOW_UPS.get(case.history.reply)
        if follow_up and follow_up in regime.plain.get("letters", ()):
            letters.append(controller_letter(follow_up))

    own = case.person.language
    if own and own in available_languages:
        letters += [replace(letter, language=own, courtesy_of=letter.language)
                    for letter in letters if letter.language != own]

    return Route(case=case, regime=regime, jurisdiction=jurisdiction, platform=platform,
                 relationship=relationship, controller=controller, lead_authority=lead,
                 regulators=regulators,
                 ai_training=_by_place(platform, "ai_training", case, region),
                 objection_route=_by_place(platform, "objection_route", case, region),
                 deadlines=deadlines, letters=tuple(letters), notices=tuple(notices))
