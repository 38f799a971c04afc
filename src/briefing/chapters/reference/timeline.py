"""'The talks, round by round' (book/timeline.md): every event the sources date, the rounds of talks
held and planned, and the days between the first rounds and the deadline.

Everything the page states is computed here; the page is prose with glued values, the tables and
the chart.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ... import data, law
from ...english import listed
from .. import charts, style, tables
from ..glue import count, glue, percent
from . import common
from .common import in_date_order

# The turning points the chart names, with their dates, so that it reads without hovering (and in
# print): (event id, words on the chart). The chart places their words; every event is in the table.
MILESTONES = [
    ("car-duty-in-force", "car duty"),
    ("pause-ordered", "pause ordered"),
    ("upper-house-vote-2025-07-20", "upper-house vote"),
    ("framework-announced", "deal announced"),
    ("agreement-order-signed", "deal order"),
    ("takaichi-elected-pm", "Takaichi PM"),
    ("first-investment-projects", "first projects"),
    ("supreme-court-ieepa-ruling", "Supreme Court"),
    ("surcharge-starts", "surcharge"),
    ("cit-section-122-ruling", "trade court"),
]
# The duty on most Japanese goods besides the normal duty, the strip under the line: (words, the
# measure whose start begins the period, the measure whose end ends it). Days between are left blank.
PERIODS = [("pause", "reciprocal-10-paused", "reciprocal-10-paused"),
           ("deal rate", "reciprocal-15-japan-all-in", "reciprocal-15-japan"),
           ("surcharge", "surcharge-122-10", "surcharge-122-10")]
CHARGED = {"on-top": "on top", "all-in": "all in"}

# Rows this page relies on, by table: a renamed or deleted row fails the check, naming it.
RELIED_ON = {
    "events": ["round-1-washington", "round-2-washington", "mou-investment-signed"]
              + [event_id for event_id, _ in MILESTONES],
    "tariff_measures": sorted({m for _, a, b in PERIODS for m in (a, b)}),
    "actors": ["trump"],
}


def relied_on_problems(data_dir=None) -> list[str]:
    return common.relied_on_problems(RELIED_ON, "book/timeline.md", "src/briefing/chapters/reference/timeline.py", data_dir)


def glue_page() -> dict:
    """Glue every value the page's prose shows; return what the page's cells reuse."""
    events = data.load("events").sort_values(["date_mid", "event_id"])
    actors = data.load("actors")
    rounds = events[events["kind"] == "negotiation-round"]
    held = rounds[rounds["reported_as"] == "happened"]

    # A round is one of Akazawa's visits of the 2025 talks, up to the day the deal's documents were
    # signed; his later meetings are events, not rounds.
    signed = events.set_index("event_id").loc["mou-investment-signed"]
    if held.iloc[-1]["date_start"] != signed["date_start"]:
        raise ValueError("the last round held is no longer the visit at which the deal's documents were signed")
    glue("timeline-signed", signed["date_label"])
    glue("timeline-n-rounds-held", count(len(held), "round"))
    glue("timeline-numbering", _numbering(held))
    with_president = events[(events["kind"] == "meeting") & events["actor_ids"].fillna("").str.contains("trump")
                            & events["round"].notna()]
    glue("timeline-president-rounds", " and ".join(f"round {r}" for r in with_president.sort_values("date_mid")["round"].astype(int)))
    glue("timeline-first-round", held.iloc[0]["date_label"])
    glue("timeline-last-event", events.iloc[-1]["date_label"])
    glue("timeline-first-event", events.iloc[0]["date_label"])
    return {"events": events, "rounds": rounds, "held": held, "names": dict(zip(actors["actor_id"], actors["name"]))}


def _numbering(held: pd.DataFrame) -> str:
    """How the sources number the rounds held (in date order): 'the sources number all but the last'."""
    unnumbered = held["round"].isna()
    if not unnumbered.any():
        return "the sources number every one"
    if unnumbered.sum() == 1 and unnumbered.iloc[-1]:
        return "the sources number all but the last"
    return f"the sources leave {count(int(unnumbered.sum()), 'round')} unnumbered"


def periods() -> list[tuple[pd.Timestamp, pd.Timestamp, str]]:
    """The strip under the milestones: each period's first day, the day after its last, its words
    with the rate and its basis from the law ('deal rate<br>15% all in')."""
    the_law = law.load_law()
    out = []
    for words, first_id, last_id in PERIODS:
        first, last = the_law.measure(first_id), the_law.measure(last_id)
        if (first.rate, first.charged_as) != (last.rate, last.charged_as):
            raise ValueError(f"period {words!r}: {first_id} and {last_id} differ in rate or basis; draw them apart")
        out.append((pd.Timestamp(first.starts), pd.Timestamp(last.ends), f"{style.plain(words)}<br>{percent(first.rate)} {CHARGED[first.charged_as]}"))
    return out


def chart(page: dict) -> go.Figure:
    """The turning points on one date line, named and dated, over the periods of the duty on most goods."""
    events = page["events"]
    strip = periods()
    fig = charts.timeline(events, MILESTONES, strip)
    when = events.set_index("event_id")["date_label"]
    style.describe(fig, "Timeline of the turning points from " + when[MILESTONES[0][0]] + " to " + when[MILESTONES[-1][0]]
                   + ", each named on the chart: " + "; ".join(f"{words} ({when[e]})" for e, words in MILESTONES)
                   + ". Below the line, the duty on most Japanese goods besides the normal duty: "
                   + "; ".join(f"{words.replace('<br>', ', ')} from {start:%-d %B %Y} until {end:%-d %B %Y}"
                               for start, end, words in strip)
                   + ". Every dated event is listed in the table below.")
    return fig


def _gap(a, b) -> str:
    """Days from event a to event b, as the range their date intervals allow."""
    lo = (b["date_start"] - a["date_end"]).days if pd.notna(b["date_start"]) else None
    hi = (b["date_end"] - a["date_start"]).days if pd.notna(a["date_start"]) else None
    if lo is not None and lo == hi:
        return f"{lo} days"
    return f"{lo if lo is not None else '?'} to {hi if hi is not None else '?'} days"


def glue_gaps(page: dict) -> None:
    """Glue the days between the first two rounds, and their dates."""
    by_id = page["events"].set_index("event_id")
    glue("gap-round1-round2", _gap(by_id.loc["round-1-washington"], by_id.loc["round-2-washington"]))
    glue("round1-date", by_id.loc["round-1-washington", "date_label"])
    glue("round2-date", by_id.loc["round-2-washington", "date_label"])


def _round_rows(frame: pd.DataFrame, names: dict) -> pd.DataFrame:
    return in_date_order(frame).assign(
        when=frame["date_label"],
        who=frame["actor_ids"].fillna("").map(lambda ids: ", ".join(names[i] for i in ids.split(";") if i)),
        number=frame["round"].astype("string").fillna("not numbered"),
    )


def rounds_held_table(page: dict) -> tables.HtmlTable:
    """The rounds of talks held, as the sources report them."""
    return tables.table(_round_rows(page["held"], page["names"]),
                        {"number": "Round", "when": "Date", "title": "Meeting", "who": "Who met",
                         "summary": "What came of it, as reported"},
                        caption="Rounds of talks held, as the sources report them")


def _outcome(plan, held: pd.DataFrame, published_start: pd.Series) -> str:
    """Whether a planned or expected round was held: by its number where the sources give one;
    otherwise plainly that no report says so, naming the rounds held within the plan's dates (an
    open start counts from the first day the report of the plan may have been out)."""
    if pd.notna(plan["round"]):
        same = held[held["round"] == plan["round"]]
        if len(same):
            return f"held on {same.iloc[0]['date_label']}"
    first = plan["date_start"] if pd.notna(plan["date_start"]) else published_start[plan["source_id"]]
    within = held[(held["date_start"] >= first) & (held["date_end"] <= plan["date_end"])]
    if within.empty:
        return "no report that it took place"
    numbered = [f"round {int(r.round)} ({r.date_label})" if pd.notna(r.round) else f"a round ({r.date_label})"
                for r in within.itertuples()]
    return f"no report ties a round to this plan; held within its dates: {listed(numbered)}"


def rounds_planned_table(page: dict) -> tables.HtmlTable:
    """The rounds planned or expected when reported, each with whether (and when) it was held."""
    rounds, held = page["rounds"], page["held"]
    published_start = data.sources().set_index("source_id")["published_start"]
    ahead = _round_rows(rounds[rounds["reported_as"] != "happened"], page["names"])
    ahead = ahead.assign(outcome=[_outcome(plan, held, published_start) for _, plan in ahead.iterrows()])
    return tables.table(ahead, {"when": "Date", "title": "Meeting", "summary": "What was reported", "reported_as": "Status",
                                "outcome": "Held?"},
                        caption="Rounds announced before they took place, as reported then")


def events_table(page: dict) -> tables.HtmlTable:
    """Every dated event, in date order."""
    events = page["events"]
    # The kind and, for what had not happened when reported, its status share a column ('deadline, scheduled'):
    # six columns would not fit a desktop page.
    kind = events["kind"].map(style.KIND_LABELS) + events["reported_as"].map(lambda r: "" if r == "happened" else f", {r}")
    # How each rough date was worked out stays in the data (events.date_note, in the downloads): on
    # the page it read as method, not as the events.
    return tables.table(in_date_order(events).assign(when=events["date_label"], kind_label=kind),
                        {"when": "Date", "title": "Event", "summary": "What the source reports", "kind_label": "Kind"},
                        caption="Every dated event, in date order (a date known only as a range by its first day; "
                                "how it was worked out is in the events data)")
