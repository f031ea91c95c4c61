"""The Case: one validated request, whatever the entry point (form, API, CLI)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .catalog import Catalog, for_place
from .evidence import MAX_FILES, Evidence, EvidenceError, clean_evidence
from .glyphs import unprintable
from .grounds import GROUNDS
from .messages import N_, Message, Territory
from .signature import SignatureError, clean_signature_image

KINDS = ("objection", "complaint", "reminder", "reply")
CHANNELS = ("form", "email", "post")
REPLIES = ("none", "refused", "partial", "accepted")
GDPR_APPLIES_FROM = dt.date(2018, 5, 25)

LIMITS = {"name": 120, "address_line": 100, "address_lines": 6, "email": 254, "account": 300,
          "grounds_text": 2000, "details": 2000, "typed": 120, "shows": 200}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Person:
    name: str
    address: tuple[str, ...]
    email: str
    account: str = ""
    language: str | None = None  # the person's own language: a courtesy translation follows


@dataclass(frozen=True)
class Organisation:
    """An organisation the person names: one not in the catalog, or a workspace's owner."""

    name: str
    address: tuple[str, ...]
    email: str = ""


#: the platform value for an organisation that is not in the catalog
OTHER = "other"


def addressee(catalog: Catalog, platform: str) -> str:
    """Say whom the letters go to, and so how the person stands to them.

    "platform": the platform's controller on record; "workspace": the owner of a workspace
    whose tool (a processor, such as Slack) holds the content; "other": an organisation the
    person names. The last two need `organisation`.
    """
    if platform == OTHER:
        return "other"
    record = catalog.platforms.get(platform)
    return ("workspace" if record is not None and record.plain.get("role") == "processor"
            else "platform")


@dataclass(frozen=True)
class History:
    objection_sent: dt.date
    channel: str
    reply: str = "none"
    reply_date: dt.date | None = None
    details: str = ""


@dataclass(frozen=True)
class Signature:
    typed: str | None = None
    image: bytes | None = None  # PNG, checked and re-encoded


@dataclass(frozen=True)
class Case:
    kind: str
    platform: str
    country: str
    person: Person
    signature: Signature
    date: dt.date
    subdivision: str | None = None
    language: str | None = None
    grounds: tuple[str, ...] = ()
    grounds_text: str = ""
    history: History | None = None
    evidence: tuple[Evidence, ...] = ()
    organisation: Organisation | None = None


class CaseError(ValueError):
    """The case is invalid; `errors` maps each field path to its messages (in English).

    `messages` keeps them translatable: `translated(gettext)` gives them in a language.
    """

    def __init__(self, errors: dict[str, list[Message | str]]):
        self.messages = {path: [m if isinstance(m, Message) else Message(m) for m in found]
                         for path, found in errors.items()}
        self.errors = {path: [str(m) for m in found] for path, found in self.messages.items()}
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in self.errors.items()))

    def translated(self, gettext, territories: dict | None = None) -> dict[str, list[str]]:
        return {path: [m.translate(gettext, territories) for m in found]
                for path, found in self.messages.items()}


