"""'The figures' (book/stakes.md): what was at stake, in the figures the archived articles of 2025
quote (Japan's economy, its car industry, its exports), and the figures of 2025 and 2026 that are
not terms of the deal: first those that bear on the deal and its effect (trade, investment, duties,
refunds), then, folded, the talks' and Japan's elections' tallies; the deal's own figures are on the
deal page.

Everything the page states is computed here; the page is prose with glued values and the table.
"""

from __future__ import annotations

import pandas as pd

from ... import data
from .. import tables
from ..glue import amount, glue, percent, period_in_words
from . import common

# Rows this page relies on, by table: a renamed or deleted row fails the check, naming it.
RELIED_ON = {
    "indicators": ["auto-jobs-share", "japan-gdp-q1-2025", "japan-economy-rank", "exports-to-us-2024", "auto-exports-to-us-2024",
                   "vehicles-export-rank", "japan-investor-rank", "exports-to-us-2025", "surplus-with-us-2025",
                   "auto-exports-to-us-2025-change", "japan-fdi-position-2024", "fdi-us-total-2024"],
}
RANKS = {1: "largest", 2: "second-largest", 3: "third-largest", 4: "fourth-largest"}
WHERE = {"article": "article", "caption": "photo caption", "related-link": "link to another story"}


def relied_on_problems(data_dir=None) -> list[str]:
    return common.relied_on_problems(RELIED_ON, "book/stakes.md", "src/briefing/chapters/reference/stakes.py", data_dir)


def glue_page() -> pd.DataFrame:
    """Glue every value the page's prose shows; return the articles' figures, which the cells reuse."""
    all_figures = data.load("indicators")
    kinds = data.load("sources").set_index("source_id")["kind"]
    # This page holds the figures of the 2025 articles; the deal's figures are in "The deal and after".
    figures = all_figures[all_figures["source_id"].map(kinds) == "archived-article"]
    by_id = figures.set_index("indicator_id")
    later = all_figures.set_index("indicator_id")
    glue("jobs-share", percent(by_id.loc["auto-jobs-share", "value"]))
    glue("gdp-change", percent(abs(by_id.loc["japan-gdp-q1-2025", "value"]), 1))
    glue("economy-rank", RANKS[int(by_id.loc["japan-economy-rank", "value"])])
    glue("stakes-exports", amount(later.loc["exports-to-us-2024", "value"], later.loc["exports-to-us-2024", "unit"]))
    glue("stakes-auto-exports", amount(later.loc["auto-exports-to-us-2024", "value"], later.loc["auto-exports-to-us-2024", "unit"]))
    glue("stakes-exports-year", later.loc["exports-to-us-2024", "period"])
    # Why it matters: Japan's trade with the US in 2025, and its stake in US direct investment.
    for name, indicator_id in [("stakes-exports-2025", "exports-to-us-2025"), ("stakes-surplus-2025", "surplus-with-us-2025"),
                               ("stakes-fdi", "japan-fdi-position-2024")]:
        glue(name, amount(later.loc[indicator_id, "value"], later.loc[indicator_id, "unit"]))
    glue("stakes-year-2025", later.loc["exports-to-us-2025", "period"])
    glue("stakes-car-fall", percent(abs(later.loc["auto-exports-to-us-2025-change", "value"]), 1))
    # BEA gives the all-country total as '$5.71 trillion'; the data holds it in billions, like every dollar amount.
    glue("stakes-fdi-total", f"US${later.loc['fdi-us-total-2024', 'value'] / 1000:.2f} trillion")
    return figures


def figures_table(figures: pd.DataFrame) -> tables.HtmlTable:
    """The figures the archived articles quote: value, period, where on the page, note."""
    shown = figures.assign(
        period=figures["period"].map(period_in_words),
        shown_value=[amount(v, u, a) for v, u, a in zip(figures["value"], figures["unit"], figures["approximate"])],
        where=figures["text_role"].map(WHERE),
        remark=figures["note"].fillna(""),
    )
    return tables.table(shown, {"subject": "Figure", "shown_value": "Value", "period": "Period", "where": "Where on the page",
                                "remark": "Note"}, caption="Figures quoted by the archived articles")


# The figures of 2025 and 2026 by what they bear on: first those that matter for the deal and its
# effect, by topic in this order; the talks' and the elections' tallies after, folded.
TOPICS = {"trade": "Trade and investment", "law": "Duties and refunds", "economy": "The economy"}
TALLIES = {"talks": "The talks", "politics": "Japan's elections"}


def _by_topic(topics: dict[str, str]) -> pd.DataFrame:
    """The later figures (not terms of the deal) of the given topics, in their order, each subject
    prefixed with its topic's words."""
    later = common.later_figures(data.load("sources").set_index("source_id"))
    unknown = set(later["topic"]) - set(TOPICS) - set(TALLIES) - {"deal"}
    if unknown:
        raise ValueError(f"indicators of topic {sorted(unknown)} have no place on the figures page: add them to TOPICS or TALLIES")
    shown = later[later["topic"].isin(topics)]
    shown = shown.assign(subject=shown["topic"].map(topics) + ": " + shown["subject"])
    order = {topic: i for i, topic in enumerate(topics)}
    return shown.sort_values("topic", key=lambda s: s.map(order), kind="stable")


def later_figures_table() -> tables.HtmlTable:
    """The figures of 2025 and 2026 that bear on the deal and its effect: trade and investment,
    duties and refunds, the economy."""
    return common.figures_table(_by_topic(TOPICS), "Trade, investment, duties and refunds, as later documents and reports give them")


def tallies_record() -> tables.HtmlTable:
    """The talks' and Japan's elections' tallies (trips, seats, votes), folded under the figures that
    matter: they set the scene, not the terms, and print in the PDF edition."""
    table = common.figures_table(_by_topic(TALLIES), "Tallies of the talks and of Japan's elections")
    return tables.folded(table.markup, "Show the tallies of the talks and of Japan's elections")
