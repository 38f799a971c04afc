"""The record's citations: where a cited part was read is its own column, never inside a locator.

These read the CSV files and datapackage.json as they are (no validator module is changed).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

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
    path.write_text(text.replace("procl-10908,clause 1,,,\n", "procl-10908,clause 1 (read in a law firm's reading),,,\n", 1), encoding="utf-8")
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
    from urllib.parse import urlsplit

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
    import shutil

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
    from urllib.parse import urlsplit

    normal = _by_id("tariff_measures", "measure_id")["mfn-cars"]
    schedule = _by_id("sources", "source_id")[normal["source_id"]]
    assert urlsplit(schedule["url"]).hostname == "hts.usitc.gov" and "8703" in normal["locator"]


# The schedule states every product's normal duty; only the engine's knowledge is limited to cars.
ONLY_CARS_STATED = re.compile(r"(stated|states?) (in a legal text )?(the normal duty )?only (for|on) cars|a legal text states the normal duty", re.I)


def test_no_text_says_a_legal_text_states_the_normal_duty_only_for_cars():
    texts = [(p, p.read_text(encoding="utf-8")) for p in [*ROOT.glob("book/*.md"), *DATA.glob("*.csv"), ROOT / "src/briefing/law/engine.py"]]
    assert [f"{p.relative_to(ROOT)}: {m.group(0)!r}" for p, text in texts for m in ONLY_CARS_STATED.finditer(text)] == []
