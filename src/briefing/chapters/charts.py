"""The briefing's charts, built from the curated tables in one style (see style.py).

Every hover text goes through style.plain: data is shown as text, never as markup.
"""

from __future__ import annotations

import os

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from .. import law
from . import style

# Explicit, so that the output is the same in a headless kernel, JupyterLab and the build.
# BRIEFING_PLOTLY_RENDERER exists only for the benchmark's stock baseline ("notebook").
pio.renderers.default = os.environ.get("BRIEFING_PLOTLY_RENDERER", "plotly_mimetype")

UNCERTAIN = {"scheduled", "planned", "expected", "possible"}
UNDOCUMENTED = "not documented"
# The two versions of a duty, as the duty charts' legend names them (the deal chapter's table too).
FINALLY_APPLIED = "as the law finally applied it"
FIRST_CHARGED = "as customs first charged it"


def timeline(events: pd.DataFrame, milestones: list[tuple[str, str, str]] = ()) -> go.Figure:
    """All events by date and kind group; imprecise dates drawn as a bar over their interval.
    ``milestones`` ((event id, words, 'above', 'higher' or 'below')) are named on the chart beside their dot."""
    events = events.copy()
    events["group"] = events["kind"].map(style.KIND_GROUPS)
    groups = [g for g in dict.fromkeys(style.KIND_GROUPS.values()) if g in set(events["group"])]
    fig = style.new_figure(height=120 + 55 * len(groups))
    for group in groups:
        rows = events[events["group"] == group]
        colour = style.GROUP_COLOURS[group]
        row_label = style.label(group, 16)
        # Interval bars for dates known only to a range (open starts are drawn from the earliest event).
        for _, row in rows.iterrows():
            if row["date_precision"] != "day":
                start = row["date_start"] if pd.notna(row["date_start"]) else events["date_start"].min()
                fig.add_trace(go.Scatter(
                    x=[start, row["date_end"]], y=[row_label, row_label], mode="lines",
                    line=dict(color=colour, width=6), opacity=0.35, hoverinfo="skip", showlegend=False))
        hover = [
            f"<b>{style.plain(r.title)}</b><br>{style.plain(r.date_label)}"
            f"{'' if r.reported_as == 'happened' else ' (' + style.plain(r.reported_as) + ')'}"
            # The summary and the sources are in the table under the chart (and the page has a weight budget).
            for r in rows.itertuples()
        ]
        fig.add_trace(go.Scatter(
            x=rows["date_mid"], y=[row_label] * len(rows), mode="markers", name=group,
            # A circle where the day is known or bounded on both sides; a left-pointing triangle for an
            # event known only to have happened by a day (its bar runs back from it). Open: not
            # (yet) reported as having happened.
            marker=dict(size=13, color=colour, line=dict(color=colour, width=2),
                        symbol=[("triangle-left" if p == "before" else "circle") + ("-open" if r in UNCERTAIN else "")
                                for r, p in zip(rows["reported_as"], rows["date_precision"])]),
            hovertext=hover, hoverinfo="text"))
    for event_id, words, where in milestones:
        row = events.set_index("event_id").loc[event_id]
        fig.add_annotation(x=row["date_mid"], y=style.label(row["group"], 16), text=words, showarrow=True, arrowhead=0,
                           arrowwidth=1, arrowcolor="#888", ax=0, ay={"above": -26, "higher": -44, "below": 26}[where], font=dict(size=10))
    fig.update_layout(showlegend=False, hovermode="closest")
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=None, tickformat="%-d %b<br>%Y")
    return fig


def _panels(titles: list[str], height: int, rows: int) -> go.Figure:
    """Stacked panels sharing the date axis, each with the house style's gridlines (make_subplots
    gives the house style to the first panel's axes only)."""
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=rows, cols=1, shared_xaxes=True, subplot_titles=titles, vertical_spacing=0.06)
    fig.update_layout(style.new_figure(height=height).layout)
    fig.update_xaxes(showgrid=True, zeroline=False)
    fig.update_yaxes(showgrid=True, zeroline=False)
    return fig


def _legend_room(fig: go.Figure) -> int:
    """Top margin for the legend above the panels: on a phone its entries stack one per line,
    and three of them would sit on the first panel's title."""
    entries = sum(1 for trace in fig.data if trace.showlegend)
    return 60 if entries <= 2 else 60 + 22 * (entries - 2)


def _hover_days(rows: pd.DataFrame, a: int, b: int) -> pd.Series:
    """A segment's days, one every third day plus its last, so that hovering anywhere along a
    line finds a point near enough to show the label."""
    days = rows.loc[a:b, "day"]
    return pd.concat([days.iloc[:-1:3], days.iloc[-1:]])


