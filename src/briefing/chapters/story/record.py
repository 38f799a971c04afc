"""Pieces every story chapter uses: the events of its period, the folded record behind it, and
the chart of the duty over its period with its events marked."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ... import data, law
from .. import style, tables
from ..glue import day, percent

UNCERTAIN = {"scheduled", "planned", "expected", "possible"}
RECORD_SUMMARY = "The record behind this chapter"


def events_between(first, last) -> pd.DataFrame:
    """Events whose date (its first possible day, or its last for a date known only as 'by') falls
    in [first, last], in date order."""
    events = data.load("events")
    when = events["date_start"].fillna(events["date_end"])
    inside = (when >= pd.Timestamp(first)) & (when <= pd.Timestamp(last))
    return events[inside].assign(order=when[inside]).sort_values(["order", "date_end", "event_id"])


def events_table(first, last, caption: str) -> tables.HtmlTable:
    events = events_between(first, last)
    shown = events.assign(kind_label=events["kind"].map(style.KIND_LABELS),
                          status=events["reported_as"].where(events["reported_as"] != "happened", ""))
    return tables.table(shown, {"date_label": "Date", "title": "Event", "summary": "What the source reports",
                                "status": "Reported as"}, caption=caption)


def positions_table(rows: pd.DataFrame, caption: str) -> tables.HtmlTable:
    return tables.table(rows.sort_values(["side", "position_id"]),
                        {"side": "Side", "stance": "Stance", "summary": "Position, in the briefing's words"},
                        caption=caption)


def measures_table(measure_ids: list[str], caption: str) -> tables.HtmlTable:
    """The law's rows for this chapter: the measure, its rate as charged, from when to when."""
    frame = data.load("tariff_measures").set_index("measure_id").loc[measure_ids].reset_index()
    frame = frame.assign(
        rate=[law.NOT_DOCUMENTED if pd.isna(r) else f"{percent(r)} ({c.replace('-', ' ')})"
              for r, c in zip(frame["rate_percent"], frame["charged_as"])],
        start=frame["starts"].map(lambda s: day(s[:10]) if isinstance(s, str) else "before the record"),
        end=frame["ends"].map(lambda s: day(s[:10]) if isinstance(s, str) else "no end in this record"))
    return tables.table(frame, {"name": "Measure", "rate": "Rate", "start": "From", "end": "Until"},
                        quote=None, caption=caption)


def behind(*parts: tables.HtmlTable) -> tables.HtmlTable:
    """The chapter's evidence tables, folded under one summary (opened for the PDF edition)."""
    inner = "".join(part.markup for part in parts)
    return tables.HtmlTable(f'<details class="briefing-record"><summary>{RECORD_SUMMARY}</summary>{inner}</details>')


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
        rows = daily[daily["category"] == product].reset_index(drop=True)
        name = law.product_label(product)
        fig.add_trace(go.Scatter(
            x=rows["day"], y=rows["rate"], mode="lines", name=name, line=dict(shape="hv", width=3, color=colours[product]),
            hovertemplate=f"<b>{style.plain(name)}</b><br>%{{x|%-d %B %Y}}: %{{y:g}}%<extra></extra>"))
    events = data.load("events").set_index("event_id")
    for i, (event_id, words) in enumerate(marks):
        when = events.loc[event_id, "date_start"]
        fig.add_vline(x=when.timestamp() * 1000, line=dict(color="#888", width=1, dash="dot"))
        fig.add_annotation(x=when, y=1.0 if i % 2 == 0 else 0.86, yref="paper", text=words, showarrow=False,
                           xanchor="left", yanchor="top", font=dict(size=11), align="left")
    top = daily[daily["category"].isin(products)]["rate"].max()
    fig.update_yaxes(ticksuffix="%", range=[0, top * 1.3])
    fig.update_xaxes(tickformat="%-d %b<br>%Y")
    fig.update_layout(hovermode="x unified", legend=dict(orientation="h", y=-0.2))
    steps = []
    for product in products:
        rows = daily[daily["category"] == product]
        changes = law.changes(rows)
        steps.append(f"{law.product_label(product)}: " + ", ".join(
            (law.NOT_DOCUMENTED if pd.isna(r.rate) else f"{r.rate:g}%") + f" from {r.day:%-d %B %Y}" for r in changes.itertuples()))
    style.describe(fig, "Step chart of the duty. " + "; ".join(steps) + ".")
    return fig
