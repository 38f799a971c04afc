"""Which days the record's law covers: no chart may draw a duty, zero included, on a day for
which the record holds no measure of a duty that applied to the product.

For each product family and each duty family that covers it somewhere in the record, every day
the charts draw must be one of:

- covered by a measure of that duty family (documented, or an ``undocumented`` period, which the
  charts show as unknown), in each account of the duty (as charged, as finally applied);
- before the start of the family's first measure, where that measure's document first imposed
  the duty (``first_imposed``): no duty of the family applied yet;
- after the end of the family's last measure (a document ended it).

A day that is none of these is a gap: the charts would draw a rate where the law had one the
record does not hold (as for aluminum and Japanese steel before 12 March 2025 until the record
held them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .engine import VIEWS, Law
from .products import PRODUCTS

CHART_START = dt.date(2025, 3, 1)  # the first day the law's duty charts draw


@dataclass(frozen=True)
class Gap:
    product: str
    family: str
    view: str
    first: dt.date
    last: dt.date

    def __str__(self) -> str:
        return (f"{self.product}: no {self.family} measure from {self.first:%-d %B %Y} to {self.last:%-d %B %Y} "
                f"({self.view}): record the measure the law had, or an undocumented period")


def gaps(law: Law, first=CHART_START, last=None) -> list[Gap]:
    """Every span of days from ``first`` to ``last`` that a duty family covering a product leaves
    unaccounted for (see the module's docstring)."""
    days = [d.date() for d in pd.date_range(first, last or first, freq="D")]
    found = []
    for product in PRODUCTS:
        for view in VIEWS:
            measures = [m for m in law.measures if product in m.products and m.view in ("both", view)]
            for family in sorted({m.family for m in measures}):
                own = [m for m in measures if m.family == family]
                earliest = min(own, key=lambda m: m.starts or dt.date.min)
                ends = [m.ends for m in own]
                last_end = None if None in ends else max(ends)
                open_days = [d for d in days
                             if not any(m.in_force(d) for m in own)
                             and not (earliest.first_imposed and earliest.starts and d < earliest.starts)
                             and not (last_end and d >= last_end)]
                found += [Gap(product, family, view, a, b) for a, b in _spans(open_days)]
    return found


def _spans(days: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    spans: list[tuple[dt.date, dt.date]] = []
    for d in days:
        if spans and d - spans[-1][1] == dt.timedelta(days=1):
            spans[-1] = (spans[-1][0], d)
        else:
            spans.append((d, d))
    return spans