def _band(fig: go.Figure, start, end, low: float, high: float, hover: str, name: str, legend: bool, row: int,
          panel: str | None = None) -> None:
    """A shaded span where a rate is not known: from `low` to `high` (the possible rates, or the
    whole scale when nothing is known), hovering anywhere on it shows `hover`."""
    fig.add_trace(go.Scatter(
        x=[start, end, end, start, start], y=[low, low, high, high, low], mode="lines", fill="toself",
        fillcolor=style.UNKNOWN_FILL, line=dict(width=0), hoveron="fills", name=name, legendgroup=name,
        showlegend=legend, text=hover, hoverinfo="text", meta=panel), row=row, col=1)


def tariff_steps(daily: pd.DataFrame) -> go.Figure:
    """One step line per product category: solid where every part is confirmed in force, dotted
    where a part was only scheduled when reported, and a shaded band, not a line, while a part's
    start is unknown (briefing.law.reported rule 2). Only the days where something changes are
    plotted (the step shape fills in between)."""
    categories = list(dict.fromkeys(daily["label"]))
    fig = _panels(categories, 170 * len(categories), len(categories))
    colour = style.SIDE_COLOURS["United States"]
    shown = set()
    for i, category in enumerate(categories, start=1):
        rows = daily[daily["label"] == category].reset_index(drop=True)
        state = rows[["low", "high", "confirmed", "known"]]
        change = state.ne(state.shift()).any(axis=1)
        starts = list(rows.index[change]) + [len(rows) - 1]
        for a, b in zip(starts[:-1], starts[1:]):
            first, end = rows.loc[a], rows.loc[b]["day"]
            if not first["known"]:
                label = "start not reported"
                hover = (f"<b>{style.plain(category)}</b>, from {first['day']:%-d %B %Y}: {first['low']:g}% or "
                         f"{first['high']:g}%<br>{style.label(first['parts'], 60)}")
                _band(fig, first["day"], end, first["low"], first["high"], hover, label, label not in shown, i, category)
            else:
                label = "confirmed in force" if first["confirmed"] else "scheduled"
                hover = (f"<b>{style.plain(category)}</b>, from {first['day']:%-d %B %Y}: {first['rate']:g}%"
                         f"<br>{style.plain(first['parts'])}<br><i>{label}</i>")
                days = _hover_days(rows, a, b)
                fig.add_trace(go.Scatter(
                    x=days, y=[first["rate"]] * len(days), mode="lines", name=label, legendgroup=label,
                    showlegend=label not in shown, hovertemplate=hover + "<extra></extra>",
                    line=dict(shape="hv", width=3, dash="solid" if first["confirmed"] else "dot", color=colour), meta=category),
                    row=i, col=1)
            shown.add(label)
        top = daily["high"].max()
        fig.update_yaxes(range=[-top * 0.08, top * 1.15], ticksuffix="%", row=i, col=1)
    fig.update_xaxes(tickformat="%-d %b")
    fig.update_layout(hovermode="closest", margin=dict(t=_legend_room(fig)))
    return fig


def positions_matrix(positions: pd.DataFrame) -> go.Figure:
    """Asks, offers, demands, refusals and statements by side and round."""
    frame = positions.assign(when=positions["round"].astype("string").fillna("not stated"))
    order = sorted(frame["when"].unique(), key=lambda w: (w == "not stated", w))
    fig = style.new_figure(height=380)
    for side in ("Japan", "United States"):
        rows = frame[frame["side"] == side]
        counts = rows.groupby("when").size().reindex(order, fill_value=0)
        details = rows.groupby("when")["summary"].agg(lambda s: "<br>".join("• " + style.plain(x) for x in s))
        fig.add_trace(go.Bar(
            x=[f"round {w}" if w != "not stated" else w for w in order], y=counts.values, name=side,
            marker_color=style.SIDE_COLOURS[side],
            hovertext=[f"<b>{side}</b>, {('round ' + w) if w != 'not stated' else w}<br>{details.get(w, '')}" for w in order],
            hoverinfo="text"))
    fig.update_layout(barmode="group", hovermode="closest", hoverlabel=dict(namelength=0))
    fig.update_yaxes(title="positions reported", dtick=1)
    return fig


