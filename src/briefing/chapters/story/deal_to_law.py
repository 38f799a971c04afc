"""'From deal to executive order' (book/story-deal-to-law.md): August and September 2025, from the new
country rates order and the 15% charged on top of the normal duty to the order that put the
framework into law, the memorandum on the US$550 billion and the cars at 15% in all.

Everything the chapter states is computed here; the page is prose with glued values and
citation markers; the pieces it shares with the other story chapters are in ``record``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from ... import data, law
from .. import charts, style, tables
from ..glue import day, glue, percent
from . import record
from .record import EXAMPLE_LABEL, EXAMPLE_NORMAL_DUTY, figure, figures_table, rows_of

# The chapter's period: from the order setting the new country rates to Commerce's notice.
FIRST, LAST = "2025-07-31", "2025-09-16"
# The chart's window: the month before the new rate to the month after the cars' cut.
CHART_FROM, CHART_TO = "2025-07-01", "2025-10-31"

POSITIONS = ["us-15-all-in-order", "jp-invest-550-us-account", "jp-invest-550-japan-account", "jp-mou-procedure",
             "jp-mou-not-treaty",
             "jp-profit-90-us-account", "jp-mou-profit-split", "us-generics-resources-zero",
             "us-232-chips-medicines-ceiling-statement"]
MEASURES = ["reciprocal-10-all", "reciprocal-10-paused", "undocumented-1-6-august-2025", "reciprocal-15-japan-charged",
            "reciprocal-15-japan-all-in", "cars-232-25", "cars-232-15", "parts-232-25",
            "parts-232-15", "steel-232-50"]
RULES = ["reciprocal-not-with-cars"]
# Rows cited that are not in the period's tables: the announcement it follows, documents named.
EVENTS_BEFORE = ["framework-announced"]
SOURCES = ["eo-14326", "rep-kyodo-2025-08-01-aug7", "cbp-csms-65829726"]
DISCREPANCIES = ["gap-august-2025"]
INDICATORS = ["akazawa-trips-by-2025-08-07", "investment-pledge-550", "funding-period-45", "profit-share-before-recoup",
              "profit-share-us-after-recoup"]

ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth",
            9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth"}


def span(first: dt.date, last: dt.date) -> str:
    """'1 to 6 August 2025' within a month; both days in full otherwise."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} to {day(last)}"
    return f"{day(first)} to {day(last)}"


def glue_page() -> dict:
    """Glue every value the chapter's prose shows; return what its chart reuses."""
    the_law = law.load_law()
    measure = the_law.measure
    documents = data.sources().set_index("source_id")
    indicators = data.load("indicators").set_index("indicator_id")

    first_order, deal_order = documents.loc["eo-14326"], documents.loc["eo-14345"]
    glue("dtl-first-order", first_order["identifier"])
    glue("dtl-second-order", deal_order["identifier"])
    glue("dtl-second-order-signed", day(deal_order["signed"]))

    charged, final = measure("reciprocal-15-japan-charged"), measure("reciprocal-15-japan-all-in")
    glue("dtl-rate", percent(charged.rate))
    glue("dtl-charged-from", day(charged.starts))
    glue("dtl-final-rate", percent(final.rate))
    glue("dtl-final-from", day(final.starts))

    pause = measure("reciprocal-10-paused")
    glue("dtl-pause-rate", percent(pause.rate))
    glue("dtl-pause-end", day(pause.ends))

    # The order's other provisions: civil aircraft and parts, free of the reciprocal and metals duties.
    events = data.load("events", columns=["date"]).set_index("event_id")
    glue("dtl-aircraft-from", day(events.loc["aircraft-tariffs-lifted-japan", "date_start"]))

    trips = int(indicators.loc["akazawa-trips-by-2025-08-07", "value"])
    glue("dtl-trip", ORDINALS[trips])
    glue("dtl-pledge", figure(indicators, "investment-pledge-550"))
    glue("dtl-funding", figure(indicators, "funding-period-45"))
    after = indicators.loc["profit-share-us-after-recoup", "value"]
    glue("dtl-profit-us", percent(after))
    glue("dtl-profit-japan", percent(100 - after))

    # The worked example: a good whose normal duty is EXAMPLE_NORMAL_DUTY, as charged and as applied.
    example = the_law.with_normal_duty("other-goods", EXAMPLE_NORMAL_DUTY)
    on_day = charged.starts
    glue("dtl-example-normal", percent(EXAMPLE_NORMAL_DUTY))
    glue("dtl-example-charged", percent(example.duty("other-goods", on_day, "as-charged").rate))
    glue("dtl-example-final", percent(example.duty("other-goods", on_day).rate))
    glue("dtl-example-paused", percent(example.duty("other-goods", pause.ends - dt.timedelta(days=1)).rate))

    cars = measure("cars-232-15")
    before, after_cut = the_law.duty("cars", cars.starts - dt.timedelta(days=1)), the_law.duty("cars", cars.starts)
    glue("dtl-cars-from", day(cars.starts))
    glue("dtl-car-before", percent(before.rate))
    glue("dtl-car-after", percent(after_cut.rate))
    glue("dtl-car-normal", percent(after_cut.normal))
    glue("dtl-car-232-before", percent(measure("cars-232-25").rate))
    glue("dtl-car-232-after", percent(after_cut.adds[cars.measure_id]))
    glue("dtl-parts-before", percent(the_law.duty("auto-parts", cars.starts - dt.timedelta(days=1)).rate))
    glue("dtl-parts-after", percent(measure("parts-232-15").rate))
    glue("dtl-steel", percent(the_law.duty("steel", cars.starts).rate))
    return {"example": example, "charged": charged}


