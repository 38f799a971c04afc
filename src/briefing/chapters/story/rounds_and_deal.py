"""Story chapter 'The rounds, the election and the July deal' (book/story-rounds-and-deal.md):
mid-May to the end of July 2025.

Rounds three to eight, the G7 meeting, Trump's letter and the pause moved to 1 August, the
upper-house election, the deal announced on 22 July and the two governments' accounts of it.
Everything the page shows is computed here: the values its prose shows (``glue_page``), its chart
of the rounds against the deadline (``chart``), the folded record behind it (``record_behind``) and
the date of its latest source (``glue_sources``).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ... import data, law
from .. import style, tables
from ..glue import day, glue, percent
from . import record

FIRST, LAST = pd.Timestamp("2025-05-16"), pd.Timestamp("2025-07-31")
SPAN = "mid-May to July 2025"
PREFIX = "story-rounds-and-deal"

# The framework's terms as each government stated them: positions whose note places them there.
FRAMEWORK_NOTE = "Framework agreement, July 2025"
# Rows the page cites outside the period's events, positions and measures.
INDICATORS = ["akazawa-trips-by-2025-07-02", "uh-2025-ldp-seats", "uh-2025-komeito-seats", "uh-2025-coalition-seats",
              "uh-2025-coalition-needed", "investment-pledge-550", "boeing-aircraft-100", "defense-procurement-17",
              "rice-increase-75", "ag-purchases-8", "energy-purchases-7", "pause-length"]
# Japan's asks of the period that the prose cites, besides the framework's terms.
ASKS = ["jp-review-all-r3", "jp-review-steel-50"]
# Rows cited outside the period: the pause as first set, and Japan's reading of the new order.
FACT_CHECKS = ["pause-until-early-july"]
LATER_EVENTS = ["ishiba-urges-order-revision"]
LATER_MEASURES = ["reciprocal-15-japan-charged"]
# The events the chart of the rounds marks besides the rounds: (event id, words, marker symbol).
CHART_EVENTS = [("g7-ishiba-trump-meeting", "G7", "diamond"), ("framework-announced", "deal", "star")]
ROUND_COLOUR = style.KIND_COLOURS["negotiation-round"]
CLOCK_COLOUR = style.SIDE_COLOURS["other"]
DEAL_COLOUR = style.KIND_COLOURS["agreement"]


def _name(key: str) -> str:
    return f"{PREFIX}-{key}"


WORDS = {1: "once", 2: "twice"} | {n: w + " times" for n, w in enumerate(
    ["three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"], start=3)}
DAY_WORDS = dict(enumerate(["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]))


def times(n: int) -> str:
    """'seven times': how often, in words, as a writer puts a small count ('13 times' past twelve)."""
    return WORDS.get(n, f"{n} times")


def days_in_words(n: int) -> str:
    """'ten days', 'one day'; digits past ten."""
    return f"{DAY_WORDS.get(n, n)} {'day' if n == 1 else 'days'}"


def deadlines() -> dict:
    """The day the country rates were due back: first as the pause was set (its length from its
    first day), then, from the order that extended it, the pause's final end."""
    the_law = law.load_law()
    paused = the_law.measure("reciprocal-10-paused")
    length = int(data.load("indicators").set_index("indicator_id").loc["pause-length", "value"])
    moved = data.load("events", rows=["pause-extended-to-august"]).set_index("event_id").loc["pause-extended-to-august", "date_start"]
    return {"start": pd.Timestamp(paused.starts), "first_end": pd.Timestamp(paused.starts) + pd.Timedelta(days=length),
            "moved_on": pd.Timestamp(moved), "final_end": pd.Timestamp(paused.ends)}


def days_left(when, clock: dict) -> int:
    """Days from a day to the deadline in force that day."""
    when = pd.Timestamp(when)
    end = clock["first_end"] if when < clock["moved_on"] else clock["final_end"]
    return (end - when).days


def rounds(clock: dict) -> pd.DataFrame:
    """The numbered rounds held while the pause ran, each at its middle day, with the days left."""
    events = data.load("events", columns=["kind", "reported_as", "round", "date"])  # only the rows chosen are read whole
    chosen = events[(events["kind"] == "negotiation-round") & (events["reported_as"] == "happened")
                    & events["round"].notna() & (events["date_mid"] >= clock["start"])
                    & (events["date_mid"] <= clock["final_end"])]
    held = data.load("events", rows=chosen["event_id"]).sort_values("date_mid")
    return held.assign(days_left=held["date_mid"].map(lambda d: days_left(d, clock)))


