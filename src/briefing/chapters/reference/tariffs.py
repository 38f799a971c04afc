"""'What Japanese goods paid' (book/tariffs.md): the duty on each kind of Japanese good on every day
of the record, from the legal texts, and what the news reported checked against it.

Everything the page states is computed here; the page is prose with glued values, the tables and
the charts.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from ... import data, law
from ...law import reported
from .. import charts, style, tables
from ..front import EXAMPLE_NORMAL_DUTY, THEN
from ..glue import day, glue, percent
from . import common

# Rows this page relies on, by table: a renamed or deleted row fails the check, naming it.
RELIED_ON = {
    "tariff_measures": ["steel-232-25", "aluminum-232-10", "steel-232-50", "parts-232-25"],
    "discrepancies": ["14-or-24"],
    "fact_checks": ["japan-rate-14"],
}
# The last day the articles of spring 2025 are read for (the chart of what they reported ends then).
REPORTED_END = dt.date(2025, 5, 31)
VERDICT_WORDS = {"confirmed": "confirmed", "partly-confirmed": "partly right", "corrected": "corrected",
                 "not-settled": "not settled"}
# Families whose normal duty differs from one product to the next: the chart draws the worked example.
EXAMPLE_FAMILIES = ("auto-parts", "other-goods")
CHARGED_WORDS = {"normal-duty": "normal duty", "on-top": "on top", "all-in": law.BASIS_TOTAL}


def relied_on_problems(data_dir=None) -> list[str]:
    return common.relied_on_problems(RELIED_ON, "book/tariffs.md", "src/briefing/chapters/reference/tariffs.py", data_dir)


def glue_page() -> dict:
    """Glue every value the page's prose shows; return what the page's cells reuse."""
    sources = data.sources()
    checks = data.load("fact_checks")
    reports = data.load("reported_tariffs")
    the_law = law.load_law()
    by_id = {m.measure_id: m for m in the_law.measures}

    # The law's chart runs from its first day (law.CHART_START) to the date the record reaches (the latest source).
    record_end = data.record_end(sources)
    first_day = law.CHART_START
    glue("law-record-end", day(record_end))
    glue("law-unknown-spans", "; ".join(_unknown_spans(the_law.daily(first_day, record_end))))
    # The chart on one basis, the whole duty: for the families whose normal duty differs from one
    # product to the next, the worked example's (front.EXAMPLE_NORMAL_DUTY), as on the front page.
    example = the_law
    for product in EXAMPLE_FAMILIES:
        example = example.with_normal_duty(product, EXAMPLE_NORMAL_DUTY)
    glue("law-example-normal", percent(EXAMPLE_NORMAL_DUTY))
    final, charged = (_example_labels(example.daily(first_day, record_end, view)) for view in law.VIEWS)

    car = the_law.duty("cars", THEN)
    glue("car-may1-day", day(THEN))
    glue("car-may1-rate", percent(car.rate))
    glue("car-may1-parts", car.parts)
    car_232 = next(m for m in car.applied if m.family == "section-232-autos")
    normal = next(m for m in car.applied if m.charged_as == "normal-duty")
    left_out, rule = car.excluded[0]
    glue("car-232-rate", percent(car_232.rate))
    glue("car-232-name", car_232.name)
    glue("car-232-start", day(car_232.starts))
    glue("car-232-cite", tables.citation_text(car_232.source_id, car_232.locator, car_232.read_in))
    glue("car-normal-rate", percent(normal.rate))
    glue("car-normal-cite", tables.citation_text(normal.source_id, normal.locator, normal.read_in))
    glue("car-left-out", f"{percent(left_out.rate)} {left_out.name}")
    glue("car-rule", tables.citation_text(rule.source_id, rule.locator, rule.read_in))
    # What the articles' wording suggests: the car tariff added to the baseline ("an additional 25%").
    as_reported = reported.daily(reports, sources, first_day, REPORTED_END)
    glue("car-reported", percent(reported.on(as_reported, "cars", REPORTED_END)["rate"]))
    car_reported = reported.resolve(reports, sources)["automobiles"]
    glue("car-reported-could", car_reported.possible_when)
    glue("car-reported-could-said", car_reported.possible_said)
    glue("car-reported-by", day(car_reported.confirmed_from))

    # The baseline, Japan's own rate for one day, the pause: each from the day its measure started.
    baseline, own, paused = (by_id[m].starts for m in ("reciprocal-10-all", "reciprocal-24-japan", "reciprocal-10-paused"))
    glue("other-apr5", percent(the_law.duty("other-goods", baseline).rate))
    glue("other-apr5-from", day(baseline))
    glue("other-apr9", percent(the_law.duty("other-goods", own).rate))
    glue("other-apr9-day", day(own))
    glue("other-apr10", percent(the_law.duty("other-goods", paused).rate))
    glue("other-apr10-from", day(paused))
    steel = by_id["steel-232-25"]
    glue("aluminum-before", percent(by_id["aluminum-232-10"].rate))
    glue("steel-rate", percent(steel.rate))
    glue("steel-start", day(steel.starts))
    glue("steel-later", percent(by_id["steel-232-50"].rate))
    glue("steel-later-start", day(by_id["steel-232-50"].starts))
    parts = by_id["parts-232-25"]
    glue("parts-rate", percent(parts.rate))
    glue("parts-start", day(parts.starts))
    verdicts = checks["verdict"].value_counts()
    glue("n-checks", len(checks))
    glue("n-corrected", int(verdicts.get("corrected", 0)))
    return {"final": final, "charged": charged, "car": car, "as_reported": as_reported, "checks": checks}


def _example_labels(daily: pd.DataFrame) -> pd.DataFrame:
    """Name the example families' panels for the example ('Other goods, normal duty 8%')."""
    named = {law.product_label(p): f"{law.product_label(p)}, normal duty {percent(EXAMPLE_NORMAL_DUTY)}" for p in EXAMPLE_FAMILIES}
    return daily.assign(label=daily["label"].replace(named))


