"""'How Japan's deal compares' (book/deal.md, briefing.chapters.reference.comparison): the table of
Japan's deal beside the EU's, South Korea's and the UK's, built from the data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from briefing import data
from briefing.chapters import tables
from briefing.chapters.reference import comparison
from briefing.data.validate import validate

DATA = Path(__file__).resolve().parents[1] / "book" / "data"


def test_one_row_per_partner_japan_first_each_term_from_its_row():
    frame = comparison.comparison_frame()
    assert list(frame["partner"]) == comparison.PARTNERS
    japan = frame.set_index("partner").loc["Japan"]
    measures = data.load("tariff_measures").set_index("measure_id")
    # Japan's terms are read from the law's rows, not typed again.
    assert japan["most-goods"].startswith(f"{measures.loc['reciprocal-15-japan-all-in', 'rate_percent']:g}% all in")
    assert japan["cars_source_id"] == measures.loc["cars-232-15", "source_id"]
    assert japan["investment"].startswith("US$550 billion")


def test_every_shown_term_cites_its_source_and_a_missing_term_says_so():
    frame = comparison.comparison_frame().set_index("partner")
    for partner, row in frame.iterrows():
        for term in comparison.TERMS:
            if row[term] == comparison.NONE_FOUND:
                assert pd.isna(row[f"{term}_source_id"]), (partner, term)
            else:
                assert row[f"{term}_source_id"] and row[f"{term}_locator"], (partner, term)
    assert frame.loc["United Kingdom", "investment"] == comparison.NONE_FOUND


def test_a_quota_is_shown_with_the_rate_it_limits():
    uk_cars = comparison.comparison_frame().set_index("partner").loc["United Kingdom", "cars"]
    assert uk_cars.startswith("10% all in, within a quota of 100,000 cars a year")


def test_a_partner_the_table_does_not_show_fails(monkeypatch):
    real = data.load

    def load(name, *args, **kwargs):
        frame = real(name, *args, **kwargs)
        if name == "comparable_deals":
            frame = frame.assign(partner=frame["partner"].replace({"South Korea": "Taiwan"}))
        return frame

    monkeypatch.setattr(comparison.data, "load", load)
    with pytest.raises(ValueError, match="Taiwan"):
        comparison.terms()


def test_the_table_cites_every_term_in_column_order():
    markup = comparison.comparison_table().markup
    assert markup.count("<tr>") == 1 + len(comparison.PARTNERS)
    korea = markup.split("<tr>")[1 + 1 + comparison.PARTNERS.index("South Korea")]
    # Most goods, then cars (the Federal Register notice), then the investment (the joint fact sheet).
    assert korea.index("FR Doc. 2025-21940") < korea.index("Joint Fact Sheet")


def test_the_new_table_is_validated_like_the_others(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "comparable_deals.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame["term_id"] == "kr-cars", "locator"] = ""
    frame.loc[frame["term_id"] == "uk-cars", "basis"] = "stacked"
    frame.to_csv(path, index=False, lineterminator="\n")
    problems = [str(p) for p in validate(tmp_path / "data")]
    assert any("comparable_deals.csv" in p and "'locator'" in p and "pinpoint locator" in p for p in problems), problems
    assert any("comparable_deals.csv" in p and "'basis'" in p for p in problems), problems


def test_a_clause_in_a_locator_is_not_taken_for_a_note_in_brackets():
    assert tables.located("sec. 2(a)", "a law firm's reading") == "sec. 2(a) (read in a law firm's reading)"
    assert tables.located("sec. 1 (new end of the pause)", "a verbatim copy") == "sec. 1 (new end of the pause; read in a verbatim copy)"
