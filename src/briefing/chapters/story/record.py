"""Pieces every story chapter uses: the rows of its period (events, positions, the law's measures
in force), the folded tables of evidence behind it, its figures as readers write them, the
briefing's example good, and the chart of the duty over its period with its events marked."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from ... import data, law
from .. import charts, front, style, tables
from ..glue import amount, day, percent
from ..reference.common import in_date_order

UNCERTAIN = {"scheduled", "planned", "expected", "possible"}
RECORD_SUMMARY = "Show the tables behind this chapter"

# The illustrative good of the worked example, as on the front page: its normal duty, in percent.
# Not a fact about any one product: the arithmetic of 'on top' and 'all in' for such a good.
EXAMPLE_NORMAL_DUTY = front.EXAMPLE_NORMAL_DUTY
EXAMPLE_LABEL = "A good with a normal duty of {rate}"


# --- rows ----------------------------------------------------------------------------------------

def rows_of(table: str, ids) -> pd.DataFrame:
    """The rows of a table with these ids (its primary key), in the table's order; sources with
    the columns ``data.sources`` derives (their labels and dates)."""
    frame = data.sources() if table == "sources" else data.load(table)
    key = data.resource(table)["schema"]["primaryKey"]
    return frame[frame[key if isinstance(key, str) else key[0]].isin(list(ids))]


def figure(indicators: pd.DataFrame, indicator_id: str) -> str:
    """An indicator (``indicators`` indexed by id) as readers write it: 'US$550 billion', 'about 8%'."""
    row = indicators.loc[indicator_id]
    return amount(row["value"], row["unit"], bool(row["approximate"]) if pd.notna(row["approximate"]) else False)


def percent_in(text: str) -> str:
    """The one percentage a row's text states ('25%'): for figures the data gives only in words
    (Trump's letter, a Section 232 action recorded as an event). Fails if the text states none or
    several."""
    found = set(re.findall(r"\d+(?:\.\d+)?%", text))
    if len(found) != 1:
        raise ValueError(f"expected one percentage in {text!r}, found {sorted(found) or 'none'}")
    return percent(float(found.pop().rstrip("%")))


def day_placed(events: pd.DataFrame) -> pd.Series:
    """The day an event is placed on: its first possible day, or its last for a date known only as 'by'."""
    return events["date_start"].fillna(events["date_end"])


def events_between(first, last) -> pd.DataFrame:
    """Events whose date (its first possible day, or its last for a date known only as 'by') falls
    in [first, last], in date order."""
    events = data.load("events", columns=["date"])  # chosen by date; only the rows chosen are read whole
    when = day_placed(events)
    return in_date_order(data.load("events", rows=events.loc[(when >= pd.Timestamp(first)) & (when <= pd.Timestamp(last)), "event_id"]))


# --- which chapter tells each event --------------------------------------------------------------

# The story chapters in reading order, each with the first day of the events it tells by date: a
# chapter's events run to the day before the next one's; the first takes every earlier event and
# the last every later one. Each event is told in exactly one chapter (a test checks the tables),
# except the background of BACKGROUND_KINDS.
CHAPTERS = {"story-tariffs-arrive": "2025-03-01", "story-rounds-and-deal": "2025-05-16",
            "story-deal-to-law": "2025-07-31", "story-new-government": "2025-09-17",
            "story-court-and-after": "2026-02-20"}
DEAL_TO_LAW, GOVERNMENT, COURT = "story-deal-to-law", "story-new-government", "story-court-and-after"
# What an event is about, where its date alone would put it in the wrong chapter: the law's actions
# after the cars' cut (the later Section 232 duties, the farm-goods order) belong with the law after
# the deal, in the court chapter; summits, elections and agreements after the ruling (Takaichi's
# White House visit and its investment document) with Japan's politics and the investment plan.
LAW_KINDS = {"order", "tariff-effective", "tariff-announcement", "deadline"}
POLITICS_KINDS = {"summit", "election", "agreement"}
# Events placed by hand, with the reason: Ishiba's resignation opens the new government's story, and
# the copper duty of August 2025, outside the deal, is told with the other Section 232 duties.
BY_TOPIC = {"ishiba-resigns": GOVERNMENT, "copper-232-effective": COURT,
            # Japan's oil release in the war with Iran, and Tokyo's word on the pledge after the ruling,
            # belong with Takaichi's White House visit and the investment plan, not with the law. (The
            # war itself is background, listed on the timeline.)
            "japan-oil-reserves-release": GOVERNMENT, "japan-keeps-pledge-after-ruling": GOVERNMENT}
# Background no story tells (other countries' deals, markets, a carmaker's results, other
# diplomacy): listed on the timeline page, not in a story chapter's record, where it would sit with
# the weight of the talks' own events.
BACKGROUND_KINDS = {"related-deal", "market", "company-results", "economic-data", "diplomacy"}


def _chapter_by_date(when) -> str:
    """The chapter whose period holds a day: the last to begin on or before it (the first for earlier days)."""
    return next(reversed([c for c, first in CHAPTERS.items() if pd.Timestamp(first) <= pd.Timestamp(when)]),
                next(iter(CHAPTERS)))


def chapter_of(event) -> str | None:
    """The story chapter that tells an event (a row of ``data.load('events')``): none for the
    background (``BACKGROUND_KINDS``); a court ruling in the court chapter, whatever its date; then
    by hand (``BY_TOPIC``); then by date, moved by kind between the new government's chapter and the court's."""
    if event["event_id"] in BY_TOPIC:
        return BY_TOPIC[event["event_id"]]
    if event["kind"] in BACKGROUND_KINDS:
        return None
    if event["kind"] == "court-ruling":
        return COURT
    chapter = _chapter_by_date(day_placed(pd.DataFrame([event])).iloc[0])
    if chapter == GOVERNMENT and event["kind"] in LAW_KINDS:
        return COURT
    if chapter == COURT and event["kind"] in POLITICS_KINDS:
        return GOVERNMENT
    return chapter


def told_in(chapter: str) -> pd.DataFrame:
    """The events a story chapter tells, in date order."""
    if chapter not in CHAPTERS:
        raise ValueError(f"unknown story chapter {chapter!r}: expected one of {', '.join(CHAPTERS)}")
    # Chosen by what chapter_of reads (id, kind, date); only the rows chosen are read whole
    # (data.load's parts), so an event's words changed elsewhere do not re-execute the chapter.
    events = data.load("events", columns=["kind", "date"])
    return in_date_order(data.load("events", rows=events.loc[events.apply(chapter_of, axis=1) == chapter, "event_id"]))


def positions_between(first, last) -> pd.DataFrame:
    """The positions the sources of [first, last] report: those whose source was published then."""
    positions = data.load("positions")
    published = positions["source_id"].map(data.sources().set_index("source_id")["published_start"])
    return positions[(published >= pd.Timestamp(first)) & (published <= pd.Timestamp(last))]


def measures_in_force(first, last) -> list[str]:
    """The law's measures in force on at least one day of [first, last] (a measure with no start,
    such as the normal duty on cars, is in force throughout)."""
    first, last = pd.Timestamp(first).date(), pd.Timestamp(last).date()
    return [m.measure_id for m in law.load_law().measures
            if (m.starts is None or m.starts <= last) and (m.ends is None or m.ends > first)]


# --- the folded record behind a chapter ----------------------------------------------------------

def events_tables(chapter: str, since, caption: str, earlier_caption: str = "Earlier events this chapter's sources recall"
                  ) -> list[tables.HtmlTable]:
    """The events a chapter tells (``told_in``), with a Status where an event is not reported as
    having happened (scheduled, expected); those dated before ``since``, the first day of the period
    the chapter tells, in a table of their own (events it tells for their topic, or which its
    sources recall)."""
    events = told_in(chapter)
    earlier = day_placed(events) < pd.Timestamp(since)
    shown = [events_shown(events[~earlier], caption)]
    if earlier.any():
        shown.append(events_shown(events[earlier], earlier_caption))
    return shown


def events_shown(events: pd.DataFrame, caption: str) -> tables.HtmlTable:
    """Events as the record behind a chapter shows them."""
    shown = events.assign(status=events["reported_as"].where(events["reported_as"] != "happened", ""))
    return tables.table(shown, {"date_label": "Date", "title": "Event", "summary": "What the source reports",
                                "status": "Status"}, caption=caption)


def positions_table(rows: pd.DataFrame, caption: str) -> tables.HtmlTable:
    return tables.table(rows.sort_values(["side", "position_id"]),
                        {"side": "Side", "stance": "Stance", "summary": "Position"},
                        caption=caption)


def measures_table(measure_ids: list[str], caption: str) -> tables.HtmlTable:
    """The law's rows for this chapter: the measure, its rate as charged, from when to when."""
    frame = data.load("tariff_measures").set_index("measure_id").loc[measure_ids].reset_index()
    frame = frame.assign(
        rate=[law.NOT_DOCUMENTED if pd.isna(r) else f"{percent(r)} ({c.replace('-', ' ')})"
              for r, c in zip(frame["rate_percent"], frame["charged_as"])],
        start=frame["starts"].map(lambda s: day(s[:10]) if isinstance(s, str) else "before March 2025"),
        end=frame["ends"].map(lambda s: day(s[:10]) if isinstance(s, str) else "no end set"))
    return tables.table(frame, {"name": "Measure", "rate": "Rate", "start": "From", "end": "Until"},
                        quote=None, caption=caption)