def glue_page() -> dict:
    """Glue every value the page's prose shows; return what its other cells reuse."""
    the_law = law.load_law()
    measure = the_law.measure
    events = data.load("events", columns=["date"]).set_index("event_id")
    letter = data.load("events", rows=["trump-letter-25pct"]).set_index("event_id")
    indicators = data.load("indicators").set_index("indicator_id")
    positions = data.load("positions").set_index("position_id")
    clock = deadlines()
    label = events["date_label"]
    deal_day = events.loc["framework-announced", "date_start"]
    values = {
        "round-3": label["round-3-washington-may-23"], "round-4": label["round-4-washington-may-30"],
        "round-5": label["round-5-washington"], "round-6": label["round-6-washington"],
        "round-7": label["round-7-washington"], "round-8": day(events.loc["round-8-washington", "date_start"]),
        "metals-before": percent(measure("steel-232-25").rate),
        "metals-rate": percent(measure("steel-232-50").rate),
        "metals-from": day(measure("steel-232-50").starts),
        "call": label["ishiba-trump-call-2025-06-13"], "g7": label["g7-ishiba-trump-meeting"],
        "seven-visits": label["ishiba-seven-visits-statement"],
        "trips": times(int(indicators.loc["akazawa-trips-by-2025-07-02", "value"])),
        "first-end": day(clock["first_end"]), "final-end": day(clock["final_end"]),
        "moved-on": day(clock["moved_on"]), "baseline": percent(measure("reciprocal-10-paused").rate),
        "letter-rate": record.percent_in(letter.loc["trump-letter-25pct", "title"]),
        "election": label["upper-house-vote-2025-07-20"],
        "ldp-seats": record.figure(indicators, "uh-2025-ldp-seats"),
        "komeito-seats": record.figure(indicators, "uh-2025-komeito-seats"),
        "coalition-seats": record.figure(indicators, "uh-2025-coalition-seats"),
        "needed-seats": f'{indicators.loc["uh-2025-coalition-needed", "value"]:g}',  # "short of the 50 they needed"
        "deal-day": day(deal_day),
        "deal-days-left": days_in_words(days_left(deal_day, clock)),
        "deal-rate": percent(measure("reciprocal-15-japan").rate),
        "car-rate": percent(measure("cars-232-15").rate),
        "car-before": percent(the_law.duty("cars", deal_day).rate),
        "invest": record.figure(indicators, "investment-pledge-550"),
        "profit-share": record.percent_in(positions.loc["jp-profit-90-us-account", "summary"]),
        "rice": record.figure(indicators, "rice-increase-75"),
        "farm": record.figure(indicators, "ag-purchases-8"),
        "energy": record.figure(indicators, "energy-purchases-7"),
        "boeing": record.figure(indicators, "boeing-aircraft-100"),
        "defense": record.figure(indicators, "defense-procurement-17"),
        "hq": label["tariff-hq-2025-07-25"],
        "new-order": label["new-country-rates-order"],
        "new-rate-from": day(measure("reciprocal-15-japan-charged").starts),
        "urge": label["ishiba-urges-order-revision"],
    }
    for key, value in values.items():
        glue(_name(key), value)
    return {"clock": clock}


# Nippon Steel's purchase of U.S. Steel, told where it falls in June 2025: the order that cleared
# it, its completion, the companies' investment figure and Akazawa's hope for the tariff talks.
NIPPON_STEEL_EVENTS = ["nippon-steel-purchase-cleared", "nippon-steel-purchase-completed", "akazawa-meets-nippon-steel"]


def glue_nippon_steel() -> None:
    """Glue the values of the paragraph on Nippon Steel's purchase of U.S. Steel: the days of the
    order, the completion and Akazawa's meeting, and the investment the companies gave."""
    events = data.load("events", rows=NIPPON_STEEL_EVENTS).set_index("event_id")
    indicators = data.load("indicators").set_index("indicator_id")
    for event_id, key in zip(NIPPON_STEEL_EVENTS, ["nippon-cleared", "nippon-completed", "nippon-akazawa"]):
        glue(_name(key), events.loc[event_id, "date_label"])
    glue(_name("nippon-invest"), record.figure(indicators, "nippon-steel-investment-11"))
    glue(_name("nippon-invest-by"), indicators.loc["nippon-steel-investment-11", "period"])