@dataclass
class _Checker:
    errors: dict[str, list[Message]] = field(default_factory=dict)

    def add(self, path: str, message: str, **params) -> None:
        self.errors.setdefault(path, []).append(Message(message, params))

    def text(self, data: dict, key: str, path: str, limit: int, required: bool) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(path, N_("This field is required."))
            return ""
        if not isinstance(value, str):
            self.add(path, N_("Must be text."))
            return ""
        value = unicodedata.normalize("NFC", value.strip())
        if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in value):
            self.add(path, N_("Must not contain control characters."))
        elif missing := unprintable(value):
            shown = " ".join(f"U+{ord(ch):04X}" for ch in missing[:5])
            self.add(path, N_("Contains characters the letter's font cannot print "
                              "(%(characters)s); use Latin, Greek or Cyrillic letters."),
                     characters=shown)
        elif "\n" in value and key not in ("grounds_text", "details"):
            self.add(path, N_("Must be a single line."))
        if len(value) > limit:
            self.add(path, N_("Must be at most %(limit)s characters (it has %(count)s)."),
                     limit=limit, count=len(value))
        return value

    def email(self, data: dict, key: str, path: str, required: bool) -> str:
        value = self.text(data, key, path, LIMITS["email"], required)
        if value and not _EMAIL.fullmatch(value):
            self.add(path, N_("Must be an e-mail address such as name@example.org."))
        return value

    def date(self, data: dict, key: str, path: str, required: bool) -> dt.date | None:
        value = data.get(key)
        if value in (None, ""):
            if required:
                self.add(path, N_("This field is required."))
            return None
        try:
            day = dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            day = None
        if day is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.add(path, N_("Must be a date written YYYY-MM-DD."))
            return None
        return day

    def mapping(self, data: dict, key: str, path: str, required: bool) -> dict | None:
        value = data.get(key)
        if value is None:
            if required:
                self.add(path, N_("This field is required."))
            return None
        if not isinstance(value, dict):
            self.add(path, N_("Must be an object."))
            return None
        return value

    def choice(self, data: dict, key: str, path: str, choices, required: bool = True) -> str:
        value = data.get(key)
        if value in (None, ""):
            if required:
                self.add(path, N_("This field is required."))
            return ""
        if value not in choices:
            self.add(path, N_("Must be one of: %(choices)s."), choices=", ".join(choices))
            return ""
        return value


