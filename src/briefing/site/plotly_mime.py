"""myst-nb renders plotly's JSON output (application/vnd.plotly.v1+json) through this plugin.

plotly 6+ in a headless kernel emits only that MIME type, which myst-nb would otherwise skip
with a warning, dropping the figure. Here it becomes a container with the figure's JSON in a
non-executable <script type="application/json"> block and a text alternative; the site's
briefing-plotly.js draws it with the site's partial plotly.js bundle (briefing.site.vendor); a trace
type that bundle lacks is a build warning, not a blank chart. Notebooks stay unchanged and
render natively in JupyterLab; nothing inlines plotly.js.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from typing import ClassVar

from docutils import nodes

from . import vendor

PLOTLY_MIME = "application/vnd.plotly.v1+json"
CONTAINER_CLASS = "briefing-plotly"
CANVAS_CLASS = "briefing-plotly-canvas"
DATA_CLASS = "briefing-plotly-data"
_DATA_BLOCK = re.compile(rf'<script type="application/json" class="{DATA_CLASS}"[^>]*>(.*?)</script>', re.S)


# Under each chart, its data (briefing.site.figure_data writes it after the build, and fills in the
# page's path to the site's root when the page is written). No link to the chapter's Markdown: raw
# source is noise to a reader of the chart.
FIGURES_DIR = "figures"
PLACEHOLDER = "BRIEFING-FIGURE-DATA/"


def footer_html(ident: str) -> str:
    return f'<p class="briefing-figure-links"><a href="{PLACEHOLDER}{FIGURES_DIR}/{ident}.csv" download>Data (CSV)</a></p>'


# A day as plotly writes a pandas timestamp: '2025-03-01T00:00:00.000000'. The duty charts carry
# hundreds of them (one point a day, for the hover), so the date alone, which plotly reads the same
# on a date axis, takes a page's chart data from about 68 KB to about 30 KB.
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.0+)?$")


def short_dates(value):
    """The figure with every midnight timestamp written as its date ('2025-03-01')."""
    if isinstance(value, str):
        match = _MIDNIGHT.match(value)
        return match.group(1) if match else value
    if isinstance(value, list):
        return [short_dates(item) for item in value]
    if isinstance(value, dict):
        return {key: short_dates(item) for key, item in value.items()}
    return value


# Parts of plotly's default template that no chart of the site's basic bundle (scatter, bar, pie)
# can use: each figure carried about 7 KB of them.
_UNUSED_LAYOUT_DEFAULTS = ("polar", "ternary", "scene", "geo", "coloraxis", "colorscale", "mapbox", "map")


def lean_template(figure: dict) -> dict:
    """The figure with its template's trace defaults kept only for the trace types it draws, and
    without the defaults of plot kinds it does not have (polar, ternary, 3-D, maps, colour scales)."""
    layout = figure.get("layout") or {}
    template = layout.get("template")
    if not isinstance(template, dict):
        return figure
    used = {trace.get("type", "scatter") for trace in figure.get("data", [])}
    lean = dict(template)
    if isinstance(template.get("data"), dict):
        lean["data"] = {kind: value for kind, value in template["data"].items() if kind in used}
    if isinstance(template.get("layout"), dict):
        lean["layout"] = {key: value for key, value in template["layout"].items()
                          if key not in _UNUSED_LAYOUT_DEFAULTS or key in layout}
    return {**figure, "layout": {**layout, "template": lean}}


def _safe_json(figure: dict) -> str:
    # '<' only occurs inside JSON strings; written as \u003c it can neither end the <script> block
    # ('</script>') nor open a comment ('<!--'), and JSON.parse gives the same text back.
    return json.dumps(figure, separators=(",", ":"), ensure_ascii=False).replace("<", "\\u003c")


def figures_in(page_html: str) -> list[dict]:
    """The figures of a built page, read back from their JSON blocks (the inverse of figure_html)."""
    return [json.loads(block) for block in _DATA_BLOCK.findall(page_html)]


def trace_problem(figure: dict, available: frozenset[str]) -> str | None:
    used = {trace.get("type", "scatter") for trace in figure.get("data", [])}
    missing = sorted(used - available)
    if missing:
        return (f"plotly figure uses trace type(s) {', '.join(missing)}, which the site's plotly.js bundle "
                f"({vendor.PACKAGE}: {', '.join(sorted(available))}) cannot draw: pin a bundle that has them")
    return None


def figure_html(figure: dict) -> tuple[str, list[str]]:
    """The HTML for one figure, and the problems that would keep readers from seeing it."""
    figure = lean_template(short_dates(figure))
    layout = figure.get("layout", {})
    description = (layout.get("meta") or {}).get("description") if isinstance(layout.get("meta"), dict) else None
    payload = _safe_json({"data": figure.get("data", []), "layout": layout})
    ident = "fig-" + hashlib.sha1(payload.encode()).hexdigest()[:12]
    height = int(layout.get("height") or 450)
    problems = []
    if not description:
        problems.append("plotly figure without a text description: call briefing.chapters.style.describe(fig, '...')")
        description = "Chart"
    try:
        problems.append(trace_problem(figure, frozenset(vendor.installed()["traces"])))
    except vendor.VendorError as error:
        problems.append(str(error))
    alt = html.escape(description, quote=True)
    markup = (
        f'<div class="{CONTAINER_CLASS}" role="figure" aria-label="{alt}">'
        f'<p class="briefing-plotly-description">{html.escape(description)}</p>'
        f'<div id="{ident}" class="{CANVAS_CLASS}" style="min-height:{height}px"></div>'
        f'<script type="application/json" class="{DATA_CLASS}" data-target="{ident}">{payload}</script>'
        "</div>"
        + footer_html(ident)
    )
    return markup, [p for p in problems if p]


class PlotlyMimeRenderer:
    """Entry point ``myst_nb.mime_renderers: plotly`` (see pyproject.toml)."""

    mime_priority_overrides: ClassVar = [(builder, PLOTLY_MIME, 5) for builder in ("html", "dirhtml", "singlehtml")]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != PLOTLY_MIME or inline:
            return None
        figure = data.content if isinstance(data.content, dict) else json.loads(data.content)
        markup, problems = figure_html(figure)
        for problem in problems:
            renderer.logger.warning(problem, subtype="plotly", line=data.line)
        return [nodes.raw("", markup, format="html")]
