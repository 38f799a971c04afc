"""Plain language: the glossary (book/glossary.md) defines every acronym and legal term the pages
use, and each page links a term's first use in its prose to the term's entry.

The rules, and what they leave out and why, are in briefing.checks.glossary. Each check is also
run on a page made to break it: a small page written here, and a copy of a real built page with
its links to the glossary taken out.
"""

from __future__ import annotations

import re

import pytest

from briefing import data
from briefing.checks import glossary as check
from briefing.checks import sitecheck

# The terms the briefing's readers meet in the legal texts and the sources: each must have an entry.
REQUIRED = ["IEEPA", "Section 232", "Section 122", "Section 301", "normal duty", "MFN", "most-favoured-nation",
            "HTSUS", "tariff schedule", "column 1", "CSMS", "Annex I", "stacking", "on top", "all in",
            "reciprocal duty", "reciprocal tariff", "baseline tariff", "minimum access", "Federal Register", "FR Doc.",
            "executive order", "EO", "proclamation", "CBP", "USTR", "Court of International Trade",
            "tariff-rate quota", "de minimis", "G7", "GDP", "LDP", "MOFA", "METI"]


@pytest.fixture(scope="module")
def glossary(built_site) -> check.Glossary:
    return check.read_glossary((built_site / "book" / check.GLOSSARY_PAGE).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def outlets() -> set[str]:
    sources = data.load("sources")
    return check.outlet_words(sources.loc[sources["kind"] != "primary-document", "outlet"])


def _pages(site):
    return [p for p in sitecheck.html_pages(site) if p.parent.name == "book"]


def test_the_glossary_defines_the_terms_of_the_legal_texts(glossary):
    assert len(glossary.entries) >= len(REQUIRED) // 2, "the glossary page was not read"
    assert [t for t in REQUIRED if t.lower() not in glossary.names()] == []


def test_every_acronym_and_legal_term_on_a_page_is_in_the_glossary(built_site, glossary, outlets):
    found = {p.name: check.undefined_terms(p.read_text(encoding="utf-8"), glossary, outlets) for p in _pages(built_site)}
    assert {page: problems for page, problems in found.items() if problems} == {}


def test_each_page_links_the_first_use_of_a_term_to_the_glossary(built_site, glossary):
    found = {p.name: check.unlinked_first_uses(p.read_text(encoding="utf-8"), glossary)
             for p in _pages(built_site) if p.name != check.GLOSSARY_PAGE}
    assert {page: problems for page, problems in found.items() if problems} == {}


def test_every_page_that_uses_a_term_links_to_the_glossary(built_site, glossary):
    """The check above has something to check: the chapters' prose does use and link terms."""
    linked = {p.name for p in _pages(built_site) if check.read_page(p.read_text(encoding="utf-8")).links}
    assert {"index.html", "tariffs.html", "deal.html", "sources.html", "register.html"} <= linked


def test_each_allowed_word_is_still_needed(built_site, glossary):
    """The allow-list stays short: a word no page uses any more, or one the glossary now defines, leaves it."""
    text = " ".join(check.read_page(p.read_text(encoding="utf-8")).main for p in _pages(built_site))
    used = {check.acronym_key(m.group()) for m in check.ACRONYM.finditer(text)}
    assert sorted(set(check.ALLOWED) - used) == []
    assert sorted(set(check.ALLOWED) & glossary.words()) == []


# --- each check fails on a page made to break it -------------------------------------------------

GLOSSARY_PAGE = """<html><body><article class="bd-article"><dl class="simple glossary">
<dt id="term-IEEPA">IEEPA<a class="headerlink" href="#term-IEEPA">#</a></dt>
<dt id="term-International-Emergency-Economic-Powers-Act">International Emergency Economic Powers Act</dt><dd><p>A law.</p></dd>
<dt id="term-CSMS">CSMS</dt><dt id="term-customs-message">customs message</dt><dd><p>Messages.</p></dd>
<dt id="term-executive-order">executive order</dt><dt id="term-EO">EO</dt><dd><p>An order.</p></dd>
<dt id="term-Section-232">Section 232</dt><dd><p>A law.</p></dd>
<dt id="term-on-top">on top</dt><dd><p>Added.</p></dd>
</dl></article></body></html>"""

PAGE = """<html><body><nav>XQZ in the navigation is not the page's text</nav><article class="bd-article">
<h1>The IEEPA duties</h1>
<p>Orders{order_link}. Duties charged {on_top}. A rate under {ieepa}, paid <span class="pasted-text">10% on top under Executive Order 14257</span>.</p>
<ul><li><p>The <a class="reference internal" href="glossary.html#term-customs-message">customs messages</a> of CBP.</p></li></ul>
<div class="cell tag_remove-input"><div class="cell_output"><table><thead><tr><th>Headline</th><th>Note</th></tr></thead>
<tbody><tr><td>UPDATED GUIDANCE: ABCD rules</td><td>Section 999 and TLA here; NHK and the US too.</td></tr></tbody></table></div></div>
<p><a class="source-link cite" href="https://example.gov/x">QRST # 12</a>, the citation of a document by its own name.</p>
<p>Later: <a class="reference internal" href="glossary.html#term-IEEPA">IEEPA</a>.</p>
<section id="changes"><span id="appendix-changes"></span><p>Changes:</p><section id="version-1"><p>Section 232 again, on top.</p></section></section>
<p>The latest source cited on this page dates from 1 May 2025 (NHK, WXYZ: a headline).</p>
</article></body></html>"""
LINK = '<a class="reference internal" href="glossary.html#term-{anchor}">{text}</a>'


def _page(order_link="", on_top="on top", ieepa="IEEPA"):
    return PAGE.format(order_link=order_link, on_top=on_top, ieepa=ieepa)


def test_checks_pass_on_a_page_that_keeps_the_rules():
    glossary = check.read_glossary(GLOSSARY_PAGE)
    good = _page(order_link=" (" + LINK.format(anchor="executive-order", text="orders") + ")",
                 on_top=LINK.format(anchor="on-top", text="on top"), ieepa=LINK.format(anchor="IEEPA", text="IEEPA"))
    page = check.read_page(good)
    for name in ("XQZ", "ABCD", "QRST", "WXYZ"):  # navigation, a headline, a citation's own name, the date line
        assert name not in page.main
    assert "Section 232 again" not in page.prose and "Section 999" not in page.prose  # the changelog; a table
    # The glued 'Executive Order 14257' comes after the link made on 'orders'.
    assert check.unlinked_first_uses(good, glossary) == []


def test_first_use_check_fails_on_a_page_that_links_a_term_only_later():
    glossary = check.read_glossary(GLOSSARY_PAGE)
    found = check.unlinked_first_uses(_page(), glossary)
    names = [re.match(r"first use of '([^']+)'", f).group(1) for f in found]
    assert names == ["IEEPA", "executive order", "on top"], found  # in the prose, in glued text, in the prose
    assert "A rate under IEEPA" in found[0] and "Executive Order 14257" in found[1]


def test_a_cross_reference_to_a_chapter_title_is_not_a_first_use():
    """'(From deal to executive order)' names a chapter; the term's first use is the next one, in
    the page's own words, and that one must be linked."""
    glossary = check.read_glossary(GLOSSARY_PAGE)
    title = '<a class="reference internal" href="x.html#y"><span class="std std-ref">From deal to executive order</span></a>'
    page = PAGE.format(order_link=f" ({title})", on_top="on top", ieepa="IEEPA")
    found = check.unlinked_first_uses(page, glossary)
    assert [f for f in found if "'executive order'" in f] and all("From deal to executive order" not in f for f in found), found


def test_defined_check_fails_on_undefined_acronyms_and_legal_terms():
    glossary = check.read_glossary(GLOSSARY_PAGE)
    found = check.undefined_terms(_page(), glossary, outlet_words={"NHK"})
    kinds = sorted(re.match(r"(acronym|legal term) '([^']+)'", f).groups() for f in found)
    # CBP in a list item, TLA in a table cell, Section 999 in a table; not the navigation, the headline
    # column, the citation's own name, the outlet NHK, the allowed US, nor the date line's headline.
    assert kinds == [("acronym", "CBP"), ("acronym", "TLA"), ("legal term", "Section 999")], found


def test_checks_fail_on_a_copy_of_a_built_page_broken_on_purpose(built_site, glossary, outlets):
    """The tariff chapter with its links to the glossary taken out, and the figures page (which
    gives Japan's election results) read against a glossary that lost its entry for the LDP."""
    tariffs = (built_site / "book" / "tariffs.html").read_text(encoding="utf-8")
    unlinked = re.sub(r'<a class="reference internal" href="glossary\.html#term-[^"]*">(.*?)</a>', r"\1", tariffs, flags=re.S)
    assert unlinked != tariffs
    found = check.unlinked_first_uses(unlinked, glossary)
    assert any(f.startswith("first use of 'normal duty'") for f in found), found
    assert any(f.startswith("first use of 'Section 232'") for f in found), found

    figures = (built_site / "book" / "stakes.html").read_text(encoding="utf-8")
    without_ldp = check.Glossary([e for e in glossary.entries if "LDP" not in e.names])
    assert any(f.startswith("acronym 'LDP' is not in the glossary") for f in check.undefined_terms(figures, without_ldp, outlets))
    assert check.undefined_terms(figures, glossary, outlets) == []