def parse_case(data: Any, catalog: Catalog, today: dt.date | None = None) -> Case:
    """Validate case JSON (already decoded) into a Case; raise CaseError naming each field."""
    today = today or dt.date.today()
    c = _Checker()
    if not isinstance(data, dict):
        raise CaseError({"": ["The case must be a JSON object."]})
    known = {"kind", "platform", "country", "subdivision", "language", "date", "person",
             "grounds", "grounds_text", "history", "signature", "evidence", "organisation"}
    for key in sorted(set(data) - known):
        c.add(key, N_("Unknown field."))

    kind = c.choice(data, "kind", "kind", KINDS)
    platform = c.choice(data, "platform", "platform", [*sorted(catalog.platforms), OTHER])
    country = data.get("country")
    jurisdiction = None
    if not isinstance(country, str) or not country.strip():
        c.add("country", N_("This field is required."))
    else:
        country = country.strip().upper()
        jurisdiction = catalog.jurisdictions.get(country)
        if jurisdiction is None:
            c.add("country", N_("Objector does not cover %(country)s yet; it covers "
                                "%(covered)s."),
                  country=country, covered=", ".join(sorted(catalog.jurisdictions)))
    subdivision = data.get("subdivision") or None
    if jurisdiction is not None:
        subs = jurisdiction.plain.get("subdivisions") or {}
        names = subs.get("names") or {}
        if subdivision is not None:
            subdivision = str(subdivision).strip().upper()
            if subdivision not in names:
                c.add("subdivision", N_("Not a subdivision of %(country)s that Objector "
                                        "knows; use one of: %(codes)s."),
                      country=country, codes=", ".join(sorted(names)) or "-")
        elif subs.get("required"):
            c.add("subdivision", N_("Required for %(country)s: the competent regulator "
                                    "depends on it (%(codes)s)."),
                  country=Territory.of(jurisdiction),
                  codes=", ".join(sorted(names)))
    language = data.get("language") or None
    if language is not None and (not isinstance(language, str)
                                 or not _LANGUAGE.fullmatch(language.strip())):
        c.add("language", N_("Must be a language tag such as en, de or fr."))
        language = None

    date = c.date(data, "date", "date", required=False) or today
    if date < GDPR_APPLIES_FROM:
        c.add("date", N_("Must not be before 2018-05-25, when the GDPR began to apply."))
    elif date > today + dt.timedelta(days=1):
        c.add("date", N_("Must not be in the future."))

    person = None
    pdata = c.mapping(data, "person", "person", required=True)
    if pdata is not None:
        for key in sorted(set(pdata) - {"name", "address", "email", "account", "language"}):
            c.add(f"person.{key}", N_("Unknown field."))
        name = c.text(pdata, "name", "person.name", LIMITS["name"], True)
        address = _address(c, pdata.get("address"), "person.address",
                           N_("Give your postal address, one line per item."))
        email = c.email(pdata, "email", "person.email", required=True)
        account = c.text(pdata, "account", "person.account", LIMITS["account"], False)
        own = pdata.get("language") or None
        if own is not None and (not isinstance(own, str) or not _LANGUAGE.fullmatch(own)):
            c.add("person.language", N_("Must be a language tag such as en, de or fr."))
            own = None
        person = Person(name=name, address=tuple(address), email=email, account=account,
                        language=own)

    organisation = _organisation(c, data, catalog, platform)

    grounds = data.get("grounds") or []
    if not isinstance(grounds, list) or not all(isinstance(g, str) for g in grounds):
        c.add("grounds", N_("Must be a list of ground identifiers."))
        grounds = []
    for i, ground in enumerate(grounds):
        if ground not in GROUNDS:
            c.add(f"grounds[{i}]", N_("Unknown ground; use one of: %(grounds)s."),
                  grounds=", ".join(GROUNDS))
    grounds_text = c.text(data, "grounds_text", "grounds_text", LIMITS["grounds_text"], False)
    if not grounds and not grounds_text and _family(catalog, jurisdiction, subdivision,
                                                    date) == "gdpr":
        c.add("grounds", N_("Pick at least one reason or write your own: the right to object "
                         "rests on grounds relating to your particular situation."))

    history = None
    hdata = c.mapping(data, "history", "history", required=kind not in ("objection", ""))
    if hdata is not None:
        for key in sorted(set(hdata) - {"objection_sent", "channel", "reply", "reply_date",
                                        "details"}):
            c.add(f"history.{key}", N_("Unknown field."))
        sent = c.date(hdata, "objection_sent", "history.objection_sent", required=True)
        channel = c.choice(hdata, "channel", "history.channel", CHANNELS)
        reply = c.choice(hdata, "reply", "history.reply", REPLIES, required=False) or "none"
        reply_date = c.date(hdata, "reply_date", "history.reply_date",
                            required=(reply != "none"))
        details = c.text(hdata, "details", "history.details", LIMITS["details"], False)
        if sent and sent > date:
            c.add("history.objection_sent", N_("Must not be after the date of the letter."))
        if sent and sent < GDPR_APPLIES_FROM:
            c.add("history.objection_sent", N_("Must not be before 2018-05-25."))
        if reply_date and sent and reply_date < sent:
            c.add("history.reply_date", N_("Must not be before the objection was sent."))
        if reply_date and reply_date > date:
            c.add("history.reply_date", N_("Must not be after the date of the letter."))
        if reply == "none" and reply_date:
            c.add("history.reply_date", N_("Leave empty when there was no reply."))
        if kind == "reminder" and reply != "none":
            c.add("history.reply", N_("A reminder is for an objection that got no answer."))
        if kind == "reply" and reply not in ("refused", "partial"):
            c.add("history.reply", N_("A reply answers a refusal or a partial answer."))
        if sent and channel:
            history = History(sent, channel, reply, reply_date, details)

    signature = None
    sdata = c.mapping(data, "signature", "signature", required=True)
    if sdata is not None:
        typed, image = sdata.get("typed"), sdata.get("image")
        if set(sdata) - {"typed", "image"}:
            for key in sorted(set(sdata) - {"typed", "image"}):
                c.add(f"signature.{key}", N_("Unknown field."))
        if (typed is None) == (image is None):
            c.add("signature", N_("Give exactly one of typed or image."))
        elif typed is not None:
            text = c.text(sdata, "typed", "signature.typed", LIMITS["typed"], True)
            if text:
                signature = Signature(typed=text)
        else:
            try:
                signature = Signature(image=clean_signature_image(image))
            except SignatureError as exc:
                c.add("signature.image", exc.args[0], **exc.params)

    evidence = _evidence(c, data.get("evidence"))

    if c.errors:
        raise CaseError(c.errors)
    return Case(kind=kind, platform=platform, country=country, subdivision=subdivision,
                language=language.strip() if language else None, date=date, person=person,
                grounds=tuple(dict.fromkeys(grounds)), grounds_text=grounds_text,
                history=history, signature=signature, evidence=evidence,
                organisation=organisation)


