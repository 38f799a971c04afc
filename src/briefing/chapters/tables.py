"""Reader-facing HTML tables: header cells with scope, every value escaped, sources linked.

Text from the CSV files is data, never markup: each cell goes through html.escape. A citation
shows what backs a row: an archived article links to its text, which the site serves under
sources/, with the quote as the link's title; a primary document or a report shows its
identifier and the pinpoint locator, linked to its official address.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd

from .. import data
from ..data.references import REFERENCE

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
    title = f' title="{html.escape(quote, quote=True)}"' if quote else ""
    url = html.escape(SOURCE_URL.format(source_id=source_id), quote=True)
    return f'<a class="source-link article" href="{url}"{title}>{html.escape(source_name(source_id))}</a>'


@functools.cache
def _sources() -> dict[str, dict]:
    return {row["source_id"]: row for row in data.load("sources").to_dict("records")}


def source_name(source_id: str) -> str:
    """How a source is named to readers: 'Article 001 (EconoTimes)' or 'Article 002 (outlet not
    named)' for an archived article (its number and its outlet, so a reader knows who said it
    without opening it), a legal document's identifier ('Executive Order 14345'), or a report's outlet."""
    source = _sources().get(source_id)
    if source is None:
        return f"Article {source_id[:3]}"
    if source["kind"] == "archived-article":
        outlet = source.get("outlet")
        named = outlet if isinstance(outlet, str) and outlet and outlet != "unknown" else "outlet not named"
        return f"Article {source_id[:3]} ({named})"
    return source["identifier"] if isinstance(source.get("identifier"), str) else source["outlet"]


def read_in_column(locator: str) -> str:
    """The column that says where the part a locator points to was read, when not in the official
    text (datapackage.json): 'read_in' for 'locator', 'ends_read_in' for 'ends_locator',
    'read_in_a' for 'locator_a'."""
    return locator.replace("locator", "read_in")


def _given(value) -> str | None:
    return value if isinstance(value, str) and value else None


def located(locator: str, read_in: str | None = None) -> str:
    """A locator with the copy its part was read in: 'sec. 4 (read in customs brokers' readings)';
    inside a locator's own closing brackets: 'sec. 1 (new end of the pause; read in a verbatim copy)'."""
    if not _given(read_in):
        return locator
    if re.search(r" \([^()]*\)$", locator):  # a note in brackets, not a clause such as 'sec. 2(a)'
        return f"{locator[:-1]}; read in {read_in})"
    return f"{locator} (read in {read_in})"


def citation_text(source_id: str, locator: str | None = None, read_in: str | None = None) -> str:
    """A citation as plain text for the prose: 'Executive Order 14345, sec. 4'; with the copy it was
    read in, 'Executive Order 14345, sec. 4; read in customs brokers' readings' (a semicolon, not
    brackets, since the citation itself usually stands in brackets)."""
    if not _given(locator):
        return source_name(source_id)
    copy = f"; read in {read_in}" if _given(read_in) else ""
    return f"{source_name(source_id)}, {locator}{copy}"



def source_href(source_id: str) -> str:
    """Where a source is read, from a page of the book: an archived article's text in the site,
    or a document's or report's own address."""
    source = _sources().get(source_id)
    if source is None or source["kind"] == "archived-article":
        return SOURCE_URL.format(source_id=source_id)
    return source["url"]


def copy_read(source_id: str) -> str | None:
    """The address of the copy a legal document was read in, where its official page was not
    read in full (the source's ``read_at``); None when the official text itself was read."""
    return _given((_sources().get(source_id) or {}).get("read_at"))


def _copy_of_part(source_id: str, read_in: str | None) -> str | None:
    """The copy's address where the cited part was read in a copy (``read_in`` given), else None."""
    return copy_read(source_id) if _given(read_in) else None


def copy_named(source_id: str, read_in: str | None) -> Link | None:
    """The copy a cited part was read in, to be named after 'read in …' ('jwallen.com'): None when
    the part was read in the official text, or the words already name the copy's site."""
    url = _copy_of_part(source_id, read_in)
    return Link(url) if url and Link(url).site not in read_in else None


def note_links(source_id: str, read_in: str | None = None) -> str:
    """The links that close a note: 'open' to the source, or, where the cited part was read in a
    copy, that copy by its site after the note's 'read in …' ('(jwallen.com)') and then the
    official address."""
    href = html.escape(source_href(source_id), quote=True)
    url = _copy_of_part(source_id, read_in)
    if url is None:
        return f'<a class="source-link cite" href="{href}">open</a>'
    return (f'(<a class="source-link cite" href="{html.escape(url, quote=True)}">{html.escape(Link(url).site)}</a>)'
            f' · <a class="source-link cite" href="{href}">official address</a>')


