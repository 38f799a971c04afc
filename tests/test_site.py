"""The built site without a browser: nothing loaded from other hosts, links resolve, budgets hold,
downloads are there. Each check is also run on a page made to break it."""

from __future__ import annotations

import json
import re
import shutil

from briefing import data
from briefing.checks import sitecheck
from briefing.site import icons, vendor

SIZE_CLASSES = {"fa-solid", "fa-lg", "fa-xs", "fa-sm", "fa-xl", "fa-2x", "fa-fw"}


def test_no_page_loads_anything_from_another_host(built_site):
    problems = {str(p.relative_to(built_site)): sitecheck.external_loads(p.read_text(encoding="utf-8"))
                for p in sitecheck.html_pages(built_site)}
    assert not {k: v for k, v in problems.items() if v}


def test_no_thebe_comments_or_launch_scripts(built_site):
    for page in sitecheck.html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        for marker in ("thebe", "THEBE_JS_URL", "hypothes.is", "utteranc", "binder", "googletagmanager"):
            assert marker not in html, f"{page.name} contains {marker}"


def test_every_local_link_and_anchor_resolves(built_site):
    assert sitecheck.broken_links(built_site) == []


def test_plotly_js_once_per_figure_page_from_static(built_site):
    assert sitecheck.plotly_script_problems(built_site) == []
    bundled = built_site / "_static" / vendor.BUNDLE
    assert bundled.read_bytes() == vendor.bundle_path().read_bytes(), "the site serves another plotly.js than the pinned one"


def test_every_icon_on_a_page_is_drawn_by_the_icon_stylesheet(built_site):
    """A theme upgrade or a new component can bring an icon briefing-icons.css lacks (it would
    then fall back to fetching the icon font): `python -m briefing.site.icons` adds it."""
    covered = icons.covered((built_site / "_static" / "briefing-icons.css").read_text(encoding="utf-8"))
    used = set()
    for page in sitecheck.html_pages(built_site):
        for classes in re.findall(r'class="([^"]*)"', page.read_text(encoding="utf-8")):  # <i> and <span> icons
            names = classes.split()
            if "fa-solid" in names:
                used |= {n.removeprefix("fa-") for n in names if n.startswith("fa-") and n not in SIZE_CLASSES}
    assert used, "no icons found"
    assert used <= covered, f"icons without a rule in briefing-icons.css: {sorted(used - covered)}"


def test_no_page_loads_the_theme_icon_script(built_site):
    """pydata-sphinx-theme's fontawesome.js is 1.5 MB on every page; briefing-icons.css draws the icons instead."""
    loading = [str(p.relative_to(built_site)) for p in sitecheck.html_pages(built_site)
               if "fontawesome.js" in p.read_text(encoding="utf-8")]
    assert loading == []
    assert "bootstrap.js" in (built_site / "book" / "index.html").read_text(encoding="utf-8"), "the theme's other scripts must stay"


def test_no_word_or_number_is_written_twice_in_a_row(built_site):
    found = {str(p.relative_to(built_site)): sitecheck.repeated_words(p.read_text(encoding="utf-8"))
             for p in sitecheck.html_pages(built_site)}
    assert {k: v for k, v in found.items() if v} == {}
    assert sitecheck.repeated_words("<p>a car faced 35%: <strong>10%</strong> 10% baseline</p><pre>x x</pre>") == [
        "a car faced 35%: 10% 10% baseline"]


def test_size_budgets(built_site):
    assert sitecheck.size_problems(built_site) == []


