"""myst-nb renders plotly's JSON output (application/vnd.plotly.v1+json) through this plugin.

plotly 6+ in a headless kernel emits only that MIME type, which myst-nb would otherwise skip
with a warning, dropping the figure. Here it becomes a container with the figure's JSON in a
non-executable <script type="application/json"> block and a text alternative; the site's
briefing-plotly.js draws it with the plotly.js bundled from the installed plotly package.
Notebooks stay unchanged and render natively in JupyterLab; nothing inlines plotly.js.
"""

from __future__ import annotations

import hashlib
import html
import json
from typing import ClassVar

from docutils import nodes

PLOTLY_MIME = "application/vnd.plotly.v1+json"
CONTAINER_CLASS = "briefing-plotly"


def _safe_json(figure: dict) -> str:
    # Inside a <script> element only '</' and '<!--' can end or confuse it.
    text = json.dumps(figure, separators=(",", ":"), ensure_ascii=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def figure_html(figure: dict) -> tuple[str, str | None]:
    """The HTML for one figure, and the problem if it cannot be shown accessibly."""
    layout = figure.get("layout", {})
    description = (layout.get("meta") or {}).get("description") if isinstance(layout.get("meta"), dict) else None
    payload = _safe_json({"data": figure.get("data", []), "layout": layout})
    ident = "fig-" + hashlib.sha1(payload.encode()).hexdigest()[:12]
    height = int(layout.get("height") or 450)
    problem = None
    if not description:
        problem = "plotly figure without a text description: call briefing.style.describe(fig, '...')"
        description = "Chart"
    alt = html.escape(description, quote=True)
    markup = (
        f'<div class="{CONTAINER_CLASS}" role="figure" aria-label="{alt}">'
        f'<p class="briefing-plotly-description">{html.escape(description)}</p>'
        f'<div id="{ident}" class="briefing-plotly-canvas" style="min-height:{height}px"></div>'
        f'<script type="application/json" class="briefing-plotly-data" data-target="{ident}">{payload}</script>'
        "</div>"
    )
    return markup, problem


class PlotlyMimeRenderer:
    """Entry point ``myst_nb.mime_renderers: plotly`` (see pyproject.toml)."""

    mime_priority_overrides: ClassVar = [(builder, PLOTLY_MIME, 5) for builder in ("html", "dirhtml", "singlehtml")]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != PLOTLY_MIME or inline:
            return None
        figure = data.content if isinstance(data.content, dict) else json.loads(data.content)
        markup, problem = figure_html(figure)
        if problem:
            renderer.logger.warning(problem, subtype="plotly", line=data.line)
        return [nodes.raw("", markup, format="html")]
