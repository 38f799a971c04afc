"""Citation markers in the prose: ``{src}`events/framework-announced``` after a claim.

The role names a data row (table/row id); the page shows a small number linked to what backs the
row, one click away: an archived article's text (its quote shows on hover, or on a first tap), or
a legal document's or report's own page (document and pinpoint on hover). The numbers run from 1
on each page, a row cited twice keeps its number, and the ``{evidence-notes}`` directive (in the
page's last section) lists them in full, so the PDF edition, which cannot hover, carries them too.
It opens with the page's one "as of": the date of the latest source the page cites or links, in its
prose, its tables and its notes alike, so the date names a source the reader can find on the page.

A name that is not a row is a build error at the chapter's line, with the nearest ids.
"""

from __future__ import annotations

import difflib
import functools
import html
import re

from docutils import nodes
from docutils.parsers.rst import Directive

from .. import data
from ..chapters import tables
from ..chapters.glue import day

ROLE, DIRECTIVE = "src", "evidence-notes"
AS_OF = "The latest source cited on this page dates from"
RECORD_END = "The latest source in the whole briefing dates from"
HREF = re.compile(r'href="([^"]+)"')


@functools.cache
def _rows(table: str) -> dict[str, dict]:
    frame = data.load(table)
    key = data.resource(table)["schema"]["primaryKey"]
    key = key[0] if isinstance(key, list) else key
    return {str(r[key]): r for r in frame.to_dict("records")}


def _text(row: dict, column: str) -> str | None:
    value = row.get(column)
    return value if isinstance(value, str) and value else None


def evidence(table: str, row_id: str) -> list[tuple[str, str | None, str | None, str | None]]:
    """(source id, locator, quote, read in) for what backs a row: its source, then its second
    source, then the documents that set a measure's start and end; for a discrepancy, both sides."""
    row = _rows(table)[row_id]
    if "source_id" not in row:  # discrepancies: the two sides that disagree
        return [(row[f"source_{side}"], _text(row, f"locator_{side}"), _text(row, f"quote_{side}"),
                 _text(row, f"read_in_{side}")) for side in "ab"]
    found = [(row["source_id"], _text(row, "locator"), _text(row, "quote"), _text(row, "read_in"))]
    if _text(row, "also_source_id"):
        found += [(s, _text(row, "also_locator"), None, None) for s in row["also_source_id"].split(";") if s]
    # A measure's start and end may rest on other documents than its rate (an order that extended
    # a pause): a sentence that dates it cites them too.
    for moment in ("starts", "ends"):
        source = _text(row, f"{moment}_source_id")
        if source and all(source != s for s, *_ in found):
            found.append((source, _text(row, f"{moment}_locator"), None, _text(row, f"{moment}_read_in")))
    return found


def _note_parts(table: str, row_id: str) -> tuple[str | None, list[tuple[str, str, str | None]]]:
    """A note's opening (a discrepancy's question) and, for each source, (its citation in words,
    its id, the copy its cited part was read in)."""
    opening = f"Where the sources disagree: {_rows(table)[row_id]['topic']} The sources:" if table == "discrepancies" else None
    parts = []
    for source, locator, quote, read_in in evidence(table, row_id):
        cited = tables.citation_text(source, locator, read_in)
        parts.append((f"“{quote}” {cited}" if quote else cited, source, read_in))
    return opening, parts


def note_text(table: str, row_id: str) -> str:
    """The note in words: '“quote” [002]' or 'Executive Order 14345, sec. 4; also Reuters, para. 3'."""
    opening, parts = _note_parts(table, row_id)
    if opening:
        return opening + " " + "; ".join(text for text, *_ in parts)
    return "; also ".join(text for text, *_ in parts)


def note_html(table: str, row_id: str) -> str:
    """The note as listed under Sources: each source's citation followed by its own links, so a
    document read in a copy links that copy first and then its official address."""
    opening, parts = _note_parts(table, row_id)
    cited = [f"{html.escape(text)} {tables.note_links(source, read_in)}" for text, source, read_in in parts]
    if opening:
        return (f"{html.escape(opening)} " + "; ".join(cited) +
                f' <a class="source-link cite" href="{html.escape(href(table, row_id), quote=True)}">the log</a>')
    return "; also ".join(cited)


def href(table: str, row_id: str) -> str:
    """Where a marker leads: a discrepancy to its entry in the log, any other row to its source."""
    if table == "discrepancies":
        return tables.DISCREPANCY_URL.format(id=row_id)
    return tables.source_href(evidence(table, row_id)[0][0])


