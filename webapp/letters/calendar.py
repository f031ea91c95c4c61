"""The dates that matter for a case, as an iCalendar file (RFC 5545) for any calendar program."""

from __future__ import annotations

import datetime as dt
import hashlib

from ..dates import add_months
from ..routing import Route

FOLLOW_UP_DAYS = 14  # the time the follow-up letters give the platform before the complaint


def dates(route: Route) -> list[tuple[dt.date, str]]:
    """Return (day, what) for the case: answers due, follow-ups, regulators' own windows."""
    platform = route.platform.plain["name"]
    kinds = {letter.kind for letter in route.letters}
    found: list[tuple[dt.date, str]] = []
    due, extended = route.deadlines["reply_due"], route.deadlines["reply_due_extended"]
    if route.case.kind == "objection" or due >= route.day:
        found.append((due, f"{platform} must answer your objection by today"))
        if extended != due:
            found.append((extended, f"Latest answer from {platform} if it extended the period"))
    if kinds & {"reminder", "reply"}:
        found.append((route.day + dt.timedelta(days=FOLLOW_UP_DAYS),
                      f"No satisfactory answer from {platform}? Send your complaint"))
    history = route.case.history
    last = (history.reply_date or history.objection_sent) if history else route.day
    for regulator in route.regulators:
        window = regulator.value("complaint_window", route.day)
        if window:
            found.append((add_months(last, window["months"]),
                          f"Last day {regulator.value('short_name', route.day)} asks "
                          "complaints to arrive by (its own time limit)"))
    return sorted(found)


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, as RFC 5545 asks."""
    data, out = line.encode(), []
    while len(data) > 75:
        cut = 75
        while (data[cut] & 0xC0) == 0x80:  # do not split a UTF-8 sequence
            cut -= 1
        out.append(data[:cut].decode())
        data = b" " + data[cut:]
    out.append(data.decode())
    return "\r\n".join(out)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics(route: Route) -> str:
    """Return the case's dates as all-day events; nothing personal goes into the file."""
    stamp = route.day.strftime("%Y%m%dT000000Z")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Objector//Letters//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for day, summary in dates(route):
        uid = hashlib.sha256(f"{route.case.platform}{day}{summary}".encode()).hexdigest()[:24]
        lines += ["BEGIN:VEVENT", f"UID:{uid}@objector", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_escape(summary)}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
