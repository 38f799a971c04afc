"""'How Japan's deal compares', a section of 'The deal and after' (book/deal.md): Japan's terms
beside the deals the United States struck with the European Union, South Korea and the United
Kingdom in 2025.

The other partners' terms are rows of ``comparable_deals``, each cited; Japan's own come from the
rows that already hold them (the law's measures and the pledge among the figures), so no term of
Japan's deal is recorded twice. ``glue_page`` glues what the section's prose shows and
``comparison_table`` draws its table.
"""

from __future__ import annotations

import pandas as pd

from ... import data
from .. import tables
from ..glue import amount, day, glue, percent
from . import common

JAPAN = "Japan"
PARTNERS = [JAPAN, "European Union", "South Korea", "United Kingdom"]
# The columns of the table, one term each, and their headers.
TERMS = {"most-goods": "Most goods", "cars": "Cars", "investment": "Investment pledged"}
# A rate's basis in the words the pages use for the two ways of charging.
BASIS = {"all-in": "all in", "on-top": "on top of the normal duty"}
# Japan's terms, from the rows that hold them: (table, row id) by term.
JAPAN_ROWS = {"most-goods": ("tariff_measures", "reciprocal-15-japan-all-in"),
              "cars": ("tariff_measures", "cars-232-15"),
              "investment": ("indicators", "investment-pledge-550")}
# The other partners' rows the prose cites by name.
PROSE_ROWS = ["eu-most-goods", "kr-most-goods", "kr-cars", "kr-investment", "uk-most-goods", "uk-cars", "uk-car-quota",
              "eu-investment"]
RELIED_ON = {"tariff_measures": [row for table, row in JAPAN_ROWS.values() if table == "tariff_measures"],
             "indicators": ["investment-pledge-550"], "comparable_deals": PROSE_ROWS,
             "events": ["new-country-rates-order", "uk-deal"], "sources": ["fr-2025-21940"]}
NONE_FOUND = "none in the sources we hold"
PREFIX = "compare"


def relied_on_problems(data_dir=None) -> list[str]:
    return common.relied_on_problems(RELIED_ON, "book/deal.md (How Japan's deal compares)",
                                     "src/briefing/chapters/reference/comparison.py", data_dir)


def _japan_terms() -> pd.DataFrame:
    """Japan's terms in the columns of ``comparable_deals``, from the rows that hold them."""
    measures = data.load("tariff_measures").set_index("measure_id")
    indicators = data.load("indicators").set_index("indicator_id")
    rows = []
    for term in ("most-goods", "cars"):
        m = measures.loc[JAPAN_ROWS[term][1]]
        rows.append({"partner": JAPAN, "term": term, "value": m["rate_percent"], "unit": "percent",
                     "basis": m["charged_as"], "condition": f"from {day(m['starts'][:10])}",
                     "source_id": m["source_id"], "locator": m["locator"], "read_in": m["read_in"],
                     "also_source_id": m["also_source_id"], "also_locator": m["also_locator"]})
    pledge = indicators.loc[JAPAN_ROWS["investment"][1]]
    rows.append({"partner": JAPAN, "term": "investment", "value": pledge["value"], "unit": pledge["unit"], "basis": None,
                 "condition": pledge["period"], "source_id": pledge["source_id"], "locator": pledge["locator"],
                 "read_in": None, "also_source_id": pledge["also_source_id"], "also_locator": pledge["also_locator"],
                 "single_sourced": pledge["single_sourced"]})
    return pd.DataFrame(rows)


def terms() -> pd.DataFrame:
    """Every partner's terms, one row per term, Japan's first."""
    others = data.load("comparable_deals")
    unknown = set(others["partner"]) - set(PARTNERS)
    if unknown:
        raise ValueError(f"comparable_deals names partners the comparison does not show: {sorted(unknown)}")
    return pd.concat([_japan_terms(), others], ignore_index=True)


def _given(value) -> bool:
    return isinstance(value, str) and bool(value)


def term_text(row, quota=None) -> str:
    """One term as the table shows it: '15% all in; from 1 November 2025',
    'US$350 billion; US$150 billion in shipbuilding and …'; a rate limited by a quota (a
    ``car-quota`` row) says so after the rate."""
    rate = row["unit"] == "percent"
    text = f"{percent(row['value'])} {BASIS[row['basis']]}" if rate else amount(row["value"], row["unit"])
    if quota is not None:
        text += f", within a quota of {quota_text(quota['value'])}"
    return f"{text}; {row['condition']}" if _given(row["condition"]) else text


def quota_text(value) -> str:
    """A yearly car quota in words: '100,000 cars a year'."""
    return f"{amount(value, 'count')} cars a year"


def _row(frame: pd.DataFrame, partner: str, term: str):
    found = frame[(frame["partner"] == partner) & (frame["term"] == term)]
    return found.iloc[0] if len(found) else None


def comparison_frame() -> pd.DataFrame:
    """One row per partner: each term in words, and the citations of each in the Source column."""
    frame = terms()
    rows = []
    for partner in PARTNERS:
        shown = {"partner": partner}
        for term in TERMS:
            row = _row(frame, partner, term)
            quota = _row(frame, partner, "car-quota") if term == "cars" else None
            shown[term] = term_text(row, quota) if row is not None else NONE_FOUND
            for column in ("source_id", "locator", "read_in", "also_source_id", "also_locator"):
                shown[f"{term}_{column}"] = row[column] if row is not None and _given(row[column]) else None
        rows.append(shown)
    return pd.DataFrame(rows)


def comparison_table() -> tables.HtmlTable:
    """Japan's deal beside the EU's, South Korea's and the UK's: the rate on most goods, on cars,
    and the investment pledged, each term cited in the Source column in that order."""
    frame = comparison_frame()
    citations = []
    for term in TERMS:
        citations += [(f"{term}_source_id", None, f"{term}_locator"), (f"{term}_also_source_id", None, f"{term}_also_locator")]
    # Columns named '<term>_read_in' are found from '<term>_locator' (tables.read_in_column);
    # the second sources are cited without one, as everywhere.
    return tables.table(frame, {"partner": "Partner"} | TERMS, citations=citations,
                        caption="Japan's deal beside the other partners' deals of 2025, as the legal texts and reports state them")


def glue_page() -> dict:
    """Glue every value the section's prose shows; return the terms for the table."""
    frame = terms()
    japan, korea = _row(frame, JAPAN, "investment"), _row(frame, "South Korea", "investment")
    eu_invest = _row(frame, "European Union", "investment")
    values = {
        "japan-from": _row(frame, JAPAN, "most-goods")["condition"].removeprefix("from "),
        "eu-rate": percent(_row(frame, "European Union", "most-goods")["value"]),
        "kr-rate": percent(_row(frame, "South Korea", "most-goods")["value"]),
        "kr-notice": day(data.sources().set_index("source_id").loc["fr-2025-21940", "published"]),
        "uk-rate": percent(_row(frame, "United Kingdom", "most-goods")["value"]),
        "uk-car-rate": percent(_row(frame, "United Kingdom", "cars")["value"]),
        "uk-quota": quota_text(_row(frame, "United Kingdom", "car-quota")["value"]),
        "japan-invest": amount(japan["value"], japan["unit"]),
        "kr-invest": amount(korea["value"], korea["unit"]),
        "japan-vs-kr": "larger" if japan["value"] > korea["value"] else "smaller",
        "eu-invest": amount(eu_invest["value"], eu_invest["unit"]),
        "eu-invest-who": eu_invest["condition"],
    }
    for key, value in values.items():
        glue(f"{PREFIX}-{key}", value)
    return {"terms": frame}
