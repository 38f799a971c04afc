"""The law as the data records it: tariff measures (``tariff_measures.csv``) and the stacking
rules that take a measure off when another applies (``stacking_rules.csv``), typed once here.

A measure's start and end are moments in the document's own time zone
('2025-04-05T00:01-04:00'); a day counts from the day its start falls on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

NOT_DOCUMENTED = "not documented"  # a period no document in the record covers; never filled in


@dataclass(frozen=True)
class Measure:
    measure_id: str
    family: str
    name: str
    rate: float | None  # None only for an undocumented period
    charged_as: str  # normal-duty | on-top | all-in | undocumented
    products: frozenset[str]
    view: str  # both | as-charged | as-finally-applied
    starts_at: pd.Timestamp | None
    ends_at: pd.Timestamp | None
    source_id: str
    locator: str
    authority: str = ""
    instrument_id: str = ""
    read_in: str = ""  # the copy the locator's part was read in, when not the official text
    first_imposed: bool = False  # its document imposes a duty of the family that did not apply before

    @property
    def starts(self) -> dt.date | None:
        return self.starts_at.date() if self.starts_at is not None else None

    @property
    def ends(self) -> dt.date | None:
        return self.ends_at.date() if self.ends_at is not None else None

    @property
    def documented(self) -> bool:
        return self.charged_as != "undocumented"

    def in_force(self, day: dt.date) -> bool:
        return (self.starts is None or self.starts <= day) and (self.ends is None or day < self.ends)


@dataclass(frozen=True)
class Rule:
    rule_id: str
    family: str
    not_with: str
    starts: dt.date | None
    summary: str
    source_id: str
    locator: str
    read_in: str = ""  # the copy the locator's part was read in, when not the official text


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _flag(value) -> bool:
    return False if value is None or pd.isna(value) else bool(value)


def moment(value) -> pd.Timestamp | None:
    """A start or end as the document gives it: a time zone kept where one is given."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return None
    return pd.Timestamp(value)


def read_measures(frame: pd.DataFrame) -> list[Measure]:
    return [Measure(r.measure_id, r.family, r.name, None if pd.isna(r.rate_percent) else float(r.rate_percent),
                    r.charged_as, frozenset(str(r.products).split(";")), r.view, moment(r.starts), moment(r.ends),
                    r.source_id, r.locator, r.authority, r.instrument_id, _text(getattr(r, "read_in", "")),
                    _flag(getattr(r, "first_imposed", None)))
            for r in frame.itertuples()]


def read_rules(frame: pd.DataFrame) -> list[Rule]:
    return [Rule(r.rule_id, r.family, r.not_with, None if moment(r.starts) is None else moment(r.starts).date(),
                 r.summary, r.source_id, r.locator, _text(getattr(r, "read_in", "")))
            for r in frame.itertuples()]