def marker_html(number: int, table: str, row_id: str) -> str:
    _, _, quote, _ = evidence(table, row_id)[0]
    if table == "discrepancies":
        quote = None
    href_ = href(table, row_id)
    # The hover names what backs the row first (a discrepancy: its question and both sides); the
    # note under Sources gives every source in full.
    opening, parts = _note_parts(table, row_id)
    first_cited = parts[0][0]
    title = quote or (note_text(table, row_id) if opening else first_cited)
    cls = "source-link" if quote else "source-link cite"
    return (f'<sup class="evidence"><a class="{cls}" href="{html.escape(href_, quote=True)}" '
            f'title="{html.escape(title, quote=True)}" aria-label="source {number}">{number}</a></sup>')


def tables_cited(document) -> set[str]:
    """The tables a page's markers name, and the sources table their notes and the page's date are
    made of: the page is read again when one of them changes."""
    cited = {table for table, _ in getattr(document, "briefing_cited", {})}
    return cited | {"sources"} if cited else cited


@functools.cache
def _source_by_href() -> dict[str, str]:
    frame = data.load("sources")
    return {html.unescape(tables.source_href(s)): s for s in frame["source_id"]}


def sources_on_page(document) -> set[str]:
    """The sources a page cites or links so far: its markers' rows' sources, and every link to a
    source in its prose, tables and chart notes."""
    found = {source for table, row_id in _cited(document) for source, *_ in evidence(table, row_id)}
    by_href = _source_by_href()
    for raw in document.findall(nodes.raw):
        found |= {by_href[h] for h in map(html.unescape, HREF.findall(raw.astext())) if h in by_href}
    for ref in document.findall(nodes.reference):
        if ref.get("refuri") in by_href:
            found.add(by_href[ref["refuri"]])
    return found


def as_of_sentence(source_ids: set[str]) -> str:
    """'The latest source cited on this page dates from 24 June 2026 (…). The latest source in the
    whole briefing dates from 27 June 2026.' The date is the source's earliest possible day
    (briefing.data.latest_source): a source dated only to a range counts from its first day."""
    sources = data.sources()
    latest = data.latest_source(sources[sources["source_id"].isin(source_ids)])
    sentence = f"{AS_OF} {day(latest['published_start'])} ({latest['label']})."
    end = data.record_end(sources)
    # A page about 2025 cites nothing from 2026: say so, so its date is not read as the briefing's.
    if latest["published_start"] < end:
        sentence += f" {RECORD_END} {day(end)}."
    return sentence


def _cited(document) -> dict[tuple[str, str], int]:
    if not hasattr(document, "briefing_cited"):
        document.briefing_cited = {}
    return document.briefing_cited


def unknown_row(text: str) -> str | None:
    """What is wrong with a marker's target, with the nearest rows; None when it names a row."""
    table, _, row_id = text.strip().partition("/")
    tables = [res["name"] for res in data.package()["resources"]]
    if table in tables and row_id in _rows(table):
        return None
    choices = [f"{table}/{r}" for r in _rows(table)] if table in tables else [f"{t}/{r}" for t in tables for r in _rows(t)]
    near = difflib.get_close_matches(text.strip(), choices, n=3)
    hint = f" Did you mean {', '.join(near)}?" if near else ""
    return f"{{{ROLE}}}`{text}`: no such row (expected table/row-id, e.g. events/framework-announced).{hint}"


def src_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    problem = unknown_row(text)
    if problem:
        message = inliner.reporter.error(problem, line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    table, _, row_id = text.strip().partition("/")
    cited = _cited(inliner.document)
    number = cited.setdefault((table, row_id), len(cited) + 1)
    return [nodes.raw("", marker_html(number, table, row_id), format="html")], []


class EvidenceNotes(Directive):
    """The page's citation markers in full, numbered as in the text."""

    has_content = False

    def run(self):
        document = self.state.document
        cited = _cited(document)
        on_page = sources_on_page(document)
        as_of = [] if not on_page else [nodes.paragraph("", as_of_sentence(on_page), classes=["briefing-asof"])]
        if not cited:
            return as_of
        items = "".join(f'<li value="{n}">{note_html(t, r)}</li>'
                        for (t, r), n in sorted(cited.items(), key=lambda item: item[1]))
        return as_of + [nodes.raw("", f'<ol class="evidence-notes">{items}</ol>', format="html")]


def web_only_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{web-only}`hover over it, or tap it```: words about using the site, left out of the PDF."""
    return [nodes.inline(rawtext, text, classes=["web-only"])], []


def setup(app) -> None:
    app.add_role(ROLE, src_role)
    app.add_role("web-only", web_only_role)
    app.add_directive(DIRECTIVE, EvidenceNotes)
