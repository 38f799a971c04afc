"""Reader-facing HTML tables: header cells with scope, every value escaped, sources linked.

Text from the CSV files is data, never markup: each cell goes through html.escape. Source
ids become links to the archived text that the site serves under sources/.
"""

from __future__ import annotations

import html

import pandas as pd

SOURCE_URL = "../sources/{source_id}.txt"


class HtmlTable:
    """Displays as HTML in the built page and in JupyterLab."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:  # text/plain fallback for consoles
        return "<table: open in a browser>"


def source_link(source_id: str, quote: str | None = None) -> str:
    number = html.escape(source_id[:3])
    title = f' title="{html.escape(quote, quote=True)}"' if quote else ""
    url = html.escape(SOURCE_URL.format(source_id=source_id), quote=True)
    return f'<a class="source-link" href="{url}"{title}>[{number}]</a>'


def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return '<span class="missing">–</span>'
    return html.escape(str(value))


def table(frame: pd.DataFrame, columns: dict[str, str], *, source: str | None = "source_id",
          quote: str | None = "quote", caption: str | None = None, classes: str = "") -> HtmlTable:
    """Render the given columns (name -> header) and, if ``source`` is set, a Source column."""
    head = "".join(f'<th scope="col">{html.escape(label)}</th>' for label in columns.values())
    if source:
        head += '<th scope="col">Source</th>'
    body = []
    for _, row in frame.iterrows():
        cells = "".join(f"<td>{_cell(row[c])}</td>" for c in columns)
        if source:
            ids = [s for s in str(row[source]).split(";") if s]
            quote_text = row[quote] if quote and quote in row and isinstance(row[quote], str) else None
            cells += "<td>" + " ".join(source_link(s, quote_text) for s in ids) + "</td>"
        body.append(f"<tr>{cells}</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    markup = (f'<div class="briefing-table-wrap"><table class="briefing-table {html.escape(classes)}">{cap}'
              f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")
    return HtmlTable(markup)


def discrepancy_cards(frame: pd.DataFrame) -> HtmlTable:
    """The discrepancy log as one card per question: both quotes with their sources, then the resolution."""
    cards = []
    for _, row in frame.iterrows():
        quotes = "".join(
            f"<blockquote>“{html.escape(row[q])}” {source_link(row[s], row[q])}</blockquote>"
            for s, q in (("source_a", "quote_a"), ("source_b", "quote_b")))
        cards.append(
            f'<section class="briefing-card" id="discrepancy-{html.escape(row["discrepancy_id"], quote=True)}">'
            f"<h3>{html.escape(row['topic'])} <small>({html.escape(row['kind'])})</small></h3>{quotes}"
            f"<p><strong>What the briefing shows:</strong> {html.escape(row['resolution'])}</p>"
            f"<p><strong>Why:</strong> {html.escape(row['reasoning'])}</p></section>")
    return HtmlTable(f'<div class="briefing-cards">{"".join(cards)}</div>')
