"""Story chapter 'The tariffs arrive' (book/story-tariffs-arrive.md): March to mid-May 2025.

Japan asks to be spared and is refused; the Section 232 duties on metals, cars and parts and the
reciprocal duty arrive; the first two rounds of talks; what was at stake for Japan. Everything the
page shows is computed here: the values its prose shows (``glue_page``), its chart (``chart``),
the folded record behind it (``record_behind``) and the date of its latest source (``glue_sources``).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ... import data, law
from .. import style, tables
from ..glue import day, glue, percent
from ..reference.tariffs import EXAMPLE_FAMILIES
from . import record
from .record import EXAMPLE_NORMAL_DUTY

FIRST, LAST = pd.Timestamp("2025-03-01"), pd.Timestamp("2025-05-15")
SPAN = "March to mid-May 2025"
PREFIX = "story-tariffs-arrive"

# The chart's product families, all on one basis, the whole duty with the normal duty included:
# cars with their own, car parts and other goods as the worked example's good (EXAMPLE_FAMILIES).
# Steel and aluminum, whose normal duty the record does not hold, are charted on the tariffs page,
# on top of it (the prose says so); never on an axis beside a whole duty.
PRODUCTS = ["cars", "auto-parts", "other-goods"]
# The events the chart marks (event id, words on the chart).
MARKS = [
    ("muto-washington-meetings", "Japan asks<br>to be exempt"),
    ("baseline-tariff-april-2", "reciprocal<br>tariff"),
    ("round-1-washington", "first round<br>(with Trump)"),
    ("round-2-washington", "second<br>round"),
]
# The figures the page states about what was at stake for Japan, and the fact checks it points to.
INDICATORS = ["vehicles-export-rank", "auto-exports-to-us-2024", "exports-to-us-2024", "auto-jobs-share",
              "japan-gdp-q1-2025", "pause-length", "japan-talks-order",
              "steel-quota-japan-tonnes", "steel-quota-japan-above"]
FACT_CHECKS = ["car-plus-baseline", "japan-rate-additional-24", "metals-start-march-12", "pause-until-early-july",
               "cars-part-of-reciprocal"]
SOURCES = ["eo-14257"]


def _name(key: str) -> str:
    return f"{PREFIX}-{key}"


def glue_page() -> dict:
    """Glue every value the page's prose shows; return what its other cells reuse."""
    the_law = law.load_law()
    measure = the_law.measure
    events = data.load("events", columns=["date"]).set_index("event_id")
    documents = data.sources().set_index("source_id")
    indicators = data.load("indicators").set_index("indicator_id")
    values = {
        # The Section 232 duties: metals, cars, parts.
        "metals-rate": percent(measure("steel-232-25").rate),
        "metals-from": day(measure("steel-232-25").starts),
        "aluminum-before": percent(measure("aluminum-232-10").rate),
        # Japanese steel before the rise: the 2022 quota's yearly volume and the duty above it.
        "steel-quota-tonnes": record.figure(indicators, "steel-quota-japan-tonnes"),
        "steel-quota-above": record.figure(indicators, "steel-quota-japan-above"),
        "car-rate": percent(measure("cars-232-25").rate),
        "car-from": day(measure("cars-232-25").starts),
        "car-normal": percent(measure("mfn-cars").rate),
        "car-total": percent(the_law.duty("cars", measure("cars-232-25").starts).rate),
        "parts-rate": percent(measure("parts-232-25").rate),
        "parts-from": day(measure("parts-232-25").starts),
        # The chart's illustrative good (car parts and other goods): its normal duty.
        "example-normal": percent(EXAMPLE_NORMAL_DUTY),
        # The reciprocal duty: announced, charged at 10%, Japan's rate for one day, the pause.
        "announced": day(documents.loc[measure("reciprocal-10-all").source_id, "signed"]),
        "baseline": percent(measure("reciprocal-10-all").rate),
        "baseline-from": day(measure("reciprocal-10-all").starts),
        "japan-rate": percent(measure("reciprocal-24-japan").rate),
        "japan-rate-day": day(measure("reciprocal-24-japan").starts),
        "pause-from": day(measure("reciprocal-10-paused").starts),
        "pause-length": record.figure(indicators, "pause-length"),
        # The end of the pause as first set: its length counted from its first day (EO 14266).
        "pause-first-end": day(pd.Timestamp(measure("reciprocal-10-paused").starts)
                               + pd.Timedelta(days=int(indicators.loc["pause-length", "value"]))),
        # The talks.
        "round-1": events.loc["round-1-washington", "date_label"],
        "round-2": events.loc["round-2-washington", "date_label"],
        "declined": events.loc["us-declines-full-exemption", "date_label"],
        # The stakes.
        "auto-exports": record.figure(indicators, "auto-exports-to-us-2024"),
        "exports": record.figure(indicators, "exports-to-us-2024"),
        "exports-year": indicators.loc["exports-to-us-2024", "period"],
        "jobs-share": record.figure(indicators, "auto-jobs-share"),
        "gdp-q1": percent(abs(indicators.loc["japan-gdp-q1-2025", "value"])),  # the prose says "shrank"
    }
    for key, value in values.items():
        glue(_name(key), value)
    example = the_law
    for product in EXAMPLE_FAMILIES:
        example = example.with_normal_duty(product, EXAMPLE_NORMAL_DUTY)
    return {"law": the_law, "example": example}