def cite(source_id: str, locator: str | None = None, quote: str | None = None, read_in: str | None = None) -> str:
    """One citation: the archived article's link with its quote, or the document and locator, with
    the copy the cited part was read in where it was not read in the official text:
    'Executive Order 14345, sec. 4 (read in customs brokers' readings)'."""
    source = _sources().get(source_id)
    if source is None or source["kind"] == "archived-article":
        return source_link(source_id, quote)
    name = source_name(source_id)
    url = html.escape(source["url"], quote=True)
    where = f", {html.escape(located(locator, read_in))}" if _given(locator) else ""
    copy = copy_named(source_id, read_in) if _given(locator) else None
    if copy:  # '(read in customs brokers' notes, jwallen.com)', the copy linked: the text we read
        where = where[:-1] + f", {copy.markup()})"
    # No headline on hover: the name says which document it is, and a page of tables would carry
    # every headline again (the court chapter's, about 7 KB).
    return f'<a class="source-link cite" href="{url}">{html.escape(name)}</a>{where}'


def _text(row, column: str | None) -> str | None:
    return row[column] if column and column in row and isinstance(row[column], str) and row[column] else None


def _citations(row, source: str, quote: str | None, locator: str | None) -> str:
    ids = [s for s in str(row[source]).split(";") if s] if _text(row, source) else []
    read_in = _text(row, read_in_column(locator)) if locator else None
    return "; ".join(cite(s, _text(row, locator), _text(row, quote), read_in) for s in ids)


# A note in the data may point to another row by its id ('see discrepancy 14-or-24', '(event
# framework-announced)'): ids serve those who use the data, so on the page the reader gets the
# row's own words instead, as a writer would put them: '(see “US–Japan framework agreement
# announced”)', 'see “Which US administration?” in the discrepancy log', the discrepancy linked to
# its entry in the log. The validator has checked that each names a row (briefing.data.references).
DISCREPANCY_URL = "sources.html#discrepancy-{id}"
# A reference with the bracket that opens on it, and the 'see' the writer may have put before it.
_REFERENCE_IN_TEXT = re.compile(r"(\((?:see )?)?" + REFERENCE.pattern)


@functools.cache
def _referenced(kind: str, row_id: str) -> str | None:
    """The words that name one row (a discrepancy's topic, an event's title), None if there is no
    such row. Only that cell is read (data.load's part), so a chapter re-executes when it changes,
    not whenever its table does."""
    table, column = {"discrepancy": ("discrepancies", "topic"), "event": ("events", "title")}[kind]
    found = data.load(table, rows=[row_id], columns=[column])
    return found[column].iloc[0] if len(found) else None


def _with_references(text: str) -> str:
    """Escaped text, each reference to a row replaced by that row's topic or title, in quotation
    marks: a discrepancy's linked and followed by 'in the discrepancy log'; a reference that stands
    alone in brackets reads '(see …)'."""
    def name(match: re.Match) -> str:
        opening, kind, row_id = match.groups()
        words = _referenced(kind, row_id)
        if words is None:
            return match.group(0)
        quoted = f"“{html.escape(words)}”"
        if kind == "discrepancy":
            quoted = f'<a href="{DISCREPANCY_URL.format(id=row_id)}">{quoted}</a> in the discrepancy log'
        return ("(see " if opening else "") + quoted

    return _REFERENCE_IN_TEXT.sub(name, html.escape(text))


@dataclass(frozen=True)
class Link:
    """A cell that links to a web page, named by its site ('jdsupra.com'): a full address as text
    would be long, unbreakable and not clickable."""

    url: str

    @property
    def site(self) -> str:
        return urlsplit(self.url).netloc.removeprefix("www.")

    def markup(self) -> str:
        return f'<a href="{html.escape(self.url, quote=True)}">{html.escape(self.site)}</a>'


def _cell(value) -> str:
    if isinstance(value, Link):
        return value.markup()
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        # A short class: empty cells repeat by the hundred on the timeline, which has a byte budget.
        return '<span class="na">–</span>'
    text = str(value)
    return _with_references(text) if REFERENCE.search(text) else html.escape(text)


