"""When the five articles of March to May 2025 had each tariff start, and at what rate: what a
reader of the time was told, to set against the law (the tariff chapter's fact check).

Rules (computed here from reported_tariffs):
1. A measure's rate is the rate its reports give; for Japan's country rate only reports that give
   it as the total rate Japan faces count (discrepancy '14-or-24').
2. A measure starts on the earliest effective date given by a report that has it scheduled, paused
   or in force (the first day of the interval when the date is vague); with no such date, on the
   day it is confirmed (rule 3). A report that says only that it could take effect does not start
   it: from the first day it could have started until it is confirmed, its start is unknown
   (``unknown_from``), and no day is put on it.
3. It is confirmed from the day a report says it is in force: its effective date if that report
   gives one, otherwise the last day the report may have been published (an article dated only
   to a range of days confirms nothing before the range ends). Before that it is scheduled.

The articles' rates are never added up into a duty: what a good paid is the law's (briefing.law.engine).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# Japan's country rate: only reports that give it as the total rate Japan faces count (rule 1).
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
