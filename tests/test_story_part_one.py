"""The first two story chapters: the clock of the rounds chart counts down to the deadline in force
each day, and counts are said in words."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from briefing import data
from briefing.chapters.story import record, rounds_and_deal, tariffs_arrive

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = {"story-tariffs-arrive": tariffs_arrive, "story-rounds-and-deal": rounds_and_deal}


def _key(table: str) -> str:
    key = data.resource(table)["schema"]["primaryKey"]
    return key if isinstance(key, str) else key[0]


def test_the_clock_counts_to_the_deadline_in_force():
    clock = rounds_and_deal.deadlines()
    assert clock["first_end"] < clock["final_end"] and clock["start"] < clock["moved_on"] < clock["first_end"]
    day_before = clock["moved_on"] - pd.Timedelta(days=1)
    assert rounds_and_deal.days_left(day_before, clock) == (clock["first_end"] - day_before).days
    assert rounds_and_deal.days_left(clock["moved_on"], clock) == (clock["final_end"] - clock["moved_on"]).days
    assert rounds_and_deal.days_left(clock["final_end"], clock) == 0
    held = rounds_and_deal.rounds(clock)
    assert list(held["round"].astype(int)) == sorted(held["round"].astype(int)) and len(held) >= 2


def test_counts_in_words():
    assert rounds_and_deal.times(7) == "seven times" and rounds_and_deal.times(2) == "twice"
    assert rounds_and_deal.days_in_words(10) == "ten days" and rounds_and_deal.days_in_words(1) == "one day"
    with pytest.raises(ValueError):
        record.percent_in("no figure here")
