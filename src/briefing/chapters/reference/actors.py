"""'Who is who and what they wanted' (book/actors.md): the people and institutions the sources name,
their titles with the dates the sources give, and the positions each side took in the talks of
2025.

Everything the page states is computed here; the page is prose with glued values and the tables.
"""

from __future__ import annotations

import re

import pandas as pd

from ... import data
from .. import tables
from ..glue import day, glue, percent
from . import common

# Rows this page relies on, by table: a renamed or deleted row fails the check, naming it.
RELIED_ON = {"actors": ["akazawa"], "tariff_measures": ["reciprocal-10-all"]}


def relied_on_problems(data_dir=None) -> list[str]:
    return common.relied_on_problems(RELIED_ON, "book/actors.md", "src/briefing/chapters/reference/actors.py", data_dir)


def title_key(role: str) -> str:
    """One title however a source writes it: capitals and a leading 'US', 'U.S.' or 'Japan's'
    aside ('Commerce Secretary' and 'US Commerce Secretary' are one title)."""
    return re.sub(r"^(?:us|u\.s\.|japan[’']s)\s+", "", role.lower())


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

    return {"actors": actors, "roles": roles, "positions": positions, "talks": talks,
            "names": dict(zip(actors["actor_id"], actors["name"]))}


def _dated(row) -> str:
    """A role with the dates a source gives: 'Prime Minister (from 21 October 2025)'."""
    span = [f"from {row.held_from_label}" if isinstance(row.held_from, str) else "",
            f"until {row.held_until_label}" if isinstance(row.held_until, str) else ""]
    span = " ".join(s for s in span if s)
    return f"{row.role} ({span})" if span else row.role


def _once_each(group: pd.DataFrame) -> str:
    """Each title once (title_key), in the first source's form; a title that one source dates is
    listed with its dates only, since an undated mention of it adds nothing."""
    keys = [title_key(role) for role in group["role"]]
    dated_keys = {key for key, role, form in zip(keys, group["role"], group["dated"]) if form != role}
    shown = {}
    for key, role, form in zip(keys, group["role"], group["dated"]):
        if form == role and key in dated_keys:
            continue
        shown.setdefault(key if form == role else form, form)
    return "; ".join(shown.values())


def _in_words(d):
    return day(d) if isinstance(d, str) and len(d) == 10 else d


def _named_in_error(roles: pd.DataFrame) -> set[str]:
    """Actors a source names only by mistake (each of their roles points to a discrepancy of kind
    error, e.g. a 'Biden administration' as the US side in 2025): the discrepancy log has them, the
    table of who is who does not."""
    errors = set(data.load("discrepancies").query("kind == 'error'")["discrepancy_id"])
    marked = roles.assign(error=[any(f"discrepancy {d}" in str(r) for d in errors) for r in roles["role"]])
    return set(marked.groupby("actor_id")["error"].all().loc[lambda s: s].index)


def _people(page: dict) -> pd.DataFrame:
    """Every actor not named only in error, with the titles the sources give and their dates."""
    roles, actors = page["roles"], page["actors"]
    actors = actors[~actors["actor_id"].isin(_named_in_error(roles))]
    roles = roles.assign(held_from_label=roles["held_from"].map(_in_words), held_until_label=roles["held_until"].map(_in_words))
    roles["dated"] = [_dated(r) for r in roles.itertuples()]
    titles = roles.groupby("actor_id")[["role", "dated"]].apply(_once_each)
    return actors.assign(titles=actors["actor_id"].map(titles))


def _in_government(people: pd.DataFrame) -> pd.Series:
    """The two sides' people and institutions: not the companies, media, analysts and international bodies."""
    return people["side"].isin(["Japan", "United States"]) & people["kind"].isin(["person", "institution"])


def people_table(page: dict) -> tables.HtmlTable:
    """The two sides' people and institutions, with their titles and dates."""
    people = _people(page)
    shown = people[_in_government(people)].sort_values(["side", "kind", "name"], ascending=[True, False, True])
    return tables.table(shown, {"name": "Name", "side": "Side", "kind": "Kind",
                                "titles": "Role as the sources give it, with its dates where they give them"},
                        caption="The two sides' people and institutions, as the sources name them")


def others_table(page: dict) -> tables.HtmlTable:
    """Everyone else the sources quote or name: companies, media, analysts, international bodies."""
    people = _people(page)
    shown = people[~_in_government(people)].sort_values(["kind", "name"])
    return tables.table(shown, {"name": "Name", "kind": "Kind", "titles": "Described as"},
                        caption="Others the sources quote or name: companies, media, analysts and international bodies")


def positions_table(page: dict) -> tables.HtmlTable:
    """The positions in the talks, by round, with who took them."""
    talks = page["talks"]
    shown = talks.assign(
        who=talks["actor_id"].map(page["names"]).fillna("officials (not named)"),
        when=talks["round"].astype("string").fillna("not stated"),
        context=talks["round_note"].fillna(""),
    ).sort_values(["round", "side", "position_id"], na_position="last")
    return tables.table(shown, {"when": "Round", "side": "Side", "who": "Who", "stance": "Stance", "summary": "Position",
                                "context": "When"}, caption="Positions in the talks, by round")
