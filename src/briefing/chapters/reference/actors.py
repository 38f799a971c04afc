"""'Who is who and what they wanted' (book/actors.md): the people and institutions the sources name,
their titles with the dates the sources give, and the positions each side took in the talks of
2025.

Everything the page states is computed here; the page is prose with glued values, the tables and
the chart.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from ... import data
from .. import charts, style, tables
from ..glue import count, day, glue
from . import common

# Rows this page relies on, by table: a renamed or deleted row fails the check, naming it.
RELIED_ON = {"actors": ["akazawa"]}


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

    def stances(side, stance):
        return int(((positions["side"] == side) & (positions["stance"] == stance)).sum())

    akazawa_titles = roles.loc[roles["actor_id"] == "akazawa", "role"].map(title_key).unique()
    glue("n-people", count(int((actors["kind"] == "person").sum()), "person", "people"))
    glue("n-institutions", count(int((actors["kind"] != "person").sum()), "institution"))
    glue("n-akazawa-titles", len(akazawa_titles))
    glue("akazawa-titles", ", ".join(sorted(akazawa_titles)))
    glue("n-asks-jp", count(stances("Japan", "ask"), "ask"))
    glue("n-offers-jp", count(stances("Japan", "offer"), "offer"))
    glue("n-refusals-us", count(stances("United States", "refusal"), "refusal"))
    glue("n-demands-us", count(stances("United States", "demand"), "demand"))
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


def people_table(page: dict) -> tables.HtmlTable:
    """The people and institutions the sources name, by side, with their titles and dates."""
    roles, actors = page["roles"], page["actors"]
    roles = roles.assign(held_from_label=roles["held_from"].map(_in_words), held_until_label=roles["held_until"].map(_in_words))
    roles["dated"] = [_dated(r) for r in roles.itertuples()]
    titles = roles.groupby("actor_id")[["role", "dated"]].apply(_once_each)
    shown = actors.assign(titles=actors["actor_id"].map(titles)).sort_values(["side", "kind", "name"])
    return tables.table(shown, {"name": "Name", "side": "Side", "kind": "Kind",
                                "titles": "Role as the sources give it, with its dates where they give them"},
                        caption="People and institutions named in the sources, by side")


def positions_chart(page: dict) -> go.Figure:
    """The positions reported in the talks, by side and round."""
    talks = page["talks"]
    fig = charts.positions_matrix(talks)
    by_round = talks.assign(when=talks["round"].astype("string").fillna("not stated")).groupby(["when", "side"]).size()
    style.describe(fig, "Bar chart of the positions reported in the talks, by round, one bar per side: "
                   + "; ".join(f"round {when}, {side}: {n}" for (when, side), n in by_round.items()) + ".")
    return fig


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
