"""The glossary's two promises, checked on the built site (book/glossary.md, tests/test_glossary.py).

(a) Defined: every acronym (a word of two or more capitals, digits allowed: IEEPA, CSMS, G7; a
    number after two letters or more is dropped, so FY2026 is FY) and every legal term of
    LEGAL_TERMS that a page's main text uses is a name in the glossary. Exempt: the words of
    ALLOWED, each with its reason, and the acronyms in a news outlet's name (NHK, AFP: each
    outlet is in sources.csv and the register; a publisher's name is not a term).
(b) Linked: on every page but the glossary, a glossary term's first use in the prose is a link to
    its entry, or comes after one. Any name of the entry counts ("customs messages" for CSMS),
    and so does a link made on other words ahead of a use that cannot hold one: "orders" linked
    to executive order before a glued "Executive Order 14345".

Main text (for a) is what a reader reads in the page's article: paragraphs, lists, tables,
captions, headings. Left out: code, scripts and the charts' data, and a source's own name or title
as it published it: the text of a citation link, the table columns of ALLOWED_COLUMNS, and the
date line that ends each page, which quotes the latest source's outlet and headline.

Prose (for b) is what the chapter itself writes: its paragraphs and list items, glued values
included, since a reader meets a term there as anywhere. Left out, so they may use a term before
the prose links it: headings, tables, figures and captions, anything a code cell made (a table
or a card built by code cannot hold a link to the glossary), the date line, and the changelog
that the appendix includes, which is also read as a plain Markdown file, where a {term} role
would show as code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote

# Every page's date line ends with the latest source's own name and headline, as published.
from ..site.evidence import AS_OF

GLOSSARY_PAGE = "glossary.html"

# Acronyms that need no entry, and why. Keep it short: a term a reader may not know goes in the glossary.
ALLOWED = {
    "US": "the United States: the briefing's subject, named in full on the front page",
    "UK": "the United Kingdom, named in full where the measures mention it",
    "EU": "the European Union, a name every reader knows",
    "PDF": "the file format of the briefing's printable edition",
    "CSV": "the file format of the data downloads, described in the data appendix",
    "READ": "a label quoted from an article's page ('READ:'), to show it is page furniture",
    "AP": "the Associated Press, a news agency, named in notes on what it reported",
    "UOL": "a news website, named in a note on where a Reuters text was republished",
    "GE": "part of a company's name (GE Vernova)",
    "MTI": "part of a logistics firm's name (MTI Worldwide), named as the copy a message was read in",
    "CTP": "a customs broker's name, named as the copy a document was read in",
    "JP": "the mark of the 2019 US–Japan agreement's rates in the tariff schedule, explained where the glossary uses it",
}

# Columns whose cells quote a source's own title or name, as it published it.
ALLOWED_COLUMNS = {"Headline", "Title (issued by)", "Outlet"}

# Legal terms that need an entry wherever a page uses them: pattern -> the glossary term that
# defines it ({} for the matched text itself, as for each Section of a law).
LEGAL_TERMS = {
    # A law's section ('Section 232'); a section of an order ('Section 2(a)') is a locator, not a term.
    r"\bSection \d{3}\b": "{}",
    r"\bAnnex I\b": "Annex I",
    r"\bcolumn 1\b": "column 1",
    r"\bminimum[- ]access\b": "minimum access",
    r"\bstack(?:s|ed|ing)?\b": "stacking",
    r"\btariff[- ]rate quotas?\b": "tariff-rate quota",
    r"\bde minimis\b": "de minimis",
    r"\bmost[- ]favou?red[- ]nation\b": "most-favoured-nation",
    r"\bnormal dut(?:y|ies)\b": "normal duty",
    r"\breciprocal (?:dut(?:y|ies)|tariffs?)\b": "reciprocal duty",
    r"\bbaseline\b": "baseline",
    r"\bcountry rates?\b": "country rate",
    r"\bon top\b": "on top",
    r"\ball[- ]in\b": "all in",
    r"\btariff schedules?\b": "tariff schedule",
    r"\bFederal Register\b": "Federal Register",
    r"\bexecutive orders?\b": "executive order",
    r"\bproclamations?\b": "proclamation",
    r"\bsurcharges?\b": "surcharge",
    r"\bentered for consumption\b": "entered for consumption",
    r"\bCourt of International Trade\b": "Court of International Trade",
    r"\bTrade Act of 1974\b": "Trade Act of 1974",
}

# Ways the pages write a term besides its own names. Each name of an entry is found as written, a
# plural too: one that starts with a capital exactly so ('Commerce', not 'US commerce'), one that
# starts in lower case in any case ('Executive Order 14345' is a use of 'executive order').
ALIASES = {
    "all in": [r"(?<=% )in all\b"],
    "reciprocal duty": [r"\breciprocal dut(?:y|ies)\b"],
    "stacking": [r"\bstack(?:s|ed)?\b"],
    "pause": [r"\bpaused\b"],
    "single-sourced": [r"\bsingle[- ]source\b"],
    "most-favoured-nation": [r"\bmost[- ]favou?red[- ]nation\b"],
}

ACRONYM = re.compile(r"(?<![\w/.])[A-Z][A-Z0-9]+(?![\w/])(?!:\d)")


def acronym_key(word: str) -> str:
    """'FY2026' -> 'FY', 'UPDATE1' -> 'UPDATE', 'G7' -> 'G7': a number after two letters or more is a year or an edition."""
    stripped = word.rstrip("0123456789")
    return stripped if len(stripped) >= 2 else word


@dataclass
class Entry:
    """One glossary entry: its names (the terms that share a definition) and their anchors."""

    names: list[str]
    anchors: list[str]

    def patterns(self) -> list[re.Pattern]:
        found = []
        for name in self.names:
            text = re.escape(name).replace(r"\ ", r"[\s-]")
            word = r"\b" if name[-1].isalnum() else ""
            flags = re.IGNORECASE if name[0].islower() else 0
            found.append(re.compile(rf"(?<![\w-]){text}(?:s|es)?{word}(?!-\w)", flags))
            found += [re.compile(a, re.IGNORECASE) for a in ALIASES.get(name, [])]
        return found


@dataclass
class Glossary:
    entries: list[Entry]

    def names(self) -> set[str]:
        return {n.lower() for e in self.entries for n in e.names}

    def words(self) -> set[str]:
        """Every capitalised word of every name ('FR Doc.' gives FR), for the acronym check."""
        return {w for e in self.entries for n in e.names for w in re.findall(r"[A-Z][A-Z0-9]+", n)}


class _GlossaryReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.entries: list[Entry] = []
        self.current: Entry | None = None
        self.in_term = 0
        self.in_link = 0
        self.name = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "dt" and (attrs.get("id") or "").startswith("term-"):
            if self.current is None:
                self.current = Entry([], [])
            self.current.anchors.append(attrs["id"])
            self.in_term, self.name = 1, ""
        elif tag == "a" and self.in_term:
            self.in_link += 1  # the headerlink '#'
        elif tag == "dd" and self.current is not None:
            self.entries.append(self.current)
            self.current = None

    def handle_endtag(self, tag):
        if tag == "dt" and self.in_term:
            self.current.names.append(self.name.strip())
            self.in_term = 0
        elif tag == "a" and self.in_link:
            self.in_link -= 1

    def handle_data(self, data):
        if self.in_term and not self.in_link:
            self.name += data


def read_glossary(html: str) -> Glossary:
    """The entries of the built glossary page, in page order."""
    reader = _GlossaryReader()
    reader.feed(html)
    return Glossary(reader.entries)


SKIP = {"script", "style", "pre", "code", "svg", "nav"}
NOT_PROSE = {"table", "figure", "figcaption", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "blockquote"}
BLOCKS = {"p", "li", "td", "th", "caption", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "div", "br"}
VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "col"}
CHANGELOG_LABELS = {"appendix-changes"}  # the section that includes CHANGELOG.md


@dataclass
class PageText:
    """A page's main text and prose, and where in the prose each link to a glossary term is."""

    main: str
    prose: str
    links: list[tuple[int, str]]  # (where the link starts in the prose, the term's anchor)


