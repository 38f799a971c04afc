"""Helpers for the US–Japan tariff briefing, one room per audience.

- ``briefing.data``: the dataset itself: loading typed tables, the validator, dates at their
  precision, the evidence rules. Usable without the book (``python -m briefing.data``).
- ``briefing.law``: the domain: product families, tariff measures, stacking rules, the duty
  engine (``load_law().duty(...)``) and what the archived articles reported. Uses ``data`` only.
- ``briefing.chapters``: what the chapters' code cells call to show things: charts, tables,
  glue, the chart style. Uses ``data`` and ``law``.
- ``briefing.site``: the machinery of the built site: the Sphinx extension, the plotly renderer,
  the pinned plotly.js bundle, theme icons, the local server, the PDF edition.
- ``briefing.checks``: what the tests use to look at a built site: link and page checks,
  the browser driver, the PDF edition read back, screenshots.
"""
