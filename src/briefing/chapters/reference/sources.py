"""'Reading the sources' (book/sources.md): the archived articles, how each is dated, how many of
their events a second article reports, and where the sources disagree.

Everything the page states is computed here; the page is prose with glued values and the tables.
"""

from __future__ import annotations

from ... import data
from .. import tables
from ..glue import count, day, glue, glue_date_conventions


def glue_page() -> dict:
    """Glue every value the page's prose shows; return what the page's cells reuse."""
    all_sources = data.sources()
    articles = all_sources[all_sources["kind"] == "archived-article"]
    primary = all_sources[all_sources["kind"] == "primary-document"]
    reports = all_sources[all_sources["kind"] == "report"]
    measures = data.load("tariff_measures")
    events = data.load("events", columns=["source_id"])
    discrepancies = data.load("discrepancies")
    glue_date_conventions()
    glue("n-sources", count(len(articles), "archived article"))
    glue("n-primary", count(len(primary), "primary document"))
    glue("sources-record-end", day(data.record_end(all_sources)))
    surcharge_end = measures.loc[measures["family"] == "section-122", "ends"].dropna()
    glue("sources-surcharge-end", day(surcharge_end.iloc[0][:10]) if len(surcharge_end) else "no date")
    glue("n-reports", count(len(reports), "report"))
    stated, inferred = int((articles["date_basis"] == "stated").sum()), int((articles["date_basis"] == "inferred").sum())
    glue("n-dated", f"{count(stated, 'article')} {'carries' if stated == 1 else 'carry'} a date line")
    glue("n-inferred", f"{count(inferred, 'other')} {'was' if inferred == 1 else 'were'} dated from "
                       f"{'its' if inferred == 1 else 'their'} own content")
    glue("n-discrepancies", count(len(discrepancies), "discrepancy", "discrepancies"))
    # How few of the articles' events a second article confirms (the section 'Which article supports which event').
    citations = data.load("event_citations")
    from_articles = events[events["source_id"].isin(articles["source_id"])]
    confirmed = citations[citations["event_id"].isin(from_articles["event_id"])
                          & citations["source_id"].isin(articles["source_id"])]["event_id"].nunique()
    glue("n-article-events", count(len(from_articles), "event"))
    if 2 * confirmed >= len(from_articles):
        raise ValueError("book/sources.md says most of the articles' events rest on one article; now "
                         f"{confirmed} of {len(from_articles)} have a second: reword the paragraph 'Which article supports which event'")
    glue("n-article-confirmed", count(confirmed, "event"))
    return {"articles": articles, "discrepancies": discrepancies}


def articles_table(page: dict) -> tables.HtmlTable:
    """The archived articles: headline, outlet, when published and how the date is known."""
    articles = page["articles"]
    shown = articles.assign(
        title=articles["headline"].fillna("(no headline) " + articles["description"]),
        when=articles["published_label"] + " (" + articles["date_basis"] + ")",
    )
    return tables.table(shown, {"number": "No.", "title": "Headline", "outlet": "Outlet", "when": "Published",
                                "date_reasoning": "How the date is known"},
                        caption="The archived sources")


def discrepancy_cards(page: dict) -> tables.HtmlTable:
    """Where the sources disagree on a rate, a date of effect or a commitment, one card each."""
    return tables.discrepancy_cards(page["discrepancies"])


def minor_differences(page: dict) -> tables.HtmlTable:
    """Where they differ on nothing of those, one line each, folded."""
    return tables.minor_differences(page["discrepancies"])
