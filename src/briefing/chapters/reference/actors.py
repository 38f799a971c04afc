"""'Who is who and what they wanted' (book/actors.md): the people and institutions the sources name,
each person's roles as a short dated sequence, and what each side asked for, offered and refused,
phase by phase, from the first talks of March 2025 to the last positions of 2026.

Everything the page states is computed here; the page is prose with glued values and the tables.
"""

from __future__ import annotations

import pandas as pd

from ... import data
from ...english import listed
from .. import tables
from ..glue import day, glue, percent
from . import common

# The phases of the talks, each opened by an event of the data (None: from the start of the record).
# A position belongs to the phase whose opening day is the latest on or before the last day its
# date allows: (key, opening event, the phase's caption, with {opens} for its opening event's day and
# {closes} for the next phase's).
PHASES = [
    ("before-rounds", None, "Before the formal rounds, which began on {closes}"),
    ("rounds", "round-1-washington", "The rounds, from {opens} to the deal of {closes}"),
    ("deal-to-ruling", "framework-announced", "From the deal of {opens} to the Supreme Court's ruling of {closes}"),
    ("after-ruling", "supreme-court-ieepa-ruling", "After the Supreme Court's ruling of {opens}"),
]

# Rows this page relies on, by table: a renamed or deleted row fails the check, naming it.
RELIED_ON = {"actors": ["akazawa"], "tariff_measures": ["reciprocal-10-all"],
             "events": [event for _, event, _ in PHASES if event],
             "positions": ["jp-exemption-march", "jp-full-exemption-r2", "jp-priority-autos", "jp-fix-stacking-order",
                           "jp-no-worse-after-ruling", "jp-offer-r1", "jp-offer-r3", "us-cars-farm-r1", "us-liberalize",
                           "us-lower-tariffs-yen", "us-no-talks-base-sector", "us-forced-labor-bans-2026"]}


def relied_on_problems(data_dir=None) -> list[str]:
    return common.relied_on_problems(RELIED_ON, "book/actors.md", "src/briefing/chapters/reference/actors.py", data_dir)


def glue_page() -> dict:
    """Glue every value the page's prose shows; return what the page's cells reuse."""
    actors = data.load("actors")
    roles = data.load("actor_roles")
    positions = data.load("positions")
    # The talks' asks, offers, demands, refusals and statements; the deal's commitments have their own
    # section in the chapter on the deal.
    talks = positions[positions["stance"] != "commitment"]
    baseline = data.load("tariff_measures").set_index("measure_id").loc["reciprocal-10-all", "rate_percent"]
    glue("actors-baseline", percent(baseline))
    phases = phase_openings()
    return {"actors": actors, "roles": roles, "positions": positions, "talks": talks.assign(phase=phase_of(talks, phases)),
            "phases": phases, "names": dict(zip(actors["actor_id"], actors["name"]))}


# --- The people: each one's roles as a dated sequence ---------------------------------------------

