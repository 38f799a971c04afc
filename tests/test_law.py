"""The duty engine on dated cases taken from the legal documents in the data.

Each expected value is what the cited documents set for that day (see tariff_measures.csv):
the Section 232 proclamations, EO 14257 and its Annex I, EO 14266's pause, and the normal duty
on cars stated in EO 14309. A change to the data or the stacking rules that breaks one of these
readings of the law fails here."""

from __future__ import annotations

import pandas as pd
import pytest

from briefing import data, law
from briefing.chapters import charts

LAW = law.load_law()
MEASURES, RULES = list(LAW.measures), list(LAW.rules)


def on(category, day, view="as-finally-applied"):
    return LAW.duty(category, day, view)


def test_a_car_on_1_may_2025_paid_the_normal_duty_and_the_car_duty_only():
    duty = on("cars", "2025-05-01")
    assert duty.rate == 27.5 and duty.basis == law.BASIS_TOTAL
    assert [m.measure_id for m in duty.applied] == ["mfn-cars", "cars-232-25"]
    excluded, rule = duty.excluded[0]
    assert excluded.family == "reciprocal" and rule.source_id == "eo-14257", "the 10% yields to the car duty"


def test_other_goods_paid_japans_annex_rate_on_9_april_and_the_paused_rate_on_10_april():
    assert on("other-goods", "2025-04-04").rate == 0, "nothing before the 10% started on 5 April"
    assert on("other-goods", "2025-04-05").rate == 10
    assert on("other-goods", "2025-04-09").rate == 24
    assert on("other-goods", "2025-04-10").rate == 10
    assert on("other-goods", "2025-04-10").basis == law.BASIS_ADDITIONAL, "normal duty unknown for other goods"


def test_steel_on_1_may_2025_paid_the_steel_duty_and_not_the_reciprocal_duty():
    duty = on("steel", "2025-05-01")
    assert duty.rate == 25 and [m.measure_id for m in duty.applied] == ["steel-232-25"]
    assert on("steel", "2025-06-04").rate == 50


def test_car_parts_paid_the_reciprocal_duty_until_the_parts_duty_replaced_it_on_3_may():
    assert [m.family for m in on("auto-parts", "2025-05-02").applied] == ["reciprocal"]
    assert [m.family for m in on("auto-parts", "2025-05-03").applied] == ["section-232-auto-parts"]


def test_a_measure_applies_from_its_start_day_and_not_on_its_end_day():
    japan = next(m for m in MEASURES if m.measure_id == "reciprocal-24-japan")
    assert japan.in_force(japan.starts) and not japan.in_force(japan.ends)


def test_all_in_rates_bring_the_total_up_to_the_rate_and_no_further():
    base = dict(family="reciprocal", view="both", starts_at=None, ends_at=None, source_id="x", locator="y", products=frozenset({"cars"}))
    normal = law.Measure("n", **{**base, "family": "mfn"}, name="normal duty", rate=2.5, charged_as="normal-duty")
    all_in = law.Measure("a", **base, name="all-in duty", rate=15, charged_as="all-in")
    assert law.duty_on([normal, all_in], [], "cars", "2025-09-16").rate == 15
    high = law.Measure("h", **{**base, "family": "mfn"}, name="normal duty", rate=20, charged_as="normal-duty")
    assert law.duty_on([high, all_in], [], "cars", "2025-09-16").rate == 20
    assert law.duty_on([all_in], [], "cars", "2025-09-16").basis == law.BASIS_ALL_IN


def test_views_keep_what_was_charged_apart_from_what_was_finally_applied():
    base = dict(family="reciprocal", products=frozenset({"other-goods"}), starts_at=None, ends_at=None, source_id="x", locator="y")
    charged = law.Measure("c", **base, name="duty as charged", rate=15, charged_as="on-top", view="as-charged")
    final = law.Measure("f", **base, name="duty as corrected", rate=15, charged_as="all-in", view="as-finally-applied")
    assert law.duty_on([charged, final], [], "other-goods", "2025-08-07", "as-charged").basis == law.BASIS_ADDITIONAL
    assert law.duty_on([charged, final], [], "other-goods", "2025-08-07").basis == law.BASIS_ALL_IN


def test_unknown_category_or_view_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="expected one of cars"):
        on("trucks", "2025-05-01")
    with pytest.raises(ValueError, match="as-charged"):
        on("cars", "2025-05-01", view="as-reported")


