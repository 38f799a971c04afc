"""The curated data: valid, standard, quoted, and every broken input reported clearly."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from briefing import data as briefing_data
from briefing.chapters.glue import day
from briefing.data import DataError, reads
from briefing.data.validate import validate
from briefing.site.evidence import AS_OF, as_of_sentence

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "book" / "data"


def test_real_data_is_valid_and_every_quote_is_found():
    assert validate(DATA) == []


def test_package_validates_with_frictionless_outside_this_project():
    """The schema is a standard Data Package: a generic tool accepts it and its foreign keys."""
    from frictionless import Package  # here, not at the top: slow to import, and only this test uses it

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


def _header_only(table):
    def edit(data: Path):
        path = data / f"{table}.csv"
        path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
    return edit


def _edits(*edits):
    def edit(data: Path):
        for one in edits:
            one(data)
    return edit


LONG_QUOTE = ("In discussions with US Treasury Secretary Scott Bessent and Commerce Secretary Howard Lutnick, Japan’s envoy"
              " Ryosei Akazawa “once again strongly urged a reconsideration of the series of tariff measures by the United States,”")

# (case, edit, expected message fragments). Lines are as an editor sees them: header = line 1.
# A fragment starting with "!" must NOT be in the output.
BROKEN = [
    ("bad-date", _replace("events", "2025-03-12,day", "2025-03-32,day"),
     ["book/data/events.csv:6: column 'date':", "expected a real calendar date, found '2025-03-32': March 2025 has 31 days"]),
    ("date-precision-mismatch", _replace("events", "2025-05-11/2025-05-20,part-of-month", "2025-05-11/2025-05-22,part-of-month"),
     ["events.csv:19: column 'date':", "for precision 'part-of-month'"]),
    ("unknown-source-id", _replace("indicators", "auto-jobs-share,Share", "auto-jobs-share,Share", 1),
     None),  # placeholder replaced below
    ("quote-not-in-source", _replace("actors", "Yoji Muto was in Washington", "Yoji Muto was in Tokyo"),
     ["book/data/actors.csv:9: column 'quote':", "quote not found in seeds/000_52e5ca1f8d27087a.txt",
      "First difference: the quote has 'Tokyo' where the source has 'Washington'",
      "quote:  'Yoji Muto was in Tokyo'", "source: 'Yoji Muto was in Washington'", "paste them into the quote"]),
    ("curly-apostrophe-must-match", _replace("actor_roles", "akazawa,Japan’s envoy,,,004_dc53c4934d447140,,Japan’s envoy",
                                             "akazawa,Japan’s envoy,,,004_dc53c4934d447140,,Japan's envoy"),
     ["book/data/actor_roles.csv:19: column 'quote':", "quote not found in seeds/004_dc53c4934d447140.txt",
      "the quote has a straight apostrophe ' where the source has a curly apostrophe ’",
      "Only quote marks, apostrophes or dashes differ (straight or curly"]),
    ("straight-double-quotes-and-hyphen", _replace("events", "Japan’s envoy Ryosei Akazawa “once again strongly urged",
                                                   "Japan’s envoy Ryosei Akazawa \"\"once again strongly urged"),
     ["book/data/events.csv:21: column 'quote':", "Only quote marks, apostrophes or dashes differ",
      "a straight double quote \" where the source has a curly opening double quote “"]),
    ("long-quote-shown-whole", _replace("events", "by the United States,” Japan’s foreign ministry said.",
                                        "by the United States,” Japan’s foreign ministry stated."),
     ["book/data/events.csv:21: column 'quote':", "the quote has 'stated.' where the source has 'said.'",
      LONG_QUOTE + " Japan’s foreign ministry stated."]),
    ("quote-from-another-source", _replace("actors", "Yoji Muto was in Washington,", "Yoji Muto was in Washington,", 1),
     None),  # placeholder replaced below
    ("date-ambiguous-slashes", _replace("events", "2025-03-12,day", "05/01/2025,day"),
     ["book/data/events.csv:6: column 'date': '05/01/2025' is not a date in a form this column takes",
      "a day such as 2025-05-01", "a month such as 2025-05", "an interval of days such as 2025-05-03/2025-05-31",
      "an open start (on or before a day) such as ../2025-06-30",
      "'05/01/2025' is ambiguous: it reads as 1 May 2025 (month first) or 5 January 2025 (day first)",
      "!\\d", "!^(", "!matching"]),
    ("date-in-words", _replace("events", "2025-03-12,day", "\"March 12, 2025\",day"),
     ["book/data/events.csv:6: column 'date':", "Write it as 2025-03-12."]),
    ("date-form-not-taken-here", _replace("sources", ",2025-02/2025-04-10,", ",2025-02,"),
     ["book/data/sources.csv:2: column 'covers': a month '2025-02' is not a date in a form this column takes: write an"
      " interval of days such as 2025-05-03/2025-05-31 or an interval of months such as 2025-03/2025-05", "!\\d"]),
    ("date-precision-empty", _replace("events", "2025-03-12,day", "2025-03-12,"),
     ["book/data/events.csv:6: column 'date': date '2025-03-12' has no precision: fill in 'date_precision'"]),
    ("id-in-words", _replace("actors", "hassett,Kevin Hassett", "Hassett,Kevin Hassett"),
     ["book/data/actors.csv:5: column 'actor_id': expected an id of lower-case letters, digits and hyphens, with no spaces",
      "!a-z0-9"]),
    ("column-named-twice", _header("positions", lambda h: h.replace(",stance,", ",side,")),
     ["book/data/positions.csv:1: column 'side': column is named twice in the header (columns 2 and 4):"
      " delete the extra name", "!fields, the header has"]),
    ("header-name-missing", _header("actors", lambda h: h.rsplit(",", 1)[0]),
     ["book/data/actors.csv:1: the header names 10 columns but every row has 11 values: add the missing column name",
      "!fields, the header has"]),
    ("header-and-no-rows", _header_only("indicators"),
     ["book/data/indicators.csv: the table has a header but no rows: add at least one row"]),
    ("misspelt-column", _header("discrepancies", lambda h: h.replace("resolution", "resolutoin")),
     ["book/data/discrepancies.csv:1: column 'resolution': required column is missing from the header:"
      " rename 'resolutoin' to 'resolution'"]),
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
     ["book/data/actors.csv:5: row has 12 fields, the header has 11: put a value that contains a comma inside double quotes"]),
    ("unknown-actor-in-list", _replace("events", "muto;lutnick;greer;hassett", "muto;lutnick;greer;hasset"),
     ["column 'actor_ids': unknown id 'hasset': expected an id from actors.csv column 'actor_id': did you mean 'hassett'?"]),
    ("consulted-in-the-future", _replace("sources", ",2026-11-22,", ",2999-01-01,"),
     ["column 'consulted': 2999-01-01 is after today"]),
]
BROKEN[[c[0] for c in BROKEN].index("quote-from-another-source")] = (
    "quote-from-another-source",
    _replace("actors", "lutnick,Howard Lutnick,person,United States,000_52e5ca1f8d27087a,,US Commerce",
             "lutnick,Howard Lutnick,person,United States,001_8fe47da2aad60586,,US Commerce"),
    ["book/data/actors.csv:3: column 'quote': quote not found in seeds/001_8fe47da2aad60586.txt",
     "These exact words are in seeds/000_52e5ca1f8d27087a.txt: if that is the source, change source_id"])
# The evidence each kind of source needs (briefing.data.evidence).
REPORT_SOURCE = ("rep-example,report,,,Example News,Japan's envoy returns to Washington,A later report.,,2025-06-01,day,stated,"
                 "Date line.,,https://news.example.com/a,,2026-11-22,,,,,\n")


def _add_report_and_cite_it(single_sourced: str):
    def edit(data: Path):
        with open(data / "sources.csv", "a", encoding="utf-8") as sources:
            sources.write(REPORT_SOURCE)
        _replace("events", "000_52e5ca1f8d27087a,,,which Trump and Prime Minister Shigeru Ishiba agreed on during Ishiba's visit to the White House in February,article,,,",
                 f"rep-example,third paragraph,,,,,,{single_sourced}")(data)
    return edit


BROKEN += [
    ("cited-row-without-locator", _replace("tariff_measures", "procl-10908,clause 1,a law firm's and a customs broker's quotations,,\n", "procl-10908,,,,\n"),
     ["book/data/tariff_measures.csv:7: column 'locator':", "needs a pinpoint locator"]),
    ("quote-on-a-primary-document-row", _replace("events", "February\",stated", "February\",stated", 1),
     None),  # placeholder replaced below
    ("primary-document-without-url", _replace("sources", "https://www.govinfo.gov/content/pkg/FR-2025-04-07/html/2025-06063.htm", ""),
     ["book/data/sources.csv:10: column 'url':", "a primary-document needs its official address"]),
    ("primary-document-on-a-non-government-host",
     _replace("sources", "https://www.govinfo.gov/content/pkg/FR-2025-04-07/html/2025-06063.htm", "https://www.example.com/eo-14257"),
     ["book/data/sources.csv:10: column 'url':", "on a government host", "'www.example.com'", "read_at"]),
    ("report-without-second-outlet", _add_report_and_cite_it(""),
     ["book/data/events.csv:2: column 'also_source_id':", "needs a second, independent outlet", "set single_sourced to true"]),
    ("measure-without-rate", _replace("tariff_measures", "all countries,cars,25,on-top", "all countries,cars,,on-top"),
     ["book/data/tariff_measures.csv:7: column 'rate_percent': expected a value (this column is required unless charged_as is undocumented)"]),
    ("rate-on-an-undocumented-period", _replace("tariff_measures", ",,undocumented,", ",10,undocumented,"),
     ["book/data/tariff_measures.csv:", "column 'rate_percent': expected no value where charged_as is 'undocumented', found '10'"]),
    ("reference-to-no-row", _replace("indicators", "still to be vetted.", "still to be vetted (discrepancy second-round-amount)."),
     ["book/data/indicators.csv:43: column 'note': 'discrepancy second-round-amount' refers to no row",
      "expected an id from discrepancies.csv column 'discrepancy_id'"]),
    ("reference-to-a-misspelt-event", _replace("events", "(event supreme-court-ieepa-ruling)", "(event supreme-court-ruling)"),
     ["book/data/events.csv:80: column 'date_note': 'event supreme-court-ruling' refers to no row",
      "did you mean 'supreme-court-ieepa-ruling'?"]),
    ("measure-without-legal-authority", _replace("tariff_measures", "Section 232 car duty,Section 232,procl-10908", "Section 232 car duty,,procl-10908"),
     ["book/data/tariff_measures.csv:7: column 'authority':", "expected a value (this column is required)"]),
]
# The latest source's row, and the forms its publication date may take (each with its precision).
LATEST_SOURCE, LATEST_PUBLISHED = "rep-greenwich-2026-06-27-301", ",2026-06-27,day,"
# The line an editor sees that row on (rows are added above it as the record grows).
LATEST_LINE = next(i for i, line in enumerate((DATA / "sources.csv").read_text(encoding="utf-8").splitlines(), start=1)
                   if line.startswith(LATEST_SOURCE + ","))
BROKEN += [
    ("open-start-is-precision-before", _replace("sources", LATEST_PUBLISHED, ",../2026-06-27,range,"),
     [f"book/data/sources.csv:{LATEST_LINE}: column 'published': expected an interval such as 2025-05-03/2025-05-31 for precision"
      " 'range', found '../2026-06-27': change the date or the precision"]),
    ("precision-before-is-an-open-start", _replace("sources", LATEST_PUBLISHED, ",2026-06-01/2026-06-27,before,"),
     [f"book/data/sources.csv:{LATEST_LINE}: column 'published': expected an open interval such as ../2025-06-30 for precision"
      " 'before', found '2026-06-01/2026-06-27'"]),
]
BROKEN[[c[0] for c in BROKEN].index("quote-on-a-primary-document-row")] = ("quote-on-a-primary-document-row",
              _replace("events", "000_52e5ca1f8d27087a,,,which Trump and Prime Minister", "eo-14257,sec. 1,,which Trump and Prime Minister"),
              ["book/data/events.csv:2: column 'quote':", "a quote on a row citing a primary-document ('eo-14257')", "your own words"])
BROKEN[2] = ("unknown-source-id", _replace("indicators", "'Around eight percent'.,004_dc53c4934d447140", "'Around eight percent'.,999_0000000000000000"),
             ["book/data/indicators.csv:2: column 'source_id': unknown id '999_0000000000000000': expected an id from sources.csv"])


def test_a_single_sourced_report_is_accepted(tmp_path):
    """The other half of 'report-without-second-outlet': marking the row single-sourced is enough."""
    data = _copy_project(tmp_path)
    _add_report_and_cite_it("true")(data)
    assert validate(data) == []


PUBLISHED_FORMS = [("2026-06-27", "day"), ("2026-07", "month"), ("2026-06-29/2026-07-05", "week"),
                   ("2026-07-21/2026-07-31", "part-of-month"), ("2026-06-27/2026-07-10", "range"), ("../2026-04-20", "before")]


@pytest.mark.parametrize("published,precision", PUBLISHED_FORMS, ids=[p for _, p in PUBLISHED_FORMS])
def test_every_publication_date_the_check_accepts_dates_the_record(tmp_path, monkeypatch, published, precision):
    """The latest source dated in each form the check accepts: the data is valid, and the one "as of"
    rule (briefing.data.record_end, each page's date line) gives a day. A source dated only 'on or
    before' a day has no earliest day, so it is never the latest (it once crashed the build: NaT)."""
    data = _copy_project(tmp_path)
    _replace("sources", LATEST_PUBLISHED, f",{published},{precision},")(data)
    assert validate(data) == []
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(data))  # what the pages' date line reads
    sources = briefing_data.sources()
    latest, end = briefing_data.latest_source(sources), briefing_data.record_end(sources)
    assert pd.notna(end) and end == latest["published_start"] == sources["published_start"].max()
    assert as_of_sentence(set(sources["source_id"])) == f"{AS_OF} {day(end)} ({latest['label']})."
    edited = sources[sources["source_id"] == LATEST_SOURCE]
    if precision == "before":
        assert latest["source_id"] != LATEST_SOURCE
        with pytest.raises(ValueError, match="date at least one of them to a day, a month or an interval of days"):
            briefing_data.latest_source(edited)
    else:
        assert latest["source_id"] == LATEST_SOURCE


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
        if fragment.startswith("!"):
            assert fragment[1:] not in result.stderr, f"{case}: {fragment[1:]!r} must not be in:\n{result.stderr}"
        else:
            assert fragment in result.stderr, f"{case}: expected {fragment!r} in:\n{result.stderr}"
    assert _digest(data) == before, "the validator must never rewrite a file"
    for message in re.split(r"\n(?=book/data|seeds)", result.stderr.split("\n\n")[0]):
        assert re.search(FIX_WORDS, message), f"{case}: the message does not say what to do:\n{message}"


