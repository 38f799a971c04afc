"""Ids: each table's primary key is unique, and every id that points into another table exists.

What points where is read from datapackage.json: ``primaryKey``, ``foreignKeys``, and
``x-briefing-list-of`` for a column of ids separated by ';' (e.g. ``actor_ids``).
"""

from __future__ import annotations

import difflib

from .problems import Problem
from .table import Table


def check_keys(table: Table, schema: dict, tables: dict[str, Table], problems: list[Problem]) -> None:
    pk = schema.get("primaryKey")
    pk = [pk] if isinstance(pk, str) else (pk or [])
    if pk:
        seen: dict[tuple, int] = {}
        for row, line in table.numbered():
            key = tuple(row[k] for k in pk)
            if key in seen:
                problems.append(Problem(table.shown, line, ",".join(pk), f"duplicate id {'/'.join(key)!r}: already used on line"
                                        f" {seen[key]}; give this row an id of its own"))
            else:
                seen[key] = line
    references = [(fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"]) for fk in schema.get("foreignKeys", [])]
    for field in schema["fields"]:
        if "x-briefing-list-of" in field:
            resource, ref = field["x-briefing-list-of"].split(".")
            references.append((field["name"], resource, ref))
    for column, resource, ref in references:
        if resource not in tables:
            continue
        known = {r[ref] for r in tables[resource].rows}
        for row, line in table.numbered():
            for value in filter(None, row[column].split(";")):
                if value not in known:
                    close = difflib.get_close_matches(value, sorted(known), n=1)
                    fix = f"did you mean {close[0]!r}?" if close else f"add a row for it to {resource}.csv first, or correct it"
                    problems.append(Problem(table.shown, line, column, f"unknown id {value!r}: expected an id from {resource}.csv"
                                            f" column '{ref}': {fix}"))