def _unknown_spans(final: pd.DataFrame) -> list[str]:
    """The spans no document covers (duties, rule 5), as the chart shades them: category and days."""
    unknown = final[final["rate"].isna()]
    spans = []
    for label, rows in unknown.groupby("label", sort=False):
        breaks = rows["day"].diff().dt.days.ne(1).cumsum()
        spans += [f"{label.lower()} from {day(s['day'].min())} to {day(s['day'].max())}" for _, s in rows.groupby(breaks)]
    return spans


def duty_chart(page: dict) -> go.Figure:
    """The duty on each kind of Japanese good, day by day, as finally applied and as first charged."""
    final = page["final"]
    fig = charts.duty_steps(final, page["charged"])
    lines = []
    for label, rows in law.changes(final).groupby("label", sort=False):
        steps = ", ".join(law.step_text(r) for r in rows.itertuples())
        lines.append(f"{label}: {steps}")
    style.describe(fig, "Step chart of the US duty on Japanese goods by product category, from the legal texts. "
                   + "; ".join(lines) + ".")
    return fig


def car_table(page: dict) -> tables.HtmlTable:
    """The duty on a Japanese car on 1 May 2025, part by part, with the duty that did not apply."""
    car = page["car"]
    rows = pd.DataFrame(
        [{"duty": m.name, "rate": percent(m.rate), "applies": "yes", "source_id": m.source_id, "locator": m.locator,
          "read_in": m.read_in} for m in car.applied]
        + [{"duty": m.name, "rate": percent(m.rate), "applies": "no: " + r.summary[0].lower() + r.summary[1:],
            "source_id": r.source_id, "locator": r.locator, "read_in": r.read_in} for m, r in car.excluded])
    return tables.table(rows, {"duty": "Duty", "rate": "Rate", "applies": "Applies?"}, quote=None,
                        caption="The duty on a Japanese car on 1 May 2025, part by part")


def _rate_charged(row) -> str:
    """The rate with how it is charged: '25% on top' (one column instead of two, so the table fits)."""
    return "not documented" if pd.isna(row.rate_percent) else f"{percent(row.rate_percent)} {CHARGED_WORDS[row.charged_as]}"


