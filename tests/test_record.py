"""The record's citations: where a cited part was read is its own column, never inside a locator.

These read the CSV files and datapackage.json as they are (no validator module is changed).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from briefing import data, law
from briefing.chapters import tables
from briefing.law import consistency

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
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "tariff_measures.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("procl-10908,clause 1,a law firm's and a customs broker's quotations,,\n", "procl-10908,clause 1 (read in a law firm's reading),,,\n", 1), encoding="utf-8")
    (problem,) = read_in_problems(tmp_path / "data")
    assert "tariff_measures.csv:7: column 'locator'" in problem and "its read_in column" in problem


def test_the_pages_show_read_in_after_the_locator():
    cell = tables.cite("eo-14345", "sec. 4", read_in="customs brokers' readings")
    # The copy read is named and linked inside the brackets; the document's name links to its official address.
    assert cell.endswith(', sec. 4 (read in customs brokers&#x27; readings, <a href="https://jwallen.com/u-s-japan-trade-deal-reached">jwallen.com</a>)')
    assert 'href="https://www.govinfo.gov/' in cell
    assert tables.cite("eo-14345", "sec. 1").endswith(", sec. 1")  # read in the official text: no copy named
    assert tables.citation_text("eo-14345", "sec. 4", "customs brokers' readings") == (
        "Executive Order 14345, sec. 4; read in customs brokers' readings")
    assert tables.citation_text("eo-14345", "sec. 4", None) == "Executive Order 14345, sec. 4"
    assert tables.located("sec. 1 (new end of the pause)", "a verbatim copy") == "sec. 1 (new end of the pause; read in a verbatim copy)"


# --- addresses: no copy from a denied host, no search or index page as a document's address --------

# Hosts never used as a source or as the copy a source was read in, each with why. A pattern
# 'name.*' denies every host with the label 'name' under any domain ('magrathea.endchan.net',
# 'endchan.org'); a plain domain denies itself and its subdomains.
DENIED_HOSTS = {
    "endchan.*": "an anonymous imageboard: posts anyone can write or alter, no editorial control, not a faithful copy",
    "dogecointoday.com": "a content farm that reposts other outlets' stories in spun wording",
    "americanfocus.online": "spun reposts of other outlets' stories, without their dates or bylines",
    "theunionjournal.com": "spun reposts of other outlets' stories, without their dates or bylines",
}

# A primary document's url is its own page, never a search or a list of documents.
NOT_A_DOCUMENT = {
    r"/search(/|\?|$)": "a search page (e.g. federalregister.gov/documents/search?…): give the document's own page",
    r"[?&](conditions|query|q|term|search|keyword)[\[=%]": "a query for a search: give the document's own page",
    r"/bulletins/?(\?|$)": "CBP's list of messages on GovDelivery, not one message: give the bulletin's own address "
                           "(…/bulletins/<id>)",
    r"/accounts/[^/]+/?$": "an account's front page, not a document",
}

ADDRESS_COLUMNS = ("url", "read_at")


def denied_reason(url: str) -> str | None:
    host = (urlsplit(url).hostname or "").lower()
    labels = host.split(".")
    for pattern, reason in DENIED_HOSTS.items():
        if pattern.endswith(".*"):
            if pattern[:-2] in labels[:-1]:
                return reason
        elif host == pattern or host.endswith("." + pattern):
            return reason
    return None


def not_a_document_reason(url: str) -> str | None:
    for pattern, reason in NOT_A_DOCUMENT.items():
        if re.search(pattern, url, flags=re.I):
            return reason
    return None


def address_problems(data: Path = DATA) -> list[str]:
    """Every address in sources.csv on a denied host, and every primary document whose url is a
    search or an index page: file, line, column, what is wrong and why."""
    problems = []
    for line, row in _rows("sources", data):
        columns = list(ADDRESS_COLUMNS) + [c for c in row if c.startswith("also_")]
        for column in columns:
            url = row.get(column) or ""
            reason = denied_reason(url) if url else None
            if reason:
                problems.append(f"book/data/sources.csv:{line}: column '{column}': {url} is on a denied host ({reason}): "
                                "read the document in a faithful copy (official page, full-text mirror, a law firm's or "
                                "broker's verbatim quotation)")
        reason = not_a_document_reason(row["url"]) if row["kind"] == "primary-document" and row["url"] else None
        if reason:
            problems.append(f"book/data/sources.csv:{line}: column 'url': {row['url']} is {reason}")
    return problems


def test_no_address_is_on_a_denied_host_or_a_search_page():
    assert address_problems() == []


def _doctored(tmp_path: Path, old: str, new: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "sources.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"doctored row out of date: {old!r} not in sources.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


DOCTORED = [
    ("read-at-on-an-imageboard", "https://www.govinfo.gov/content/pkg/FR-2025-02-18/html/2025-02832.htm,,",
     "https://www.govinfo.gov/content/pkg/FR-2025-02-18/html/2025-02832.htm,https://magrathea.endchan.net/qrbunker/preview/1.html,",
     ["sources.csv:{procl-10895}: column 'read_at'", "denied host", "imageboard"]),
    ("read-at-on-another-endchan-domain", "https://www.govinfo.gov/content/pkg/FR-2025-02-18/html/2025-02832.htm,,",
     "https://www.govinfo.gov/content/pkg/FR-2025-02-18/html/2025-02832.htm,https://endchan.org/x/1.html,",
     ["sources.csv:{procl-10895}: column 'read_at'", "imageboard"]),
    ("report-on-a-content-farm", "https://japannews.yomiuri.co.jp/politics/politics-government/20250607-260893/",
     "https://www.dogecointoday.com/news/japan-round-5", ["column 'url'", "dogecointoday.com", "content farm"]),
    ("report-on-a-spun-repost", "https://japannews.yomiuri.co.jp/politics/politics-government/20250607-260893/",
     "https://americanfocus.online/japan-round-5", ["column 'url'", "spun reposts"]),
    ("another-spun-repost", "https://japannews.yomiuri.co.jp/politics/politics-government/20250607-260893/",
     "https://theunionjournal.com/japan-round-5", ["column 'url'", "spun reposts"]),
    ("federal-register-search", "https://www.govinfo.gov/content/pkg/FR-2025-02-18/html/2025-02832.htm,",
     "https://www.federalregister.gov/documents/search?conditions%5Bterm%5D=%22Proclamation+10895%22,",
     ["sources.csv:{procl-10895}: column 'url'", "a search page"]),
    ("cbp-bulletin-index", "https://content.govdelivery.com/bulletins/gd/USDHSCBP-3d66da7",
     "https://content.govdelivery.com/accounts/USDHSCBP/bulletins", ["column 'url'", "CBP's list of messages"]),
]


@pytest.mark.parametrize("case,old,new,expected", DOCTORED, ids=[c[0] for c in DOCTORED])
def test_a_doctored_address_fails(tmp_path, case, old, new, expected):
    problems = address_problems(_doctored(tmp_path, old, new))
    assert len(problems) == 1, problems
    message = "\n".join(problems)
    lines = {row["source_id"]: line for line, row in _rows("sources")}
    for fragment in expected:
        fragment = re.sub(r"\{([a-z0-9.-]+)\}", lambda m: str(lines[m.group(1)]), fragment)
        assert fragment in message, (case, message)


def test_own_pages_pass():
    for url in ("https://content.govdelivery.com/accounts/USDHSCBP/bulletins/40b3d6e",
                "https://content.govdelivery.com/bulletins/gd/USDHSCBP-3d66da7",
                "https://www.federalregister.gov/documents/2025/06/23/2025-11473/some-title",
                "https://www.govinfo.gov/content/pkg/FR-2025-06-23/html/2025-11473.htm"):
        assert not_a_document_reason(url) is None and denied_reason(url) is None, url


# --- corrections (issue 21, item 3), each where a machine can see it --------------------------------

def _by_id(table: str, key: str) -> dict[str, dict[str, str]]:
    return {row[key]: row for _, row in _rows(table)}


def test_the_surcharge_cites_cbps_own_section_122_message():
    """The message whose subject is the surcharge backs its rate; the de minimis message is the second source."""
    surcharge = _by_id("tariff_measures", "measure_id")["surcharge-122-10"]
    sources = _by_id("sources", "source_id")
    assert sources[surcharge["source_id"]]["identifier"] == "CSMS # 67844987"
    assert sources[surcharge["also_source_id"]]["identifier"] == "CSMS # 67845486"


def test_eo_14309_is_dated_and_cited_as_the_federal_register_printed_it():
    order = _by_id("sources", "source_id")["eo-14309"]
    assert (order["published"], order["published_precision"], order["fr_citation"]) == ("2025-06-23", "day", "90 FR 26419")
    assert "2025-11473" in order["url"]


def test_the_normal_duty_on_cars_cites_the_tariff_schedule():
    normal = _by_id("tariff_measures", "measure_id")["mfn-cars"]
    schedule = _by_id("sources", "source_id")[normal["source_id"]]
    assert urlsplit(schedule["url"]).hostname == "hts.usitc.gov" and "8703" in normal["locator"]


# The schedule states every product's normal duty; only the engine's knowledge is limited to cars.
ONLY_CARS_STATED = re.compile(r"(stated|states?) (in a legal text )?(the normal duty )?only (for|on) cars|a legal text states the normal duty", re.I)


def test_no_text_says_a_legal_text_states_the_normal_duty_only_for_cars():
    texts = [(p, p.read_text(encoding="utf-8")) for p in [*ROOT.glob("book/*.md"), *DATA.glob("*.csv"), ROOT / "src/briefing/law/engine.py"]]
    assert [f"{p.relative_to(ROOT)}: {m.group(0)!r}" for p, text in texts for m in ONLY_CARS_STATED.finditer(text)] == []


def _data_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.csv")))


def test_heading_9903_01_53_is_brunei_japan_and_malaysia():
    text = _data_text()
    assert "Japan (and Malaysia)" not in text and "Brunei, Japan and Malaysia" in text


def test_the_14_percent_is_read_as_the_paused_part_of_24():
    """Article 002's 14% is 24% less the 10% baseline, the part the pause suspended; no law sets 14% for Japan."""
    check = _by_id("fact_checks", "check_id")["japan-rate-14"]
    assert check["verdict"] == "partly-confirmed"
    assert "24 less the 10%" in check["finding"] and "No legal text sets a separate 14%" in check["finding"]
    assert check["also_source_id"] == "eo-14266"
    assert "Nigeria" not in check["finding"] and "misprint" not in _data_text()