class _PageReader(HTMLParser):
    """Walks the page once; each open element carries the states it sets for what is inside it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.main: list[str] = []
        self.prose = ""
        self.links: list[tuple[int, str]] = []
        self.stack: list[tuple[str, set[str], tuple[int, int]]] = []  # tag, states, (len(main), len(prose)) at its start
        self.headers: list[str] = []
        self.column = -1

    def _state(self) -> set[str]:
        return set().union(*(states for _, states, _ in self.stack))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        outer = self._state()
        state = set()
        if tag == "article":
            state.add("article")
        if tag in SKIP or "briefing-plotly-data" in classes:
            state.add("skip")
        if (tag == "a" and "source-link" in classes) or (tag == "ol" and "evidence-notes" in classes):
            state.add("name")  # a citation: the document's identifier or the outlet, as it names itself, and its quote
        if tag in NOT_PROSE or (tag == "div" and "cell" in classes):
            state.add("not-prose")  # headings, tables, figures, captions; anything a code cell made
        if tag == "span" and "std-ref" in classes:
            state.add("not-prose")  # a cross-reference names a chapter or section by its title: not a use of a term
        if tag in {"p", "li"}:
            state.add("block")
        if tag == "span" and attrs.get("id") in CHANGELOG_LABELS:
            section = next((states for t, states, _ in reversed(self.stack) if t == "section"), None)
            if section is not None:
                section.add("changelog-parent")
        if tag == "section" and "changelog-parent" in outer:
            state.add("changelog")
        if tag == "thead":
            self.headers = []
        if tag == "tr":
            self.column = -1
        if tag in {"td", "th"}:
            self.column += 1
            if "head" in outer:
                state.add("header")
            elif 0 <= self.column < len(self.headers) and self.headers[self.column] in ALLOWED_COLUMNS:
                state.add("name")  # a source's own title or name, as it published it
        if tag == "thead":
            state.add("head")
        if tag == "a":
            href = unquote(attrs.get("href") or "")
            match = re.search(rf"(?:^|/){re.escape(GLOSSARY_PAGE)}#(term-.+)$|^#(term-.+)$", href)
            if match and "block" in outer and not outer & {"not-prose", "changelog"}:
                self.links.append((len(self.prose), match.group(1) or match.group(2)))
        if tag in BLOCKS:
            self._add("\n", outer)
        if tag not in VOID:
            self.stack.append((tag, state, (len(self.main), len(self.prose))))

    def handle_endtag(self, tag):
        if tag in VOID or not any(t == tag for t, _, _ in self.stack):
            return
        while self.stack:
            open_tag, _, (main_at, prose_at) = self.stack.pop()
            if open_tag == tag:
                break
        if tag == "p" and self.prose[prose_at:].lstrip().startswith(AS_OF):
            # The date line quotes the latest source's name and headline: not the page's own words.
            del self.main[main_at:]
            self.prose = self.prose[:prose_at]
            self.links = [(at, anchor) for at, anchor in self.links if at < prose_at]
        if tag in BLOCKS:
            self._add("\n", self._state())

    def handle_data(self, data):
        state = self._state()
        if "header" in state and "skip" not in state:
            while len(self.headers) <= self.column:
                self.headers.append("")
            self.headers[self.column] += data.strip()
        self._add(data, state)

    def _add(self, data: str, state: set[str]) -> None:
        if "article" not in state or "skip" in state:
            return
        if "name" not in state:
            self.main.append(data)
        if data == "\n" or ("block" in state and not state & {"not-prose", "changelog", "name"}):
            self.prose += data


def read_page(html: str) -> PageText:
    reader = _PageReader()
    reader.feed(html)
    return PageText(re.sub(r"\s+", " ", " ".join(reader.main)), reader.prose, reader.links)


def _context(text: str, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", text[max(0, start - 50):end + 30]).strip()


def undefined_terms(html: str, glossary: Glossary, outlet_words: set[str] = frozenset()) -> list[str]:
    """Acronyms and legal terms in the page's main text that the glossary does not define, each once."""
    text = read_page(html).main
    words, names = glossary.words(), glossary.names()
    found: dict[str, str] = {}
    for match in ACRONYM.finditer(text):
        key = acronym_key(match.group())
        if key not in words and key not in ALLOWED and key not in outlet_words and key not in found:
            found[key] = f"acronym {key!r} is not in the glossary: …{_context(text, match.start(), match.end())}…"
    for pattern, term in LEGAL_TERMS.items():
        flags = 0 if term == "{}" or term[0].isupper() else re.IGNORECASE
        for match in re.finditer(pattern, text, flags=flags):
            name = term.format(match.group())
            if name.lower() not in names and name not in found:
                found[name] = f"legal term {name!r} is not in the glossary: …{_context(text, match.start(), match.end())}…"
    return list(found.values())


def unlinked_first_uses(html: str, glossary: Glossary) -> list[str]:
    """Glossary terms used in the page's prose before any link to their entry.

    The first use passes if it is itself a link to the entry, or if a link to the entry comes
    before it (made on other words: 'orders' linked to executive order, ahead of a glued
    'Executive Order 14345', which cannot hold a link)."""
    page = read_page(html)
    found = []
    for entry in glossary.entries:
        uses = [m for pattern in entry.patterns() for m in [pattern.search(page.prose)] if m]
        if not uses:
            continue
        first = min(uses, key=lambda m: m.start())
        links = [at for at, anchor in page.links if anchor in entry.anchors]
        if not links or min(links) > first.start():
            found.append(f"first use of {entry.names[0]!r} is not a link to the glossary: "
                         f"…{_context(page.prose, first.start(), first.end())}…")
    return found


def outlet_words(outlets) -> set[str]:
    """The acronyms in news outlets' names ('NHK (copy on kantanreader.com)' gives NHK)."""
    return {acronym_key(m.group()) for outlet in outlets for m in ACRONYM.finditer(str(outlet))}