def chart(values: dict) -> go.Figure:
    """The example good from July to October 2025: as customs first charged the deal rate (dotted)
    and as the order of 4 September finally applied it (solid); the days no document covers shaded."""
    name = EXAMPLE_LABEL.format(rate=percent(EXAMPLE_NORMAL_DUTY))
    frames = [values["example"].daily(CHART_FROM, CHART_TO, view) for view in law.VIEWS]
    final, first = (f[f["category"] == "other-goods"].reset_index(drop=True).assign(label=name) for f in frames)
    fig = charts.duty_steps(final, first)
    fig.update_yaxes(title="duty, all in")
    measure, example = values["charged"], values["example"]
    as_charged = example.duty("other-goods", measure.starts, "as-charged").rate
    applied = example.duty("other-goods", measure.starts).rate
    paused = example.duty("other-goods", pd.Timestamp(measure.starts) - pd.Timedelta(days=7)).rate
    # Each level in words on the chart, so that it shows the example's normal duty (the caption
    # cannot); the pause's in a word only, as its segment is short on a phone.
    normal = percent(EXAMPLE_NORMAL_DUTY)
    levels = [(CHART_FROM, paused, percent(paused), "bottom"),
              (measure.starts, as_charged, f"{percent(as_charged)}: {percent(measure.rate)} on top of {normal}", "bottom"),
              (measure.starts, applied, f"{percent(applied)} in all, {normal} included", "top")]
    for x, y, text, anchor in levels:
        fig.add_annotation(x=pd.Timestamp(x) + pd.Timedelta(days=2), y=y, text=text, showarrow=False, xanchor="left",
                           yanchor=anchor, yshift=3 if anchor == "bottom" else -3, font=dict(size=11))
    steps = "; ".join(law.step_text(r) for r in law.changes(final).itertuples())
    style.describe(fig, f"Step chart of the whole duty on an illustrative Japanese good whose normal duty is "
                        f"{percent(EXAMPLE_NORMAL_DUTY)}, July to October 2025, as the law finally applied it: {steps}. "
                        f"No legal text covers 1 to 6 August 2025; a dashed stretch shows the rate reports say customs charged "
                        f"then, apart from the law's line. A dotted line shows "
                        f"{percent(as_charged)} as customs first charged it, from {day(measure.starts)} to "
                        f"{day(measure.ends - dt.timedelta(days=1))}.")
    return fig


def behind() -> tables.HtmlTable:
    """The record behind the chapter, folded: the period's events, the positions, the law, the figures."""
    return record.behind(
        *record.events_tables(record.DEAL_TO_LAW, FIRST, "Events from the new country rates to the cars' cut, August to September 2025"),
        record.positions_table(rows_of("positions", POSITIONS), "What the order and the memorandum set, and each side's account"),
        record.measures_table(MEASURES, "US duties on Japanese goods in this chapter, from the legal texts"),
        figures_table(INDICATORS, "Figures in this chapter"))
