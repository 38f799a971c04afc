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


def step_points(rows: pd.DataFrame) -> pd.DataFrame:
    """One category's days (in date order) cut to the first and last day of each run of one rate
    (or of unknown days): drawn as a step line ('hv'), they draw exactly what the daily rows draw,
    in a fraction of the page's bytes."""
    rows = rows.reset_index(drop=True)
    rate = rows["rate"].fillna(-1.0)  # an unknown day is a run of its own, not a change on every day
    starts = rate.ne(rate.shift())
    ends = rate.ne(rate.shift(-1))
    return rows[starts | ends].reset_index(drop=True)


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
        line=dict(width=3, dash="dash", color=colour),
        hovertemplate=f"<b>As reported; no legal text</b><br>%{{x|%-d %B %Y}}: %{{y:g}}% {style.plain(basis)}<extra></extra>")


# The milestone chart's geometry: label widths are estimated at a phone's plot width, the narrowest
# a reader sees, so that labels placed apart there stay apart on a desktop and in print.
PHONE_PLOT_PX, CHAR_PX, LEVEL_PX = 300, 6.4, 34
PERIOD_COLOUR = "rgba(122, 122, 122, 0.3)"  # a period of the duty: pale grey, on the light and the dark page


def label_levels(days: list[pd.Timestamp], widths_px: list[float], span_days: float, levels: int = 4,
                 below: bool = True) -> list[tuple[int, str]]:
    """For labels at these days (in date order), a height (1, 2, … above the line; -1, -2, … below
    it) and an anchor ('left': the words run right from the day; 'right' in the chart's last third)
    such that no two labels at one height overlap at a phone's width: each takes the nearest height
    to the line that is free over its extent, above before below (``below=False``: above only)."""
    taken: dict[int, list[tuple[float, float]]] = {}
    first = min(days)
    order = [h for level in range(1, levels + 1) for h in ((level, -level) if below else (level,))]
    placed = []
    for when, width in zip(days, widths_px):
        x = (when - first).days / span_days * PHONE_PLOT_PX
        anchor = "right" if x > PHONE_PLOT_PX * 2 / 3 else "left"
        extent = (x - width - 4, x + 4) if anchor == "right" else (x - 4, x + width + 4)
        free = [h for h in order if all(extent[1] < lo or extent[0] > hi for lo, hi in taken.get(h, []))]
        if not free:
            raise ValueError("too many turning points close together for the timeline's words: name fewer")
        taken.setdefault(free[0], []).append(extent)
        placed.append((free[0], anchor))
    return placed


def timeline(events: pd.DataFrame, milestones: list[tuple[str, str]],
             periods: list[tuple[pd.Timestamp, pd.Timestamp, str]] = ()) -> go.Figure:
    """The turning points of the story on one date line, each named with its date on the chart (so
    that it reads without hovering, and in print), over the ``periods`` (first day, day after the
    last, words) drawn as a strip below the line; days between periods are left blank.
    ``milestones``: (event id, words). Every other event is in the page's table, not on the chart."""
    by_id = events.set_index("event_id")
    rows = by_id.loc[[event_id for event_id, _ in milestones]]
    days = list(rows["date_mid"])
    # The date as the source gives it where it is only a range; the day, short, otherwise.
    dates = [f"{r.date_mid:%-d %b %Y}" if r.date_precision == "day" else r.date_label for r in rows.itertuples()]
    texts = [f"<b>{style.plain(words)}</b><br>{style.plain(when)}" for (_, words), when in zip(milestones, dates)]
    widths = [CHAR_PX * max(len(words), len(when)) for (_, words), when in zip(milestones, dates)]
    first = min(days + [p[0] for p in periods])
    last = max(days + [p[1] for p in periods])
    span = max((last - first).days, 1)
    placed = label_levels(days, widths, span)
    top = max(max(level for level, _ in placed), 0)
    bottom = -min(min(level for level, _ in placed), 0)
    strip_y = -bottom - 1.0
    fig = style.new_figure(height=110 + LEVEL_PX * (top + bottom) + (50 if periods else 0))
    colour = style.SIDE_COLOURS["other"]
    for when, text, (level, anchor) in zip(days, texts, placed):
        # A stem from the dot to its words, which stand at their height.
        fig.add_shape(type="line", x0=when, x1=when, y0=0, y1=level, line=dict(color="#999", width=1), layer="below")
        fig.add_annotation(x=when, y=level, text=text, showarrow=False, xanchor=anchor, yanchor="middle",
                           align=anchor, xshift=3 if anchor == "left" else -3, font=dict(size=11))
    hover = [f"<b>{style.plain(r.title)}</b><br>{style.plain(r.date_label)}" for r in rows.itertuples()]
    fig.add_trace(go.Scatter(
        x=days, y=[0] * len(days), mode="markers", name="turning points", showlegend=False,
        marker=dict(size=11, color=[style.KIND_COLOURS.get(k, colour) for k in rows["kind"]],
                    line=dict(color="white", width=1)),
        hovertext=hover, hoverinfo="text"))
    for start, end, words in periods:
        fig.add_trace(go.Scatter(
            x=[start, end], y=[strip_y, strip_y], mode="lines", name=style.plain(words.replace("<br>", " ")), showlegend=False,
            line=dict(color=PERIOD_COLOUR, width=22), hoverinfo="skip"))
        fig.add_annotation(x=start + (end - start) / 2, y=strip_y, text=words, showarrow=False, font=dict(size=10))
    fig.update_yaxes(visible=False, range=[strip_y - 0.7 if periods else -bottom - 0.6, top + 0.7], fixedrange=True)
    fig.update_xaxes(title=None, tickformat="%b<br>%Y", showgrid=False,
                     range=[first - pd.Timedelta(days=span * 0.03), last + pd.Timedelta(days=span * 0.03)])
    fig.update_layout(showlegend=False, hovermode="closest", margin=dict(l=10, r=10, t=10, b=10))
    return fig


def _panels(titles: list[str], height: int, rows: int) -> go.Figure:
    """Stacked panels sharing the date axis, each with the house style's gridlines (make_subplots
    gives the house style to the first panel's axes only)."""
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=rows, cols=1, shared_xaxes=True, subplot_titles=titles, vertical_spacing=0.08)
    fig.update_layout(style.house_layout(height))
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
            # The law's line only: the stretches reports fill, by their first day.
            reported_from = {span[0]: span for span in reported_spans(rows)} if frame is final else {}
            for a, b in zip(starts[:-1], starts[1:]):
                if frame is not final and not differs.loc[a:b - 1].any():
                    continue  # charged as finally applied: the solid line says it
                first = rows.loc[a]
                if first["day"] in reported_from:  # no document says, reports do: dashed, as reported, apart from the law's line
                    start, end, rate = reported_from[first["day"]]
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
