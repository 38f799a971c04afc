"""Numbers in the prose are formatted once, in briefing.chapters.glue, and never lose a decimal."""

import pytest

from briefing.chapters.glue import amount, number, percent, period_in_words


def test_percent_keeps_the_decimals_a_rate_has():
    assert percent(2.5) == "2.5%" and percent(27.5) == "27.5%", "2.5% must never print as 3%"
    assert percent(10) == "10%" and percent(24.0) == "24%"
    assert percent(-0.2, 1) == "−0.2%"


def test_number_uses_a_thousands_separator_and_a_real_minus():
    assert number(550000) == "550,000" and number(-45.1) == "−45.1"


def test_a_figure_is_written_as_readers_write_it():
    assert amount(550, "usd-billion") == "US$550 billion"
    assert amount(8, "usd-billion-per-year") == "US$8 billion a year"
    assert amount(17, "usd-billion-per-year", approximate=True) == "about US$17 billion a year"
    assert amount(5.6, "yen-trillion") == "¥5.6 trillion"
    assert amount(-0.2, "percent") == "−0.2%"
    assert amount(39, "seats") == "39 seats" and amount(1, "years") == "1 year"
    assert [amount(n, "rank") for n in (1, 2, 3, 4, 11, 22)] == ["1st", "2nd", "3rd", "4th", "11th", "22nd"]
    assert amount(100, "count") == "100"
    assert period_in_words("2025-Q1") == "first quarter of 2025" and period_in_words("per year") == "per year"


def test_a_unit_with_no_written_form_is_refused_with_where_to_add_it():
    with pytest.raises(ValueError, match="add it to briefing.chapters.glue.amount"):
        amount(3, "furlongs")
