"""The front page: the briefing in brief. Everything the page states is computed here from the
data and the law, so the page itself is prose with glued values and citation markers.

The rows the page relies on are named once, in RELIED_ON; ``relied_on_problems()`` (run by
``make check`` and the tests) says which of them the data no longer has.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import data, law, paths, release
from . import charts, style, tables
from .glue import amount, day, glue, percent
from .reference.common import relied_on_problems as relied_on

# The illustrative good of the worked example: its normal duty, in percent. Not a fact about any
# one product: the arithmetic of 'on top' and 'all in' for a good with this normal duty.
EXAMPLE_NORMAL_DUTY = 8.0
# A day in the car duty's first period, before any deal: the page gives that period's start and end.
THEN = "2025-05-01"

# Rows this page relies on, by table: a renamed or deleted row fails `make check`, naming it.
RELIED_ON = {
    "tariff_measures": ["cars-232-25", "reciprocal-10-all", "reciprocal-24-japan", "reciprocal-10-paused",
                        "reciprocal-15-japan-charged", "reciprocal-15-japan", "cars-232-15", "surcharge-122-10",
                        "steel-232-50-full-value", "aluminum-232-50-full-value", "undocumented-1-6-august-2025"],
    "indicators": ["investment-pledge-550", "first-projects-36", "exports-to-us-2024", "auto-exports-to-us-2024",
                   "auto-jobs-share", "funding-period-45", "ag-purchases-8",
                   "boeing-aircraft-100", "section-122-days-cap", "refunds-in-process-85", "exports-to-us-2025-change",
                   "auto-exports-to-us-2025-change", "auto-exports-to-us-2025-volume-change", "auto-exports-to-us-2025-06-change", "profit-share-us-after-recoup"],
    "sources": ["scotus-ieepa-2026", "eo-14345"],
    "events": ["ten-percent-kept-to-august-7", "cit-ieepa-refund-order", "cape-phase-1-opens", "cit-section-122-ruling", "fed-circuit-stays-122-ruling"],
}

# The turning points the headline chart marks: (measure whose start it is, words on the chart).
TURNING_POINTS = [
    ("cars-232-25", "car duty"),
    ("reciprocal-24-japan", "Japan's rate,<br>one day"),
    ("reciprocal-15-japan-charged", "deal rate"),
    ("cars-232-15", "cars to 15%"),
    ("surcharge-122-10", "court ruling;<br>surcharge"),
]
LABEL_PX = 28  # the height of a turning point's words (two lines), in pixels
CAR, EXAMPLE = "A Japanese car", "A Japanese good with a normal duty of {rate}"
# The other side of the worked example: a good with no normal duty, as many of Japan's machines and
# instruments are. The ruling raised the example good's duty and cut this one's; one line alone would
# tell half the story.
FREE_GOOD = "A Japanese good with no normal duty"
FIRST_CHARGED = "The {rate} good, as customs first charged it"


def relied_on_problems(data_dir=None) -> list[str]:
    """Each row of RELIED_ON that the data no longer has, with where to look."""
    return relied_on(RELIED_ON, "the front page", "src/briefing/chapters/front.py", data_dir)


def _figure(indicators: pd.DataFrame, figure_id: str) -> str:
    row = indicators.loc[figure_id]
    return amount(row["value"], row["unit"], bool(row["approximate"]) if pd.notna(row["approximate"]) else False)


def _cited_duty(the_law: law.Law, product: str, when, measure_id: str):
    """The duty on a product at a date, checked to rest on the measure the page cites for it."""
    duty = the_law.duty(product, when)
    if measure_id not in {m.measure_id for m in duty.applied}:
        raise ValueError(f"the front page cites tariff_measures/{measure_id} for {product} now, but the law applies "
                         f"{[m.measure_id for m in duty.applied]}: cite that measure in book/index.md and RELIED_ON")
    return duty


def glue_front() -> dict:
    """Glue every value the front page's prose shows; return what the page's cells reuse."""
    the_law = law.load_law()
    sources = data.sources()
    documents = sources.set_index("source_id")
    indicators = data.load("indicators").set_index("indicator_id")
    end = data.record_end(sources)
    measure = the_law.measure

    car_then, car_now = the_law.duty("cars", THEN), the_law.duty("cars", end)
    glue("front-car-then-from", day(car_then.since))
    glue("front-car-then-until", day(pd.Timestamp(measure("cars-232-15").starts) - pd.Timedelta(days=1)))
    glue("front-as-of", day(end))
    glue("front-as-of-month", f"{pd.Timestamp(end):%B %Y}")
    changelog = paths.project_root() / "CHANGELOG.md"
    glue("front-edition", f"version {release.version(changelog)}, published {release.released(changelog)}")
    glue("front-car-then", percent(car_then.rate))
    glue("front-car-then-parts", car_then.parts)
    glue("front-car-now", percent(car_now.rate))
    glue("front-car-now-since", day(car_now.since))
    glue("front-car-duty", percent(measure("cars-232-25").rate))
    glue("front-car-duty-from", day(measure("cars-232-25").starts))
    glue("front-baseline", percent(measure("reciprocal-10-all").rate))
    glue("front-baseline-from", day(measure("reciprocal-10-all").starts))
    glue("front-japan-rate", percent(measure("reciprocal-24-japan").rate))
    glue("front-japan-rate-day", day(measure("reciprocal-24-japan").starts))
    glue("front-pause-until", day(measure("reciprocal-10-paused").ends))
    glue("front-deal-rate", percent(measure("reciprocal-15-japan").rate))
    glue("front-charged-from", day(measure("reciprocal-15-japan-charged").starts))
    glue("front-order", documents.loc["eo-14345", "identifier"])
    glue("front-order-signed", day(documents.loc["eo-14345", "signed"]))
    glue("front-cars-15-from", day(measure("cars-232-15").starts))
    glue("front-ruling-date", day(documents.loc["scotus-ieepa-2026", "published"]))
    surcharge = measure("surcharge-122-10")
    glue("front-surcharge", percent(surcharge.rate))
    glue("front-surcharge-from", day(surcharge.starts))
    glue("front-surcharge-until", day(surcharge.ends))
    glue("front-surcharge-until-month", f"{pd.Timestamp(surcharge.ends):%B %Y}")
    events = data.load("events", rows=RELIED_ON["events"]).set_index("event_id")
    for name, event_id in (("refund-order", "cit-ieepa-refund-order"), ("refund-tool", "cape-phase-1-opens"),
                           ("cit-ruling", "cit-section-122-ruling"), ("stay", "fed-circuit-stays-122-ruling")):
        glue(f"front-{name}-date", events.loc[event_id, "date_label"])
    glue("front-steel-now", percent(_cited_duty(the_law, "steel", end, "steel-232-50-full-value").rate))
    glue("front-aluminum-now", percent(_cited_duty(the_law, "aluminum", end, "aluminum-232-50-full-value").rate))
    glue("front-parts-now", percent(the_law.duty("auto-parts", end).rate))
    glue("front-invest", _figure(indicators, "investment-pledge-550"))
    glue("front-first-projects", _figure(indicators, "first-projects-36"))
    glue("front-surcharge-cap-days", _figure(indicators, "section-122-days-cap"))
    glue("front-refunds", _figure(indicators, "refunds-in-process-85"))
    glue("front-exports", _figure(indicators, "exports-to-us-2024"))
    glue("front-auto-exports", _figure(indicators, "auto-exports-to-us-2024"))
    glue("front-exports-year", indicators.loc["exports-to-us-2024", "period"])
    # Why it matters: what Japan had at stake and what it paid for the deal.
    glue("front-auto-jobs", _figure(indicators, "auto-jobs-share"))
    glue("front-funding-days", _figure(indicators, "funding-period-45"))
    glue("front-us-share", _figure(indicators, "profit-share-us-after-recoup"))
    glue("front-farm-goods", _figure(indicators, "ag-purchases-8"))
    glue("front-boeing", _figure(indicators, "boeing-aircraft-100"))
    # What the duties did: falls, glued as sizes ('fell 4.1%').
    for name, figure_id in (("exports-fall", "exports-to-us-2025-change"), ("car-value-fall", "auto-exports-to-us-2025-change"),
                            ("car-volume-fall", "auto-exports-to-us-2025-volume-change")):
        glue(f"front-{name}", percent(abs(float(indicators.loc[figure_id, "value"]))))
    glue("front-trade-year", indicators.loc["exports-to-us-2025-change", "period"].split()[0])

    # The worked example: the same arithmetic for a good whose normal duty is EXAMPLE_NORMAL_DUTY.
    example = the_law.with_normal_duty("other-goods", EXAMPLE_NORMAL_DUTY)
    free = the_law.with_normal_duty("other-goods", 0.0)
    glue("front-free-deal", percent(free.duty("other-goods", "2025-08-10").rate))
    glue("front-free-surcharge", percent(free.duty("other-goods", end).rate))
    glue("front-example-normal", percent(EXAMPLE_NORMAL_DUTY))
    glue("front-example-charged", percent(example.duty("other-goods", "2025-08-10", "as-charged").rate))
    glue("front-example-final", percent(example.duty("other-goods", "2025-08-10").rate))
    glue("front-example-surcharge", percent(example.duty("other-goods", end).rate))
    # Under the surcharge, a good pays more than under the deal when its normal duty exceeds this.
    glue("front-break-even", percent(measure("reciprocal-15-japan").rate - surcharge.rate))
    return {"law": the_law, "example": example, "free": free, "end": end}


def headline_chart(values: dict) -> go.Figure:
    """The duty on a Japanese car and on the example good, total with the normal duty, March 2025
    to the end of the record, with the turning points marked."""
    end, first = values["end"], pd.Timestamp("2025-03-01")
    car = values["law"].daily(first, end)
    good = values["example"].daily(first, end)
    free = values["free"].daily(first, end)
    lines = [(CAR, car[car["category"] == "cars"], style.SIDE_COLOURS["Japan"]),
             (EXAMPLE.format(rate=percent(EXAMPLE_NORMAL_DUTY)), good[good["category"] == "other-goods"],
              style.SIDE_COLOURS["United States"]),
             (FREE_GOOD, free[free["category"] == "other-goods"], style.NO_NORMAL_DUTY_COLOUR)]
    fig = style.new_figure(height=430)
    for name, rows, colour in lines:
        rows = charts.step_points(rows)
        fig.add_trace(go.Scatter(
            x=rows["day"], y=rows["rate"], mode="lines", name=name, connectgaps=False,
            line=dict(shape="hv", width=3, color=colour),
            hovertemplate=f"<b>{style.plain(name)}</b><br>%{{x|%-d %B %Y}}: %{{y:g}}% in all<extra></extra>"))
    # The turning points' words above the plot, each at the height where it overlaps no other at a
    # phone's width (their days are close: 3 and 9 April 2025, 7 August and 16 September 2025).
    moments = [pd.Timestamp(values["law"].measure(measure_id).starts) for measure_id, _ in TURNING_POINTS]
    widths = [charts.CHAR_PX * max(len(line) for line in words.split("<br>")) for _, words in TURNING_POINTS]
    placed = charts.label_levels(moments, widths, (end - first).days, below=False)
    for moment, (_, words), (level, anchor) in zip(moments, TURNING_POINTS, placed):
        fig.add_vline(x=moment.timestamp() * 1000, line=dict(color="#888", width=1, dash="dot"))
        fig.add_annotation(x=moment, y=1.0, yref="paper", yanchor="bottom", yshift=2 + LABEL_PX * (level - 1), text=words,
                           showarrow=False, xanchor=anchor, xshift=2 if anchor == "left" else -2, font=dict(size=11),
                           align=anchor)
    label_room = 6 + LABEL_PX * max(level for level, _ in placed)
    # Where customs first charged the example good otherwise (August 2025), that rate dotted: the
    # order of September then applied the all-in reading back to the start.
    final = lines[1][1].reset_index(drop=True)
    charged = values["example"].daily(first, end, "as-charged")
    charged = charged[charged["category"] == "other-goods"].reset_index(drop=True)
    differs = charged["rate"].ne(final["rate"]) & charged["rate"].notna()
    # Keep one day either side so each dotted stretch reaches the steps it leaves and rejoins.
    shown = differs | differs.shift(-1, fill_value=False)
    charged = charts.step_points(charged.assign(rate=charged["rate"].where(shown)))
    fig.add_trace(go.Scatter(
        x=charged["day"], y=charged["rate"], mode="lines", name=FIRST_CHARGED.format(rate=percent(EXAMPLE_NORMAL_DUTY)),
        connectgaps=False, line=dict(shape="hv", width=2, dash="dot", color=style.SIDE_COLOURS["United States"]),
        hovertemplate="<b>As customs first charged it</b><br>%{x|%-d %B %Y}: %{y:g}% in all<extra></extra>"))
    top = max(rows["rate"].max() for _, rows, _ in lines)
    # The days no legal text covers: the law's line breaks there; what reports say customs charged
    # (the paused rate kept on, event ten-percent-kept-to-august-7) is drawn apart, as reported.
    # Both goods have the gap; the words point to the example good's, the higher of the two.
    for (_, rows, colour), legend in ((lines[1], True), (lines[2], False)):
        for start, stop, rate in charts.reported_spans(rows):
            fig.add_trace(charts.reported_trace(start, stop, rate, colour, "in all", legend=legend))
            if legend:
                # Six days on a chart of sixteen months: its words point to it from below the lines that
                # follow, where the chart is empty at every width.
                fig.add_annotation(x=start + (stop - start) / 2, y=rate, text="as reported,<br>no legal text",
                                   showarrow=True, arrowhead=0, arrowwidth=1, arrowcolor="#888", ax=14, ay=62,
                                   xanchor="left", align="left", font=dict(size=11))
    # Where all three lines share a rate (the deal's 15%), the one drawn last hides the others: say so.
    rates = pd.concat([rows.set_index("day")["rate"] for _, rows, _ in lines], axis=1).dropna()
    shared = rates[rates.nunique(axis=1).eq(1)]
    if len(shared):
        middle = shared.index[len(shared) // 2]
        fig.add_annotation(x=middle, y=shared.loc[middle].iloc[0], text=f"all three {percent(shared.loc[middle].iloc[0])}",
                           showarrow=False, yanchor="bottom", yshift=4, font=dict(size=11))
    # Where the record stops: the last level is the duty on that day, not today's.
    fig.add_annotation(x=end, y=0.97, yref="paper", text=f"our record ends<br>{end:%-d %b %Y}", showarrow=False,
                       xanchor="right", yanchor="top", align="right", font=dict(size=11))
    fig.update_yaxes(ticksuffix="%", range=[0, top * 1.3], title="duty, all in")
    # The range fixed: the words of the reported stretch would otherwise stretch the axis to fit them.
    fig.update_xaxes(tickformat="%b<br>%Y", range=[first, end])
    # Below the axis labels, its three entries stacked (the ticks take two lines: month, year).
    fig.update_layout(hovermode="x unified", legend=dict(orientation="h", yanchor="top", y=-0.2, x=0), height=480 + label_room,
                      margin=dict(b=40, t=label_room))
    steps = []
    for name, rows, _ in lines:
        changes = law.changes(rows.assign(basis=""))
        steps.append(f"{name}: " + ", ".join(
            ("not documented" if pd.isna(r.rate) else f"{r.rate:g}%") + f" from {r.day:%-d %B %Y}" for r in changes.itertuples()))
    style.describe(fig, "Step chart of the duty all in (the normal duty included). " + "; ".join(steps) + ".")
    return fig


def worked_example(values: dict) -> tables.HtmlTable:
    """The example good on the days each way of charging applied: what each duty adds, the total."""
    example, end = values["example"], values["end"]
    cases = [("2025-05-01", "as-finally-applied", "During the pause (10% on top)"),
             ("2025-08-10", "as-charged", "August 2025, as customs first charged the deal rate"),
             ("2025-08-10", "as-finally-applied", "August 2025, as the order finally applied it"),
             (end, "as-finally-applied", "Under the surcharge")]
    rows = []
    for when, view, what in cases:
        duty = example.duty("other-goods", when, view)
        measure = next(m for m in duty.applied if m.charged_as != "normal-duty")
        rows.append({"when": what, "day": day(when), "made_of": duty.parts, "total": percent(duty.rate),
                     "source_id": measure.source_id, "locator": measure.locator})
    return tables.table(pd.DataFrame(rows), {"when": "When", "day": "On", "made_of": "Made of", "total": "Total"},
                        quote=None, caption=f"A good with a normal duty of {percent(EXAMPLE_NORMAL_DUTY)}: on top or all in")


def watch_list(values: dict) -> tables.HtmlTable:
    """What was due after our latest source: scheduled, planned or expected events, dated."""
    # Chosen by status and date; only the rows chosen are read whole (data.load's parts).
    events = data.load("events", columns=["reported_as", "date"])
    chosen = events[events["reported_as"].isin(["scheduled", "planned", "expected"])
                    & (events["date_end"] >= pd.Timestamp(values["end"]))]
    ahead = data.load("events", rows=chosen["event_id"])
    # By the day each item is due at the latest: 'by 24 July' sits with 24 July, not after the rest.
    ahead = ahead.sort_values(["date_end", "date_start"], na_position="first")
    return tables.table(ahead, {"date_label": "When", "title": "What", "summary": "What the sources say"},
                        caption="What was due after our latest source, by date")
