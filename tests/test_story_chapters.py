"""The last story page's 'What comes next' tells every item the record has ahead, and each event
of the record is in the tables of exactly one story chapter, the background in none."""

from __future__ import annotations

import html
import re

from briefing import data
from briefing.chapters.story import court_and_after, record
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


def _chapters_showing(pages: dict[str, str]) -> dict[str, list[str]]:
    """For each event of the record, the story pages whose tables show its row (its date, then its title)."""
    events = data.load("events")
    return {e.event_id: [name for name, text in pages.items()
                         if f"<td>{html.escape(e.date_label)}</td><td>{html.escape(e.title)}</td>" in text]
            for e in events.itertuples()}


def test_each_event_is_in_the_tables_of_exactly_one_story_chapter(built_site):
    """An event told in two chapters' 'evidence behind this chapter' would be read as two events; one
    in none would be evidence no chapter shows."""
    pages = {name: (built_site / "book" / f"{name}.html").read_text(encoding="utf-8") for name in record.CHAPTERS}
    found = _chapters_showing(pages)
    background = set(data.load("events").query("kind in @record.BACKGROUND_KINDS")["event_id"])
    assert background and {event: found[event] for event in background if found[event]} == {}
    assert {event: names for event, names in found.items() if len(names) != 1 and event not in background} == {}
    # Made to break it: one chapter's tables shown again in another.
    doubled = pages | {"story-new-government": pages["story-new-government"] + pages["story-deal-to-law"]}
    twice = {event for event, names in _chapters_showing(doubled).items() if len(names) == 2}
    assert twice and twice == {event for event, names in found.items() if names == ["story-deal-to-law"]}


def test_events_go_to_the_chapter_of_their_topic():
    """Court rulings are the court chapter's whatever their date; the later Section 232 duties too;
    Takaichi's White House visit is the new government's, though it came after the ruling."""
    chapter = {e["event_id"]: record.chapter_of(e) for _, e in data.load("events").iterrows()}
    assert chapter["supreme-court-ieepa-reasons"] == chapter["cit-section-122-ruling"] == record.COURT
    assert chapter["copper-232-effective"] == chapter["wood-232-effective"] == record.COURT
    assert chapter["takaichi-trump-white-house"] == chapter["ishiba-resigns"] == record.GOVERNMENT
    assert chapter["aircraft-tariffs-lifted-japan"] == chapter["new-country-rates-order"] == record.DEAL_TO_LAW
