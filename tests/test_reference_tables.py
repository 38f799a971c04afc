"""The reference pages' tables say something: each person's roles as a short dated sequence, the
positions of the talks by phase in date order, planned rounds said plainly, the figures that matter
before the tallies, and the discrepancy log's minor differences one line each, after the rest.

These call the pages' own code on the real data (no build), and each check is also run on data
made to break it.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pandas as pd
import pytest

from briefing import data
from briefing.chapters import tables
from briefing.chapters.reference import actors, stakes, timeline

ROOT = Path(__file__).resolve().parents[1]


def _rows(markup: str) -> list[list[str]]:
    """The body rows of every table in the markup, as the text of their cells."""
    rows = []
    for body in re.findall(r"<tbody>(.*?)</tbody>", markup, re.S):
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
            rows.append([unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)])
    return rows


@pytest.fixture(scope="module")
def page() -> dict:
    return actors.glue_page()


# --- Who is who: roles as a dated sequence --------------------------------------------------------

def _titles(page: dict) -> dict[str, str]:
    return {row[0]: row[3] for row in _rows(actors.people_table(page).markup)}


def test_each_person_shows_roles_once_each_with_dates_not_every_wording(page):
    titles = _titles(page)
    akazawa = titles["Ryosei Akazawa"]
    assert akazawa == ("Economic Revitalization Minister and Japan's chief negotiator in the tariff talks (as of April–June 2025); "
                       "Minister of Economy, Trade and Industry (from 21 October 2025)"), akazawa
    assert titles["Shigeru Ishiba"] == "Prime Minister (until 21 October 2025)"
    assert titles["Sanae Takaichi"] == ("President of the Liberal Democratic Party (from 4 October 2025); "
                                        "Prime Minister (from 21 October 2025)")
    # No source's own wording reaches the table where it differs from the role it names.
    roles = data.load("actor_roles")
    variants = set(roles.loc[roles["role"] != roles["office"], "role"])
    shown = " ".join(titles.values())
    assert not [v for v in variants if v in shown and v not in set(roles["office"])], "a source's wording is in the table"


def test_the_sources_wordings_are_kept_in_the_folded_record(page):
    record = actors.roles_record(page).markup
    assert record.startswith(f'<details class="{tables.FOLDED_COMPACT}">')
    worded = {row[1] for row in _rows(record)}
    for wording in ("Japan’s top trade negotiator", "Japan’s special trade talks envoy", "Japan’s envoy"):
        assert wording in worded


def _group(*offices) -> pd.DataFrame:
    """An actor's role rows: (office, held_from, held_until, first published, last published)."""
    return pd.DataFrame([{"actor_id": "x", "office": o, "held_from": f, "held_until": u,
                          "published_start": pd.Timestamp(a), "published_end": pd.Timestamp(b)}
                         for o, f, u, a, b in offices])


def test_a_sequence_places_undated_roles_by_their_sources_and_says_them_together():
    both = _group(("Minister A", None, None, "2025-04-11", "2025-04-30"), ("Envoy", None, None, "2025-05-05", "2025-05-05"),
                  ("Minister B", "2025-10-21", None, "2025-10-21", "2025-10-21"))
    assert actors._sequence(both) == "Minister A and Envoy (as of April–May 2025); Minister B (from 21 October 2025)"
    # Undated roles after a dated one stay in date order, apart from it.
    later = _group(("Minister B", "2025-10-21", None, "2025-10-21", "2025-10-21"), ("Leader", None, None, "2026-02-11", "2026-02-11"))
    assert actors._sequence(later) == "Minister B (from 21 October 2025); Leader (as of 11 February 2026)"
    # With no dates at all there is no sequence to place: the roles are listed.
    assert actors._sequence(_group(("Leader", None, None, "2025-10-20", "2025-10-20"),
                                   ("Governor", None, None, "2025-10-01", "2025-10-31"))) == "Governor; Leader"


# --- The positions, by phase ----------------------------------------------------------------------

def test_phases_open_in_date_order_from_events(page):
    openings = [page["phases"][key][0] for key, event, _ in actors.PHASES if event]
    assert openings == sorted(openings) and len(set(openings)) == len(openings), openings
    events = data.load("events").set_index("event_id")
    for key, event, _ in actors.PHASES[1:]:
        assert page["phases"][key][0] == events.loc[event, "date_start"]


def test_every_position_of_the_talks_has_a_date_and_one_phase(page):
    talks = page["talks"]
    assert talks["date_end"].notna().all()
    assert set(talks["phase"]) <= {key for key, _, _ in actors.PHASES}
    # A position dated to a span lies wholly in its phase.
    spans = talks[talks["date_start"].notna()]
    starts = actors.phase_of(spans.assign(date_end=spans["date_start"]), page["phases"])
    assert (starts == spans["phase"]).all(), spans.loc[starts != spans["phase"], "position_id"].tolist()