def _title(product: str) -> str:
    """A panel's title with its basis: 'Cars, in all', 'Car parts, in all (normal duty 8%)' (the example good)."""
    name = law.product_label(product)
    if product in EXAMPLE_FAMILIES:
        return f"<b>{style.plain(name)}</b>, in all (normal duty {percent(EXAMPLE_NORMAL_DUTY)})"
    return f"<b>{style.plain(name)}</b>, in all"


def chart(page: dict) -> go.Figure:
    """The whole duty, normal duty included, on a Japanese car, a car part and another good (for
    the part and the other good, the worked example's good), March to mid-May 2025, one panel per
    product (on one chart the lines lie on top of each other: parts pay what other goods pay), with
    the exemption request, the announcement of the reciprocal tariff and the two rounds marked
    across the panels. Each panel says its basis and labels its peak and its last rate; days no
    document covers, if any, are shaded, never drawn."""
    daily = page["example"].daily(FIRST, LAST)
    drawn = daily[daily["category"].isin(PRODUCTS)]
    bases = set(drawn.loc[drawn["rate"].notna(), "basis"])
    if bases != {law.BASIS_TOTAL}:
        raise ValueError(f"the chart of book/story-tariffs-arrive.md draws the whole duty only; found {sorted(bases)}")
    fig = make_subplots(rows=len(PRODUCTS), cols=1, shared_xaxes=True, vertical_spacing=0.09,
                        figure=style.new_figure(height=560))
    top = drawn["rate"].max()
    steps = []
    for row, product in enumerate(PRODUCTS, start=1):
        rows = daily[daily["category"] == product].reset_index(drop=True)
        name, colour = law.product_label(product), style.PRODUCT_COLOURS[product]
        basis, title = rows["basis"].iloc[-1], _title(product).replace("<b>", "").replace("</b>", "")
        for first, last in _unknown_spans(rows):
            # No document says what was paid: a shaded span with its words, not a line at any height.
            fig.add_trace(go.Scatter(
                x=[first, last, last, first, first], y=[0, 0, top * 1.25, top * 1.25, 0], mode="lines", fill="toself",
                fillcolor=style.UNKNOWN_FILL, line=dict(width=0), hoveron="fills", showlegend=False,
                text=f"<b>{style.plain(name)}</b>, {first:%-d %B} to {last - pd.Timedelta(days=1):%-d %B %Y}: "
                     f"not documented", hoverinfo="text"), row=row, col=1)
            fig.add_annotation(x=first + (last - first) / 2, y=top * 0.6, text="not<br>documented", showarrow=False,
                               font=dict(size=11), row=row, col=1)
        fig.add_trace(go.Scatter(
            x=rows["day"], y=rows["rate"], mode="lines", name=name, showlegend=False,
            line=dict(shape="hv", width=3, color=colour), fill="tozeroy", fillcolor=_pale(colour),
            hovertemplate=f"<b>{title}</b><br>%{{x|%-d %B %Y}}: %{{y:g}}% ({style.plain(basis)})<extra></extra>"),
            row=row, col=1)
        fig.add_annotation(text=_title(product), x=0, xref="x domain", xanchor="left",
                           y=1.0, yref="y domain" if row == 1 else f"y{row} domain", yanchor="bottom",
                           showarrow=False, font=dict(size=12), row=row, col=1)
        peak = rows.loc[rows["rate"].idxmax()]
        labelled = [peak] if peak["rate"] == rows["rate"].iloc[-1] else [peak, rows.iloc[-1]]
        if rows["rate"].iloc[0] > 0 and rows["rate"].iloc[0] != peak["rate"]:
            labelled.append(rows.iloc[0])  # a duty already paid when the chart begins (the normal duty)
        for point in labelled:
            fig.add_annotation(x=point["day"], y=point["rate"], text=percent(point["rate"]), showarrow=False,
                               xanchor="right" if point["day"] == rows["day"].iloc[-1] else "left", yanchor="bottom",
                               font=dict(size=11), row=row, col=1)
        fig.update_yaxes(range=[0, top * 1.25], ticksuffix="%", dtick=10, tickfont=dict(size=11), title="in all",
                         title_font=dict(size=11), row=row, col=1)
        steps.append(f"{title}: {record.steps_text(rows)}")
    events = data.load("events", rows=[e for e, _ in MARKS]).set_index("event_id")
    for i, (event_id, words) in enumerate(MARKS):
        when = events.loc[event_id, "date_start"]
        fig.add_vline(x=when.timestamp() * 1000, line=dict(color="#888", width=1, dash="dot"), row="all", col=1)
        # Neighbouring marks are days apart: their words alternate between two heights above the panels.
        fig.add_annotation(x=when, y=1.05 if i % 2 == 0 else 1.125, xref="x", yref="paper", text=words, showarrow=False,
                           xanchor="left", yanchor="bottom", font=dict(size=11), align="left")
    fig.update_layout(margin=dict(l=10, r=20, t=110, b=10), hovermode="x unified")
    fig.update_xaxes(tickformat="%-d %b")
    marks = "; ".join(f"{words.replace('<br>', ' ')} on {events.loc[e, 'date_label']}" for e, words in MARKS)
    shaded = " Days not documented are shaded." if drawn["rate"].isna().any() else ""
    style.describe(fig, "Step chart of the whole duty, normal duty included, one panel per kind of good; for car parts "
                   f"and other goods, an illustrative good whose normal duty is {percent(EXAMPLE_NORMAL_DUTY)}. "
                   + "; ".join(steps) + f".{shaded} Steel and aluminum are charted on the tariffs page, on top of "
                   f"their normal duty. Marked: {marks}.")
    return fig


def _unknown_spans(rows: pd.DataFrame) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """The spans of days a product's duty is not documented, each from its first day to the day
    after its last (where the next rate starts)."""
    unknown = rows["rate"].isna()
    starts = rows.index[unknown & ~unknown.shift(fill_value=False)]
    ends = rows.index[unknown & ~unknown.shift(-1, fill_value=False)]
    return [(rows.loc[a, "day"], rows.loc[b, "day"] + pd.Timedelta(days=1)) for a, b in zip(starts, ends)]


def _pale(colour: str) -> str:
    """A product's colour, faint, to fill under its line."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, 0.15)"


def record_behind(page: dict) -> tables.HtmlTable:
    """The period's events, the positions its sources report and the law's measures, folded."""
    return record.period_behind(FIRST, LAST, SPAN, record.positions_between(FIRST, LAST), f"What each side asked for and offered, {SPAN}")
