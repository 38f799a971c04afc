"""Numbers in the prose are formatted once, in briefing.chapters.glue, and never lose a decimal."""

from briefing.chapters.glue import number, percent


def test_percent_keeps_the_decimals_a_rate_has():
    assert percent(2.5) == "2.5%" and percent(27.5) == "27.5%", "2.5% must never print as 3%"
    assert percent(10) == "10%" and percent(24.0) == "24%"
    assert percent(-0.2, 1) == "−0.2%"


def test_number_uses_a_thousands_separator_and_a_real_minus():
    assert number(550000) == "550,000" and number(-45.1) == "−45.1"