def test_article_004_is_read_as_japans_overall_exposure():
    check = _by_id("fact_checks", "check_id")["car-plus-baseline"]
    assert check["verdict"] == "confirmed" and check["claim"].startswith("Japan is subject")


def test_every_dated_start_and_end_is_a_moment_except_where_no_document_gives_one():
    """Measures start and end at the moment their document sets (12:01 a.m. EDT...), not just a day."""
    for measure_id, row in _by_id("tariff_measures", "measure_id").items():
        for column in ("starts", "ends"):
            assert not row[column] or "T" in row[column], (measure_id, column, row[column])


# --- no chart draws a duty on a day the record holds no measure for -------------------------------

def test_every_day_the_charts_draw_is_covered_by_a_measure_of_each_duty_family():
    record_end = data.record_end(data.sources()).date()
    assert [str(gap) for gap in law.gaps(law.load_law(), law.CHART_START, record_end)] == []


def test_a_missing_pre_march_measure_is_a_gap():
    """Without the 2018 aluminum duty and the undocumented Japanese steel period, the charts would
    draw 0% from 1 to 11 March 2025 where the law had a duty: the check says so."""
    record = law.load_law()
    kept = tuple(m for m in record.measures if m.measure_id not in ("aluminum-232-10", "undocumented-steel-before-12-march-2025"))
    found = {(g.product, g.family, g.first.isoformat(), g.last.isoformat()) for g in law.gaps(law.Law(kept, record.rules), law.CHART_START, "2025-12-31")}
    assert found == {("steel", "section-232-steel", "2025-03-01", "2025-03-11"),
                     ("aluminum", "section-232-aluminum", "2025-03-01", "2025-03-11")}


