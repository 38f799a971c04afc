"""'The deal and after' (book/deal.md): the framework of July 2025, how it became law, the duty on
Japanese goods when the Supreme Court ended the IEEPA duties, the surcharge that followed, and the
figures of the deal.

Everything the page states is computed here; the page is prose with glued values and the tables.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ... import data, law
from .. import charts, tables
from ..glue import count, day, glue, percent
from . import common

# Rows this page relies on, by table: a renamed or deleted row fails the check, naming it.
RELIED_ON = {
    "tariff_measures": ["reciprocal-15-japan", "reciprocal-15-japan-all-in", "cars-232-15", "reciprocal-15-japan-charged",
                        "undocumented-1-6-august-2025", "reciprocal-10-paused", "surcharge-122-10"],
    "discrepancies": ["surcharge-rate"],
    "events": ["framework-announced", "ieepa-collection-ends"],
    "sources": ["eo-14345", "scotus-ieepa-2026"],
}
# The orders that put the framework into law: their measures are the framework's duties.
FRAMEWORK_ORDERS = ["eo-14326", "eo-14345"]


def relied_on_problems(data_dir=None) -> list[str]:
    return common.relied_on_problems(RELIED_ON, "book/deal.md", "src/briefing/chapters/reference/deal.py", data_dir)


def glue_page() -> dict:
    """Glue every value the page's prose shows; return what the page's cells reuse."""
    sources = data.sources()
    positions = data.load("positions")
    discrepancies = data.load("discrepancies").set_index("discrepancy_id")
    events = data.load("events", rows=RELIED_ON["events"]).set_index("event_id")
    the_law = law.load_law()
    by_id = {m.measure_id: m for m in the_law.measures}
    documents = sources.set_index("source_id")
    as_of = data.record_end(sources)
    glue("deal-as-of", day(as_of))

    glue("deal-announced-us", events.loc["framework-announced", "date_label"])
    glue("deal-eo", documents.loc["eo-14345", "identifier"])
    glue("deal-eo-signed", day(documents.loc["eo-14345", "signed"]))
    glue("deal-rate", percent(by_id["reciprocal-15-japan"].rate))
    glue("deal-retro-from", day(by_id["reciprocal-15-japan-all-in"].starts))
    car_deal = by_id["cars-232-15"]
    glue("deal-car-rate", percent(car_deal.rate))
    glue("deal-car-from", day(car_deal.starts))
    glue("deal-car-before", percent(the_law.duty("cars", "2025-09-15").rate))
    charged = by_id["reciprocal-15-japan-charged"]
    glue("deal-charged-from", day(charged.starts))
    glue("deal-charged-until", day(charged.ends))
    gap = by_id["undocumented-1-6-august-2025"]  # no document covers these days (duties, rule 5)
    glue("deal-gap-from", day(gap.starts))
    glue("deal-gap-to", day(gap.ends - dt.timedelta(days=1)))
    glue("deal-gap-reported", percent(by_id["reciprocal-10-paused"].rate))  # what reports say was charged meanwhile
    glue("deal-steel-now", percent(the_law.duty("steel", as_of).rate))
    glue("deal-ieepa-end", day(by_id["reciprocal-15-japan"].ends))
    glue("deal-ruling", documents.loc["scotus-ieepa-2026", "identifier"])
    glue("deal-ruling-date", day(documents.loc["scotus-ieepa-2026", "published"]))
    surcharge = by_id["surcharge-122-10"]
    glue("deal-surcharge", percent(surcharge.rate))
    glue("deal-surcharge-from", day(surcharge.starts))
    glue("deal-surcharge-until", day(surcharge.ends))
    glue("deal-surcharge-days", count((surcharge.ends - surcharge.starts).days, "day"))
    other_now = the_law.duty("other-goods", as_of)
    glue("deal-car-now", percent(the_law.duty("cars", as_of).rate))
    glue("deal-other-now", percent(other_now.rate))
    glue("deal-other-now-parts", other_now.parts)
    commitments = positions[positions["stance"] == "commitment"]
    glue("deal-surcharge-announced", discrepancies.loc["surcharge-rate", "resolution"])
    return {"law": the_law, "by_id": by_id, "as_of": as_of, "commitments": commitments, "documents": documents}


def commitments_table(page: dict) -> tables.HtmlTable:
    """Each side's commitments in the framework: who commits, and, in the source column, who says so."""
    commitments = page["commitments"]
    shown = commitments.assign(topic_text=commitments["topic"].str.replace("-", " ")).sort_values(["side", "topic"])
    return tables.table(shown, {"side": "Who commits", "topic_text": "Topic", "summary": "Commitment"},
                        citations=[("source_id", "quote", "locator"), ("also_source_id", None, "also_locator")],
                        caption="Commitments in the US–Japan framework, by who commits; the source says whose account it is")


