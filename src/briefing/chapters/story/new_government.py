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
POSITIONS = ["jp-mou-procedure", "jp-invest-550-japan-account"]

# The investment figures as each was stated, in order: (figure, the event that dates it, who stated
# it, what it counts). The chart draws them; the prose cites each.
STATED = [
    ("investment-pledge-550", "mou-investment-signed", "both governments", "the pledge, in the memorandum"),
    ("fact-sheet-projects-400", "joint-investment-fact-sheet", "both governments", "projects in the joint fact sheet"),
    ("lutnick-commitments-490", "lutnick-dinner-490", "the US side", "commitments, as Lutnick counted them"),
    ("first-projects-36", "first-investment-projects", "the US side", "first projects chosen"),
    ("second-round-candidates-73", "second-round-candidates", "both governments", "second-round candidates"),
]
# What each kind of figure is, in the chart's colours: only the chosen projects are decisions.
KINDS = {"investment-pledge-550": "pledge", "fact-sheet-projects-400": "list or claim",
         "lutnick-commitments-490": "list or claim", "first-projects-36": "chosen",
         "second-round-candidates-73": "list or claim"}
KIND_COLOURS = {"pledge": "#7a7a7a", "list or claim": "#9cbce0", "chosen": style.SIDE_COLOURS["United States"]}
# Figures the sources give as a most ('up to', 'at most'): the prose and the chart say 'up to'.
UP_TO = {"lutnick-commitments-490", "energy-infrastructure-332", "second-round-candidates-73"}
INDICATORS = [row[0] for row in STATED] + ["energy-infrastructure-332", "ohio-project-33", "lh-2026-ldp-seats"]


def stated(indicators: pd.DataFrame, indicator_id: str) -> str:
    """A figure as its source gives it: 'up to US$490 billion' where the source says 'up to'."""
    if indicator_id in UP_TO:
        row = indicators.loc[indicator_id]
        return "up to " + amount(row["value"], row["unit"])
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
    first, pledge = indicators.loc["first-projects-36", "value"], indicators.loc["investment-pledge-550", "value"]
    glue("gov-first-share", percent(100 * first / pledge, 1))
    return {"indicators": indicators}


def chart(values: dict) -> go.Figure:
    """The investment figures as stated, in the order they were stated: one bar each, coloured by
    what it counts (the pledge, a list or claim, projects chosen), with its words above it (on a
    phone, labels beside the bars would leave them no room)."""
    indicators, events = values["indicators"], data.load("events").set_index("event_id")
    rows = []
    for i, (indicator_id, event_id, who, what) in enumerate(STATED):
        rows.append({"y": len(STATED) - 1 - i, "when": events.loc[event_id, "date_label"], "what": f"{what} ({who})",
                     "value": indicators.loc[indicator_id, "value"], "text": stated(indicators, indicator_id),
                     "kind": KINDS[indicator_id]})
    frame = pd.DataFrame(rows)
    fig = style.new_figure(height=460)
    for kind, colour in KIND_COLOURS.items():
        part = frame[frame["kind"] == kind]
        fig.add_trace(go.Bar(
            x=part["value"], y=part["y"], orientation="h", name=kind, width=0.32, marker=dict(color=colour),
            customdata=part[["when", "what", "text"]].to_numpy(),
            hovertemplate="%{customdata[0]}: %{customdata[1]}, %{customdata[2]}<extra></extra>"))
    for row in frame.itertuples():
        fig.add_annotation(x=0, y=row.y + 0.2, xref="x", yref="y", xanchor="left", yanchor="bottom", showarrow=False,
                           align="left", font=dict(size=12),
                           text=f"<b>{style.plain(row.text)}</b>, {style.plain(row.when)}<br>{style.plain(row.what)}")
    fig.update_yaxes(showticklabels=False, showgrid=False, range=[-0.4, len(STATED) - 0.1])
    fig.update_xaxes(title="US$ billion", range=[0, frame["value"].max() * 1.05])
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, traceorder="normal"),
                      margin=dict(l=10, r=10, t=40, b=10), hovermode="closest")
    style.describe(fig, "Bar chart of the investment figures stated from September 2025 to March 2026, in order: "
                        + "; ".join(f"{r.when}, {r.what}: {r.text}" for r in frame.itertuples()) + ".")
    return fig


def behind() -> tables.HtmlTable:
    """The record behind the chapter, folded: the period's events and the investment figures."""
    return record.behind(
        *record.events_tables(record.GOVERNMENT, FIRST, "Events from Ishiba's resignation to the White House visit, "
                                                        "September 2025 to March 2026"),
        figures_table(INDICATORS, "Investment and election figures in this chapter"))
