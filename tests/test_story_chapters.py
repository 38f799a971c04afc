"""The story chapters' 'as of' covers what they cite: every row a page cites with {src} is among
the rows its module hands to glue_as_of (cited_tables), so the page's date of its latest source
cannot miss a later source it cites."""

from __future__ import annotations

import importlib
import re

import pytest

from briefing import data
from conftest import ROOT

CHAPTERS = {"story-deal-to-law": "deal_to_law", "story-new-government": "new_government",
            "story-court-and-after": "court_and_after"}


def _key(table: str) -> str:
    key = data.resource(table)["schema"]["primaryKey"]
    return key if isinstance(key, str) else key[0]


@pytest.mark.parametrize("page", CHAPTERS)
def test_every_cited_row_counts_for_the_as_of(page):
    module = importlib.import_module(f"briefing.chapters.story.{CHAPTERS[page]}")
    text = (ROOT / "book" / f"{page}.md").read_text(encoding="utf-8")
    cited = set(re.findall(r"\{src\}`([a-z_]+)/([^`]+)`", text))
    assert cited, page
    covered = set()
    for frame in module.cited_tables():
        for table in data.package()["resources"]:
            name = table["name"]
            if _key(name) in frame.columns:  # a source_id column counts its sources too
                covered |= {(name, str(row_id)) for row_id in frame[_key(name)]}
    missing = {f"{t}/{r}" for t, r in cited if (t, r) not in covered}
    assert not missing, f"{page} cites rows its cited_tables() leaves out: {sorted(missing)}"


def test_what_comes_next_tells_every_item_the_record_has_ahead():
    """'What comes next' on the last story page cites every event the record reports as scheduled,
    planned or expected from the ruling on, and the law's blank after the surcharge's days."""
    from briefing.chapters.story import court_and_after

    text = (ROOT / "book" / "story-court-and-after.md").read_text(encoding="utf-8")
    section = text.split("(story-court-and-after-next)=")[1].split("(story-court-and-after-record)=")[0]
    cited = set(re.findall(r"\{src\}`([a-z_]+/[^`]+)`", section))
    ahead = {f"events/{event_id}" for event_id in court_and_after.ahead()["event_id"]}
    assert ahead and sorted(ahead - cited) == []
    assert "tariff_measures/undocumented-after-surcharge" in cited
