"""'The Court, the surcharge and after' (book/story-court-and-after.md): February 2026 to the end
of the record, from the Supreme Court's ruling on IEEPA to the refunds, the surcharge and its
own ruling, the metals duties recast, the other Section 232 duties, Japan's asks, the Section 301
investigations and what the record has scheduled after its last document.

Everything the chapter states is computed here; the page is prose with glued values and
citation markers. Its record behind reaches to the last dated event, so rows added for 2026
appear there without a change here; ``ahead`` lists what the record reports as scheduled, planned
or expected, which the page's 'What comes next' tells item by item (a test checks that none is
left out).
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from ... import data, law
from .. import charts, style, tables
from ..glue import count, day, glue, percent
from ..reference.common import surcharge_exclusions_row
from . import record
from .record import EXAMPLE_LABEL, EXAMPLE_NORMAL_DUTY, figure, figures_table, rows_of

FIRST = "2026-02-20"
FREE_GOOD = "A good with no normal duty"
# Rows cited that are not among the period's or the earlier events: the cars' cut the chart marks.
EVENTS_BEFORE = ["commerce-notice-cars-15"]
# The chart: from the month the cars' cut took effect to the end of the record, with these marked.
CHART_FROM = "2025-09-01"
MARKS = [("commerce-notice-cars-15", "cars cut"), ("supreme-court-ieepa-ruling", "Supreme Court<br>ruling"),
         ("surcharge-starts", "surcharge"), ("cit-section-122-ruling", "trade court<br>ruling"),
         ("fed-circuit-stays-122-ruling", "appeals<br>court stay")]

# The chapter's own figures; those it recalls from earlier chapters (the car exports, the pledge)
# stay in the tables of the chapter that first gives them, not repeated here.
INDICATORS = ["section-122-rate-cap", "section-122-days-cap", "refunds-in-process-85"]
# Japan's assurance of July 2025 on chips and medicines, which the paragraph on Section 232 recalls.
POSITIONS_BEFORE = ["us-chips-medicines-mfn"]
SOURCES = ["eo-14257", "scotus-ieepa-2026", "eo-ending-tariff-actions", "procl-section-122-2026"]
DISCREPANCIES = ["surcharge-rate", "fed-circuit-stay-date", "cape-phase-names"]


def _last_event() -> pd.Timestamp:
    """The last day any event of the record falls on, scheduled ones included."""
    events = data.load("events", columns=["date"])
    return events["date_end"].fillna(events["date_start"]).max()


def ahead() -> pd.DataFrame:
    """What the record reports from the ruling on as scheduled, planned or expected rather than
    done: the items of 'What comes next'."""
    events = record.told_in(record.COURT)
    return events[events["reported_as"].isin(record.UNCERTAIN) & (record.day_placed(events) >= FIRST)]


def measures() -> list[str]:
    """The law's measures in force from the ruling to the last dated event."""
    return record.measures_in_force(FIRST, _last_event())


def _positions() -> pd.DataFrame:
    """Each side's positions after the ruling, and Japan's assurance of July 2025 on chips and medicines."""
    return pd.concat([rows_of("positions", POSITIONS_BEFORE), record.positions_between(FIRST, _last_event())])


def _stated(events: pd.DataFrame, event_id: str, rate: float) -> str:
    """A rate of the law that an event's text also states (the deal's ceiling for furniture and
    trucks): fails if the text does not state it."""
    text = percent(rate)
    if text not in events.loc[event_id, "summary"]:
        raise ValueError(f"{event_id}: its summary does not state {text}")
    return text


# What an event's words may state after given words (_stated_after), for a value the record gives only there:
# (its pattern, what it is called in the error, how the page writes it).
_STATED = {"rate": (r"(\d+(?:\.\d+)?)%", lambda found: percent(float(found))),
           "day": (r"(\d{1,2} [A-Z][a-z]+ \d{4})", lambda found: day(pd.Timestamp(found)))}


def _stated_after(events: pd.DataFrame, event_id: str, after: str, what: str) -> str:
    """A rate or a day an event's text states after the given words ('paid 50%', 'hearings from
    5 May 2026'). Fails if the text states none there."""
    pattern, written = _STATED[what]
    found = re.search(re.escape(after) + " " + pattern, events.loc[event_id, "summary"])
    if not found:
        raise ValueError(f"{event_id}: its summary no longer gives a {what} after {after!r}")
    return written(found.group(1))


