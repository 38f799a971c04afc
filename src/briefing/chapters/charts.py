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
# Days no legal text covers but for which reports say what customs charged: the undocumented
# measure, and the event that reports the rate of the day before going on (Kyodo and the Asahi
# Shimbun: the 10% stayed until Japan's new rate). Such days are drawn dashed, "as reported",
# apart from the law's line; any other undocumented day stays a shaded span.
REPORTED_AS_KEPT = {"undocumented-1-6-august-2025": "ten-percent-kept-to-august-7"}


def reported_spans(rows: pd.DataFrame) -> list[tuple[pd.Timestamp, pd.Timestamp, float]]:
    """In one category's days (``Law.daily`` rows, in date order), each run of undocumented days
    that reports fill (REPORTED_AS_KEPT): its first day, the day after its last, and the rate
    reported, the rate of the day before, which the reports say went on."""
    rows = rows.reset_index(drop=True)
    kept = rows["rate"].isna() & rows["measures"].fillna("").map(
        lambda ids: any(m in REPORTED_AS_KEPT for m in ids.split(";")))
    spans = []
    for a in rows.index[kept & ~kept.shift(fill_value=False)]:
        b = a
        while b + 1 in rows.index and kept[b + 1]:
            b += 1
        if a > 0 and pd.notna(rows.loc[a - 1, "rate"]):
            spans.append((rows.loc[a, "day"], rows.loc[b, "day"] + pd.Timedelta(days=1), float(rows.loc[a - 1, "rate"])))
    return spans


def reported_name(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """'1–6 Aug 2025, as reported (no legal text)': a reported stretch as the legend names it."""
    last = end - pd.Timedelta(days=1)
    first = f"{start:%-d}" if (start.month, start.year) == (last.month, last.year) else f"{start:%-d %b}"
    return f"{first}–{last:%-d %b %Y}, as reported (no legal text)"


def reported_trace(start: pd.Timestamp, end: pd.Timestamp, rate: float, colour: str, basis: str,
                   legend: bool = True, meta: str | None = None) -> go.Scatter:
    """A reported rate over days no legal text covers: a thin dashed stretch, named 'as reported'
    in the legend and the hover, apart from the law's solid line (the front page and every duty chart)."""
    name = reported_name(start, end)
    return go.Scatter(
        x=[start, end], y=[rate, rate], mode="lines", name=name, legendgroup=name, showlegend=legend, meta=meta,
        line=dict(width=2, dash="dash", color=colour),
        hovertemplate=f"<b>As reported; no legal text</b><br>%{{x|%-d %B %Y}}: %{{y:g}}% {style.plain(basis)}<extra></extra>")


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
    by_id = events.set_index("event_id")
    for event_id, words, where in milestones:
        row = by_id.loc[event_id]
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

    fig = make_subplots(rows=rows, cols=1, shared_xaxes=True, subplot_titles=titles, vertical_spacing=0.08)
    fig.update_layout(style.new_figure(height=height).layout)
    fig.update_xaxes(showgrid=True, zeroline=False)
    fig.update_yaxes(showgrid=True, zeroline=False)
    # The panels' titles on the left, in small type: centred, a long one ran off a phone's screen.
    fig.update_annotations(x=0, xanchor="left", font=dict(size=12))
    return fig


TITLE_ROOM = 22  # pixels above a panel for its title
LEGEND_LINE = 24  # pixels per legend entry where a phone stacks them one per line


def _legend_above(fig: go.Figure, plot_height: int, titled: bool) -> None:
    """The legend above the panels, clear of the first panel's title, with room for its entries
    stacked one per line (as on a phone); the figure grows by that room, so the panels keep
    ``plot_height`` (their plots, with the date axis below)."""
    entries = sum(1 for trace in fig.data if trace.showlegend)
    top = 10 + (TITLE_ROOM if titled else 0) + LEGEND_LINE * entries
    fig.update_layout(height=plot_height + top, margin=dict(t=top),
                      legend=dict(yanchor="bottom", y=1 + ((TITLE_ROOM if titled else 4) / (plot_height - 10))))


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


def duty_steps(final: pd.DataFrame, charged: pd.DataFrame | None = None, axis_title: str | None = None) -> go.Figure:
    """The duty the law set, one step line per product category (frames from Law.daily).
    Where customs first charged a different rate (``charged``), that line is drawn dotted beside
    it. Each category's hover says whether the rate includes the normal duty; ``axis_title``
    ('in all', 'on top') names the basis on every panel's axis, so draw one basis per chart."""
    bases = {basis for frame in (final, charged) if frame is not None
             for basis in frame.loc[frame["rate"].notna(), "basis"]}
    if len(bases) > 1:
        raise ValueError(f"a duty chart draws one basis, found {sorted(bases)}: chart the other basis apart "
                         "(Law.with_normal_duty gives a family's whole duty for an illustrative good)")
    labels = list(dict.fromkeys(final["label"]))
    # One category: the caption names it, and a title would sit on the legend; the plot needs room.
    titles = labels if len(labels) > 1 else None
    plot_height = max(150 * len(labels), 260)
    fig = _panels(titles, plot_height, len(labels))
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
                reported = [s for s in reported_spans(rows) if s[0] == first["day"]] if frame is final else []
                if reported:  # no document says, reports do: dashed, as reported, apart from the law's line
                    start, end, rate = reported[0]
                    name_reported = reported_name(start, end)
                    fig.add_trace(reported_trace(start, end, rate, style.SIDE_COLOURS["United States"], f"({rows.loc[a - 1, 'basis']})",
                                                 legend=name_reported not in shown, meta=label), row=i, col=1)
                    shown.add(name_reported)
                    continue
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
        fig.update_yaxes(range=[-top * 0.08, top * 1.15], ticksuffix="%", title=axis_title, row=i, col=1)
    fig.update_xaxes(tickformat="%-d %b<br>%Y")  # the day too: ticks fall twice a month on a short span
    fig.update_layout(hovermode="closest")
    _legend_above(fig, plot_height, titles is not None)
    return fig
