"""What readers see of the evidence model in the built site: the front page answers the car
question from the law, the fact check is on the tariff page, every legal citation links to an
official address, and the register lists every legal document the data cites."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pandas as pd

from briefing import data, law
from briefing.chapters import tables
from briefing.chapters.glue import day
from briefing.chapters.tables import source_href
from briefing.data import evidence
from briefing.site.evidence import AS_OF
from briefing.site.toc import toc_files
from conftest import ROOT


def _text(page) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
    return text.replace("\u2019", "'")  # the theme's typography turns ' into ’


def test_front_page_answers_the_car_question_from_the_law(built_site):
    the_law = law.load_law()
    car, now = the_law.duty("cars", "2025-05-01"), the_law.duty("cars", data.record_end(data.sources()))
    front = built_site / "book" / "index.html"
    text = " ".join(_text(front).split())
    assert f"{now.rate:g}% : the duty on a Japanese car from" in text
    ended = the_law.measure("cars-232-15").starts - pd.Timedelta(days=1)
    period = f"From {car.since:%-d %B %Y} to {ended:%-d %B %Y} it was {car.rate:g}% : {car.parts}"
    assert period in text, "the front page shows how the figure is made, and for which days"
    assert 'href="sources.html#sources-discrepancies"' in front.read_text(encoding="utf-8"), "links to the discrepancy log"


def test_tariff_page_sets_the_articles_against_the_law_and_draws_no_rate_they_suggested(built_site):
    """The articles' reading is told in words beside the fact check; no chart draws rates built from
    their wording (sector duties added to the baseline), which nobody was charged."""
    page = (built_site / "book" / "tariffs.html").read_text(encoding="utf-8")
    text = " ".join(_text(built_site / "book" / "tariffs.html").split())
    assert "did not always read the duties as the law set them" in text
    assert "No article gives the day the car duty began" in text
    assert 'id="tariffs-fact-check"' in page
    assert 'id="fig-tariff-steps"' not in page, "the chart of the articles' rates is gone: the fact check carries the point"


def test_fact_check_table_lists_every_claim_with_its_verdict(built_site):
    page = (built_site / "book" / "tariffs.html").read_text(encoding="utf-8")
    text = " ".join(_text(built_site / "book" / "tariffs.html").split())
    checks = data.load("fact_checks")
    for claim in checks["claim"]:
        assert " ".join(html.unescape(claim).split()) in text
    assert 'id="tariffs-fact-check"' in page


def test_every_legal_citation_links_to_an_official_address(built_site):
    links = []
    for page in (built_site / "book").glob("*.html"):
        links += re.findall(r'<a class="source-link cite" href="([^"]+)"', page.read_text(encoding="utf-8"))
    assert links, "no legal citations found on the pages"
    kinds = data.load("sources").set_index("url")["kind"].dropna()
    for link in {html.unescape(u) for u in links}:
        if kinds.get(link) == "primary-document":
            assert evidence.is_government_url(link), urlsplit(link).hostname


def test_register_lists_every_primary_document(built_site):
    text = " ".join(_text(built_site / "book" / "register.html").split())
    sources = data.load("sources")
    for identifier in sources.loc[sources["kind"] == "primary-document", "identifier"]:
        assert identifier in text


def test_single_sourced_rows_say_so_and_second_outlets_are_cited(built_site):
    events = data.load("events")
    single = events[events["single_sourced"].fillna(False)]
    assert len(single), "the data has single-sourced events"
    page = (built_site / "book" / "timeline.html").read_text(encoding="utf-8")
    assert page.count("(single source)") >= len(single)
    seconds = events["also_source_id"].dropna()
    urls = data.load("sources").set_index("source_id")["url"]
    for second in seconds.unique()[:10]:
        assert html.escape(urls[second], quote=True) in page or urls[second] in page, f"second source {second} not cited"


def test_one_as_of_date_everywhere(built_site):
    """The front page, the deal chapter and the citation all date the record by the same rule
    (briefing.data.record_end). Every page that cites or links a source says, once, how recent its
    latest source is; that date is never later than the record's, and the source it names is one
    the page links or names, so the reader can find it there."""
    end = day(data.record_end(data.sources()))
    pages = {name: " ".join(_text(built_site / "book" / f"{name}.html").split()) for name in ("index", "deal", "appendix")}
    assert re.search(rf"tells the story to {end} ?, the date of our latest source", pages["index"]) and f"As of {end}" in pages["deal"] and f"data as of {end}" in pages["appendix"]
    sources = data.sources()
    def plain(text: str) -> str:  # the page may set a headline's quote marks typographically
        return text.translate(str.maketrans("‘’“”", "''\"\""))

    by_label = {plain(label): source_id for label, source_id in zip(sources["label"], sources["source_id"])}
    hrefs = {source_id: html.escape(source_href(source_id), quote=True) for source_id in sources["source_id"]}
    for page in (built_site / "book").glob("*.html"):
        markup = page.read_text(encoding="utf-8")
        text = " ".join(_text(page).split())
        found = re.findall(rf"{AS_OF} (\d{{1,2}} \w+ \d{{4}}) \((.+?)\)\.(?: |$)", text)
        if not any(f'href="{href}"' in markup for href in hrefs.values()):
            assert not found, f"{page.name} dates sources it does not cite"
            continue
        assert len(found) == 1, f"{page.name} should say once how recent its sources are, found {len(found)}"
        date, label = found[0][0], plain(found[0][1])
        assert pd.Timestamp(date) <= data.record_end(sources), page.name
        assert label in by_label, f"{page.name}: the date line names {label!r}, which is no source's label"
        source = sources.set_index("source_id").loc[by_label[label]]
        named = source["identifier"] if isinstance(source["identifier"], str) else source["outlet"]
        # Linked (a marker, a table's link), or named as a second source in the notes.
        assert f'href="{hrefs[by_label[label]]}"' in markup or text.count(str(named)) >= 2, \
            f"{page.name}: the date line names {label!r}, which the page neither links nor names"


def test_front_page_reading_guide_links_every_chapter(built_site):
    """'Read on' names each chapter of _toc.yml once, in reading order."""
    page = (built_site / "book" / "index.html").read_text(encoding="utf-8")
    guide = page.split('id="read-on"', 1)[1].split("</section>", 1)[0]
    linked = list(dict.fromkeys(re.findall(r'href="([\w-]+)\.html(?:#[^"]*)?"', guide)))
    assert linked == [chapter.stem for chapter in toc_files(ROOT) if chapter.stem != "index"]


def _table_rows(page_html: str, caption: str) -> list[list[str]]:
    """The body rows of the table with this caption, each as its cells' text."""
    # The build numbers each table ('Table 3. ') inside its caption.
    table = re.split(rf"<caption>(?:<span class=\"caption-number\">Table \d+\. </span>)?{re.escape(html.escape(caption))}</caption>",
                     page_html, maxsplit=1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], flags=re.S)
    return [[" ".join(html.unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in re.findall(r"<td[^>]*>(.*?)</td>", r, flags=re.S)]
            for r in rows]


def test_each_measure_row_shows_its_own_rate_and_dates(built_site):
    """Each row of the measures table carries the rate and start of the measure it names and cites
    (a table built from columns in different orders would mix them up)."""
    page = (built_site / "book" / "tariffs.html").read_text(encoding="utf-8")
    rows = _table_rows(page, "US duties on Japanese goods, from the legal texts")
    measures = data.load("tariff_measures")
    assert len(rows) == len(measures)
    for measure in measures.itertuples():
        copy = tables.copy_named(measure.source_id, measure.read_in)
        read_in = f"{measure.read_in}, {copy.site}" if copy else measure.read_in  # the copy read, named
        row = next(r for r in rows if r[0] == measure.name and re.search(re.escape(tables.located(measure.locator, read_in)) + "($|;)", r[-1].replace(" )", ")")))
        rate = "not documented" if pd.isna(measure.rate_percent) else f"{measure.rate_percent:g}%"
        assert row[2].startswith(rate), (measure.measure_id, row)
        if isinstance(measure.starts, str):
            assert day(measure.starts[:10]) in row[4], (measure.measure_id, row)
        if isinstance(measure.ends, str):
            assert row[4].endswith(day(measure.ends[:10])), (measure.measure_id, row)


def test_the_front_page_lede_is_at_most_sixty_words(built_site):
    """The briefing in brief opens with what happened and why it matters, in sixty words or fewer."""
    front = (built_site / "book" / "index.html").read_text(encoding="utf-8")
    lede = html.unescape(re.sub(r"<[^>]+>", " ", front.split("</h1>", 1)[1].split("<p>", 1)[1].split("</p>", 1)[0]))
    assert 20 <= len(lede.split()) <= 60, lede