# Every message says what to do: each carries one of these.
FIX_WORDS = (r"\b(write|Write|add|delete|remove|Remove|fill|save|correct|change|paste|rename|did you mean|restore"
             r"|give|put|reword|rewrite)\b")


def test_all_problems_are_reported_in_one_run(tmp_path):
    data = _copy_project(tmp_path)
    cases = dict((c[0], c[1]) for c in BROKEN)
    for name in ("bad-date", "quote-not-in-source", "unknown-enum", "byte-order-mark"):
        edit = cases[name]
        edit(data)
    result = _run_validator(data)
    assert result.returncode == 1
    for fragment in ("events.csv:6: column 'date'", "actors.csv:9: column 'quote'", "actors.csv:5: column 'side'",
                     "positions.csv:1: file starts with a byte-order mark"):
        assert fragment in result.stderr
    assert "4 problem(s) found" in result.stderr


def test_loading_broken_data_raises_the_full_report(tmp_path):
    data = _copy_project(tmp_path)
    dict((c[0], c[1]) for c in BROKEN)["unknown-enum"](data)
    with pytest.raises(DataError, match="expected one of United States, Japan, other, found 'USA'"):
        briefing_data.load("actors", data)


def test_a_chapters_record_of_reads_holds_its_kernels_reads_not_the_builds(tmp_path, monkeypatch):
    """While a chapter is read, the build sets where its kernel records the tables it loads; the
    build's own loads (citation markers, notes) in that time are not the chapter's. Recorded, they
    once replaced the record of a chapter that did not execute, so a later edit of a table it reads
    left it stale."""
    record = tmp_path / "chapter.new"
    monkeypatch.setenv(reads.VARIABLE, str(record))
    monkeypatch.setenv(reads.PARENT, str(os.getpid()))
    briefing_data.load("sources")
    assert not record.exists()
    kernel = subprocess.run([sys.executable, "-c", "from briefing import data; data.load('events')"],
                            capture_output=True, text=True, check=False)
    assert kernel.returncode == 0, kernel.stderr
    assert reads.recorded(record) == {"events"}