def test_data_and_sources_are_downloadable(built_site):
    package = json.loads((built_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert (built_site / "data" / resource["path"]).is_file()
    assert len(list((built_site / "sources").glob("*.txt"))) == 5


def test_theme_mode_is_set(built_site):
    for page in sitecheck.html_pages(built_site):
        assert 'data-default-mode=""' not in page.read_text(encoding="utf-8"), page.name


# --- each check fails on a page made to break it -------------------------------------------------

def test_checks_catch_a_broken_page(tmp_path):
    site = tmp_path
    (site / "_static").mkdir()
    (site / "book").mkdir()
    (site / "book" / "bad.html").write_text(
        '<html><head><script src="https://cdn.example.org/x.js"></script>'
        '<link rel="stylesheet" href="https://fonts.example.org/a.css">'
        '<script src="https://cdn.plot.ly/plotly-3.0.1.min.js"></script></head>'
        '<body style="background:url(https://t.example.org/p.gif)">'
        '<a href="missing.html">x</a><a href="#nowhere">y</a>'
        '<div class="briefing-plotly-data"></div>' + "x" * (sitecheck.PAGE_BUDGET + 1) + "</body></html>",
        encoding="utf-8")
    html = (site / "book" / "bad.html").read_text(encoding="utf-8")
    assert len(sitecheck.external_loads(html)) == 4
    assert len(sitecheck.broken_links(site)) == 2
    assert any("not the site's _static" in p for p in sitecheck.plotly_script_problems(site))
    assert sitecheck.size_problems(site)


def _data_ids() -> set[str]:
    ids = set()
    for resource in data.package()["resources"]:
        key = resource["schema"].get("primaryKey")
        if isinstance(key, str):
            ids |= {value for value in data.load(resource["name"])[key].dropna() if "-" in value}
        # Allowed values ('negotiation-round', 'on-top') are ids too: a page shows them in words.
        for field in resource["schema"]["fields"]:
            ids |= {value for value in field.get("constraints", {}).get("enum", []) if "-" in str(value)}
    return ids - ORDINARY_WORDS


# Allowed values that are also ordinary English ('the auto-parts tariff', 'an all-in rate').
ORDINARY_WORDS = {"auto-parts", "all-in"}


def test_no_prose_reads_machine_made(built_site):
    """A count glued beside a number word ('one 1 carries'), an ISO date or quarter ('2025-Q1')
    or a data id ('biden-administration') in a sentence or a table cell; the appendix, which names
    ids on purpose, is exempt."""
    ids = _data_ids()
    problems = {page.name: sitecheck.machine_text(page.read_text(encoding="utf-8"), ids)
                for page in sitecheck.html_pages(built_site) if page.name != "appendix.html"}
    assert not {k: v for k, v in problems.items() if v}


def test_machine_text_check_catches_each_kind():
    page = ("<main><p>Of the articles, one 1 carries a date line.</p><li>GDP fell in 2025-Q1 (see additional-24).</li>"
            "<p>Signed 2025-04-02.</p><table><tr><td>2025-Q1</td></tr></table><p>FR Doc. 2025-06063, 90 FR 15041-15109.</p>"
            "<table><tr><td>The deal followed (event “Framework announced”).</td></tr></table></main>")
    found = sitecheck.machine_text(page, {"additional-24"})
    kinds = [f.split(":")[0] for f in found]
    assert kinds.count("a number beside a number word") == 1
    assert kinds.count("an ISO date or quarter") == 3, found  # table cells too; FR numbers are not dates
    assert kinds.count("a data id") == 1
    assert kinds.count("a reference to a row as a formula") == 1


def test_every_chart_links_a_csv_of_what_it_draws(built_site, tmp_path):
    assert sitecheck.figure_data_problems(built_site) == []
    # A page made to break it: the file of one chart altered.
    broken = tmp_path / "site"
    shutil.copytree(built_site, broken)
    victim = sorted((broken / "figures").glob("*.csv"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "extra,1,2\n", encoding="utf-8")
    assert any("does not hold what the chart draws" in p for p in sitecheck.figure_data_problems(broken))
    # And one with a chart footer that links its chapter's Markdown again, as the footers once did.
    page = next(p for p in sorted((broken / "book").glob("*.html")) if "briefing-figure-links" in p.read_text(encoding="utf-8"))
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("Data (CSV)</a></p>", 'Data (CSV)</a> · <a href="../chapters/x.md">Chapter source</a></p>', 1),
                    encoding="utf-8")
    problems = sitecheck.figure_data_problems(broken)
    assert any("links its chapter's Markdown source" in p for p in problems), problems


def test_tables_are_numbered_with_anchors(built_site):
    for page in sitecheck.html_pages(built_site):
        assert sitecheck.table_numbering_problems(page.read_text(encoding="utf-8")) == [], page.name
    broken = ('<table class="briefing-table" id="a"><caption><span class="caption-number">Table 1. </span>x</caption>'
              '<table class="briefing-table"><caption>y</caption>')
    assert sitecheck.table_numbering_problems(broken) == ["table 2 is numbered not at all", "table 2 has no anchor"]


def test_no_code_is_shown_to_readers(built_site):
    """Readers see the briefing, not the build: no code cell's input on any page (the data and the
    chart's data is linked under it instead)."""
    shown = {p.name: sitecheck.code_shown(p.read_text(encoding="utf-8")) for p in sitecheck.html_pages(built_site)}
    assert not {k: v for k, v in shown.items() if v}
    assert sitecheck.code_shown('<div class="cell_input docutils container"><div class="highlight-ipython3">') != []
