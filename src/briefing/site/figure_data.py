"""Each chart's data as a CSV file of exactly what it draws, and numbered tables.

- Figures: the plotly renderer (plotly_mime) puts a footer under each chart with a 'Data (CSV)'
  link to ``figures/<figure id>.csv``; after the build, every figure of every page is read back
  from its JSON block and written there (one row per point: series, x, y and the point's label,
  the columns named by the chart's axis titles), so the file is what the chart draws.
- Tables: the briefing's HTML tables (chapters.tables) get a number ('Table 3') in their caption
  and a stable anchor from the caption's words, in page order, when the page is written.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import shutil
from pathlib import Path

import numpy as np

from .plotly_mime import DATA_CLASS, FIGURES_DIR, PLACEHOLDER

_BLOCK = re.compile(rf'<script type="application/json" class="{DATA_CLASS}" data-target="([\w-]+)">(.*?)</script>', re.S)
_CAPTION = re.compile(r'<table class="briefing-table([^"]*)"><caption>(.*?)</caption>', re.S)


def with_page_links(body: str, to_root: str) -> str:
    """The footers' addresses, relative to the page being written."""
    return body.replace(PLACEHOLDER, to_root)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"<[^>]+>", "", text).lower()).strip("-")[:60]


def numbered_tables(body: str) -> str:
    """'Table N. caption' in page order, each table anchored at 'table-<caption words>'."""
    count, seen = 0, set()

    def number(match: re.Match) -> str:
        nonlocal count
        count += 1
        anchor = "table-" + _slug(match.group(2))
        while anchor in seen:
            anchor += "-" + str(count)
        seen.add(anchor)
        return (f'<table class="briefing-table{match.group(1)}" id="{anchor}"><caption>'
                f'<span class="caption-number">Table {count}. </span>{match.group(2)}</caption>')

    return _CAPTION.sub(number, body)


def values(array) -> list:
    """A trace's x or y as numbers and strings: plotly 6 writes numeric arrays as base64 typed
    arrays ({'dtype': 'f8', 'bdata': ...}), which plotly.js decodes when it draws."""
    if isinstance(array, dict) and "bdata" in array:
        decoded = np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
        return [None if isinstance(v, float) and np.isnan(v) else v for v in decoded.tolist()]
    return list(array or [])


_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.0+)?$")


def _plain(value):
    """A value as a reader reads it: the line breaks plotly draws ('<br>') as '; ', tags dropped,
    and a day drawn at midnight as the day alone ('2025-07-01')."""
    if not isinstance(value, str):
        return value
    day = _MIDNIGHT.match(value)
    if day:
        return day.group(1)
    return re.sub(r"<[^>]+>", "", value.replace("<br>", "; ")).strip()


def _point_labels(trace: dict, n: int) -> list:
    """What the chart says of each point on hover or beside it (an event's title, a round), if anything."""
    for key in ("hovertext", "text"):
        labels = trace.get(key)
        if isinstance(labels, (list, tuple)) and len(labels) == n:
            return [_plain(label) for label in labels]
        if isinstance(labels, str) and labels:
            return [_plain(labels)] * n
    return [""] * n


def figure_rows(figure: dict) -> list[tuple[str, object, object, object]]:
    """One row per point drawn: the trace's name, x, y and the point's label (a trace without a
    name is 'trace N'); in a chart of several panels, a trace names its panel in `meta` ('Cars: as
    the law finally applied it')."""
    rows = []
    for i, trace in enumerate(figure.get("data", []), start=1):
        name = trace.get("name") or f"trace {i}"
        if isinstance(trace.get("meta"), str):
            name = f"{trace['meta']}: {name}"
        xs, ys = values(trace.get("x")), values(trace.get("y"))
        if trace.get("fill") == "toself":
            # A shaded span (days no legal text covers) is drawn as a polygon from 0 to the top of the
            # axis: its corners are no rates, so the file gives its days with no value.
            days = list(dict.fromkeys(_plain(x) for x in xs))
            rows += [(_plain(name), day, None, "no rate: the shaded span marks days no legal text covers") for day in days]
            continue
        labels = _point_labels(trace, len(xs))
        rows += [(_plain(name), _plain(x), _plain(y), label) for x, y, label in zip(xs, ys, labels)]
    return rows


def _axis_title(layout: dict, axis: str) -> str:
    title = (layout.get(axis) or {}).get("title")
    text = title.get("text") if isinstance(title, dict) else title
    return _plain(text) if isinstance(text, str) and text.strip() else ""


def figure_header(figure: dict) -> list[str]:
    """The columns, named by the chart's own axis titles where it has them."""
    layout = figure.get("layout", {})
    return ["series", _axis_title(layout, "xaxis") or "x", _axis_title(layout, "yaxis") or "y", "label"]


def figure_csv(figure: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(figure_header(figure))
    writer.writerows(("" if v is None else v for v in row) for row in figure_rows(figure))
    return out.getvalue()


def write_figure_files(outdir: Path, pages) -> None:
    """Every figure's CSV under figures/, for the pages (docnames) of the site."""
    figures = outdir / FIGURES_DIR
    if figures.exists():
        shutil.rmtree(figures)
    figures.mkdir(parents=True)
    # Earlier builds copied each charted chapter's Markdown under chapters/, linked from its charts;
    # nothing links it any more, so a site built over one drops it.
    shutil.rmtree(outdir / "chapters", ignore_errors=True)
    for page in pages:
        html_file = outdir / f"{page}.html"
        if not html_file.is_file():
            continue
        for ident, payload in _BLOCK.findall(html_file.read_text(encoding="utf-8")):
            (figures / f"{ident}.csv").write_text(figure_csv(json.loads(payload)), encoding="utf-8")
