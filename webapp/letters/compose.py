"""Build the context each letter template gets: pure Python, no Flask."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

from babel.dates import format_date
from babel.lists import format_list

from ..case import Case
from ..grounds import GROUNDS
from ..messages import NP_
from ..routing import Letter, Route
from .citations import cite, title
from .environment import babel_locale, language_name, territories, translations

#: names of subdivisions that have a law of their own, which the letters write in their
#: language ("Ich wohne in Kalifornien"); tests/test_regimes.py checks every one is here
PLACE_NAMES = (NP_("place", "California"), NP_("place", "Colorado"),
               NP_("place", "Connecticut"), NP_("place", "Oregon"), NP_("place", "Texas"),
               NP_("place", "Virginia"))

SIGNATURE_URL = "memory:signature.png"
#: the articles templates may cite; a regime without one gives None for it
ARTICLES = ("object", "restriction", "erasure", "access", "time_limit", "complaint",
            "lead_authority", "complaint_to_controller", "justification", "principles",
            # beyond the GDPR family: US states, Brazil, Canada
            "opt_out", "limit_sensitive", "non_discrimination", "public_exclusion", "appeal",
            "legitimate_interest", "revoke", "information_sharing", "precondition",
            "withdraw", "limiting_use", "appropriate_purposes", "challenge")


def _without_name(lines: list[str], name: str) -> list[str]:
    """Drop an address's first line when it repeats the addressee's name."""
    return lines[1:] if lines and lines[0].strip() == name.strip() else lines


#: languages that write the first of the month as an ordinal: 1er décembre, 1º dicembre,
#: 1º de dezembro (Brazil; Portugal writes 1 de dezembro)
FIRST_OF_MONTH = {"fr": "1er", "it": "1º", "pt-BR": "1º"}


def long_date(day: dt.date | None, lang: str) -> str | None:
    """Return `day` written out in the letter's language, e.g. 30 November 2026."""
    if day is None:
        return None
    text = format_date(day, format="long", locale=babel_locale(lang))
    first = FIRST_OF_MONTH.get(lang, FIRST_OF_MONTH.get(lang.split("-")[0]))
    if day.day == 1 and first:
        text = first + text[1:]
    return text


def authority_name(record, day: dt.date) -> str:
    """Return e.g. "Commission nationale de l'informatique et des libertés (CNIL)"."""
    name, short = record.value("name", day), record.value("short_name", day)
    return name if not short or short in name else f"{name} ({short})"


def reference(case: Case, letter: Letter) -> str:
    """Return a short reference, stable for the same person, platform, kind and date."""
    digest = hashlib.sha256("\x1f".join(
        [case.person.name, case.person.email, case.platform, letter.base_slug,
         case.date.isoformat()]).encode()).hexdigest()[:6].upper()
    prefix = {"objection": "OBJ", "complaint": "CMP", "reminder": "REM", "reply": "REP"}[
        letter.kind]
    return f"{prefix}-{case.platform.upper()}-{case.date:%Y%m%d}-{digest}"


def citations(route: Route, lang: str) -> dict[str, str | None]:
    """Return every article the regime defines, cited in `lang`, valid on the case date."""
    instruments = route.regime.value("instruments", route.day)
    out: dict[str, str | None] = {}
    for name in dict.fromkeys([*ARTICLES, *route.regime.names_under("articles")]):
        article = route.article(name)
        if article is None:
            out[name] = out[f"{name}_title"] = None
            continue
        refs = [article.value, *article.value.get("also", [])]
        out[name] = format_list([cite(r, instruments, lang, translations(lang)) for r in refs],
                                locale=babel_locale(lang))
        out[f"{name}_title"] = title(article.value, lang)
    return out


