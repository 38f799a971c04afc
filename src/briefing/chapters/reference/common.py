"""Pieces more than one page uses: the check of the rows a page relies on (RELIED_ON), events
in date order, and the table of the later figures (the deal page and the figures page)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd

from ... import data, paths
from .. import tables
from ..glue import amount


def relied_on_problems(relied_on: dict[str, list[str]], page: str, module: str, data_dir=None) -> list[str]:
    """Each row of a page's RELIED_ON that the data no longer has, with where to look (``page``:
    'the front page'; ``module``: the file that names the rows)."""
    problems = []
    folder = Path(data_dir) if data_dir else paths.data_dir()
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for table, ids in relied_on.items():
        resource = next(r for r in package["resources"] if r["name"] == table)
        key = resource["schema"]["primaryKey"]
        # Read as plain CSV, not validated: the check names a missing row even while other data is broken.
        with open(folder / resource["path"], encoding="utf-8", newline="") as handle:
            known = {row[key if isinstance(key, str) else key[0]] for row in csv.DictReader(handle)}
        problems += [f"book/data/{table}.csv: {page} relies on row {row!r}, which is gone: restore it or "
                     f"edit RELIED_ON and the page in {module}" for row in ids if row not in known]
    return problems


def in_date_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Events in date order. An event dated to a span of days sorts a little into it, at its middle
    but no later than its fifth day: 'early April' (1 to 10 April) after 2 April, while an event an
    article dates only to the two months in which it may have been written stays near their start.
    An event known only to have happened by a day sorts at that day."""
    start = frame["date_start"]
    order = (start + ((frame["date_end"] - start) / 2).clip(upper=pd.Timedelta(days=5))).fillna(frame["date_end"])
    return frame.assign(order=order).sort_values(["order", "date_end", "event_id"])


def later_figures(documents: pd.DataFrame) -> pd.DataFrame:
    """The figures of the deal and after: those not from the archived articles of 2025."""
    indicators = data.load("indicators")
    return indicators[indicators["source_id"].map(documents["kind"]) != "archived-article"]


def figures_table(figures: pd.DataFrame, caption: str) -> tables.HtmlTable:
    """Figures of the indicators table with their value, period and note, each citing its sources."""
    shown = figures.assign(amount=[amount(v, u, a) for v, u, a in
                                   zip(figures["value"], figures["unit"], figures["approximate"].fillna(False))])
    return tables.table(shown, {"subject": "Figure", "amount": "Value", "period": "Period", "note": "Note"},
                        citations=[("source_id", "quote", "locator"), ("also_source_id", None, "also_locator")],
                        caption=caption)