def figures_table(ids: list[str], caption: str) -> tables.HtmlTable:
    """The indicators a chapter cites: the figure as the prose writes it, its period, its note."""
    rows = rows_of("indicators", ids)
    shown = rows.assign(amount=[figure(rows.set_index("indicator_id"), i) for i in rows["indicator_id"]])
    return tables.table(shown, {"subject": "Figure", "amount": "Value", "period": "Period", "note": "Note"}, caption=caption)


def behind(*parts: tables.HtmlTable) -> tables.HtmlTable:
    """The chapter's evidence tables, folded under one summary (opened for the PDF edition)."""
    inner = "".join(part.markup for part in parts)
    return tables.folded(inner, RECORD_SUMMARY, compact=False)


def period_behind(first, last, span: str, positions: pd.DataFrame, positions_caption: str) -> tables.HtmlTable:
    """The record behind a chapter that tells one period whole: the events it tells (the chapter
    whose events begin by ``first``), the positions it draws on and the law's measures in force,
    folded; ``span`` names the period in the captions ('March to mid-May 2025')."""
    return behind(
        *events_tables(_chapter_by_date(first), first, f"Events from {span}, as the sources date them"),
        positions_table(positions, positions_caption),
        measures_table(measures_in_force(first, last), f"US duties in force on Japanese goods from {span}, from the legal texts"))