def test_every_measure_names_its_law_and_a_primary_document():
    measures = data.load("tariff_measures")
    kinds = data.load("sources").set_index("source_id")["kind"]
    assert measures["authority"].notna().all() and measures["locator"].notna().all()
    assert set(kinds[measures["source_id"]]) == {"primary-document"}
    assert set(kinds[measures["instrument_id"]]) == {"primary-document"}


def test_daily_frame_has_one_row_per_category_and_day():
    frame = LAW.daily("2025-04-01", "2025-04-30")
    assert len(frame) == 30 * len(law.PRODUCTS)
    assert frame.groupby("category")["day"].nunique().eq(30).all()
    steps = law.changes(frame)
    others = steps[steps["category"] == "other-goods"]
    assert list(others["day"].dt.strftime("%d")) == ["01", "05", "09", "10"]
    assert isinstance(others["day"].iloc[0], pd.Timestamp)


def test_the_agreement_brought_a_car_to_15_percent_from_16_september_2025():
    assert on("cars", "2025-09-15").rate == 27.5, "not backdated for cars"
    duty = on("cars", "2025-09-16")
    assert duty.rate == 15 and duty.basis == law.BASIS_TOTAL
    assert "12.5% Section 232 car duty" in duty.parts, "the all-in duty adds the difference to the normal duty"


def test_august_2025_as_charged_and_as_finally_applied():
    charged, final = on("other-goods", "2025-08-10", "as-charged"), on("other-goods", "2025-08-10")
    assert charged.rate == 15 and charged.basis == law.BASIS_ADDITIONAL, "15% on top of the normal duty, as CBP first charged it"
    assert final.rate == 15 and final.basis == law.BASIS_ALL_IN, "15% with the normal duty included, back to 7 August"
    assert on("other-goods", "2025-09-16", "as-charged").basis == law.BASIS_ALL_IN, "the two accounts meet on 16 September"


def test_after_the_court_ruling_other_goods_pay_the_surcharge_and_metals_do_not():
    assert on("other-goods", "2026-02-23").basis == law.BASIS_ALL_IN, "IEEPA duty still collected on 23 February"
    surcharge = on("other-goods", "2026-02-24")
    assert surcharge.rate == 10 and [m.family for m in surcharge.applied] == ["section-122"]
    steel = on("steel", "2026-03-01")
    assert steel.rate == 50 and {m.family for m, _ in steel.excluded} == {"section-122"}
    assert on("cars", "2026-03-01").rate == 15, "Section 232 duties were not touched by the ruling"


def test_days_no_document_covers_stay_unknown_and_are_never_filled_in():
    """EO 14316 ended the pause on 1 August 2025; EO 14326 charged Japan's new rate from 7 August.
    No document in the record says what other goods paid in between (discrepancy gap-august-2025)."""
    assert on("other-goods", "2025-07-31").rate == 10
    for day in ("2025-08-01", "2025-08-06"):
        duty = on("other-goods", day)
        assert duty.rate is None and duty.basis == law.BASIS_UNKNOWN
        assert "no document" in duty.parts
    assert on("other-goods", "2025-08-07").rate == 15
    assert on("cars", "2025-08-03").rate == 27.5, "cars pay the Section 232 duty, so the reciprocal gap is not theirs"
    steps = law.changes(LAW.daily("2025-07-30", "2025-08-09"))
    other = steps[steps["category"] == "other-goods"]
    assert [law.step_text(r) for r in other.itertuples()] == [
        "10% (on top of the normal duty) from 30 July 2025", "not documented from 1 August 2025",
        "15% (all in, or the normal duty alone where higher) from 7 August 2025"]


