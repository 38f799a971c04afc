"""Helpers for the US–Japan tariff briefing, one room per audience.

- ``briefing.data``: the dataset itself: loading typed tables, the validator, dates at their
  precision, the evidence rules. Usable without the book (``python -m briefing.data``).
- ``briefing.chapters``: what the chapters' code cells call: the duty engine, charts, tables,
  glue, the chart style.
- ``briefing.site``: the machinery of the built site: the Sphinx extension, the plotly renderer,
  the pinned plotly.js bundle, theme icons, the local server, the PDF edition.
- ``briefing.checks``: what the tests use to look at a built site: link and page checks,
  the browser driver, the PDF edition read back, screenshots.
"""