def glue_page() -> dict:
    """Glue every value the chapter's prose shows; return what its chart reuses."""
    the_law = law.load_law()
    measure = the_law.measure
    documents = data.sources().set_index("source_id")
    indicators = data.load("indicators").set_index("indicator_id")
    events = data.load("events", columns=["date", "summary"]).set_index("event_id")
    label = events["date_label"]
    end = data.record_end(data.sources())
    glue("court-as-of", day(end))

    ruling = documents.loc["scotus-ieepa-2026"]
    glue("court-ruling-date", day(ruling["published"]))
    glue("court-case", ruling["headline"].split(";")[0])
    deal = measure("reciprocal-15-japan")
    glue("court-deal-rate", percent(deal.rate))
    glue("court-collection-end", day(deal.ends))
    glue("court-farm-from", label["farm-goods-exempted"])

    # The refunds of the IEEPA duties.
    glue("court-refund-order", label["cit-ieepa-refund-order"])
    glue("court-refund-tool", label["cape-phase-1-opens"])
    glue("court-refund-appeal", label["government-appeals-refund-order"])
    glue("court-universal-order", label["cit-universal-refund-injunction"])
    glue("court-refunds-85", figure(indicators, "refunds-in-process-85"))

    surcharge = measure("surcharge-122-10")
    glue("court-surcharge", percent(surcharge.rate))
    glue("court-surcharge-from", day(surcharge.starts))
    glue("court-surcharge-until", day(surcharge.ends))
    glue("court-surcharge-days", count((surcharge.ends - surcharge.starts).days, "day"))
    # A good pays more under the surcharge than under the deal when its normal duty exceeds this.
    glue("court-break-even", percent(deal.rate - surcharge.rate))
    # The limits Section 122 sets: the announced rise was to the cap, and the 150 days are the most
    # the President may set without an Act of Congress.
    cap, most_days = figure(indicators, "section-122-rate-cap"), int(indicators.loc["section-122-days-cap", "value"])
    if cap not in data.load("positions").set_index("position_id").loc["jp-spare-from-15-2026", "summary"]:
        raise ValueError(f"jp-spare-from-15-2026: the announced rise is no longer to the cap of {cap}")
    if (surcharge.ends - surcharge.starts).days != most_days:
        raise ValueError("surcharge-122-10 no longer runs for the longest period Section 122 allows")
    glue("court-122-cap", cap)
    glue("court-122-days", figure(indicators, "section-122-days-cap"))
    glue("court-surcharge-ruling", label["cit-section-122-ruling"])
    glue("court-stay", label["fed-circuit-stays-122-ruling"])

    # The worked example, and a good with no normal duty: the day before collection ended, and now.
    last_deal_day = pd.Timestamp(deal.ends) - pd.Timedelta(days=1)
    for name, normal in [("example", EXAMPLE_NORMAL_DUTY), ("free", 0.0)]:
        good = the_law.with_normal_duty("other-goods", normal)
        glue(f"court-{name}-deal", percent(good.duty("other-goods", last_deal_day).rate))
        glue(f"court-{name}-now", percent(good.duty("other-goods", end).rate))
    glue("court-example-normal", percent(EXAMPLE_NORMAL_DUTY))

    glue("court-car", percent(the_law.duty("cars", end).rate))
    glue("court-parts", percent(the_law.duty("auto-parts", end).rate))
    for name, indicator_id in [("court-auto-exports", "auto-exports-to-us-2024"), ("court-exports", "exports-to-us-2024"),
                               ("court-pledge", "investment-pledge-550")]:
        glue(name, figure(indicators, indicator_id))
    glue("court-exports-year", indicators.loc["exports-to-us-2024", "period"])

    # The metals: the same rate for Japan before and after the recast, now on the full value.
    steel, aluminum = measure("steel-232-50-full-value"), measure("aluminum-232-50-full-value")
    glue("court-metals", f"{percent(steel.rate)} each" if steel.rate == aluminum.rate else
         f"{percent(steel.rate)} and {percent(aluminum.rate)}")
    glue("court-metals-before", percent(the_law.duty("steel", steel.starts - pd.Timedelta(days=1)).rate))
    glue("court-metals-from", day(steel.starts))
    glue("court-metals-june", label["metals-232-june-adjustment"])

    # The other Section 232 duties: rates the record gives only in the events' words.
    for name, event_id in [("copper", "copper-232-effective"), ("chips", "semiconductors-232-effective"),
                           ("medicines", "pharma-232-proclaimed")]:
        glue(f"court-{name}", record.percent_in(events.loc[event_id, "summary"]))
        glue(f"court-{name}-from", label[event_id])
    for name, event_id in [("wood", "wood-232-effective"), ("trucks", "trucks-232-effective")]:
        glue(f"court-{name}-ceiling", _stated(events, event_id, deal.rate))
        glue(f"court-{name}-from", label[event_id])
    # What Jiji Press reports Japanese medium and heavy trucks paid, normal duty included.
    glue("court-trucks-japan", _stated_after(events, "trucks-232-effective", "paid", "rate"))

    # The medicine duty a White House official gave for Japan in September 2025.
    positions = data.load("positions").set_index("position_id")
    glue("court-medicines-japan-2025", record.percent_in(positions.loc["us-pharma-japan-15-2025", "summary"]))
    # The Section 301 investigations: the excess-capacity hearings' first day, the forced-labour findings.
    glue("court-301-hearings", _stated_after(events, "ustr-301-excess-capacity-schedule", "hearings from", "day"))
    glue("court-301-findings", label["ustr-301-forced-labor-findings"])

    # What comes next: each item's date as the record gives it.
    for event in ahead().itertuples():
        glue(f"court-next-{event.event_id}", event.date_label)
    return {"end": end, "example": the_law.with_normal_duty("other-goods", EXAMPLE_NORMAL_DUTY)}


