"""The tariff stack: what rate applied to Japanese goods, by product, day by day.

Rules (documented in the tariff chapter, computed here from tariff_measures):
1. A measure's rate is the rate its reports give; for Japan's country rate only reports that give
   it as the total rate Japan faces count (discrepancy '14-or-24').
2. A measure starts on the earliest effective date any report gives (the first day of the
   interval when the date is vague); with no effective date, on the first report of it in force.
3. It is confirmed from the day a report says it is in force: its effective date if that report
   gives one, otherwise the report's publication date. Before that it is scheduled or expected.
4. Sector measures (cars, auto parts, steel, aluminum) add to the 10% baseline: the sources call
   them 'additional' and a 'plus' on the baseline. Japan's country rate, a total, replaces the
   baseline for other goods. The sources do not say whether it applies to sector goods, so it
   is not added there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

CATEGORIES = {  # product category -> measures that apply, in stacking order
    "Other goods": ["baseline", "reciprocal-japan"],
    "Cars": ["baseline", "automobiles"],
    "Auto parts": ["baseline", "auto-parts"],
    "Steel": ["baseline", "steel"],
    "Aluminum": ["baseline", "aluminum"],
}
MEASURE_NAMES = {"baseline": "baseline tariff", "reciprocal-japan": "Japan's country rate", "automobiles": "car tariff",
                 "auto-parts": "auto-parts tariff", "steel": "steel tariff", "aluminum": "aluminum tariff"}
REPLACES_BASELINE = {"reciprocal-japan"}


@dataclass(frozen=True)
class Measure:
    measure: str
    rate: float
    starts: pd.Timestamp
    confirmed_from: pd.Timestamp | None
    start_label: str
    source_ids: tuple[str, ...]


def resolve(measures: pd.DataFrame, sources: pd.DataFrame) -> dict[str, Measure]:
    published = dict(zip(sources["source_id"], sources["published_start"]))
    out = {}
    for name, reports in measures.groupby("measure"):
        rated = reports.dropna(subset=["rate_percent"])
        if name in REPLACES_BASELINE:
            rated = rated[rated["rate_basis"] == "total"]
        rate = float(rated["rate_percent"].mode().iloc[0])
        in_force = reports[reports["status"] == "in-force"]
        confirmations = [row["effective_start"] if pd.notna(row["effective_start"]) else published[row["source_id"]]
                         for _, row in in_force.iterrows()]
        confirmed = min(confirmations) if confirmations else None
        dated = reports.dropna(subset=["effective_start"]).sort_values("effective_start")
        if len(dated):
            starts, label = dated.iloc[0]["effective_start"], dated.iloc[0]["effective_label"]
        else:
            starts, label = confirmed, f"reported in force by {confirmed:%-d %B %Y}"
        out[name] = Measure(name, rate, starts, confirmed, label, tuple(sorted(set(reports["source_id"]))))
    return out


def daily(measures: pd.DataFrame, sources: pd.DataFrame, first: dt.date, last: dt.date) -> pd.DataFrame:
    """One row per category and day: total rate, its parts and whether every part is confirmed."""
    resolved = resolve(measures, sources)
    rows = []
    for day in pd.date_range(first, last, freq="D"):
        for category, names in CATEGORIES.items():
            active = [resolved[n] for n in names if n in resolved and resolved[n].starts <= day]
            if any(m.measure in REPLACES_BASELINE for m in active):
                active = [m for m in active if m.measure != "baseline"]
            confirmed = all(m.confirmed_from is not None and m.confirmed_from <= day for m in active)
            parts = " + ".join(f"{m.rate:g}% {MEASURE_NAMES[m.measure]}" for m in active) or "none of these measures"
            rows.append({"day": day, "category": category, "rate": sum(m.rate for m in active),
                         "parts": parts, "confirmed": confirmed})
    return pd.DataFrame(rows)


def on(frame: pd.DataFrame, category: str, day) -> pd.Series:
    return frame[(frame["category"] == category) & (frame["day"] == pd.Timestamp(day))].iloc[0]