def chart(page: dict) -> go.Figure:
    """The numbered rounds of talks as labelled dots on a date axis, the leaders' G7 meeting and the
    deal on a lane below, and the two deadlines as annotated lines: the pause's end as first set
    (moved on the day of the letter) and the end it was moved to."""
    clock = page["clock"]
    fig = style.new_figure(height=300)
    rounds_lane, leaders_lane = 0.0, -1.0
    held = rounds(clock)
    fig.add_trace(go.Scatter(
        x=held["date_mid"], y=[rounds_lane] * len(held), mode="markers+text", name="Round of talks", showlegend=False,
        text=[("round " if i == 0 else "") + str(int(r)) for i, r in enumerate(held["round"])],
        textposition="top center", textfont=dict(size=12),
        marker=dict(size=12, color=ROUND_COLOUR, line=dict(width=1, color="white")),
        customdata=held[["date_label", "title"]].to_numpy(),
        hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[0]}<extra></extra>"))
    events = data.load("events", rows=[e for e, _, _ in CHART_EVENTS]).set_index("event_id")
    for event_id, words, symbol in CHART_EVENTS:
        when = events.loc[event_id, "date_start"]
        colour = DEAL_COLOUR if event_id == "framework-announced" else style.KIND_COLOURS["summit"]
        fig.add_trace(go.Scatter(
            x=[when], y=[leaders_lane], mode="markers+text", name=style.plain(events.loc[event_id, "title"]),
            text=[words], textposition="bottom center", textfont=dict(size=12), showlegend=False,
            marker=dict(size=15, symbol=symbol, color=colour, line=dict(width=1, color="white")),
            hovertemplate=f"<b>{style.plain(events.loc[event_id, 'title'])}</b><br>"
                          f"{style.plain(events.loc[event_id, 'date_label'])}<extra></extra>"))
    # The two deadlines, each a line with its words above the lanes, at two heights (they are weeks apart).
    deadlines_drawn = [(clock["first_end"], f"pause due to end {clock['first_end']:%-d %b};<br>moved on {clock['moved_on']:%-d %b}", 1.95),
                       (clock["final_end"], f"new end of<br>the pause, {clock['final_end']:%-d %b}", 1.0)]
    for when, words, height in deadlines_drawn:
        fig.add_vline(x=when.timestamp() * 1000, line=dict(color=CLOCK_COLOUR, width=2, dash="dash"))
        fig.add_annotation(x=when, y=height, text=words, showarrow=False, xanchor="right", yanchor="bottom", xshift=-3,
                           align="right", font=dict(size=11))
    fig.update_yaxes(showticklabels=False, showgrid=False, range=[leaders_lane - 0.9, 2.7], fixedrange=True)
    fig.update_xaxes(tickformat="%-d %b<br>%Y", range=[clock["start"] - pd.Timedelta(days=4),
                                                       clock["final_end"] + pd.Timedelta(days=4)])
    fig.update_layout(margin=dict(l=10, r=10, t=10, b=10), hovermode="closest")
    marks = "; ".join(f"round {int(r['round'])}, {r['date_label']}" for _, r in held.iterrows())
    extra = "; ".join(f"{events.loc[e, 'title']}, {events.loc[e, 'date_label']}" for e, _, _ in CHART_EVENTS)
    style.describe(fig, f"Timeline from {day(clock['start'])}, when the pause began, to {day(clock['final_end'])}. "
                        f"Dashed lines mark the pause's end as first set, {day(clock['first_end'])}, moved on "
                        f"{day(clock['moved_on'])}, and the end it was moved to, {day(clock['final_end'])}. "
                        f"Rounds of talks: {marks}. Below them: {extra}.")
    return fig


def _positions() -> pd.DataFrame:
    """Japan's asks the prose cites, and the framework's terms as each government stated them."""
    positions = data.load("positions")
    return positions[positions["round_note"].fillna("").str.startswith(FRAMEWORK_NOTE) | positions["position_id"].isin(ASKS)]


def record_behind(page: dict) -> tables.HtmlTable:
    """The period's events, the framework's terms as each side stated them and the law's measures, folded."""
    return record.period_behind(FIRST, LAST, SPAN, _positions(), "Japan's asks in the rounds, and the July 2025 framework's terms as the US and Japanese accounts state them")
