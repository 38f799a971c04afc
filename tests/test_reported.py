"""The articles' view of the tariffs (reported_tariffs.csv, reported.py's rules) on the cases a
reader checks: what the five articles of March to May 2025 let one say, and no more."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from briefing import data
from briefing.chapters import charts
from briefing.law import reported

REPORTS, SOURCES = data.load("reported_tariffs"), data.sources()
DAILY = reported.daily(REPORTS, SOURCES, dt.date(2025, 3, 1), dt.date(2025, 5, 31))


def test_a_could_take_effect_does_not_start_the_car_tariff():
    """000 (11 March) says the car tariff 'could take effect in early April'; no article gives the
    day it began; 002 (dated 5 May) is the first to report it in force."""
    cars = reported.resolve(REPORTS, SOURCES)["automobiles"]
    assert cars.starts == pd.Timestamp("2025-05-05") == cars.confirmed_from
    assert cars.unknown_from == pd.Timestamp("2025-04-01")
    assert (cars.possible_when, cars.possible_said) == ("in early April 2025", "11 March 2025")
    april = reported.on(DAILY, "cars", "2025-04-15")
    assert not april["known"] and pd.isna(april["rate"]) and (april["low"], april["high"]) == (10, 35)
    assert "start not reported" in april["parts"]
    may = reported.on(DAILY, "cars", "2025-05-05")
    assert may["known"] and may["confirmed"] and may["rate"] == 35


def test_an_article_dated_to_a_range_confirms_only_from_the_range_end():
    """Steel is scheduled for 12 March (000); 002, dated 5 May, reports it in force. 003 also does,
    but could have been written as late as 30 June, so it confirms nothing earlier."""
    steel = reported.resolve(REPORTS, SOURCES)["steel"]
    assert steel.starts == pd.Timestamp("2025-03-12") and steel.confirmed_from == pd.Timestamp("2025-05-05")
    assert not reported.on(DAILY, "steel", "2025-05-04")["confirmed"]


def test_the_chart_draws_a_band_not_a_line_while_the_start_is_unknown():
    fig = charts.tariff_steps(DAILY)
    cars_panel = [t for t in fig.data if t.yaxis == "y2"]  # panels follow reported.REPORTED_MEASURES: cars second
    bands = [t for t in cars_panel if t.fill == "toself"]
    # 1 April: nothing or the car tariff; from 2 April, the baseline with or without it; to 5 May.
    assert [(min(b.y), max(b.y)) for b in bands] == [(0, 25), (10, 35)]
    assert min(pd.to_datetime(bands[0].x)) == pd.Timestamp("2025-04-01")
    assert max(pd.to_datetime(bands[-1].x)) == pd.Timestamp("2025-05-05")
    lines = [t for t in cars_panel if t.fill != "toself"]
    unknown = (pd.Timestamp("2025-04-01"), pd.Timestamp("2025-05-04"))
    for line in lines:  # no line crosses the unknown days
        days = pd.to_datetime(pd.Series(line.x))
        assert not ((days > unknown[0]) & (days < unknown[1])).any(), line.name
