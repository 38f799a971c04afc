"""Coverage checklist: every figure, date word and multi-word name in the archived sources is
either inside a quote in the data or listed, with a reason, in coverage_exclusions.csv.

On failure the test prints the checklist of what is not covered, with context.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from briefing.data.quotes import normalise_space, quote_excerpts

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "book" / "data"
NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|fourth|fifth"
DAYS_MONTHS = ("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
               "July|August|September|October|November|December")
FIGURE = re.compile(rf"\d+(?:[.,/:]\d+)*(?:\s?(?:%|percent|per cent))?|\b(?:{NUMBER_WORDS}|{DAYS_MONTHS})\b")
NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
SENTENCE_STARTERS = {"As", "The", "While", "Under", "Last", "On", "During", "According", "After", "Sources", "Some", "At",
                     "Another", "Your", "Welcome", "Stay", "Subscribe", "Close", "Clearly", "Obviously", "President"}


def _quoted_spans() -> dict[str, list[str]]:
    spans: dict[str, list[str]] = {}
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        with open(DATA / resource["path"], encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for field in resource["schema"]["fields"]:
            source_column = field.get("x-briefing-quote-in")
            for row in rows if source_column else []:
                spans.setdefault(row[source_column], []).extend(quote_excerpts(row[field["name"]]))
    with open(Path(__file__).with_name("coverage_exclusions.csv"), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            assert row["reason"].strip(), f"exclusion without a reason: {row['text']!r}"
            spans.setdefault(row["source_id"], []).append(normalise_space(row["text"]))
    return spans


def _names(text: str):
    for match in NAME.finditer(text):
        words = match.group().split()
        start = match.start()
        while words and words[0] in SENTENCE_STARTERS:
            start += len(words.pop(0)) + 1
        if len(words) >= 2:  # each word must be covered; the spaces between may straddle two quotes
            for word in words:
                yield start, start + len(word)
                start += len(word) + 1


def uncovered() -> list[str]:
    spans = _quoted_spans()
    missing = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = normalise_space(path.read_text(encoding="utf-8"))
        covered = bytearray(len(text))
        for excerpt in spans.get(path.stem, []):
            assert excerpt in text, f"{path.name}: checklist text not in source: {excerpt!r}"
            for match in re.finditer(re.escape(excerpt), text):
                covered[match.start():match.end()] = b"\1" * (match.end() - match.start())
        items = [(m.start(), m.end()) for m in FIGURE.finditer(text)] + list(_names(text))
        for start, end in sorted(items):
            if not all(covered[start:end]):
                missing.append(f"{path.stem[:3]}: {text[start:end]!r} in …{text[max(0, start - 50):end + 30]}…")
    return missing


def test_every_figure_date_and_name_in_the_sources_is_in_the_data():
    missing = uncovered()
    assert not missing, "Not in the data and not excluded with a reason:\n" + "\n".join(missing)


def test_every_seed_has_rows_in_every_kind_of_table():
    """Each source contributes events, actors and positions: nothing archived is left unread."""
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    cited: dict[str, set[str]] = {}
    for resource in package["resources"]:
        if resource["name"] == "sources":
            continue
        with open(DATA / resource["path"], encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for column in ("source_id", "source_a", "source_b"):
                    if row.get(column):
                        cited.setdefault(row[column], set()).add(resource["name"])
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        tables = cited.get(path.stem, set())
        assert {"events", "actors", "positions"} <= tables, f"{path.stem} is cited only in {sorted(tables)}"
