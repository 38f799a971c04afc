"""Pieces more than one page uses: the check of the rows a page relies on (RELIED_ON), and events
in date order."""

from __future__ import annotations

import pandas as pd

from ... import data


def relied_on_problems(relied_on: dict[str, list[str]], page: str, module: str, data_dir=None) -> list[str]:
    """Each row of a page's RELIED_ON that the data no longer has, with where to look (``page``:
    'the front page'; ``module``: the file that names the rows)."""
    problems = []
    for table, ids in relied_on.items():
        key = data.resource(table, data_dir)["schema"]["primaryKey"]
        known = set(data.load(table, data_dir)[key if isinstance(key, str) else key[0]])
        problems += [f"book/data/{table}.csv: {page} relies on row {row!r}, which is gone: restore it or "
                     f"edit RELIED_ON and the page in {module}" for row in ids if row not in known]
    return problems


def in_date_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Events in date order; an event known only to have happened by a day sorts at that day."""
    return frame.assign(order=frame["date_start"].fillna(frame["date_end"])).sort_values(["order", "date_end", "event_id"])
