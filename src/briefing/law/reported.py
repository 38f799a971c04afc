"""What the five articles of March to May 2025 reported about each tariff, day by day.

Rules (documented in the tariff chapter, computed here from reported_tariffs):
1. A measure's rate is the rate its reports give; for Japan's country rate only reports that give
   it as the total rate Japan faces count (discrepancy '14-or-24').
2. A measure starts on the earliest effective date given by a report that has it scheduled, paused
   or in force (the first day of the interval when the date is vague); with no such date, on the
   day it is confirmed (rule 3). A report that says only that it could take effect does not start
   it: from the first day it could have started until it is confirmed, its start is unknown, and
   the rate is shown as a range, not a line.
3. It is confirmed from the day a report says it is in force: its effective date if that report
   gives one, otherwise the last day the report may have been published (an article dated only
   to a range of days confirms nothing before the range ends). Before that it is scheduled.
4. Sector measures (cars, auto parts, steel, aluminum) add to the 10% baseline: the sources call
   them 'additional'. Japan's country rate, a total, replaces the baseline for other goods. The
   sources do not say whether it applies to sector goods, so it is not added there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .products import product_label

# The articles' measures that apply to each product family, in stacking order (the chart's panels
# follow this order: other goods first, as the articles led with the general tariff).
REPORTED_MEASURES = {
    "other-goods": ["baseline", "reciprocal-japan"],
    "cars": ["baseline", "automobiles"],
    "auto-parts": ["baseline", "auto-parts"],
    "steel": ["baseline", "steel"],
    "aluminum": ["baseline", "aluminum"],
}
MEASURE_NAMES = {"baseline": "baseline tariff", "reciprocal-japan": "Japan's country rate", "automobiles": "car tariff",
                 "auto-parts": "auto-parts tariff", "steel": "steel tariff", "aluminum": "aluminum tariff"}
REPLACES_BASELINE = {"reciprocal-japan"}


@dataclass(frozen=True)
class Reported:
    """A measure as the articles reported it (not the law: see briefing.law.engine)."""

    measure: str
    rate: float
    starts: pd.Timestamp | None
    confirmed_from: pd.Timestamp | None
    start_label: str
    source_ids: tuple[str, ...]
    # Rule 2: from the first day a report said it could take effect, when that is before it starts.
    unknown_from: pd.Timestamp | None = None
    possible_when: str = ""  # 'in early April 2025'
    possible_said: str = ""  # the day of the report that said so

    @property
    def unknown_label(self) -> str:
        return f"could take effect {self.possible_when}, an article said on {self.possible_said}"

    @property
    def name(self) -> str:
        return MEASURE_NAMES[self.measure]


def resolve(measures: pd.DataFrame, sources: pd.DataFrame) -> dict[str, Reported]:
    written_by = dict(zip(sources["source_id"], sources["published_end"]))
    out = {}
    for name, reports in measures.groupby("measure"):
        rated = reports.dropna(subset=["rate_percent"])
        if name in REPLACES_BASELINE:
            rated = rated[rated["rate_basis"] == "total"]
        rate = float(rated["rate_percent"].mode().iloc[0])
        in_force = reports[reports["status"] == "in-force"]
        confirmations = [row["effective_start"] if pd.notna(row["effective_start"]) else written_by[row["source_id"]]
                         for _, row in in_force.iterrows()]
        confirmed = min(confirmations) if confirmations else None
        dated = reports.dropna(subset=["effective_start"]).sort_values("effective_start")
        firm, possible = dated[dated["status"] != "possible"], dated[dated["status"] == "possible"]
        if len(firm):
            starts, label = firm.iloc[0]["effective_start"], firm.iloc[0]["effective_label"]
        elif confirmed is not None:
            starts, label = confirmed, f"reported in force by {confirmed:%-d %B %Y}"
        else:
            starts, label = None, "start not reported"
        unknown_from, when, said = None, "", ""
        if len(possible) and (starts is None or possible.iloc[0]["effective_start"] < starts):
            first = possible.iloc[0]
            unknown_from = first["effective_start"]
            when = ("on " if first["effective_precision"] == "day" else "in ") + first["effective_label"]
            said = sources.set_index("source_id").loc[first["source_id"], "published_label"]
        out[name] = Reported(name, rate, starts, confirmed, label, tuple(sorted(set(reports["source_id"]))),
                            unknown_from, when, said)
    return out


def _stack(active: list[Reported]) -> list[Reported]:
    if any(m.measure in REPLACES_BASELINE for m in active):
        return [m for m in active if m.measure != "baseline"]
    return active


def daily(measures: pd.DataFrame, sources: pd.DataFrame, first: dt.date, last: dt.date) -> pd.DataFrame:
    """One row per category and day: the total rate and its parts, whether every part is confirmed,
    and whether the rate is known at all. While a measure's start is unknown (rule 2) the rate is
    missing and `low`/`high` give the range: without that measure, and with it."""
    resolved = resolve(measures, sources)
    rows = []
    for day in pd.date_range(first, last, freq="D"):
        for category, names in REPORTED_MEASURES.items():
            present = [resolved[n] for n in names if n in resolved]
            active = _stack([m for m in present if m.starts is not None and m.starts <= day])
            unsure = [m for m in present if m.unknown_from is not None and m.unknown_from <= day
                      and (m.starts is None or day < m.starts)]
            low = sum(m.rate for m in active)
            high = sum(m.rate for m in _stack(active + unsure))
            confirmed = not unsure and all(m.confirmed_from is not None and m.confirmed_from <= day for m in active)
            parts = " + ".join(f"{m.rate:g}% {m.name}" for m in active) or "none of these measures"
            if unsure:
                parts += "; " + "; ".join(f"the {m.rate:g}% {m.name}: start not reported ({m.unknown_label}; "
                                          f"{m.start_label})" for m in unsure)
            rows.append({"day": day, "category": category, "label": product_label(category), "rate": float("nan") if unsure else low, "low": low,
                         "high": high, "parts": parts, "confirmed": confirmed, "known": not unsure})
    return pd.DataFrame(rows)


def on(frame: pd.DataFrame, category: str, day) -> pd.Series:
    """The row of ``daily`` for one product family ('cars') and day."""
    return frame[(frame["category"] == category) & (frame["day"] == pd.Timestamp(day))].iloc[0]