def test_a_first_imposed_duty_needs_no_earlier_measure_but_a_raised_one_does():
    record = law.load_law()
    unflagged = tuple(law.Measure(**{**m.__dict__, "first_imposed": False}) if m.measure_id == "cars-232-25" else m
                      for m in record.measures)
    (gap,) = [g for g in law.gaps(law.Law(unflagged, record.rules), law.CHART_START, "2025-12-31")
              if g.family == "section-232-autos" and g.view == "as-finally-applied"]
    assert (gap.first.isoformat(), gap.last.isoformat()) == ("2025-03-01", "2025-04-02")


def test_one_to_six_august_stays_unknown_in_law_and_the_ten_percent_is_recorded_as_reported():
    day = law.load_law().duty("other-goods", "2025-08-04")
    assert day.rate is None and day.basis == law.BASIS_UNKNOWN
    event = _by_id("events", "event_id")["ten-percent-kept-to-august-7"]
    sources = _by_id("sources", "source_id")
    outlets = {sources[event["source_id"]]["outlet"], sources[event["also_source_id"]]["outlet"]}
    assert len(outlets) == 2 and all(sources[s]["kind"] == "report" for s in (event["source_id"], event["also_source_id"]))


REFUND_PAID = re.compile(r"\b(was|were|been|got) refunded\b|\brefunds? (was|were) paid\b|\brefunded the\b", re.I)


