"""Load the curated tables as typed pandas DataFrames, after validating the whole package.

Chapters call ``load("events")``; a data problem stops the chapter with the validator's full
report (file, line, column, what was expected) instead of a confusing pandas error.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pandas as pd

from .. import paths
from . import dates, reads
from .problems import DataError
from .validate import validate


@functools.cache
def _package(data_dir: Path) -> dict:
    problems = validate(data_dir)
    if problems:
        raise DataError(problems)
    return json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))


def resource(name: str, data_dir: Path | None = None) -> dict:
    package = _package(Path(data_dir) if data_dir else paths.data_dir())
    for res in package["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no table {name!r} in datapackage.json")


def package(data_dir: Path | None = None) -> dict:
    return _package(Path(data_dir) if data_dir else paths.data_dir())


def _typed(series: pd.Series, kind: str) -> pd.Series:
    if kind == "integer":
        return pd.to_numeric(series.replace("", None)).astype("Int64")
    if kind == "number":
        return pd.to_numeric(series.replace("", None)).astype("Float64")
    if kind == "boolean":
        return series.map({"true": True, "false": False}).astype("boolean")
    return series.replace("", None).astype("string")


def _key(res: dict) -> str:
    key = res["schema"]["primaryKey"]
    return key if isinstance(key, str) else key[0]


def _part(res: dict, raw: pd.DataFrame, rows, columns) -> pd.DataFrame:
    """The rows with these ids (None: all), in the file's order, and these columns (None: all),
    with the row id and each date column's precision (its companions are made from both)."""
    key = _key(res)
    if rows is not None:
        raw = raw[raw[key].isin([str(r) for r in rows])]
    if columns is not None:
        unknown = [c for c in columns if c not in raw.columns]
        if unknown:
            raise KeyError(f"no column {', '.join(map(repr, unknown))} in table {res['name']!r}")
        wanted = {key, *columns} | {p for c in columns for p in (_precision_of(c),) if p in raw.columns}
        raw = raw[[c for c in raw.columns if c in wanted]]
    return raw


def _precision_of(column: str) -> str:
    return "date_precision" if column == "date" else f"{column}_precision"


def part_digest(name: str, part: dict, data_dir: Path | None = None) -> str:
    """The digest (briefing.data.reads) of a part of a table as the CSV file holds it now; read
    without validating, like the file itself (the build compares it with a chapter's record)."""
    data_dir = Path(data_dir) if data_dir else paths.data_dir()
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in package["resources"] if r["name"] == name)
    raw = pd.read_csv(data_dir / res["path"], dtype=str, keep_default_na=False, encoding="utf-8")
    return reads.part_digest(_part(res, raw, part.get("rows"), part.get("columns")))


def load(name: str, data_dir: Path | None = None, *, rows=None, columns=None) -> pd.DataFrame:
    """One table, typed per its schema. Date columns gain _start, _end, _mid and _label companions.

    ``rows`` (ids) and ``columns`` give only that part of the table (with the row id, and each
    date column's precision), and the build re-executes the chapter only when that part changes
    (briefing.data.reads): ask for no more than the chapter uses, and a change elsewhere in the
    table costs it nothing; a column not asked for is not there (KeyError), never stale."""
    data_dir = Path(data_dir) if data_dir else paths.data_dir()
    res = resource(name, data_dir)
    frame = pd.read_csv(data_dir / res["path"], dtype=str, keep_default_na=False, encoding="utf-8")
    if rows is None and columns is None:
        reads.record(name)
    else:
        frame = _part(res, frame, rows, columns).reset_index(drop=True)
        reads.record(name, {"rows": None if rows is None else [str(r) for r in rows],
                            "columns": None if columns is None else list(columns), "digest": reads.part_digest(frame)})
    for field in res["schema"]["fields"]:
        if field["name"] in frame.columns:
            frame[field["name"]] = _typed(frame[field["name"]], field.get("type", "string"))
    names = set(frame.columns)
    for column in [f["name"] for f in res["schema"]["fields"] if f["name"] in names]:
        precision = _precision_of(column)
        if precision in names:
            _add_date_columns(frame, column, lambda row, p=precision: row[p])
        elif column == "covers":  # a period, always an interval
            _add_date_columns(frame, column, lambda row: "range")
    return frame


def _add_date_columns(frame: pd.DataFrame, column: str, precision_of) -> None:
    def parts(row):
        value, prec = row[column], precision_of(row)
        if pd.isna(value):
            return pd.Series([pd.NaT, pd.NaT, pd.NaT, None])
        start, end = dates.parse(value)
        return pd.Series([pd.Timestamp(start) if start else pd.NaT, pd.Timestamp(end),
                          pd.Timestamp(dates.midpoint(value)), dates.describe(value, prec)])

    extra = frame.apply(parts, axis=1) if len(frame) else pd.DataFrame(columns=range(4))
    for i, suffix in enumerate(("start", "end", "mid", "label")):
        frame[f"{column}_{suffix}"] = extra[i] if len(frame) else pd.Series(dtype=object)


def sources(data_dir: Path | None = None) -> pd.DataFrame:
    """The sources table with a short reader-facing label for each document."""
    frame = load("sources", data_dir)
    article = frame["kind"] == "archived-article"
    frame["number"] = frame["source_id"].str.slice(0, 3).where(article)
    # Without a headline, the description stands in, marked so that no one takes it for the source's own.
    title = frame["headline"].fillna("(no headline) " + frame["description"])
    # Articles by number, legal documents by identifier, reports by outlet.
    named = frame["identifier"].fillna(frame["outlet"])
    frame["label"] = ("[" + frame["number"] + "] " + title).where(article, named + ", " + title)
    # An undated page is dated from what it reports to the day it was read: shown as that range,
    # '22 February–5 December 2026' would read as a source of December. Say what the range means.
    undated = (frame["published_precision"] == "range") & (frame["published_end"] == pd.to_datetime(frame["consulted"]))
    frame.loc[undated, "published_label"] = [f"undated; not before {start:%-d %B %Y}" for start in frame.loc[undated, "published_start"]]
    return frame


def latest_source(frame: pd.DataFrame) -> pd.Series:
    """The latest-dated source in a sources frame: the one whose earliest possible day is latest,
    then the one that ends latest. A source dated only 'on or before' a day (precision before,
    '../2025-06-30') has no earliest day: it may be older than every other source, so it shows
    nothing about how far the record reaches and is never the latest."""
    dated = frame.dropna(subset=["published_start"])
    if dated.empty:
        undated = ", ".join(frame["source_id"])
        raise ValueError(f"no source here has an earliest possible day ({undated or 'no source at all'}): each is dated only"
                         " 'on or before' a day (published_precision before), so nothing says how recent they are;"
                         " in book/data/sources.csv, date at least one of them to a day, a month or an interval of days")
    return dated.sort_values(["published_start", "published_end"]).iloc[-1]


def record_end(frame: pd.DataFrame) -> pd.Timestamp:
    """The date the record reaches: the earliest possible day of its latest source (latest_source).
    One rule for every "as of" in the briefing: a source dated only to a range counts from its first
    day, and one dated only 'on or before' a day, which has no first day, does not count."""
    return latest_source(frame)["published_start"]