def table(frame: pd.DataFrame, columns: dict[str, str], *, source: str | None = "source_id",
          quote: str | None = "quote", locator: str | None = "locator", caption: str | None = None,
          classes: str = "", citations: list[tuple[str, str | None, str | None]] | None = None) -> HtmlTable:
    """Render the given columns (name -> header) and, if ``source`` is set, a Source column.
    ``citations`` lists several (source, quote, locator) columns to cite in that column, in order."""
    if citations is None and source:  # the row's source, then its second source where the table has one
        citations = [(source, quote, locator)] + ([("also_source_id", None, "also_locator")] if "also_source_id" in frame else [])
    citations = citations or []
    head = "".join(f'<th scope="col">{html.escape(label)}</th>' for label in columns.values())
    if citations:
        head += '<th scope="col">Source</th>'
    body = []
    for _, row in frame.iterrows():
        cells = "".join(f"<td>{_cell(row[c])}</td>" for c in columns)
        if citations:
            cited = "; ".join(c for c in (_citations(row, *columns_) for columns_ in citations) if c)
            if row.get("single_sourced") is True:  # a fact resting on one report only says so
                cited += ' <span class="single-source">(single source)</span>'
            cells += f"<td>{cited}</td>"
        body.append(f"<tr>{cells}</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    markup = (f'<div class="briefing-table-wrap"><table class="briefing-table {html.escape(classes)}">{cap}'
              f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")
    return HtmlTable(markup)


# The log's order: what a disagreement can change, most consequential first (discrepancies.consequence).
CONSEQUENCES = {
    "rate": "Disagreements that change what a good paid",
    "date": "Disagreements over when a measure took effect",
    "commitment": "Disagreements over what a side committed to",
}
# What changes none of those (a time of day, a seat count, an article's wording): the log's minor
# differences, one line each after the rest.
MINOR = "detail"
# A fold of minor material (the log's minor differences, the tallies, the sources' wordings): shut on
# the web, open and printed small in the PDF edition (pdf-chapter.css).
FOLDED_COMPACT = "briefing-record briefing-compact"


def _card(row) -> str:
    quotes = "".join(
        _side(row, s, q, loc) for s, q, loc in (("source_a", "quote_a", "locator_a"), ("source_b", "quote_b", "locator_b")))
    return (f'<section class="briefing-card" id="discrepancy-{html.escape(row["discrepancy_id"], quote=True)}">'
            f"<h3>{html.escape(row['topic'])} <small>({html.escape(row['kind'])})</small></h3>{quotes}"
            f"<p><strong>Resolution:</strong> {html.escape(row['resolution'])}</p>"
            f"<p><strong>Why:</strong> {html.escape(row['reasoning'])}</p></section>")


def discrepancy_cards(frame: pd.DataFrame) -> HtmlTable:
    """The discrepancy log's disagreements that change a rate, a date of effect or a commitment, one
    card per question (both quotes with their sources, the resolution and why), grouped by what the
    disagreement can change, most consequential first. The minor differences are apart
    (``minor_differences``); a consequence neither knows fails here."""
    unknown = set(frame["consequence"]) - set(CONSEQUENCES) - {MINOR}
    if unknown:
        raise ValueError(f"discrepancies of consequence {sorted(unknown)} have no place in the log: add them to CONSEQUENCES")
    groups = []
    for consequence, heading in CONSEQUENCES.items():
        rows = frame[frame["consequence"] == consequence]
        if rows.empty:
            continue
        cards = "".join(_card(row) for _, row in rows.iterrows())
        groups.append(f'<p class="briefing-group"><strong>{html.escape(heading)}</strong></p>{cards}')
    return HtmlTable(f'<div class="briefing-cards">{"".join(groups)}</div>')


def _minor_line(row) -> str:
    """One minor difference in a line: the question, what the briefing shows, the two sources."""
    sides = [(row[s], cite(row[s], _given(row.get(loc)), _given(row.get(q)), _given(row.get(read_in_column(loc)))))
             for s, q, loc in (("source_a", "quote_a", "locator_a"), ("source_b", "quote_b", "locator_b"))]
    # One article on both sides (an error within it) is cited once, with the first side's quote.
    sources = "; ".join(dict(reversed(sides)).values()) if sides[0][0] == sides[1][0] else "; ".join(c for _, c in sides)
    topic = row["topic"] if row["topic"].endswith(("?", ".")) else row["topic"] + "."
    return (f'<li id="discrepancy-{html.escape(row["discrepancy_id"], quote=True)}"><strong>{html.escape(topic)}</strong> '
            f"{html.escape(row['resolution'])} <span class=\"briefing-minor-sources\">({sources})</span></li>")


def folded(markup: str, summary: str, compact: bool = True) -> HtmlTable:
    """Material folded under a summary on the web and printed open in the PDF edition; compact
    (FOLDED_COMPACT) prints it small, for minor material."""
    classes = FOLDED_COMPACT if compact else "briefing-record"
    return HtmlTable(f'<details class="{classes}"><summary>{html.escape(summary, quote=False)}</summary>{markup}</details>')


def minor_differences(frame: pd.DataFrame) -> HtmlTable:
    """The discrepancy log's minor differences (no effect on a rate, a date of effect or a
    commitment), one line each, folded on the web and printed in the PDF edition. The data keeps
    each one's quotes and reasoning in full."""
    rows = frame[frame["consequence"] == MINOR]
    lines = "".join(_minor_line(row) for _, row in rows.iterrows())
    return folded(f'<ul class="briefing-minor">{lines}</ul>', "Show the minor differences")


def _side(row, source: str, quote: str, locator: str) -> str:
    """One side of a discrepancy: the quote with its article, or the document and its locator."""
    if isinstance(row.get(quote), str) and row[quote]:
        return f"<blockquote>“{html.escape(row[quote])}” {cite(row[source], None, row[quote])}</blockquote>"
    return f"<blockquote>{cite(row[source], row.get(locator), read_in=row.get(read_in_column(locator)))}</blockquote>"