def _span_in_words(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """When the sources that name a role undated were published: '4 October 2025', 'October 2025',
    'April–June 2025'."""
    if first == last:
        return day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{last:%B %Y}"
    if first.year == last.year:
        return f"{first:%B}–{last:%B %Y}"
    return f"{first:%B %Y}–{last:%B %Y}"


def _held(held_from, held_until) -> str:
    """A role's dates in words, '' when it has none: 'from 21 October 2025', 'until 21 October 2025'."""
    return " ".join(w for w in (f"from {_in_words(held_from)}" if held_from is not None else "",
                                f"until {_in_words(held_until)}" if held_until is not None else "") if w)


def _offices(group: pd.DataFrame) -> list[dict]:
    """One actor's roles, each office once, in date order: the office, its dates in words where some
    row dates it (the earliest 'from', the latest 'until'), and the days its sources were published
    (which place an office no row dates)."""
    out = []
    for office, rows in group.groupby("office", sort=False):
        starts, ends = rows["held_from"].dropna(), rows["held_until"].dropna()
        dated = _held(min(starts) if len(starts) else None, max(ends) if len(ends) else None)
        first, last = rows["published_start"].min(), rows["published_end"].max()
        key = pd.Timestamp(min(starts)) if len(starts) else first
        out.append({"office": office, "dated": dated, "first": first, "last": last, "key": key})
    return sorted(out, key=lambda o: o["key"])


def _sequence(group: pd.DataFrame) -> str:
    """A person's roles as a short dated sequence: 'Economic Revitalization Minister and Japan's chief
    negotiator in the tariff talks (as of April–June 2025); Minister of Economy, Trade and Industry
    (from 21 October 2025)'. Offices with the dates a source gives show them. Where some office is
    dated, the offices no row dates, one after another, are said together, placed by when their
    sources name them ('as of'); where none is, they need no dates and are listed."""
    offices = _offices(group)
    if not any(o["dated"] for o in offices):
        return "; ".join(o["office"] for o in offices)
    parts: list[tuple[list[str], str, tuple]] = []  # (offices, dates in words, span of the sources)
    for o in offices:
        if not o["dated"] and parts and not parts[-1][1]:
            names, _, (first, last) = parts[-1]
            parts[-1] = (names + [o["office"]], "", (min(first, o["first"]), max(last, o["last"])))
        else:
            parts.append(([o["office"]], o["dated"], (o["first"], o["last"])))
    return "; ".join(f"{listed(names)} ({dated or 'as of ' + _span_in_words(*span)})" for names, dated, span in parts)


def _in_words(d):
    return day(d) if isinstance(d, str) and len(d) == 10 else pd.Timestamp(d).strftime("%B %Y") if isinstance(d, str) else d


def _named_in_error(roles: pd.DataFrame) -> set[str]:
    """Actors a source names only by mistake (each of their roles points to a discrepancy of kind
    error, e.g. a 'Biden administration' as the US side in 2025): the discrepancy log has them, the
    table of who is who does not."""
    errors = set(data.load("discrepancies").query("kind == 'error'")["discrepancy_id"])
    marked = roles.assign(error=[any(f"discrepancy {d}" in str(r) for d in errors) for r in roles["role"]])
    return set(marked.groupby("actor_id")["error"].all().loc[lambda s: s].index)


def _same_as_name(office: str, name: str) -> bool:
    """An institution's office that only repeats its name ('Foreign ministry' for 'Japan's foreign ministry')."""
    strip = lambda s: s.lower().replace("u.s. ", "").replace("japan's ", "").replace("japan’s ", "")  # noqa: E731
    return strip(office) == strip(name)


def _people(page: dict) -> pd.DataFrame:
    """Every actor not named only in error, with their roles as a dated sequence."""
    roles, actors = page["roles"], page["actors"]
    actors = actors[~actors["actor_id"].isin(_named_in_error(roles))]
    published = data.sources().set_index("source_id")[["published_start", "published_end"]]
    roles = roles.join(published, on="source_id")
    names = dict(zip(actors["actor_id"], actors["name"]))
    roles = roles[[not _same_as_name(o, names.get(a, "")) for o, a in zip(roles["office"], roles["actor_id"])]]
    titles = roles.groupby("actor_id")[list(roles.columns)].apply(_sequence)
    return actors.assign(titles=actors["actor_id"].map(titles))


def _in_government(people: pd.DataFrame) -> pd.Series:
    """The two sides' people and institutions: not the companies, media, analysts and international bodies."""
    return people["side"].isin(["Japan", "United States"]) & people["kind"].isin(["person", "institution"])


def people_table(page: dict) -> tables.HtmlTable:
    """The two sides' people and institutions, each person's roles in date order."""
    people = _people(page)
    shown = people[_in_government(people)].sort_values(["side", "kind", "name"], ascending=[True, False, True])
    return tables.table(shown, {"name": "Name", "side": "Side", "kind": "Kind", "titles": "Role, and when"},
                        caption="The two sides' people and institutions, each person's roles in date order")


def others_table(page: dict) -> tables.HtmlTable:
    """Everyone else the sources quote or name: companies, media, analysts, international bodies."""
    people = _people(page)
    shown = people[~_in_government(people)].sort_values(["kind", "name"])
    return tables.table(shown, {"name": "Name", "kind": "Kind", "titles": "Described as"},
                        caption="Others the sources quote or name: companies, media, analysts and international bodies")


def roles_record(page: dict) -> tables.HtmlTable:
    """The roles a source words otherwise than the first table or dates, in the source's own words
    with its dates, folded under the tables: what the sequences of the first table are made from
    (a role worded as the table words it, undated, adds nothing but its source)."""
    roles, names = page["roles"], page["names"]
    people = _people(page)
    shown = roles[roles["actor_id"].isin(people.loc[_in_government(people), "actor_id"])
                  & ((roles["role"] != roles["office"]) | roles["held_from"].notna() | roles["held_until"].notna())]
    shown = shown.assign(
        name=shown["actor_id"].map(names),
        dates=[_held(a if isinstance(a, str) else None, b if isinstance(b, str) else None) or None
               for a, b in zip(shown["held_from"], shown["held_until"])],
    ).sort_values(["name", "office"], kind="stable")
    table = tables.table(shown, {"name": "Name", "role": "As the source words it", "office": "Role in the first table",
                                 "dates": "Dates the source gives"},
                         caption="Roles in each source's own words, where they differ from the first table or are dated")
    return tables.folded(table.markup, "Show how the sources word the roles")


# --- The positions, phase by phase ----------------------------------------------------------------

def phase_openings() -> dict[str, tuple[pd.Timestamp | None, str | None]]:
    """Each phase's opening day and that day in words, from its event (None for the first phase)."""
    events = data.load("events", rows=[event for _, event, _ in PHASES if event is not None]).set_index("event_id")
    return {key: (None, None) if event is None else (events.loc[event, "date_start"], events.loc[event, "date_label"])
            for key, event, _ in PHASES}


def phase_of(positions: pd.DataFrame, phases: dict) -> pd.Series:
    """Each position's phase: the last whose opening day is on or before the last day its date allows."""
    def one(last_day):
        key = PHASES[0][0]
        for phase, _, _ in PHASES[1:]:
            if phases[phase][0] <= last_day:
                key = phase
        return key
    return positions["date_end"].map(one)


def _in_date_order(positions: pd.DataFrame) -> pd.DataFrame:
    """Positions in date order: one dated to a span sorts a little into it (at its middle, at most five
    days in), one known only by a last day at that day; then by side and id."""
    start = positions["date_start"]
    order = (start + ((positions["date_end"] - start) / 2).clip(upper=pd.Timedelta(days=5))).fillna(positions["date_end"])
    return positions.assign(order=order).sort_values(["order", "side", "position_id"])


def _when(row) -> str:
    """'16 April 2025, round 1'; 'by 30 April 2025, reported with round 1, undated by the article'."""
    occasion = row.round_note if isinstance(row.round_note, str) else (
        f"round {int(row.round)}" if pd.notna(row.round) and int(row.round) > 0 else "")
    return f"{row.date_label}, {occasion}" if occasion else row.date_label


def phase_table(page: dict, phase: str) -> tables.HtmlTable:
    """The positions of one phase of the talks, in date order, with who took them."""
    talks = page["talks"]
    shown = _in_date_order(talks[talks["phase"] == phase])
    if shown.empty:
        raise ValueError(f"no position of the talks falls in the phase {phase!r}: drop its section from book/actors.md")
    shown = shown.assign(when=[_when(r) for r in shown.itertuples()],
                         who=shown["actor_id"].map(page["names"]).fillna("officials (not named)"))
    keys = [key for key, _, _ in PHASES]
    following = keys[keys.index(phase) + 1] if phase != keys[-1] else None
    caption = PHASES[keys.index(phase)][2].format(opens=page["phases"][phase][1],
                                                  closes=page["phases"][following][1] if following else None)
    return tables.table(shown, {"when": "When", "side": "Side", "who": "Who", "stance": "Stance", "summary": "Position"},
                        caption=caption)
