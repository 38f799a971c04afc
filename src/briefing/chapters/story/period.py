"""A story chapter's period: the law's measures in force in it, its folded record, the rows its
page cites (for the date of its latest source) and its figures as readers write them.

Written for the first two story chapters beside ``record`` (which it builds on, unchanged); the
pieces would sit well in ``record`` itself.
"""

from __future__ import annotations

import pandas as pd

from ... import data, law
from .. import tables
from ..glue import amount
from . import record


def measure_ids(first, last) -> list[str]:
    """The law's measures in force on at least one day of [first, last] (a measure with no start,
    such as the normal duty on cars, is in force throughout)."""
    first, last = pd.Timestamp(first).date(), pd.Timestamp(last).date()
    return [m.measure_id for m in law.load_law().measures
            if (m.starts is None or m.starts <= last) and (m.ends is None or m.ends > first)]


def figure(indicators: pd.DataFrame, figure_id: str) -> str:
    """An indicator (``indicators`` indexed by id) as readers write it: 'US$550 billion', 'about 8%'."""
    row = indicators.loc[figure_id]
    return amount(row["value"], row["unit"], bool(row["approximate"]) if pd.notna(row["approximate"]) else False)


def _rows(table: str, ids: list[str]) -> pd.DataFrame:
    frame = data.sources() if table == "sources" else data.load(table)
    key = data.resource(table)["schema"]["primaryKey"]
    return frame[frame[key if isinstance(key, str) else key[0]].isin(ids)]


def behind(first, last, span: str, positions: pd.DataFrame, positions_caption: str) -> tables.HtmlTable:
    """The record behind a chapter: the events of [first, last], the positions it draws on and the
    law's measures in force, folded; ``span`` names the period in the captions ('March to mid-May 2025')."""
    return record.behind(
        record.events_table(first, last, f"Events from {span}, as the sources date them"),
        record.positions_table(positions, positions_caption),
        record.measures_table(measure_ids(first, last), f"US duties in force on Japanese goods from {span}, from the legal texts"))


def cited(first, last, positions: pd.DataFrame, also: dict[str, list[str]]) -> list[pd.DataFrame]:
    """The rows a chapter's page cites, for ``glue_as_of``: the events of its period, its positions,
    the measures in force, and the rows listed in ``also`` by table ({'indicators': [...]})."""
    frames = [record.events_between(first, last), positions, _rows("tariff_measures", measure_ids(first, last))]
    return frames + [_rows(table, ids) for table, ids in also.items()]