def source_support(events: pd.DataFrame, citations: pd.DataFrame, sources: pd.DataFrame) -> go.Figure:
    """Which source supports which event: a dot per (event, source) pair."""
    pairs = pd.concat([events[["event_id", "source_id"]].assign(role="main source"),
                       citations[["event_id", "source_id"]].assign(role="also reports")]).drop_duplicates(["event_id", "source_id"])
    order = events.sort_values("date_mid")[["event_id", "title", "date_label"]]
    titles = dict(zip(order["event_id"], order["title"]))
    labels = dict(zip(sources["source_id"], sources["label"]))
    # Titles wrap onto up to three short lines so they fit beside the dots on a phone; each row is
    # tall enough for three lines.
    fig = style.new_figure(height=160 + 44 * len(order))
    row_labels = {e: style.label(titles[e], 34) for e in order["event_id"]}
    for role, symbol in (("main source", "circle"), ("also reports", "circle-open")):
        rows = pairs[pairs["role"] == role]
        fig.add_trace(go.Scatter(
            x=[f"[{s[:3]}]" for s in rows["source_id"]], y=[row_labels[e] for e in rows["event_id"]],
            mode="markers", name=role, marker=dict(size=12, symbol=symbol, color=style.SIDE_COLOURS["United States"],
                                                   line=dict(width=2, color=style.SIDE_COLOURS["United States"])),
            hovertext=[f"<b>{style.plain(titles[e])}</b><br>{style.plain(labels[s])}<br>{role}"
                       for e, s in zip(rows["event_id"], rows["source_id"])], hoverinfo="text"))
    fig.update_yaxes(categoryorder="array", categoryarray=[row_labels[e] for e in order["event_id"]][::-1],
                     automargin=True, tickfont=dict(size=12))
    fig.update_xaxes(categoryorder="category ascending", side="top", automargin=True)
    fig.update_layout(hovermode="closest", legend=dict(y=-0.05, yanchor="top"))
    return fig


def duty_steps(final: pd.DataFrame, charged: pd.DataFrame | None = None) -> go.Figure:
    """The duty the law set, one step line per product category (frames from Law.daily).
    Where customs first charged a different rate (``charged``), that line is drawn dotted beside
    it. Each category's hover says whether the rate includes the normal duty."""
    labels = list(dict.fromkeys(final["label"]))
    # One category: the caption names it, and a title would sit on the legend; the plot needs room.
    titles = labels if len(labels) > 1 else None
    fig = _panels(titles, max(170 * len(labels), 300), len(labels))
    views = [(FINALLY_APPLIED, final, "solid", style.SIDE_COLOURS["United States"])]
    if charged is not None:
        views.append((FIRST_CHARGED, charged, "dot", style.SIDE_COLOURS["Japan"]))
    top = max(frame["rate"].max() for _, frame, _, _ in views)
    shown = set()
    for i, label in enumerate(labels, start=1):
        first_rows = final[final["label"] == label].reset_index(drop=True)
        for name, frame, dash, colour in views:
            rows = frame[frame["label"] == label].reset_index(drop=True)
            same_rate = (rows["rate"] == first_rows["rate"]) | (rows["rate"].isna() & first_rows["rate"].isna())
            differs = ~same_rate | (rows["basis"] != first_rows["basis"])
            key = law.step_key(rows)
            starts = list(rows.index[key.ne(key.shift())]) + [len(rows) - 1]
            for a, b in zip(starts[:-1], starts[1:]):
                if frame is not final and not differs.loc[a:b - 1].any():
                    continue  # charged as finally applied: the solid line says it
                first = rows.loc[a]
                if pd.isna(first["rate"]):  # no document says (duties rule 5): a span, not a line
                    hover = (f"<b>{style.plain(label)}</b>, {first['day']:%-d %B} to {rows.loc[b - 1, 'day']:%-d %B %Y}: "
                             f"not documented<br>{style.label(first['parts'], 60)}")
                    _band(fig, first["day"], rows.loc[b, "day"], 0, top, hover, UNDOCUMENTED, UNDOCUMENTED not in shown, i, label)
                    shown.add(UNDOCUMENTED)
                    continue
                hover = (f"<b>{style.plain(label)}</b>, from {first['day']:%-d %B %Y}: {first['rate']:g}% "
                         f"({style.plain(first['basis'])})<br>{style.plain(first['parts'])}<br><i>{name}</i>")
                days = _hover_days(rows, a, b)
                fig.add_trace(go.Scatter(
                    x=days, y=[first["rate"]] * len(days), mode="lines", name=name, legendgroup=name,
                    # One hover text for the whole segment (a per-point copy would weigh down the page).
                    showlegend=name not in shown and len(views) > 1, hovertemplate=hover + "<extra></extra>",
                    line=dict(shape="hv", width=3, dash=dash, color=colour), meta=label), row=i, col=1)
                shown.add(name)
        fig.update_yaxes(range=[-top * 0.08, top * 1.15], ticksuffix="%", row=i, col=1)
    fig.update_xaxes(tickformat="%-d %b<br>%Y")  # the day too: ticks fall twice a month on a short span
    fig.update_layout(hovermode="closest", margin=dict(t=_legend_room(fig)))
    return fig
