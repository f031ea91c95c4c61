"""Calendar arithmetic for statutory periods."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the same day `months` later, or the month's last day when it has none.

    A period of "one month" from 31 January ends on the last day of February: the usual
    reading of Regulation (EEC, Euratom) No 1182/71, Art. 3(2)(c), and of UK practice.
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