def test_no_text_says_the_refunds_of_eo_14345_were_paid():
    """EO 14345 provided for refunds; no source shows they were paid."""
    texts = [(p, p.read_text(encoding="utf-8")) for p in [*ROOT.glob("book/*.md"), *DATA.glob("*.csv")]]
    assert [f"{p.relative_to(ROOT)}: {m.group(0)!r}" for p, text in texts for m in REFUND_PAID.finditer(text)] == []


# --- the timeline uses the law's dates where the law dates an event ------------------------------

LAW_DATED_EVENTS = {  # event: (day, the measure whose start or the document whose signature dates it)
    "baseline-tariff-april-2": ("2025-04-02", "signed:eo-14257"),
    "car-duty-in-force": ("2025-04-03", "starts:cars-232-25"),
    "baseline-in-force": ("2025-04-05", "starts:reciprocal-10-all"),
    "country-rates-in-force": ("2025-04-09", "starts:reciprocal-24-japan"),
    "pause-ordered": ("2025-04-09", "signed:eo-14266"),
    "reciprocal-pause": ("2025-04-10", "starts:reciprocal-10-paused"),
    "steel-aluminum-tariffs-effective": ("2025-03-12", "starts:steel-232-25"),
}


def test_the_timeline_dates_events_as_the_law_does():
    events, measures, sources = _by_id("events", "event_id"), _by_id("tariff_measures", "measure_id"), _by_id("sources", "source_id")
    for event_id, (day, basis) in LAW_DATED_EVENTS.items():
        event = events[event_id]
        how, row_id = basis.split(":")
        law_day = sources[row_id]["signed"] if how == "signed" else measures[row_id]["starts"][:10]
        assert event["date"] == day == law_day and event["reported_as"] == "happened", event_id
        assert sources[event["source_id"]]["kind"] == "primary-document", event_id


