"""One chart style for the whole briefing: colours per side and per event kind, fonts, hover text.

Backgrounds are transparent and text colours are set by the site's script for the light and
dark theme, so charts follow the page. Every figure needs a text description for screen
readers (``describe``); the build fails on a figure without one.
"""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go

SIDE_COLOURS = {"United States": "#2f6db5", "Japan": "#c8363d", "other": "#7a7a7a"}
# A good with no normal duty, beside the worked example (blue): Okabe-Ito green, on light and dark pages.
NO_NORMAL_DUTY_COLOUR = "#009E73"
# A range where a rate is not known: the US colour, pale, readable on the light and the dark page.
UNKNOWN_FILL = "rgba(47, 109, 181, 0.35)"
# Colour-blind-safe qualitative palette (Okabe-Ito), one colour per group of event kinds.
KIND_COLOURS = {
    "negotiation-round": "#0072B2",
    "meeting": "#56B4E9",
    "statement": "#009E73",
    "report": "#009E73",
    "tariff-announcement": "#D55E00",
    "tariff-effective": "#D55E00",
    "tariff-pause": "#E69F00",
    "deadline": "#E69F00",
    "summit": "#CC79A7",
    "diplomacy": "#CC79A7",
    "election": "#CC79A7",
    "company-results": "#999999",
    "economic-data": "#999999",
    "market": "#999999",
    "related-deal": "#B59A00",  # Okabe-Ito yellow darkened: the pale one vanished on white
    "agreement": "#117733",
    "letter": "#E69F00",
    "order": "#D55E00",
    "court-ruling": "#56B4E9",
}
KIND_GROUPS = {
    "negotiation-round": "Talks", "meeting": "Talks",
    "statement": "Statements and reports", "report": "Statements and reports",
    "tariff-announcement": "Tariff actions", "tariff-effective": "Tariff actions",
    "tariff-pause": "Pauses and deadlines", "deadline": "Pauses and deadlines",
    "summit": "Summits, diplomacy, elections", "diplomacy": "Summits, diplomacy, elections",
    "election": "Summits, diplomacy, elections",
    "company-results": "Economy and markets", "economic-data": "Economy and markets", "market": "Economy and markets",
    "related-deal": "Deals elsewhere",
    "agreement": "Agreements", "letter": "Pauses and deadlines", "order": "Tariff actions",
    "court-ruling": "Courts",
}
GROUP_COLOURS = {group: KIND_COLOURS[kind] for kind, group in reversed(KIND_GROUPS.items())}
# Each kind of event as a reader names it, for tables (the ids serve the data).
KIND_LABELS = {
    "negotiation-round": "round of talks", "meeting": "meeting", "statement": "statement", "report": "report",
    "tariff-announcement": "tariff announced", "tariff-effective": "tariff takes effect or ends",
    "tariff-pause": "tariff paused", "deadline": "deadline", "summit": "summit", "diplomacy": "diplomacy",
    "election": "election", "company-results": "company results", "economic-data": "economic data",
    "market": "markets", "related-deal": "deal elsewhere", "agreement": "agreement", "letter": "letter",
    "order": "order", "court-ruling": "court ruling",
}
# One colour per product family wherever a chart draws the law's duty on it.
PRODUCT_COLOURS = {"cars": "#D55E00", "auto-parts": "#E69F00", "steel": "#0072B2", "aluminum": "#56B4E9",
                   "other-goods": "#2f6db5"}
MEASURE_COLOURS = {
    "baseline": "#7a7a7a", "reciprocal-japan": "#c8363d", "steel": "#0072B2", "aluminum": "#56B4E9",
    "automobiles": "#D55E00", "auto-parts": "#E69F00",
}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def plain(text) -> str:
    """Text from the data, escaped so that plotly shows it as text, never as markup."""
    return html.escape("" if text is None else str(text), quote=False)


def label(text, width: int = 24) -> str:
    """An axis label from the data: plain text, wrapped onto lines of about `width` characters,
    so that long labels fit beside a chart on a phone instead of being cut off."""
    return "<br>".join(plain(line) for line in textwrap.wrap("" if text is None else str(text), width)) or plain(text)


def house_layout(height: int = 420) -> dict:
    """The house style's layout settings, for a figure made otherwise (make_subplots). A plain
    dict: updating a figure with another figure's whole layout also re-validates plotly's default
    template, about 0.2-0.4 s a chart, for the same result."""
    return dict(
        height=height,
        margin=dict(l=10, r=10, t=30, b=10),
        font=dict(family=FONT, size=14),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        hoverlabel=dict(font=dict(family=FONT, size=13), align="left"),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        xaxis=dict(showgrid=True, zeroline=False),
        yaxis=dict(showgrid=True, zeroline=False),
    )


def new_figure(height: int = 420) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(**house_layout(height))
    return fig


def describe(fig: go.Figure, description: str) -> go.Figure:
    """Attach the text alternative that screen readers get instead of the chart."""
    fig.update_layout(meta={"description": description})
    return fig
