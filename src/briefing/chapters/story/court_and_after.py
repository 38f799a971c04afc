"""'The Court, the surcharge and after' (book/story-court-and-after.md): February 2026 to the end
of the record, from the Supreme Court's ruling on IEEPA to the surcharge, Japan's asks, the
Section 301 investigations and what the record has scheduled.

Everything the chapter states is computed here; the page is prose with glued values and
citation markers. Its record behind reaches to the last dated event, so rows added for 2026
appear there without a change here.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ... import data, law
from .. import style, tables
from ..glue import amount, count, day, glue, percent
from . import record
from .record import EXAMPLE_LABEL, EXAMPLE_NORMAL_DUTY, figures_table, rows_of

FIRST = "2026-02-20"
# Events in the period that the chapter on the new government tells.
TOLD_BEFORE = ["takaichi-trump-white-house", "second-round-candidates"]
# The chart: from the month the cars' cut took effect to the end of the record, with these marked.
CHART_FROM = "2025-09-01"
MARKS = [("commerce-notice-cars-15", "cars cut"), ("supreme-court-ieepa-ruling", "Supreme Court<br>ruling"),
         ("surcharge-starts", "surcharge")]

MEASURES = ["reciprocal-15-japan", "surcharge-122-10", "cars-232-15", "parts-232-15", "steel-232-50", "aluminum-232-50"]
RULES = ["surcharge-not-with-cars", "surcharge-not-with-parts", "surcharge-not-with-steel", "surcharge-not-with-aluminum"]
INDICATORS = ["vehicles-export-rank", "auto-exports-to-us-2024", "exports-to-us-2024"]
SOURCES = ["eo-14257", "scotus-ieepa-2026", "eo-ending-tariff-actions", "procl-section-122-2026"]
EVENTS_BEFORE = ["commerce-notice-cars-15"]


def _last_event() -> pd.Timestamp:
    """The last day any event of the record falls on, scheduled ones included."""
    events = data.load("events")
    return events["date_end"].fillna(events["date_start"]).max()


def glue_page() -> dict:
    """Glue every value the chapter's prose shows; return what its chart reuses."""
    the_law = law.load_law()
    measure = the_law.measure
    documents = data.sources().set_index("source_id")
    indicators = data.load("indicators").set_index("indicator_id")
    end = data.record_end(data.sources())

    ruling = documents.loc["scotus-ieepa-2026"]
    glue("court-ruling-date", day(ruling["published"]))
    glue("court-case", ruling["headline"].split(";")[0])
    deal = measure("reciprocal-15-japan")
    glue("court-deal-rate", percent(deal.rate))
    glue("court-collection-end", day(deal.ends))

    surcharge = measure("surcharge-122-10")
    glue("court-surcharge", percent(surcharge.rate))
    glue("court-surcharge-from", day(surcharge.starts))
    glue("court-surcharge-until", day(surcharge.ends))
    glue("court-surcharge-days", count((surcharge.ends - surcharge.starts).days, "day"))
    # A good pays more under the surcharge than under the deal when its normal duty exceeds this.
    glue("court-break-even", percent(deal.rate - surcharge.rate))

    # The worked example, and a good with no normal duty: the day before collection ended, and now.
    last_deal_day = pd.Timestamp(deal.ends) - pd.Timedelta(days=1)
    for name, normal in [("example", EXAMPLE_NORMAL_DUTY), ("free", 0.0)]:
        good = the_law.with_normal_duty("other-goods", normal)
        glue(f"court-{name}-deal", percent(good.duty("other-goods", last_deal_day).rate))
        glue(f"court-{name}-now", percent(good.duty("other-goods", end).rate))
    glue("court-example-normal", percent(EXAMPLE_NORMAL_DUTY))

    glue("court-car", percent(the_law.duty("cars", end).rate))
    glue("court-parts", percent(the_law.duty("auto-parts", end).rate))
    steel, aluminum = the_law.duty("steel", end).rate, the_law.duty("aluminum", end).rate
    glue("court-metals", f"{percent(steel)} each" if steel == aluminum else f"{percent(steel)} and {percent(aluminum)}")
    for name, indicator_id in [("court-auto-exports", "auto-exports-to-us-2024"), ("court-exports", "exports-to-us-2024")]:
        row = indicators.loc[indicator_id]
        glue(name, amount(row["value"], row["unit"]))
    glue("court-exports-year", indicators.loc["exports-to-us-2024", "period"])
    return {"end": end, "example": the_law.with_normal_duty("other-goods", EXAMPLE_NORMAL_DUTY)}


def chart(values: dict) -> go.Figure:
    """The whole duty on a Japanese car and on the example good from September 2025 to the end of
    the record, with the cars' cut, the ruling and the surcharge marked."""
    fig = record.duty_chart(CHART_FROM, values["end"], ["cars", "other-goods"], MARKS, example_normal=EXAMPLE_NORMAL_DUTY)
    # duty_chart names the line by its product family; here it is the example good.
    example, family = EXAMPLE_LABEL.format(rate=percent(EXAMPLE_NORMAL_DUTY)), law.product_label("other-goods")
    for trace in fig.data:
        if trace.name == family:
            trace.name = example
            trace.hovertemplate = trace.hovertemplate.replace(style.plain(family), style.plain(example))
    description = fig.layout.meta["description"].replace(f"{family}:", f"{example} (an illustration):")
    style.describe(fig, description.replace("Step chart of the duty.", "Step chart of the whole duty, normal duty included."))
    fig.update_yaxes(title="duty, normal duty included")
    # Where the two lines share a height, the one drawn last hides the other: say so on the chart.
    daily = values["example"].daily(CHART_FROM, values["end"])
    car, good = (daily[daily["category"] == c].set_index("day")["rate"] for c in ("cars", "other-goods"))
    same = car[car.eq(good)]
    if len(same):
        middle = same.index[len(same) // 2]
        fig.add_annotation(x=middle, y=same.loc[middle], text=f"both {percent(same.loc[middle])}", showarrow=False,
                           yanchor="bottom", yshift=4, font=dict(size=11))
    # Below the plot, clear of the date labels, which take two lines (on a phone the legend takes two more).
    fig.update_layout(height=450, legend=dict(orientation="h", yanchor="top", y=-0.16), margin=dict(b=20))
    return fig


def rules_table(caption: str) -> tables.HtmlTable:
    """What the surcharge does not apply to, among the briefing's products."""
    return tables.table(rows_of("stacking_rules", RULES), {"summary": "Excluded from the surcharge"}, quote=None, caption=caption)


def behind() -> tables.HtmlTable:
    """The record behind the chapter, folded: the events from the ruling to the last one the record
    has (scheduled ones included), the law, the surcharge's exclusions, the export figures."""
    return record.behind(
        record.events_table(FIRST, _last_event(), "Events from the ruling to the end of the record, with those scheduled", TOLD_BEFORE),
        record.measures_table(MEASURES, "US duties on Japanese goods in this chapter, from the legal texts"),
        rules_table("What the surcharge does not apply to"),
        figures_table(INDICATORS, "Export figures in this chapter"))


def cited_tables() -> list[pd.DataFrame]:
    """The rows the page shows and cites, for its 'as of' (glue_as_of)."""
    return [record.events_between(FIRST, _last_event(), TOLD_BEFORE), rows_of("events", EVENTS_BEFORE),
            rows_of("tariff_measures", MEASURES), rows_of("stacking_rules", RULES), rows_of("indicators", INDICATORS),
            rows_of("sources", SOURCES)]