def test_the_chart_draws_the_reported_rate_of_1_to_6_august_apart_from_the_law():
    """No legal text sets a rate for 1-6 August 2025; reports say the 10% went on. The chart draws
    that as a dashed stretch named 'as reported', never as the law's line (changed from a shaded
    span: the reports agree, and a full-height band gave the caveat more weight than the evidence)."""
    # On one basis (the chart refuses two): a good whose normal duty is 8%, its whole duty.
    final = LAW.with_normal_duty("other-goods", 8).daily("2025-07-01", "2025-08-31")
    final = final[final["category"] == "other-goods"].reset_index(drop=True)
    fig = charts.duty_steps(final)
    assert not [t for t in fig.data if t.fill == "toself"], "no shaded span where reports give the rate"
    reported = [t for t in fig.data if "as reported" in (t.name or "")]
    assert len(reported) == 1 and reported[0].line.dash == "dash" and reported[0].showlegend
    assert reported[0].name == "1–6 Aug 2025, as reported (no legal text)"
    assert list(pd.to_datetime(reported[0].x)) == [pd.Timestamp("2025-08-01"), pd.Timestamp("2025-08-07")]
    assert list(reported[0].y) == [18, 18], "the paused 10% on top of the 8% normal duty, as the reports say"
    for line in (t for t in fig.data if t is not reported[0]):
        days = pd.to_datetime(pd.Series(line.x))
        assert not ((days > pd.Timestamp("2025-08-01")) & (days < pd.Timestamp("2025-08-07"))).any()


def test_the_chart_shows_days_nothing_covers_as_a_span_not_a_line():
    """Undocumented days that no report fills (steel before 12 March 2025) stay a shaded span."""
    final = LAW.daily("2025-03-01", "2025-03-31")
    final = final[final["category"] == "steel"].reset_index(drop=True)
    fig = charts.duty_steps(final)
    spans = [t for t in fig.data if t.fill == "toself"]
    assert len(spans) == 1 and spans[0].name == "not documented"
    assert not [t for t in fig.data if "as reported" in (t.name or "")]
    for line in (t for t in fig.data if t.fill != "toself"):
        assert min(pd.to_datetime(pd.Series(line.x))) >= pd.Timestamp("2025-03-12")


def test_a_duty_chart_refuses_two_bases():
    """Without its normal duty, other goods pay 10% on top in July 2025 and 15% all in from 7 August:
    two bases, which no axis may carry together."""
    final = LAW.daily("2025-07-01", "2025-08-31")
    with pytest.raises(ValueError, match="one basis"):
        charts.duty_steps(final[final["category"] == "other-goods"].reset_index(drop=True))
    metals_and_cars = LAW.daily("2025-05-01", "2025-05-31")
    with pytest.raises(ValueError, match="one basis"):
        charts.duty_steps(metals_and_cars[metals_and_cars["category"].isin(["cars", "steel"])].reset_index(drop=True))


def test_the_metals_restructuring_of_april_2026_keeps_steel_and_aluminum_at_50_percent():
    """The proclamation of 2 April 2026 replaced the metals duties from 6 April (full customs value);
    no reading shows a provision for Japan, so steel and aluminum still pay 50% on top."""
    for metal in ("steel", "aluminum"):
        before, after = on(metal, "2026-04-05"), on(metal, "2026-04-06")
        assert [m.measure_id for m in before.applied] == [f"{metal}-232-50"]
        assert [m.measure_id for m in after.applied] == [f"{metal}-232-50-full-value"]
        assert before.rate == after.rate == 50 and after.basis == law.BASIS_ADDITIONAL


def test_after_the_surcharge_other_goods_are_unknown_not_duty_free():
    """The surcharge's 150 days ended on 24 July 2026; no document in the record says what replaced it."""
    assert on("other-goods", "2026-07-23").rate == 10
    after = on("other-goods", "2026-07-24")
    assert after.rate is None and after.basis == law.BASIS_UNKNOWN
    assert on("steel", "2026-07-24").rate == 50 and on("cars", "2026-07-24").rate == 15


def test_a_step_line_cut_to_its_runs_draws_every_day_as_the_daily_rows_do():
    """charts.step_points keeps the first and last day of each run; drawn as 'hv', the rate on any
    day is the last kept point's on or before it, and that must be the day's own rate (unknown days too)."""
    daily = LAW.with_normal_duty("other-goods", 8.0).daily("2025-03-01", "2026-06-27")
    rows = daily[daily["category"] == "other-goods"].reset_index(drop=True)
    kept = charts.step_points(rows)
    assert len(kept) < len(rows) / 10, "the cut keeps a small share of the days"
    assert rows["rate"].isna().any() and kept["rate"].isna().any(), "the unknown days of August 2025 stay a gap"
    for day, rate in zip(rows["day"], rows["rate"]):
        last = kept[kept["day"] <= day].iloc[-1]
        assert (pd.isna(rate) and pd.isna(last["rate"])) or last["rate"] == rate, day
