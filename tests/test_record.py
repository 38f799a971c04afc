"""The record's citations: where a cited part was read is its own column, never inside a locator.

These read the CSV files and datapackage.json as they are (no validator module is changed).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "book" / "data"


def _package(data: Path = DATA) -> dict:
    return json.loads((data / "datapackage.json").read_text(encoding="utf-8"))


def _rows(table: str, data: Path = DATA) -> list[tuple[int, dict[str, str]]]:
    """(line as an editor shows it, row) for each data row of a table (header = line 1)."""
    text = (data / f"{table}.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    return [(reader.line_num, row) for row in reader]


# --- read_in: the copy a cited part was read in ---------------------------------------------------

READ_IN_WORDS = re.compile(r"\bread in\b", re.I)


def locator_columns(package: dict) -> dict[str, list[str]]:
    """Every column that holds a pinpoint locator, by table."""
    return {res["name"]: [f["name"] for f in res["schema"]["fields"] if "locator" in f["name"]]
            for res in package["resources"]}


def read_in_problems(data: Path = DATA) -> list[str]:
    """A locator that says where it was read ('(read in law firms' readings)'), a locator whose
    table has no read_in column for it, or a read_in that starts with the words 'read in'."""
    package = _package(data)
    fields = {res["name"]: {f["name"] for f in res["schema"]["fields"]} for res in package["resources"]}
    problems = []
    for table, columns in locator_columns(package).items():
        for line, row in _rows(table, data):
            for column in columns:
                read_in = column.replace("locator", "read_in")
                if READ_IN_WORDS.search(row.get(column) or ""):
                    where = f"its {read_in} column" if read_in in fields[table] else f"a {read_in} column (declare it in datapackage.json)"
                    problems.append(f"book/data/{table}.csv:{line}: column '{column}': {row[column]!r} says where it was read: "
                                    f"move the copy's description to {where}, without the words 'read in'")
                if READ_IN_WORDS.match(row.get(read_in) or ""):
                    problems.append(f"book/data/{table}.csv:{line}: column '{read_in}': drop the words 'read in' (the pages add them)")
    return problems


def test_no_locator_says_where_it_was_read():
    assert read_in_problems() == []


def test_every_read_in_column_is_declared_next_to_its_locator():
    for res in _package()["resources"]:
        names = [f["name"] for f in res["schema"]["fields"]]
        for i, name in enumerate(names):
            if "read_in" in name:
                assert names[i - 1] == name.replace("read_in", "locator"), (res["name"], name)


def test_a_locator_with_read_in_words_fails(tmp_path):
    import shutil

    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "tariff_measures.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("procl-10908,clause 1,\n", "procl-10908,clause 1 (read in a law firm's reading),\n", 1), encoding="utf-8")
    (problem,) = read_in_problems(tmp_path / "data")
    assert "tariff_measures.csv:7: column 'locator'" in problem and "its read_in column" in problem


def test_the_pages_show_read_in_after_the_locator():
    from briefing.chapters import tables

    cell = tables.cite("eo-14345", "sec. 4", read_in="customs brokers' readings")
    assert cell.endswith(", sec. 4 (read in customs brokers&#x27; readings)")
    assert tables.citation_text("eo-14345", "sec. 4", "customs brokers' readings") == (
        "Executive Order 14345, sec. 4; read in customs brokers' readings")
    assert tables.citation_text("eo-14345", "sec. 4", None) == "Executive Order 14345, sec. 4"
    assert tables.located("sec. 1 (new end of the pause)", "a verbatim copy") == "sec. 1 (new end of the pause; read in a verbatim copy)"
