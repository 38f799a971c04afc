"""'A new government and the investment plan' (book/story-new-government.md): September 2025 to
March 2026, from Ishiba's resignation to Takaichi's White House visit, and from the pledge to
the first projects chosen.

Everything the chapter states is computed here; the page is prose with glued values and
citation markers.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ... import data
from .. import style, tables
from ..glue import amount, glue, percent
from . import record
from .record import figure, figures_table

FIRST, LAST = "2025-09-07", "2026-03-19"
# Rows cited that are not among the period's events: the July election, the memorandum, the ruling.
EVENTS_BEFORE = ["upper-house-result", "mou-investment-signed", "supreme-court-ieepa-ruling"]
POSITIONS = ["jp-mou-procedure", "jp-invest-550-japan-account", "jp-mou-decline-tariffs", "us-hormuz-help-ask"]

# The chart's one point: how much of the pledge had been chosen for projects, and what was lined up
# next: (figure, the event that dates it, its words on the chart, its colour). The lists and claims
# of October 2025 count other things (interest, commitments as one side counted them) and stay in
# the prose and the table behind the chapter, never as bars beside these.
PLEDGE = ("investment-pledge-550", "mou-investment-signed")
CHOSEN = [("first-projects-36", "first-investment-projects", "chosen for the first three projects",
           style.SIDE_COLOURS["United States"]),
          ("second-round-candidates-73", "second-round-candidates", "second-round candidates, still to be vetted",
           "#9cbce0")]
REST_COLOUR = "rgba(122, 122, 122, 0.25)"
# Figures the sources give as a most ('up to', 'at most'): the prose and the chart say 'up to'.
UP_TO = {"lutnick-commitments-490", "energy-infrastructure-332", "second-round-candidates-73"}
# Figures the sources give as a least ('more than'): the prose says 'more than'.
MORE_THAN = {"japan-oil-via-hormuz"}
INDICATORS = ["investment-pledge-550", "fact-sheet-projects-400", "lutnick-commitments-490", "first-projects-36",
              "second-round-candidates-73", "energy-infrastructure-332", "ohio-project-33", "lh-2026-ldp-seats",
              "japan-oil-via-hormuz", "japan-oil-reserves-days"]


def stated(indicators: pd.DataFrame, indicator_id: str) -> str:
    """A figure as its source gives it: 'up to US$490 billion' where the source says 'up to'."""
    if indicator_id in UP_TO | MORE_THAN:
        row = indicators.loc[indicator_id]
        return ("up to " if indicator_id in UP_TO else "more than ") + amount(row["value"], row["unit"])
    return figure(indicators, indicator_id)


def glue_page() -> dict:
    """Glue every value the chapter's prose shows; return what its chart reuses."""
    indicators = data.load("indicators").set_index("indicator_id")
    for name, indicator_id in [("gov-pledge", "investment-pledge-550"), ("gov-fact-sheet", "fact-sheet-projects-400"),
                               ("gov-lutnick", "lutnick-commitments-490"), ("gov-energy", "energy-infrastructure-332"),
                               ("gov-first", "first-projects-36"), ("gov-ohio", "ohio-project-33"),
                               ("gov-second", "second-round-candidates-73")]:
        glue(name, stated(indicators, indicator_id))
    glue("gov-ldp-seats", f"{indicators.loc['lh-2026-ldp-seats', 'value']:g}")
    # The war with Iran and Japan's oil, the background of the White House visit.
    events = data.load("events").set_index("event_id")
    glue("gov-war-began", events.loc["iran-war-begins", "date_label"])
    glue("gov-oil-release", events.loc["japan-oil-reserves-release", "date_label"])
    glue("gov-pledge-kept", events.loc["japan-keeps-pledge-after-ruling", "date_label"])
    glue("gov-hormuz-share", stated(indicators, "japan-oil-via-hormuz"))
    glue("gov-oil-days", stated(indicators, "japan-oil-reserves-days"))
    first, pledge = indicators.loc["first-projects-36", "value"], indicators.loc["investment-pledge-550", "value"]
    glue("gov-first-share", percent(100 * first / pledge, 1))
    return {"indicators": indicators}


def chart(values: dict) -> go.Figure:
    """One bar, the pledge, with the part chosen for projects filled in (February 2026) and the
    second-round candidates after it (March 2026, an upper bound, paler): how much of the pledge
    had become projects. Each part is named in the legend, which stacks on a phone."""
    indicators, events = values["indicators"], data.load("events").set_index("event_id")
    pledge_id, pledge_event = PLEDGE
    pledge = indicators.loc[pledge_id, "value"]
    fig = style.new_figure(height=260)
    start, parts = 0.0, []
    for indicator_id, event_id, words, colour in CHOSEN:
        value, when, text = indicators.loc[indicator_id, "value"], events.loc[event_id, "date_label"], stated(indicators, indicator_id)
        fig.add_trace(go.Bar(
            x=[value], base=[start], y=["pledge"], orientation="h", marker=dict(color=colour), width=0.6,
            name=f"<b>{style.plain(text)}</b>, {style.plain(when)}<br>{style.label(words, 44)}", hovertemplate=f"<b>{style.plain(text)}</b> {style.plain(words)}<br>{style.plain(when)}<extra></extra>"))
        parts.append(f"{text} {words}, {when}")
        start += value
    if start > pledge:
        raise ValueError(f"the projects chosen and lined up ({start:g}) exceed the pledge ({pledge:g}): the chart's "
                         "point no longer holds; rethink it in src/briefing/chapters/story/new_government.py")
    text, when = stated(indicators, pledge_id), events.loc[pledge_event, "date_label"]
    fig.add_trace(go.Bar(
        x=[pledge - start], base=[start], y=["pledge"], orientation="h", name="the rest of the pledge",
        marker=dict(color=REST_COLOUR, line=dict(color=style.SIDE_COLOURS["other"], width=1)), width=0.6,
        hovertemplate=f"<b>{style.plain(text)}</b> pledged in all<br>{style.plain(when)}<extra></extra>"))
    fig.add_annotation(x=pledge, y=0.35, xref="x", yref="y", text=f"<b>{style.plain(text)}</b> pledged, {style.plain(when)}",
                       showarrow=False, xanchor="right", yanchor="bottom", font=dict(size=12))
    fig.update_yaxes(showticklabels=False, showgrid=False, range=[-0.45, 0.8])
    fig.update_xaxes(title="US$ billion", range=[0, pledge * 1.02])
    fig.update_layout(barmode="overlay", legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, traceorder="normal",
                                                     font=dict(size=12)),
                      margin=dict(l=10, r=10, t=10, b=10), hovermode="closest")
    style.describe(fig, f"Bar chart of Japan's {text} investment pledge ({when}), with the part chosen for projects "
                        "filled in and what was lined up next: " + "; ".join(parts) + ".")
    return fig


def behind() -> tables.HtmlTable:
    """The record behind the chapter, folded: the period's events and the investment figures."""
    return record.behind(
        *record.events_tables(record.GOVERNMENT, FIRST, "Events from Ishiba's resignation to the White House visit, "
                                                        "September 2025 to March 2026"),
        figures_table(INDICATORS, "Investment and election figures in this chapter"))
