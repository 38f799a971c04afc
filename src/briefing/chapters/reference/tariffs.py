"""'What Japanese goods paid' (book/tariffs.md): the duty on each kind of Japanese good on every day
of the record, from the legal texts, and what the news reported checked against it.

Everything the page states is computed here; the page is prose with glued values, the tables and
the charts.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ... import data, law
from ...law import reported
from .. import charts, style, tables
from ..front import EXAMPLE_NORMAL_DUTY, THEN
from ..glue import amount, day, glue, percent
from . import common

# Rows this page relies on, by table: a renamed or deleted row fails the check, naming it.
RELIED_ON = {
    "tariff_measures": ["steel-232-25", "aluminum-232-10", "steel-232-50", "parts-232-25"],
    "discrepancies": ["14-or-24"],
    "fact_checks": ["japan-rate-14"],
    "indicators": ["steel-quota-japan-tonnes", "steel-quota-japan-above"],
}
VERDICT_WORDS = {"confirmed": "confirmed", "partly-confirmed": "partly right", "corrected": "corrected",
                 "not-settled": "not settled"}
# Families whose normal duty differs from one product to the next: the chart draws the worked example.
EXAMPLE_FAMILIES = ("auto-parts", "other-goods")
# The two charts, one basis each: the whole duty, normal duty included (cars with their own normal
# duty, the example families with the example's), and the metals, whose normal duty the record
# does not hold, on top of it. The axis says which; the panel titles say it again.
IN_ALL = ("cars", "auto-parts", "other-goods")
ON_TOP = ("steel", "aluminum")
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
    # The first chart on one basis, the whole duty: for the families whose normal duty differs from
    # one product to the next, the worked example's (front.EXAMPLE_NORMAL_DUTY), as on the front page.
    example = the_law
    for product in EXAMPLE_FAMILIES:
        example = example.with_normal_duty(product, EXAMPLE_NORMAL_DUTY)
    glue("law-example-normal", percent(EXAMPLE_NORMAL_DUTY))
    final, charged = (_panel_titles(example.daily(first_day, record_end, view)) for view in law.VIEWS)

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
    # When the articles had the car tariff start: none gives the day (briefing.law.reported, rule 2).
    car_reported = reported.resolve(reports, sources)["automobiles"]
    if car_reported.starts != car_reported.confirmed_from or not car_reported.possible_when:
        raise ValueError("book/tariffs.md says no article gives the day the car duty began, only that it could take "
                         "effect; reported_tariffs.csv now dates it: reword the paragraph of the fact check")
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
    # Japanese steel before 12 March 2025: the 2022 quota's terms, which give no single rate for a day.
    quota = data.load("indicators").set_index("indicator_id")
    glue("steel-quota-tonnes", amount(quota.loc["steel-quota-japan-tonnes", "value"], "count"))
    glue("steel-quota-above", percent(quota.loc["steel-quota-japan-above", "value"]))
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
    glue("n-partly", int(verdicts.get("partly-confirmed", 0)))
    return {"final": final, "charged": charged, "car": car, "checks": checks}


def _panel_titles(daily: pd.DataFrame) -> pd.DataFrame:
    """Each panel's title with its basis: 'Car parts, in all (normal duty 8%)' for the example
    families, 'Steel, on top of the normal duty' for the metals."""
    example = f"in all (normal duty {percent(EXAMPLE_NORMAL_DUTY)})"
    titles = {p: f"{law.product_label(p)}, {example if p in EXAMPLE_FAMILIES else 'in all'}" for p in IN_ALL}
    titles |= {p: f"{law.product_label(p)}, {law.BASIS_ADDITIONAL}" for p in ON_TOP}
    return daily.assign(label=daily["category"].map(titles).fillna(daily["label"]))


def _unknown_spans(final: pd.DataFrame) -> list[str]:
    """The spans no document covers (duties, rule 5), as the charts mark them: category and days."""
    unknown = final[final["rate"].isna()]
    spans = []
    for category, rows in unknown.groupby("category", sort=False):
        breaks = rows["day"].diff().dt.days.ne(1).cumsum()
        spans += [f"{law.product_label(category).lower()} from {day(s['day'].min())} to {day(s['day'].max())}"
                  for _, s in rows.groupby(breaks)]
    return spans


def _steps_chart(page: dict, products: tuple[str, ...], axis_title: str, what: str) -> go.Figure:
    """The duty on these families, day by day, as finally applied and, dotted, as first charged
    where that differed; on one basis (charts.duty_steps refuses two)."""
    final, charged = (page[view][page[view]["category"].isin(products)].reset_index(drop=True) for view in ("final", "charged"))
    same = final["rate"].eq(charged["rate"]) | (final["rate"].isna() & charged["rate"].isna())
    fig = charts.duty_steps(final, None if same.all() else charged, axis_title=axis_title)
    lines = []
    for label, rows in law.changes(final).groupby("label", sort=False):
        steps = ", ".join(law.step_text(r) for r in rows.itertuples())
        lines.append(f"{label}: {steps}")
    reported = [f"{trace.meta}: {trace.y[0]:g}%, {trace.name}" for trace in fig.data if trace.name and "as reported" in trace.name]
    dashed = f" Dashed, apart from the law's line: {'; '.join(reported)}." if reported else ""
    style.describe(fig, f"Step chart of {what}, from the legal texts. " + "; ".join(lines) + "." + dashed)
    return fig


def duty_chart(page: dict) -> go.Figure:
    """The whole duty, normal duty included, on cars, car parts and other goods (the example's)."""
    return _steps_chart(page, IN_ALL, "in all", "the whole US duty on Japanese cars, car parts and other goods, "
                        f"normal duty included (for car parts and other goods, a good whose normal duty is "
                        f"{percent(EXAMPLE_NORMAL_DUTY)})")


def metals_chart(page: dict) -> go.Figure:
    """Steel and aluminum: the duty on top of their normal duty, which the record does not hold."""
    return _steps_chart(page, ON_TOP, "on top", "the US duty on Japanese steel and aluminum on top of their normal duty")


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
