"""Figures of the law written into the data's text must be the law's figures.

A note, summary or finding that writes "25% Section 232 car duty" or "the 10% reciprocal duty"
restates a rate the measures table defines. This check finds every such claim, "N% <measure
name>", in the data's text and fails where N is not a rate the measures table gives that
measure, with the file, the line as an editor shows it, the column and what to do.

A measure is named by its full name in ``tariff_measures.name`` ("Section 232 car duty under the
US–Japan agreement": the rates of the measures with exactly that name) or by its family's short
name, the full name without its "Section NNN " and without any qualifier ("car duty",
"reciprocal duty": every rate the family's measures set). Verbatim quotes from the archived
articles are their words, not the law's, and are not checked.

``python -m briefing.law.consistency [DATA_DIR]`` prints every problem and exits 1 if any.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import paths

QUALIFIERS = (" under ", " at ", " during ", " on ", " from ", " (")  # where a short name ends


@dataclass(frozen=True)
class Claim:
    path: Path
    line: int
    column: str
    text: str  # '30% Section 232 car duty'
    rate: float
    name: str
    rates: tuple[float, ...]  # what the measures table sets for that name
    measures: tuple[str, ...]

    def __str__(self) -> str:
        shown = self.path.as_posix()
        law = " or ".join(f"{r:g}%" for r in self.rates)
        return (f"{shown}:{self.line}: column '{self.column}': {self.text!r} restates a rate of the law, but the measures "
                f"table sets the {self.name} at {law} ({', '.join(self.measures)}): correct the figure to the measure's "
                "rate, or compute it from the measure (in a chapter, glue it from briefing.law) instead of writing it")


def _short(name: str) -> str:
    short = re.sub(r"^Section \d+ ", "", name)
    cut = min((short.find(q) for q in QUALIFIERS if q in short), default=len(short))
    return short[:cut].strip()


def _names(rows: list[dict[str, str]]) -> dict[str, tuple[tuple[float, ...], tuple[str, ...]]]:
    """Each way the data may name a measure, with the rates and measure ids it stands for."""
    found: dict[str, tuple[set[float], list[str]]] = {}
    families: dict[str, set[str]] = {}
    for row in rows:
        families.setdefault(row["family"], set()).add(_short(row["name"]))
    for row in rows:
        if not row["rate_percent"]:
            continue  # an undocumented period sets no rate
        rate = float(row["rate_percent"])
        # A short name of one word ('duty', from 'duty on other goods after …') names no measure.
        keys = [row["name"]] + [s for s in families[row["family"]] if len(s.split()) > 1]
        for key in keys:
            rates, ids = found.setdefault(key.lower(), (set(), []))
            rates.add(rate)
            ids.append(row["measure_id"])
    return {k: (tuple(sorted(r)), tuple(dict.fromkeys(i))) for k, (r, i) in found.items()}


def _tables(data_dir: Path) -> list[tuple[Path, list[str]]]:
    """Each table's file and the text columns to read (not the archived articles' quotes)."""
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    out = []
    for resource in package["resources"]:
        columns = [f["name"] for f in resource["schema"]["fields"]
                   if f.get("type", "string") == "string" and "x-briefing-quote-in" not in f and "quote" not in f["name"]]
        out.append((data_dir / resource["path"], columns))
    return out


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    rows, start = [], reader.line_num + 1
    for row in reader:
        rows.append((start, row))
        start = reader.line_num + 1
    return rows


def claims(data_dir: Path | None = None) -> list[Claim]:
    """Every 'N% <measure name>' claim in the data's text, with what the measures table sets."""
    data_dir = Path(data_dir) if data_dir else paths.data_dir()
    names = _names([row for _, row in _rows(data_dir / "tariff_measures.csv")])
    pattern = re.compile(r"(\d+(?:\.\d+)?)\s?%\s+(?:the\s+)?(" + "|".join(
        re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b", re.I)
    shown_root = data_dir.parent.parent if data_dir.parent.name == "book" else data_dir.parent
    found = []
    for path, columns in _tables(data_dir):
        for line, row in _rows(path):
            for column in columns:
                for match in pattern.finditer(row.get(column) or ""):
                    rates, ids = names[match.group(2).lower()]
                    found.append(Claim(_relative(path, shown_root), line, column, match.group(0), float(match.group(1)),
                                       match.group(2), rates, ids))
    return found


def _relative(path: Path, root: Path) -> Path:
    try:
        return path.resolve().relative_to(root.resolve())
    except ValueError:
        return path


def problems(data_dir: Path | None = None) -> list[Claim]:
    """The claims whose figure is not a rate the measures table sets for the measure named."""
    return [c for c in claims(data_dir) if c.rate not in c.rates]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else None
    found = problems(data_dir)
    for problem in found:
        print(problem, file=sys.stderr)
    checked = len(claims(data_dir))
    if found:
        print(f"{len(found)} of {checked} figures of the law in the data's text differ from the measures table", file=sys.stderr)
        return 1
    print(f"{checked} figures of the law in the data's text agree with the measures table")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
