"""The curated data: valid, standard, quoted, and every broken input reported clearly."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.data.validate import validate

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "book" / "data"


def test_real_data_is_valid_and_every_quote_is_found():
    assert validate(DATA) == []


def test_package_validates_with_frictionless_outside_this_project():
    """The schema is a standard Data Package: a generic tool accepts it and its foreign keys."""
    from frictionless import Package

    report = Package(str(DATA / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_seeds_are_byte_for_byte_the_archived_articles():
    sums = dict(line.split("  ")[::-1] for line in (ROOT / "seeds" / "SHA256SUMS").read_text().splitlines())
    files = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert sorted(sums) == files and len(files) == 5
    for name in files:
        assert hashlib.sha256((ROOT / "seeds" / name).read_bytes()).hexdigest() == sums[name], name


# --- broken inputs: each edit breaks one file; the validator must name file, line, column -----------

def _replace(table, old, new, count=1):
    def edit(data: Path):
        path = data / f"{table}.csv"
        text = path.read_text(encoding="utf-8")
        assert old in text, f"corpus out of date: {old!r} not in {table}.csv"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return edit


def _write_bytes(table, transform):
    def edit(data: Path):
        path = data / f"{table}.csv"
        path.write_bytes(transform(path.read_bytes()))
    return edit


def _header(table, transform):
    def edit(data: Path):
        path = data / f"{table}.csv"
        head, rest = path.read_text(encoding="utf-8").split("\n", 1)
        path.write_text(transform(head) + "\n" + rest, encoding="utf-8")
    return edit


def _drop_column(table, column):
    import csv
    import io

    def edit(data: Path):
        path = data / f"{table}.csv"
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        fields = [f for f in rows[0] if f != column]
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    return edit


# (case, edit, expected message fragments). Lines are as an editor sees them: header = line 1.
BROKEN = [
    ("bad-date", _replace("events", "2025-03-12,day", "2025-03-32,day"),
     ["book/data/events.csv:6: column 'date':", "expected a real calendar date, found '2025-03-32'"]),
    ("date-precision-mismatch", _replace("events", "2025-04-11/2025-04-20,part-of-month", "2025-04-11/2025-04-22,part-of-month"),
     ["events.csv:11: column 'date':", "for precision 'part-of-month'"]),
    ("unknown-source-id", _replace("indicators", "auto-jobs-share,Share", "auto-jobs-share,Share", 1),
     None),  # placeholder replaced below
    ("quote-not-in-source", _replace("actors", "Yoji Muto was in Washington", "Yoji Muto was in Tokyo"),
     ["book/data/actors.csv:9: column 'quote':", "quote not found in seeds/000_52e5ca1f8d27087a.txt", "Yoji Muto was in Tokyo"]),
    ("curly-apostrophe-must-match", _replace("actor_roles", "akazawa,Japan’s envoy,004_dc53c4934d447140,,Japan’s envoy",
                                             "akazawa,Japan’s envoy,004_dc53c4934d447140,,Japan's envoy"),
     ["book/data/actor_roles.csv:19: column 'quote':", "quote not found in seeds/004_dc53c4934d447140.txt"]),
    ("duplicate-id", _replace("actors", "greer,Jamieson Greer", "lutnick,Jamieson Greer"),
     ["book/data/actors.csv:4: column 'actor_id':", "duplicate id 'lutnick': already used on line 3"]),
    ("unknown-enum", _replace("actors", "hassett,Kevin Hassett,person,United States", "hassett,Kevin Hassett,person,USA"),
     ["book/data/actors.csv:5: column 'side':", "expected one of United States, Japan, other, found 'USA'"]),
    ("missing-required-column", _drop_column("indicators", "unit"),
     ["book/data/indicators.csv:1: column 'unit': required column is missing from the header"]),
    ("extra-unknown-column", _header("positions", lambda h: h + ",comment"),
     ["book/data/positions.csv:1: column 'comment': unknown column"]),
    ("rate-out-of-range", _replace("reported_tariffs", "steel-000,steel,25,", "steel-000,steel,250,"),
     ["book/data/reported_tariffs.csv:2: column 'rate_percent':", "expected a value of at most 100, found '250'"]),
    ("non-utf8-bytes", _write_bytes("actors", lambda b: b.replace(b"Muto", b"Mut\xf6", 1)),
     ["book/data/actors.csv:9:", "bytes that are not UTF-8"]),
    ("empty-file", _write_bytes("indicators", lambda b: b""),
     ["book/data/indicators.csv: file is empty"]),
    ("byte-order-mark", _write_bytes("positions", lambda b: b"\xef\xbb\xbf" + b),
     ["book/data/positions.csv:1: file starts with a byte-order mark"]),
    ("formula-prefix", _replace("events", "Ishiba visits the White House", "=HYPERLINK(\"http://x\")"),
     ["book/data/events.csv:2: column 'title':", "does not start with = + - @"]),
    ("too-many-fields", _replace("actors", "hassett,Kevin Hassett,person", "hassett,Kevin,Hassett,person"),
     ["book/data/actors.csv:5: row has 12 fields, the header has 11"]),
    ("unknown-actor-in-list", _replace("events", "muto;lutnick;greer;hassett", "muto;lutnick;greer;hasset"),
     ["column 'actor_ids': unknown id 'hasset': expected an id from actors.csv column 'actor_id'"]),
]
# The evidence each kind of source needs (briefing.data.evidence).
REPORT_SOURCE = ("rep-example,report,,,Example News,Japan's envoy returns to Washington,A later report.,,2025-06-01,day,stated,"
                 "Date line.,,https://news.example.com/a,,2026-11-22,,,,,\n")


def _add_report_and_cite_it(single_sourced: str):
    def edit(data: Path):
        with open(data / "sources.csv", "a", encoding="utf-8") as sources:
            sources.write(REPORT_SOURCE)
        _replace("events", "000_52e5ca1f8d27087a,,which Trump and Prime Minister Shigeru Ishiba agreed on during Ishiba's visit to the White House in February,article,,,",
                 f"rep-example,third paragraph,,,,,{single_sourced}")(data)
    return edit


BROKEN += [
    ("cited-row-without-locator", _replace("tariff_measures", "procl-10908,clause 1\n", "procl-10908,\n"),
     ["book/data/tariff_measures.csv:7: column 'locator':", "needs a pinpoint locator"]),
    ("quote-on-a-primary-document-row", _replace("events", "February\",stated", "February\",stated", 1),
     None),  # placeholder replaced below
    ("primary-document-without-url", _replace("sources", "https://www.govinfo.gov/content/pkg/FR-2025-04-07/html/2025-06063.htm", ""),
     ["book/data/sources.csv:10: column 'url':", "a primary-document needs its official address"]),
    ("primary-document-on-a-non-government-host",
     _replace("sources", "https://www.govinfo.gov/content/pkg/FR-2025-04-07/html/2025-06063.htm", "https://www.example.com/eo-14257"),
     ["book/data/sources.csv:10: column 'url':", "on a government host", "'www.example.com'", "read_at"]),
    ("report-without-second-outlet", _add_report_and_cite_it(""),
     ["book/data/events.csv:2: column 'also_source_id':", "needs a second, independent outlet", "single_sourced set to true"]),
    ("measure-without-legal-authority", _replace("tariff_measures", "Section 232 car duty,Section 232,procl-10908", "Section 232 car duty,,procl-10908"),
     ["book/data/tariff_measures.csv:7: column 'authority':", "expected a value (this column is required)"]),
]
BROKEN[-5] = ("quote-on-a-primary-document-row",
              _replace("events", "000_52e5ca1f8d27087a,,which Trump and Prime Minister", "eo-14257,sec. 1,which Trump and Prime Minister"),
              ["book/data/events.csv:2: column 'quote':", "a quote on a row citing a primary-document ('eo-14257')", "your own words"])
BROKEN[2] = ("unknown-source-id", _replace("indicators", "'Around eight percent'.,004_dc53c4934d447140", "'Around eight percent'.,999_0000000000000000"),
             ["book/data/indicators.csv:2: column 'source_id': unknown id '999_0000000000000000': expected an id from sources.csv"])


def test_a_single_sourced_report_is_accepted(tmp_path):
    """The other half of 'report-without-second-outlet': marking the row single-sourced is enough."""
    data = _copy_project(tmp_path)
    _add_report_and_cite_it("true")(data)
    assert validate(data) == []


def _copy_project(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "book" / "data")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path / "book" / "data"


def _run_validator(data: Path):
    return subprocess.run([sys.executable, "-m", "briefing.data", "book/data"], cwd=data.parent.parent,
                          capture_output=True, text=True, check=False)


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("case,edit,expected", BROKEN, ids=[c[0] for c in BROKEN])
def test_broken_input_gets_a_clear_message(tmp_path, case, edit, expected):
    data = _copy_project(tmp_path)
    edit(data)
    before = _digest(data)
    result = _run_validator(data)
    assert result.returncode == 1, result.stdout + result.stderr
    for fragment in expected:
        assert fragment in result.stderr, f"{case}: expected {fragment!r} in:\n{result.stderr}"
    assert _digest(data) == before, "the validator must never rewrite a file"


def test_all_problems_are_reported_in_one_run(tmp_path):
    data = _copy_project(tmp_path)
    for _, edit, _ in (BROKEN[0], BROKEN[3], BROKEN[6], BROKEN[12]):
        edit(data)
    result = _run_validator(data)
    assert result.returncode == 1
    for fragment in ("events.csv:6: column 'date'", "actors.csv:9: column 'quote'", "actors.csv:5: column 'side'",
                     "positions.csv:1: file starts with a byte-order mark"):
        assert fragment in result.stderr
    assert "4 problem(s) found" in result.stderr


def test_loading_broken_data_raises_the_full_report(tmp_path):
    from briefing import data as briefing_data
    from briefing.data.validate import DataError

    data = _copy_project(tmp_path)
    BROKEN[6][1](data)
    with pytest.raises(DataError, match="expected one of United States, Japan, other, found 'USA'"):
        briefing_data.load("actors", data)
