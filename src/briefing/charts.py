"""The briefing's charts, built from the curated tables in one style (see style.py).

Every hover text goes through style.plain: data is shown as text, never as markup.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from . import style

# Explicit, so that the output is the same in a headless kernel, JupyterLab and the build.
pio.renderers.default = "plotly_mimetype"

UNCERTAIN = {"scheduled", "planned", "expected", "possible"}


def _source_label(source_id: str) -> str:
    return f"source [{source_id[:3]}]"


def timeline(events: pd.DataFrame, actors: pd.DataFrame | None = None) -> go.Figure:
    """All events by date and kind group; imprecise dates drawn as a bar over their interval."""
    events = events.copy()
    events["group"] = events["kind"].map(style.KIND_GROUPS)
    groups = [g for g in dict.fromkeys(style.KIND_GROUPS.values()) if g in set(events["group"])]
    fig = style.new_figure(height=120 + 55 * len(groups))
    for group in groups:
        rows = events[events["group"] == group]
        colour = style.GROUP_COLOURS[group]
        # Interval bars for dates known only to a range (open starts are drawn from the earliest event).
        for _, row in rows.iterrows():
            if row["date_precision"] != "day":
                start = row["date_start"] if pd.notna(row["date_start"]) else events["date_start"].min()
                fig.add_trace(go.Scatter(
                    x=[start, row["date_end"]], y=[group, group], mode="lines",
                    line=dict(color=colour, width=6), opacity=0.35, hoverinfo="skip", showlegend=False))
        hover = [
            f"<b>{style.plain(r.title)}</b><br>{style.plain(r.date_label)}"
            f"{'' if r.reported_as == 'happened' else ' (' + style.plain(r.reported_as) + ')'}"
            f"<br>{style.plain(r.summary)}<br><i>{_source_label(r.source_id)}</i>"
            for r in rows.itertuples()
        ]
        fig.add_trace(go.Scatter(
            x=rows["date_mid"], y=[group] * len(rows), mode="markers", name=group,
            marker=dict(size=13, color=colour, line=dict(color=colour, width=2),
                        symbol=["circle-open" if r in UNCERTAIN else "circle" for r in rows["reported_as"]]),
            hovertext=hover, hoverinfo="text"))
    fig.update_layout(showlegend=False, hovermode="closest")
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=None, tickformat="%-d %b %Y")
    return fig
