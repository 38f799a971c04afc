"""The articles' view of the tariffs (reported_tariffs.csv, reported.py's rules) on the cases a
reader checks: what the five articles of March to May 2025 let one say, and no more."""

from __future__ import annotations

import pandas as pd

from briefing import data
from briefing.law import reported

REPORTS, SOURCES = data.load("reported_tariffs"), data.sources()


def test_a_could_take_effect_does_not_start_the_car_tariff():
    """000 (11 March) says the car tariff 'could take effect in early April'; no article gives the
    day it began; 002 (dated 5 May) is the first to report it in force."""
    cars = reported.resolve(REPORTS, SOURCES)["automobiles"]
    assert cars.starts == pd.Timestamp("2025-05-05") == cars.confirmed_from
    assert cars.unknown_from == pd.Timestamp("2025-04-01")
    assert (cars.possible_when, cars.possible_said) == ("in early April 2025", "11 March 2025")


def test_an_article_dated_to_a_range_confirms_only_from_the_range_end():
    """Steel is scheduled for 12 March (000); 002, dated 5 May, reports it in force. 003 also does,
    but could have been written as late as 30 June, so it confirms nothing earlier."""
    steel = reported.resolve(REPORTS, SOURCES)["steel"]
    assert steel.starts == pd.Timestamp("2025-03-12") and steel.confirmed_from == pd.Timestamp("2025-05-05")
    assert steel.unknown_from is None, "a scheduled date starts it: nothing is left unknown"