def _family(catalog: Catalog, jurisdiction, subdivision: str | None,
            day: dt.date) -> str | None:
    """Return the family of law of the place on `day` (gdpr, us-state, ...), if known yet."""
    if jurisdiction is None:
        return None
    regime = for_place(jurisdiction.value("regime", day), subdivision)
    record = catalog.regimes.get(regime) if isinstance(regime, str) else None
    return record.plain.get("family", "gdpr") if record else None


def _organisation(c: _Checker, data: dict, catalog: Catalog, platform: str):
    """Read the organisation: needed for "other" and for a workspace tool's owner."""
    odata = data.get("organisation")
    needed = addressee(catalog, platform) != "platform"
    if odata is None:
        if needed:
            c.add("organisation", N_("Give the organisation's name and postal address: "
                                     "the letters go to it."))
        return None
    if not needed:
        c.add("organisation", N_("Only for another organisation or a workspace's owner; "
                                 "leave it out for this platform."))
        return None
    odata = c.mapping(data, "organisation", "organisation", required=True)
    if odata is None:
        return None
    for key in sorted(set(odata) - {"name", "address", "email"}):
        c.add(f"organisation.{key}", N_("Unknown field."))
    name = c.text(odata, "name", "organisation.name", LIMITS["name"], True)
    address = _address(c, odata.get("address"), "organisation.address",
                       N_("Give the organisation's postal address, one line per item."))
    email = c.email(odata, "email", "organisation.email", required=False)
    return Organisation(name=name, address=tuple(address), email=email)


def _address(c: _Checker, raw: Any, path: str, missing: str) -> list[str]:
    """Check a postal address given as a list of lines."""
    address: list[str] = []
    if not isinstance(raw, list) or not [x for x in raw if isinstance(x, str) and x.strip()]:
        c.add(path, missing)
    elif len(raw) > LIMITS["address_lines"]:
        c.add(path, N_("Use at most %(lines)s lines."), lines=LIMITS["address_lines"])
    else:
        for i, _ in enumerate(raw):
            line = c.text({"l": raw[i]}, "l", f"{path}[{i}]", LIMITS["address_line"], False)
            if line:
                address.append(line)
    return address


def _evidence(c: _Checker, items: Any) -> tuple[Evidence, ...]:
    """Check the attached files: [{"name", "data": data URL, "shows"}], at most MAX_FILES."""
    if items in (None, []):
        return ()
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        c.add("evidence", N_("Must be a list of files."))
        return ()
    if len(items) > MAX_FILES:
        c.add("evidence", N_("Attach at most %(count)s files."), count=MAX_FILES)
        return ()
    found = []
    for i, item in enumerate(items):
        for key in sorted(set(item) - {"name", "data", "shows"}):
            c.add(f"evidence[{i}].{key}", N_("Unknown field."))
        name = c.text(item, "name", f"evidence[{i}].name", 120, False) or f"evidence-{i + 1}"
        shows = c.text(item, "shows", f"evidence[{i}].shows", LIMITS["shows"], False)
        try:
            found.append(clean_evidence(name, item.get("data"), shows))
        except EvidenceError as exc:
            c.add(f"evidence[{i}].data", exc.args[0], **exc.params)
    return tuple(found)