def test_a_position_straddling_two_phases_is_caught(page):
    talks = page["talks"]
    broken = talks.assign(date_start=talks["date_start"].where(talks["position_id"] != "jp-no-worse-after-ruling",
                                                               pd.Timestamp("2025-07-01")))
    spans = broken[broken["date_start"].notna()]
    starts = actors.phase_of(spans.assign(date_end=spans["date_start"]), page["phases"])
    assert (starts != spans["phase"]).any()


def test_every_phase_has_its_section_on_the_page_and_every_position_is_shown(page):
    chapter = (ROOT / "book" / "actors.md").read_text(encoding="utf-8")
    called = re.findall(r'actors\.phase_table\(page, "([a-z-]+)"\)', chapter)
    assert called == [key for key, _, _ in actors.PHASES]
    shown = sum(len(_rows(actors.phase_table(page, key).markup)) for key in called)
    assert shown == len(page["talks"])


def test_each_phase_is_in_date_order_with_a_readable_when_and_no_round_zero(page):
    labels = dict(zip(page["talks"]["position_id"], page["talks"]["date_label"]))
    for key, _, _ in actors.PHASES:
        rows = actors._in_date_order(page["talks"][page["talks"]["phase"] == key])
        assert list(rows["order"]) == sorted(rows["order"]), key
        for row in _rows(actors.phase_table(page, key).markup):
            assert not re.match(r"^0\b|^not stated", row[0]), row
        for when, pid in zip([r[0] for r in _rows(actors.phase_table(page, key).markup)], rows["position_id"]):
            assert when.startswith(labels[pid]), (when, pid)


def test_a_round_zero_is_never_shown():
    row = pd.Series({"round_note": None, "round": 0, "date_label": "10 March 2025"})
    assert actors._when(row.to_frame().T.itertuples().__next__()) == "10 March 2025"
    row = pd.Series({"round_note": None, "round": 2, "date_label": "1 May 2025"})
    assert actors._when(row.to_frame().T.itertuples().__next__()) == "1 May 2025, round 2"


def test_an_empty_phase_fails_rather_than_showing_an_empty_table(page):
    emptied = dict(page, talks=page["talks"][page["talks"]["phase"] != "deal-to-ruling"])
    with pytest.raises(ValueError, match="deal-to-ruling"):
        actors.phase_table(emptied, "deal-to-ruling")


# --- Planned rounds -------------------------------------------------------------------------------

def test_planned_rounds_not_held_are_said_plainly():
    page = timeline.glue_page()
    outcomes = {row[1]: row[4] for row in _rows(timeline.rounds_planned_table(page).markup)}
    assert not any("not reported as held" in o for o in outcomes.values())
    assert outcomes["The two sides aim to reconvene"] == "no report that it took place"
    assert outcomes["Round 3 expected in Washington"].startswith("held on ")
    assert outcomes["Another round planned before the G7 summit"].startswith("no report ties a round to this plan; held within its dates: ")


# --- The figures: what matters first, the tallies folded --------------------------------------------

def test_the_figures_that_matter_come_before_the_tallies_which_are_folded():
    main = [row[0] for row in _rows(stakes.later_figures_table().markup)]
    tallies = stakes.tallies_record().markup
    assert tallies.startswith(f'<details class="{tables.FOLDED_COMPACT}">')
    assert not [s for s in main if s.startswith(("Japan's elections", "The talks"))], main
    assert any("Runoff votes" in row[0] for row in _rows(tallies))
    assert [s.split(":")[0] for s in main] == sorted((s.split(":")[0] for s in main), key=list(stakes.TOPICS.values()).index)


def test_a_figure_of_a_topic_with_no_place_fails(monkeypatch):
    indicators = data.load("indicators")
    monkeypatch.setattr(stakes.common, "later_figures", lambda documents: indicators.assign(topic="gossip"))
    with pytest.raises(ValueError, match="gossip"):
        stakes.later_figures_table()


# --- The discrepancy log: by consequence, the minor differences one line each -------------------

def test_the_log_is_ordered_by_consequence_and_the_minor_differences_are_one_line_each():
    log = data.load("discrepancies")
    cards = tables.discrepancy_cards(log).markup
    minor = tables.minor_differences(log).markup
    details = log[log["consequence"] == tables.MINOR]
    assert len(details), "no minor difference left to test"
    for discrepancy_id in details["discrepancy_id"]:
        assert f'id="discrepancy-{discrepancy_id}"' not in cards
        assert len(re.findall(rf'<li id="discrepancy-{re.escape(discrepancy_id)}">', minor)) == 1
    others = log[log["consequence"] != tables.MINOR]
    positions = [cards.index(f'id="discrepancy-{i}"') for i in others["discrepancy_id"]]
    rank = others["consequence"].map(list(tables.CONSEQUENCES).index).tolist()
    assert [r for _, r in sorted(zip(positions, rank))] == sorted(rank)
    assert minor.startswith(f'<details class="{tables.FOLDED_COMPACT}">') and "<blockquote>" not in minor and "Why:" not in minor


def test_a_discrepancy_of_unknown_consequence_fails():
    log = data.load("discrepancies")
    with pytest.raises(ValueError, match="trivia"):
        tables.discrepancy_cards(log.assign(consequence=log["consequence"].where(log.index != 0, "trivia")))