def test_a_part_of_a_table_is_all_a_chapter_gets_and_its_record_changes_only_with_it(tmp_path, monkeypatch):
    """``load(name, rows=, columns=)`` gives only that part (with the row id and a date column's
    precision), records it with a digest of its cells, and the digest the build computes again from
    the file changes when a cell of the part changes, never when a cell outside it does: the rule
    that lets a one-value edit re-execute only the chapters that were given that value."""
    data = _copy_project(tmp_path)
    record = tmp_path / "chapter.new"
    monkeypatch.setenv(reads.VARIABLE, str(record))
    monkeypatch.delenv(reads.PARENT, raising=False)
    rows = ["framework-announced", "ishiba-white-house-visit"]
    part = briefing_data.load("events", data, rows=rows, columns=["date", "summary"])
    assert sorted(part["event_id"]) == sorted(rows)
    assert {"event_id", "date", "date_precision", "summary", "date_label"} <= set(part.columns)
    assert "title" not in part.columns, "a column not asked for must be missing (KeyError), never stale"
    with pytest.raises(KeyError, match="no column 'titel'"):
        briefing_data.load("events", data, columns=["titel"])
    whole = briefing_data.load("events", data).set_index("event_id")
    assert part.set_index("event_id").loc["framework-announced", "date_label"] == whole.loc["framework-announced", "date_label"]
    (read,) = [r for r in reads.entries(record) if r.part and r.part["columns"] == ["date", "summary"]]
    assert read.table == "events" and read.part["rows"] == rows
    assert briefing_data.part_digest("events", read.part, data) == read.part["digest"]

    events = data / "events.csv"
    text = events.read_text(encoding="utf-8")
    # Outside the part: another row's summary, and this row's title (a column not asked for).
    other = whole.loc["japan-uk-two-plus-two", "summary"]
    events.write_text(text.replace(other, other + " Edited.", 1).replace(",Ishiba visits the White House,", ",Ishiba at the White House,", 1),
                      encoding="utf-8")
    assert briefing_data.part_digest("events", read.part, data) == read.part["digest"]
    # Inside it: this row's summary, then its date's precision (the date label is made from it).
    mine = whole.loc["ishiba-white-house-visit", "summary"]
    events.write_text(text.replace(mine, mine + " Edited.", 1), encoding="utf-8")
    assert briefing_data.part_digest("events", read.part, data) != read.part["digest"]
    events.write_text(text.replace("ishiba-white-house-visit,2025-02,month,", "ishiba-white-house-visit,2025-02,range,", 1),
                      encoding="utf-8")
    assert briefing_data.part_digest("events", read.part, data) != read.part["digest"]
    # A row asked for that goes away changes the part too.
    events.write_text("".join(line for line in text.splitlines(keepends=True) if not line.startswith("framework-announced,")),
                      encoding="utf-8")
    assert briefing_data.part_digest("events", read.part, data) != read.part["digest"]
