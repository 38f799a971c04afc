"""Dates at the precision the sources support.

A date value is an ISO day (2025-03-12), an ISO month (2025-04), an ISO interval of days
(2025-04-11/2025-04-20) or an open interval '../2025-06-30' (on or before). The precision
column says how to read it; part-of-month intervals follow the convention early = days 1-10,
mid = 11-20, late = 21 to the end of the month.
"""

from __future__ import annotations

import calendar
import datetime as dt

PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, None)}


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def parse(value: str) -> tuple[dt.date | None, dt.date]:
    """Return (first possible day, last possible day); first is None for an open start."""
    if "/" in value:
        start, end = value.split("/")
        return (None if start == ".." else parse(start)[0]), parse(end)[1]
    if len(value) == 7:
        year, month = map(int, value.split("-"))
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day = _day(value)
    return day, day


def part_of_month(start: dt.date, end: dt.date) -> str | None:
    """'early', 'mid' or 'late' if the interval is exactly that part of one month."""
    if (start.year, start.month) != (end.year, end.month):
        return None
    last = calendar.monthrange(start.year, start.month)[1]
    for name, (first_day, last_day) in PARTS.items():
        if start.day == first_day and end.day == (last_day or last):
            return name
    return None


def check(value: str, precision: str) -> str | None:
    """Why the value does not fit the precision, or None if it does."""
    try:
        start, end = parse(value)
    except ValueError:
        return f"expected a real calendar date, found {value!r}"
    if start and start > end:
        return f"expected the interval to start before it ends, found {value!r}"
    single_day = "/" not in value and len(value) == 10
    month = "/" not in value and len(value) == 7
    rules = {
        "day": (single_day, "a single day such as 2025-03-12"),
        "month": (month, "a month such as 2025-04"),
        "week": ("/" in value and start is not None and (end - start).days == 6, "a 7-day interval such as 2025-03-03/2025-03-09"),
        "part-of-month": ("/" in value and start is not None and part_of_month(start, end) is not None,
                          "an interval of days 1-10, 11-20 or 21-end of one month (early, mid, late)"),
        "range": ("/" in value and start is not None, "an interval such as 2025-05-03/2025-05-31"),
        "before": (value.startswith("../"), "an open interval such as ../2025-06-30"),
    }
    if precision not in rules:
        return None  # the enum check reports unknown precisions
    ok, expected = rules[precision]
    return None if ok else f"expected {expected} for precision '{precision}', found {value!r}"


def _d(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def describe(value: str, precision: str) -> str:
    """The date as readers see it everywhere in the briefing: '12 March 2025', 'mid-April 2025'."""
    start, end = parse(value)
    if precision == "day":
        return _d(end)
    if precision == "month":
        return f"{end:%B %Y}"
    if precision == "part-of-month" and start:
        return f"{part_of_month(start, end)}-{end:%B %Y}"
    if precision == "week" and start:
        return f"week of {_d(start)}"
    if precision == "before" or start is None:
        return f"by {_d(end)}"
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{_d(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%B}–{_d(end)}"
    return f"{_d(start)}–{_d(end)}"


def midpoint(value: str) -> dt.date:
    """A single day to place an imprecise date on a chart (open starts use the end)."""
    start, end = parse(value)
    return end if start is None else start + (end - start) / 2
