"""Dates at the precision the sources support.

A date value is an ISO day (2025-03-12), an ISO month (2025-04), an ISO interval of days
(2025-04-11/2025-04-20) or an open interval '../2025-06-30' (on or before). The precision
column says how to read it; part-of-month intervals follow the convention early = days 1-10,
mid = 11-20, late = 21 to the end of the month.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..english import listed

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
        part = part_of_month(start, end)  # "mid-April 2025" takes a hyphen, "early July 2025" does not
        return f"{part}-{end:%B %Y}" if part == "mid" else f"{part} {end:%B %Y}"
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


# --- Date forms in words, for editors' error messages (never a regular expression) -------------

# Each form a date value can take: (name, example, a test that the text has that shape).
FORMS = {
    "day": ("a day", "2025-05-01"),
    "month": ("a month", "2025-05"),
    "interval": ("an interval of days", "2025-05-03/2025-05-31"),
    "month interval": ("an interval of months", "2025-03/2025-05"),
    "open start": ("an open start (on or before a day)", "../2025-06-30"),
    "moment": ("a day and time with the offset of the time zone the document names (12:01 a.m. EDT)", "2025-04-05T00:01-04:00"),
}
_SHAPES = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "interval": re.compile(r"\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}"),
    "month interval": re.compile(r"\d{4}-\d{2}(-\d{2})?/\d{4}-\d{2}(-\d{2})?"),
    "open start": re.compile(r"\.\./\d{4}-\d{2}-\d{2}"),
    "moment": re.compile(r"\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d[+-]\d{2}:\d{2}"),
}
MONTH_NAMES = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTH_NAMES |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}


def form_of(value: str) -> str | None:
    """The name of the form the value is written in (see FORMS), or None."""
    for name in ("day", "month", "interval", "open start", "month interval", "moment"):
        if _SHAPES[name].fullmatch(value):
            return name
    return None


def forms_accepted_by(pattern: str | None) -> list[str]:
    """The forms (FORMS keys) whose example a schema's pattern accepts; all forms without one."""
    if not pattern:
        return [f for f in FORMS if f not in ("month interval", "moment")]
    return [name for name, (_, example) in FORMS.items() if re.fullmatch(pattern, example)]


def is_date_pattern(pattern: str | None) -> bool:
    """True when a schema pattern is one for dates: it accepts a day or an interval of days, and no word."""
    return (bool(pattern) and not re.fullmatch(pattern, "date")
            and any(re.fullmatch(pattern, FORMS[f][1]) for f in ("day", "interval")))


def forms_in_words(forms: list[str]) -> str:
    """'a day such as 2025-05-01, a month such as 2025-05, or ...'."""
    parts = [f"{FORMS[f][0]} such as {FORMS[f][1]}" for f in forms]
    return listed(parts, "or")


def _iso(year: int, month: int, day: int | None = None) -> str | None:
    try:
        return (dt.date(year, month, day) if day else dt.date(year, month, 1)).isoformat()[: 10 if day else 7]
    except ValueError:
        return None


def _year(text: str) -> int:
    number = int(text)
    return number + 2000 if len(text) == 2 else number


def hint(value: str) -> str:
    """What the value looks like to a reader and how to write it (for a value in no known form)."""
    text = value.strip()
    if text != value:
        return f" Remove the spaces around it: {text!r}." if form_of(text) else ""
    numeric = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", text)
    if numeric:
        first, second, year = int(numeric[1]), int(numeric[2]), _year(numeric[3])
        us, eu = _iso(year, first, second), _iso(year, second, first)
        if us and eu and us != eu:
            return (f" {value!r} is ambiguous: it reads as {_d(dt.date.fromisoformat(us))} (month first) or"
                    f" {_d(dt.date.fromisoformat(eu))} (day first). Check the source and write the year first,"
                    f" e.g. {us} or {eu}.")
        if us or eu:
            return f" Write it with the year first: {us or eu}."
    year_first = re.fullmatch(r"(\d{4})[/.](\d{1,2})(?:[/.](\d{1,2}))?", text) or re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text)
    if year_first:
        iso = _iso(int(year_first[1]), int(year_first[2]), int(year_first[3]) if year_first[3] else None)
        if iso:
            return f" Write it as {iso} (hyphens, two-digit month and day)."
    words = re.fullmatch(r"(?:(\d{1,2})(?:st|nd|rd|th)? )?([A-Za-z]+)\.?(?: (\d{1,2})(?:st|nd|rd|th)?,?)? (\d{4})", text)
    if words and words[2].lower() in MONTH_NAMES and not (words[1] and words[3]):
        day = words[1] or words[3]
        iso = _iso(int(words[4]), MONTH_NAMES[words[2].lower()], int(day) if day else None)
        if iso:
            return f" Write it as {iso}."
    if "/" in text and " " in text:
        return " Write an interval without spaces around the '/'."
    return ""


def not_a_real_date(value: str) -> str | None:
    """Why a value in a known form is not on the calendar ('March 2025 has 31 days'), or None."""
    for part in value.split("/"):
        if part == "..":
            continue
        numbers = [int(n) for n in part.split("T")[0].split("-")]
        year, month = numbers[0], numbers[1]
        if not 1 <= month <= 12:
            return f"there is no month {month:02d}"
        if len(numbers) == 3:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= numbers[2] <= last:
                return f"{dt.date(year, month, 1):%B %Y} has {last} days"
    return None