def compose(route: Route, letter: Letter, preview: bool = False) -> dict:
    """Return the template context for one letter of the route.

    For a web preview, the drawn signature is inlined as a data URL; PDFs fetch it from memory.
    """
    case, lang, day = route.case, letter.language, route.day
    controller = route.controller.value
    ai = route.ai_training.value if route.ai_training else {}
    since = ai.get("since")
    hint = route.objection_route.value if route.objection_route else None
    home = route.regulators[0]
    lead = route.lead_authority
    history = None
    if case.history:
        h = case.history
        history = {"sent_long": long_date(h.objection_sent, lang), "channel": h.channel,
                   # the objection letter doubles as a complaint to the controller where the
                   # law had such a route on the day it was sent (UK: s.164A DPA 2018)
                   "also_complaint": route.regime.fact("articles.complaint_to_controller",
                                                       h.objection_sent) is not None,
                   "reply": h.reply, "reply_date_long": long_date(h.reply_date, lang),
                   "details": h.details}
    ack = route.regime.value("deadlines.complaint_ack", day)
    reply = route.regime.value("deadlines.reply", day)
    appeal = route.regime.value("deadlines.appeal", day) or {}
    title_text = {"objection": "Objection", "complaint": "Complaint", "reminder": "Reminder",
                  "reply": "Reply"}[letter.kind]
    if letter.courtesy_of:
        title_text = f"{title_text} (courtesy translation)"
    return {
        "courtesy": {"language": language_name(lang, lang),
                     "original": language_name(letter.courtesy_of, lang)}
        if letter.courtesy_of else None,
        "lang": lang,
        "kind": letter.kind,
        "document_title": f"{title_text} – {route.platform.plain['name']} – {case.person.name}",
        "reference": reference(case, letter),
        "date_long": long_date(day, lang),
        "place_date": long_date(day, lang),
        "sender": {"name": case.person.name, "address": list(case.person.address),
                   "email": case.person.email, "account": case.person.account},
        "recipient": {"name": letter.recipient["name"],
                      "address": _without_name(list(letter.recipient.get("address") or []),
                                               letter.recipient["name"])},
        "platform": {"name": route.platform.plain["name"],
                     "services": format_list(list(route.platform.plain.get("services") or []),
                                             locale=babel_locale(lang))},
        "controller": {"name": controller["name"],
                       "address": _without_name(list(controller["address"]), controller["name"])},
        "regime_id": route.regime.id,
        "cite": citations(route, lang),
        "relationship": route.relationship,
        "opt_out_covers": (route.article("opt_out").value.get("covers") or []
                           if route.article("opt_out") else []),
        "place": translations(lang).pgettext("place", _place(route)),
        "law": _law(route, lang),
        "ai": {"since_long": long_date(_as_date(since), lang) if since else None,
               # only where the platform itself names this basis for the training
               "legitimate_interests": str(ai.get("legal_basis") or "").strip().lower()
               .startswith("legitimate interest"),
               "shares": ai.get("mode") == "shares", "may": ai.get("mode") == "may"},
        "hint": ({"kind": hint["kind"], "label": hint.get("label"),
                  "path": hint.get("menu") or hint.get("path")}
                 if hint and hint.get("kind") in ("setting", "form") else None),
        "grounds": [GROUNDS[g][1] for g in case.grounds],
        "grounds_text": case.grounds_text,
        "deadlines": {
            "reply_due_long": long_date(route.deadlines["reply_due"], lang),
            "reply_due_extended_long": long_date(route.deadlines["reply_due_extended"], lang),
            "overdue": day > route.deadlines["reply_due"],
            "ack_days": ack.get("days") if isinstance(ack, dict) else None,
            "days": reply.get("days"),
            "extension_days": reply.get("extension_days"),
            "appeal_days": appeal.get("days"),
            "appeal_extension_days": appeal.get("extension_days"),
        },
        "home_regulator": {"name": authority_name(home, day),
                           "short_name": home.value("short_name", day)},
        "lead_authority": {"name": authority_name(lead, day) if lead else None,
                           "short_name": lead.value("short_name", day) if lead else None,
                           "is_recipient": lead is not None and letter.regulator is not None
                           and letter.regulator.id == lead.id},
        "history": history,
        "evidence": [{"name": item.name, "detail": item.detail, "shows": item.shows,
                      "date": long_date(dt.date.fromisoformat(item.date), lang)
                      if item.date else "–",
                      "kind": "PDF" if item.mime == "application/pdf" else "PNG"}
                     for item in case.evidence] if letter.kind == "complaint" else [],
        "signature": {"typed": case.signature.typed, "image": _signature_src(case, preview)},
    }


def _place(route: Route) -> str:
    """Return where the person lives as the letters name it: "California", "Brazil"."""
    names = (route.jurisdiction.plain.get("subdivisions") or {}).get("names") or {}
    if route.case.subdivision and isinstance(route.jurisdiction.value("regime", route.day),
                                             dict):
        return names[route.case.subdivision]  # a state with its own law
    return route.jurisdiction.plain["name"]


def place_name(route: Route, lang: str) -> str:
    """Return the country, and the state where it has its own law, in `lang`: "USA, Kalifornien"."""
    country = territories(lang).get(route.jurisdiction.id.upper(), route.jurisdiction.plain["name"])
    state = _place(route)
    if state == route.jurisdiction.plain["name"]:
        return country
    return f"{country}, {translations(lang).pgettext('place', state)}"


def _law(route: Route, lang: str) -> str:
    """Return the short name of the regime's main statute (its first instrument)."""
    instruments = route.regime.value("instruments", route.day)
    first = next(iter(instruments.values()))
    names = first["short"]
    return names.get(lang) or names.get(lang.split("-")[0]) or names["en"]


def _signature_src(case: Case, preview: bool) -> str | None:
    if not case.signature.image:
        return None
    if preview:
        return "data:image/png;base64," + base64.b64encode(case.signature.image).decode()
    return SIGNATURE_URL


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
