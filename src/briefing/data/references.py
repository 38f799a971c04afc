"""References from one row's text to another row: 'see discrepancy 14-or-24', 'event framework-announced'.

A note may point to a discrepancy or an event by its id, so that users of the data can follow it;
the site shows the row's own words instead (briefing.chapters.tables). The validator checks that
each reference names a row that exists, so a renamed or never-written row is caught, not shown as
a bare id.
"""

from __future__ import annotations

import re

REFERENCE = re.compile(r"\b(discrepancy|event) ([a-z0-9]+(?:-[a-z0-9]+)+)\b")

# What each word refers to: the table and its key column.
TARGETS = {"discrepancy": ("discrepancies", "discrepancy_id"), "event": ("events", "event_id")}
