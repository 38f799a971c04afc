"""The last story page's 'What comes next' tells every item the record has ahead."""

from __future__ import annotations

import re

from briefing.chapters.story import court_and_after
from conftest import ROOT


def test_what_comes_next_tells_every_item_the_record_has_ahead():
    """'What comes next' on the last story page cites every event the record reports as scheduled,
    planned or expected from the ruling on, and the law's blank after the surcharge's days."""
    text = (ROOT / "book" / "story-court-and-after.md").read_text(encoding="utf-8")
    section = text.split("(story-court-and-after-next)=")[1].split("(story-court-and-after-record)=")[0]
    cited = set(re.findall(r"\{src\}`([a-z_]+/[^`]+)`", section))
    ahead = {f"events/{event_id}" for event_id in court_and_after.ahead()["event_id"]}
    assert ahead and sorted(ahead - cited) == []
    assert "tariff_measures/undocumented-after-surcharge" in cited