# --- the duty over a period ----------------------------------------------------------------------

def steps_text(rows: pd.DataFrame) -> str:
    """A product's duty over a period in words, for a chart's text alternative: '10% from 1 March
    2025, not documented from ...'."""
    return ", ".join((law.NOT_DOCUMENTED if pd.isna(r.rate) else f"{r.rate:g}%") + f" from {r.day:%-d %B %Y}"
                     for r in law.changes(rows).itertuples())


def duty_chart(first, last, products: list[str], marks: list[tuple[str, str]], example_normal: float | None = None
               ) -> go.Figure:
    """The whole duty on each product family over [first, last], normal duty included where the
    record states it (with ``example_normal``, other goods as a good with that normal duty), with
    the listed events (event id, short words) marked as dotted lines."""
    the_law = law.load_law()
    if example_normal is not None:
        the_law = the_law.with_normal_duty("other-goods", example_normal)
    daily = the_law.daily(first, last)
    fig = style.new_figure(height=400)
    colours = style.PRODUCT_COLOURS
    for product in products:
        rows = charts.step_points(daily[daily["category"] == product])
        name = law.product_label(product)
        fig.add_trace(go.Scatter(
            x=rows["day"], y=rows["rate"], mode="lines", name=name, line=dict(shape="hv", width=3, color=colours[product]),
            hovertemplate=f"<b>{style.plain(name)}</b><br>%{{x|%-d %B %Y}}: %{{y:g}}%<extra></extra>"))
    events = data.load("events", rows=[event_id for event_id, _ in marks]).set_index("event_id")
    for i, (event_id, words) in enumerate(marks):
        when = events.loc[event_id, "date_start"]
        fig.add_vline(x=when.timestamp() * 1000, line=dict(color="#888", width=1, dash="dot"))
        # Marks days apart would write over each other: their words step down over three heights.
        fig.add_annotation(x=when, y=(1.0, 0.86, 0.72)[i % 3], yref="paper", text=words, showarrow=False,
                           xanchor="left", yanchor="top", font=dict(size=11), align="left")
    top = daily[daily["category"].isin(products)]["rate"].max()
    fig.update_yaxes(ticksuffix="%", range=[0, top * 1.3])
    fig.update_xaxes(tickformat="%-d %b<br>%Y")
    fig.update_layout(hovermode="x unified", legend=dict(orientation="h", y=-0.2))
    steps = [f"{law.product_label(p)}: {steps_text(daily[daily['category'] == p])}" for p in products]
    style.describe(fig, "Step chart of the duty. " + "; ".join(steps) + ".")
    return fig
