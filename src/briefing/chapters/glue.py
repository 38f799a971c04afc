"""Put numbers and words from the data into the prose with myst-nb ``glue``.

Everything is formatted here, once, so prose shows values the same way everywhere:
``{glue:text}`name``` in the Markdown shows the value as plain (escaped) text.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from myst_nb import glue as nb_glue

from ..data.dates import PARTS


class Plain(str):
    """A string whose text/plain form is itself (a plain str would show with quote marks)."""

    def __repr__(self) -> str:
        return str(self)


def number(value, decimals: int | None = None) -> str:
    """The value with a thousands separator and a real minus sign. Without ``decimals``, as many
    as the value has (up to two): a rate of 2.5% must never print as 3%."""
    value = float(value)
    if decimals is None:
        decimals = next(d for d in (0, 1, 2) if round(value, d) == round(value, 2))
    text = f"{abs(value):,.{decimals}f}"
    return ("−" if value < 0 else "") + text


def percent(value, decimals: int | None = None) -> str:
    return f"{number(value, decimals)}%"


def day(value) -> str:
    value = pd.Timestamp(value)
    return f"{value.day} {value:%B %Y}"


def count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


MONEY = {"usd-billion": ("US$", " billion"), "usd-billion-per-year": ("US$", " billion a year"),
         "yen-trillion": ("¥", " trillion")}
COUNTED = {"seats": "seat", "years": "year", "months": "month", "days": "day"}


def amount(value, unit: str, approximate: bool = False) -> str:
    """A figure of the indicators table as readers write it: 'US$550 billion', 'US$8 billion a
    year', '−0.2%', '39 seats', '4th', 'about 8%'. Units are those the data package allows."""
    if unit == "rank":
        n = int(value)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        if approximate:  # 'among the first few': a rank given only roughly
            return f"among the first {n}" if n > 1 else "among the first"
        return f"{n}{suffix}"
    if unit in MONEY:
        before, after = MONEY[unit]
        text = ("−" if value < 0 else "") + before + number(abs(value)) + after
    elif unit == "percent":
        text = percent(value)
    elif unit in COUNTED:
        text = f"{number(value)} {COUNTED[unit] if value == 1 else unit}"
    elif unit == "count":
        text = number(value)
    else:
        raise ValueError(f"no way to write a figure in {unit!r}: add it to briefing.chapters.glue.amount")
    return ("about " if approximate else "") + text


QUARTERS = {"Q1": "first", "Q2": "second", "Q3": "third", "Q4": "fourth"}


def period_in_words(period: str) -> str:
    """'2025-Q1' as 'first quarter of 2025'; other periods as the data gives them."""
    year, _, quarter = str(period).partition("-")
    return f"{QUARTERS[quarter]} quarter of {year}" if quarter in QUARTERS and year.isdigit() else period


def glue(name: str, value) -> Plain:
    """Glue a value for the prose and return the text shown, for use in the same chapter."""
    if isinstance(value, (dt.date, pd.Timestamp)):
        value = day(value)
    text = Plain(str(value))
    nb_glue(name, text, display=False)
    return text


def glue_all(values: dict[str, object]) -> None:
    for name, value in values.items():
        glue(name, value)


def glue_date_conventions() -> None:
    """Glue early-days, mid-days and late-days: the part-of-month convention of briefing.data.dates."""
    for part, (first, last) in PARTS.items():
        glue(f"{part}-days", f"{first} to {last if last else 'the end'}")