CONTRADICTIONS = re.compile(r"no (later )?source (gives the date the car tariff took effect|dates the pause)", re.I)


def test_no_note_says_a_law_dated_event_is_undated():
    assert CONTRADICTIONS.findall(_data_text()) == []


# --- figures of the law written into the data's text (briefing.law.consistency) ------------------

def test_every_law_figure_in_the_data_text_agrees_with_the_measures_table():
    assert [str(p) for p in consistency.problems(DATA)] == []
    assert len(consistency.claims(DATA)) >= 5  # the check does find the claims it is for


def _doctored_table(tmp_path: Path, table: str, old: str, new: str) -> Path:
    data = tmp_path / "book" / "data"
    shutil.copytree(DATA, data)
    path = data / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"doctored row out of date: {old!r} not in {table}.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


def test_a_wrong_law_figure_is_reported_with_file_line_and_column(tmp_path):
    data = _doctored_table(tmp_path, "fact_checks", "plus the 25% Section 232 car duty", "plus the 30% Section 232 car duty")
    (problem,) = consistency.problems(data)
    line = next(n for n, row in _rows("fact_checks", data) if row["check_id"] == "car-plus-baseline")
    assert str(problem).startswith(f"book/data/fact_checks.csv:{line}: column 'finding': '30% Section 232 car duty'")
    assert "sets the Section 232 car duty at 25% (cars-232-25)" in str(problem) and "correct the figure" in str(problem)
    result = subprocess.run([sys.executable, "-m", "briefing.law.consistency", str(data)], capture_output=True, text=True,
                            check=False, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert result.returncode == 1 and "column 'finding'" in result.stderr


def test_a_rate_the_named_measure_never_had_is_reported(tmp_path):
    """The agreement's car duty was 15%: writing 25% beside its full name is wrong, though the
    family once charged 25%."""
    data = _doctored_table(tmp_path, "events", "The 25% Section 232 car duty applies",
                           "The 25% Section 232 car duty under the US–Japan agreement applies")
    (problem,) = consistency.problems(data)
    assert problem.column == "summary" and problem.rates == (15.0,)


# --- rounds: one rule, as the sources count them ----------------------------------------------------

def test_each_round_is_counted_once_under_the_sources_number():
    events = _by_id("events", "event_id")
    held = [e for e in events.values() if e["kind"] == "negotiation-round" and e["reported_as"] == "happened"]
    numbers = [int(e["round"]) for e in held if e["round"]]
    assert sorted(numbers) == list(range(1, max(numbers) + 1)), "numbered rounds run 1, 2, 3... each once"
    assert events["latest-round-washington"]["kind"] != "negotiation-round", "an unnumbered report of a numbered round is not another round"


def test_akazawas_meetings_with_the_president_rest_on_two_sources_within_their_rounds():
    events, sources = _by_id("events", "event_id"), _by_id("sources", "source_id")
    for event_id, day, round_ in (("akazawa-meets-trump", "2025-04-16", "1"), ("akazawa-meets-trump-july", "2025-07-22", "8")):
        event = events[event_id]
        assert (event["date"], event["round"], event["kind"]) == (day, round_, "meeting"), event_id
        first, second = sources[event["source_id"]], sources[event["also_source_id"]]
        assert first["outlet"] != second["outlet"], event_id


def test_the_fourth_round_has_a_second_outlet_and_the_eighth_says_the_deal_followed():
    events = _by_id("events", "event_id")
    fourth = events["round-4-washington-may-30"]
    assert fourth["also_source_id"] and fourth["single_sourced"] != "true"
    assert "event framework-announced" in events["round-8-washington"]["summary"]


def test_a_read_in_reads_inside_brackets():
    """The pages show it as '(read in …)': a bracket inside would nest."""
    for res in _package()["resources"]:
        for line, row in _rows(res["name"]):
            for column, value in row.items():
                assert not ("read_in" in column and ("(" in value or ")" in value)), (res["name"], line, column, value)