def framework_duties_table() -> tables.HtmlTable:
    """The duties the orders of the framework set: rate, how charged, which version, from and until."""
    measures = data.load("tariff_measures")
    agreed = measures[measures["instrument_id"].isin(FRAMEWORK_ORDERS)]
    shown = agreed.assign(
        rate=agreed["rate_percent"].map(percent),
        how=agreed["charged_as"].map({"on-top": law.BASIS_ADDITIONAL, "all-in": law.BASIS_TOTAL}),
        # In the words of the duty charts' legends.
        account=agreed["view"].map({"both": "charged, and never changed", "as-charged": charts.FIRST_CHARGED,
                                    "as-finally-applied": charts.FINALLY_APPLIED}),
        from_=agreed["starts"].map(lambda s: day(s[:10])),
        until=agreed["ends"].map(lambda s: day(s[:10]) if isinstance(s, str) else "no end set"),
    )
    return tables.table(shown, {"name": "Duty", "rate": "Rate", "how": "Charged", "account": "Version", "from_": "From",
                                "until": "Until"},
                        quote=None, caption="The US duties on Japanese goods set under the framework")


def glue_metals() -> None:
    """Glue the duty on steel and aluminum now, the day it reached that rate (a later document that
    only recast how it is charged, at the same rate, does not restart it), and its citation."""
    measures = data.load("tariff_measures")
    metals = measures[measures["family"].isin(["section-232-steel", "section-232-aluminum"])].dropna(subset=["starts"])
    steel = metals[metals["family"] == "section-232-steel"].sort_values("starts")
    latest = steel.iloc[-1]
    same_rate = steel[steel["rate_percent"] == latest["rate_percent"]]
    first = same_rate.iloc[0]  # the run of rows at today's rate, each ending where the next starts
    for earlier, later in zip(same_rate.iloc[:-1].itertuples(), same_rate.iloc[1:].itertuples()):
        if earlier.ends != later.starts:
            first = same_rate.loc[later.Index]
    glue("deal-metal-rate", percent(latest["rate_percent"]))
    glue("deal-metal-from", day(first["starts"][:10]))
    glue("deal-metal-cite", tables.citation_text(first["source_id"], first["locator"], first["read_in"]))


def surcharge_exclusions_table() -> tables.HtmlTable:
    """What the 2026 surcharge does not apply to, heading by heading."""
    return common.surcharge_exclusions_table("What the 2026 surcharge does not apply to")


def duty_by_product_table(page: dict) -> tables.HtmlTable:
    """The duty on each kind of Japanese good on the date of our latest source."""
    rows = []
    for category, label in law.PRODUCTS.items():
        duty = page["law"].duty(category, page["as_of"])
        since = duty.since
        rows.append({"product": label, "rate": percent(duty.rate), "basis": duty.basis, "parts": duty.parts,
                     "since": day(since) if since else "before March 2025",
                     "source_id": ";".join(dict.fromkeys(m.source_id for m in duty.applied))})
    return tables.table(pd.DataFrame(rows), {"product": "Product", "rate": "Duty", "basis": "Counted as", "parts": "Made of",
                                             "since": "In force since"},
                        quote=None, caption="Duty on Japanese goods on the date of our latest source")


def figures_table(page: dict) -> tables.HtmlTable:
    """The figures of the deal itself: the pledge, the purchases, the projects, the split of returns."""
    later = common.later_figures(page["documents"])
    return common.figures_table(later[later["topic"] == "deal"], "Figures of the deal and its investment projects, with their periods")