def _in_force(row) -> str:
    """When the measure applied: '12 March 2025 until 4 June 2025' (until its first day no longer in force)."""
    if not isinstance(row.starts, str):
        return "before March 2025, no end set" if not isinstance(row.ends, str) else f"before March 2025 until {day(row.ends[:10])}"
    if not isinstance(row.ends, str):
        return f"from {day(row.starts[:10])}, no end set"
    return f"{day(row.starts[:10])} until {day(row.ends[:10])}"


def _charged_on(the_law: law.Law, measure_id: str) -> str:
    """The families a measure was charged on on its first day, after the rules on what stacks:
    the reciprocal duty names other goods, not the cars and metals its order also lists."""
    measure = the_law.measure(measure_id)
    when = measure.starts or law.CHART_START
    view = "as-charged" if measure.view == "as-charged" else "as-finally-applied"
    charged = [p for p in sorted(measure.products, key=list(law.PRODUCTS).index)
               if any(m.measure_id == measure_id for m in the_law.duty(p, when, view).applied)]
    if not measure.documented:
        return law.products_in_words(charged or measure.products)
    return law.products_in_words(charged) if charged else "none of these families (left out by the stacking rules)"


def measures_table() -> tables.HtmlTable:
    """Every US measure: each law's measures together and in the order they started; laws in the
    order of their first measure."""
    measures = data.load("tariff_measures")
    the_law = law.load_law()
    first_start = measures.groupby("family")["starts"].transform("min").fillna("")
    in_order = measures.assign(first_start=first_start).sort_values(["first_start", "family", "starts"], na_position="first")
    shown = in_order.assign(
        rate=[_rate_charged(r) for r in in_order.itertuples()],
        covers=[_charged_on(the_law, m) for m in in_order["measure_id"]],
        span=[_in_force(r) for r in in_order.itertuples()],
    )
    return tables.table(shown, {"name": "Measure", "authority": "Law", "rate": "Rate", "covers": "Charged on", "span": "In force"},
                        quote=None, caption="US duties on Japanese goods, from the legal texts")


def rules_table() -> tables.HtmlTable:
    """Which duties do not stack."""
    return tables.table(data.load("stacking_rules"), {"summary": "Rule"}, quote=None,
                        caption="Stacking rules from the legal texts")


def reported_chart(page: dict) -> go.Figure:
    """The rates as the articles of March to May 2025 reported them."""
    as_reported = page["as_reported"]
    fig = charts.tariff_steps(as_reported)
    lines = []
    for category in reported.REPORTED_MEASURES:
        rows = as_reported[as_reported["category"] == category]
        state = rows[["low", "high"]]
        changes = rows[state.ne(state.shift()).any(axis=1)]
        steps = ", ".join((f"{r.rate:g}%" if r.known else f"{r.low:g}% or {r.high:g}% (start of a tariff not reported)")
                          + f" from {r.day:%-d %B %Y}" for r in changes.itertuples() if r.high)
        lines.append(f"{law.product_label(category)}: {steps or 'no measure'}")
    style.describe(fig, "Step chart of the tariff rates as the articles reported them. " + "; ".join(lines) + ".")
    return fig


def fact_check_table(page: dict) -> tables.HtmlTable:
    """The articles' claims, each with its verdict and what the legal texts say."""
    checks = page["checks"]
    checked = checks.assign(verdict_text=checks["verdict"].map(VERDICT_WORDS))
    return tables.table(checked, {"claim": "The article said", "verdict_text": "Verdict", "finding": "What the legal texts say"},
                        citations=[("article_id", "article_quote", None), ("source_id", None, "locator"),
                                   ("also_source_id", None, "also_locator")],
                        caption="Claims in the archived articles, checked against the legal texts")


def glue_fourteen_or_24(page: dict) -> None:
    """Glue the two rates the articles give for Japan and the legal texts' finding."""
    d = data.load("discrepancies").set_index("discrepancy_id").loc["14-or-24"]
    glue("d1424-quote-a", d["quote_a"])
    glue("d1424-quote-b", d["quote_b"])
    glue("d1424-finding", page["checks"].set_index("check_id").loc["japan-rate-14", "finding"])