def chart(values: dict) -> go.Figure:
    """The whole duty on a Japanese car and on the example good from September 2025 to the end of
    the record, with the cars' cut, the ruling, the surcharge and the two rulings on it marked."""
    fig = record.duty_chart(CHART_FROM, values["end"], ["cars", "other-goods"], MARKS, example_normal=EXAMPLE_NORMAL_DUTY)
    # duty_chart names the line by its product family; here it is the example good.
    example, family = EXAMPLE_LABEL.format(rate=percent(EXAMPLE_NORMAL_DUTY)), law.product_label("other-goods")
    for trace in fig.data:
        if trace.name == family:
            trace.name = example
            trace.hovertemplate = trace.hovertemplate.replace(style.plain(family), style.plain(example))
    description = fig.layout.meta["description"].replace(f"{family}:", f"{example} (an illustration):")
    # Beside the example good, a good with no normal duty: the ruling raised the one's duty and cut the other's.
    free = law.load_law().with_normal_duty("other-goods", 0.0).daily(CHART_FROM, values["end"])
    free = charts.step_points(free[free["category"] == "other-goods"])
    fig.add_trace(go.Scatter(
        x=free["day"], y=free["rate"], mode="lines", name=FREE_GOOD,
        line=dict(shape="hv", width=3, color=style.NO_NORMAL_DUTY_COLOUR),
        hovertemplate=f"<b>{style.plain(FREE_GOOD)}</b><br>%{{x|%-d %B %Y}}: %{{y:g}}%<extra></extra>"))
    events = data.load("events", rows=[e for e, _ in MARKS]).set_index("event_id")
    marks = "; ".join(f"{words.replace('<br>', ' ')} on {events.loc[e, 'date_label']}" for e, words in MARKS)
    style.describe(fig, description.replace("Step chart of the duty.", "Step chart of the whole duty, all in.").rstrip(".")
                   + f"; {FREE_GOOD} (an illustration): {record.steps_text(free)}. Marked: {marks}.")
    fig.update_yaxes(title="duty, all in")
    # On a phone the stay's words would run into the Supreme Court's, on the row below the top:
    # they go on the lowest row, beside the surcharge's, which ends well before them.
    for note in fig.layout.annotations:
        if note.text == dict(MARKS)["fed-circuit-stays-122-ruling"]:
            note.y = 0.72
    # Where the three lines share a height, the one drawn last hides the others: say so on the chart.
    daily = values["example"].daily(CHART_FROM, values["end"])
    car, good = (daily[daily["category"] == c].set_index("day")["rate"] for c in ("cars", "other-goods"))
    same = car[car.eq(good) & car.eq(free.set_index("day")["rate"])]
    if len(same):
        middle = same.index[len(same) // 2]
        fig.add_annotation(x=middle, y=same.loc[middle], text=f"all three {percent(same.loc[middle])}", showarrow=False,
                           yanchor="bottom", yshift=4, font=dict(size=11))
    # Below the plot, clear of the date labels, which take two lines (on a phone the legend takes two more).
    fig.update_layout(height=450, legend=dict(orientation="h", yanchor="top", y=-0.16), margin=dict(b=20))
    return fig


def rules_table(caption: str) -> tables.HtmlTable:
    """What the surcharge does not apply to, among the briefing's products, in one row (the deal
    page lists every exemption heading)."""
    return surcharge_exclusions_row(caption)


def behind() -> tables.HtmlTable:
    """The record behind the chapter, folded: the events from the ruling to the last one the record
    has (scheduled ones included), the earlier duties it tells, each side's positions, the law, the
    surcharge's exclusions, the figures."""
    return record.behind(
        *record.events_tables(record.COURT, FIRST, "Events from the ruling on, with those scheduled",
                              "Earlier duties this chapter tells: more Section 232 duties and the farm-goods order, "
                              "August 2025 to January 2026"),
        record.positions_table(_positions(), "Each side's positions after the ruling, and Japan's account of July 2025 "
                                             "on chips and medicines"),
        record.measures_table(measures(), "US duties on Japanese goods in this chapter, from the legal texts"),
        rules_table("What the surcharge does not apply to, among this briefing's products"),
        figures_table(INDICATORS, "Figures in this chapter"))
