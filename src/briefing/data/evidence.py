"""What each row must carry to show what backs it, by the kind of source it cites.

Three kinds of source (``sources.kind``):

- ``archived-article``: one of the texts in seeds/. A row citing it quotes it verbatim (the
  validator finds the quote in the text) and says where the quote stands (``text_role``).
- ``primary-document``: an order, proclamation, Federal Register notice, CBP message, court
  opinion or government statement. A row citing it gives a pinpoint ``locator`` and copies no
  text; the source row gives the identifier, issuer, official address on a government host and
  the day it was consulted.
- ``report``: later news. Cited by ``locator`` like a primary document; a fact resting on reports
  alone needs a second, independent outlet (``also_source_id``) or the ``single_sourced`` mark.

Which columns of a table hold its evidence is declared in datapackage.json, per table, under
``x-briefing-evidence``: a list of groups such as
``{"source": "source_id", "quote": "quote", "locator": "locator", "kinds": ["primary-document"]}``.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from .problems import Problem
from .table import Table

KINDS = ("archived-article", "primary-document", "report")
# Official hosts: any US government (.gov) or Japanese government (.go.jp) site, and CBP's
# message service, which CBP runs on GovDelivery (its paths name CBP's account, USDHSCBP).
GOVERNMENT_SUFFIXES = (".gov", ".go.jp")
GOVERNMENT_SERVICES = {"content.govdelivery.com": "USDHSCBP"}

SOURCE_RULES = {  # column -> kinds that require it
    "identifier": ("primary-document",),
    "issuer": ("primary-document",),
    "url": ("primary-document", "report"),
    "consulted": ("primary-document", "report"),
    "headline": ("primary-document", "report"),
    "quote": ("archived-article",),
    "text_role": ("archived-article",),
    "covers": ("archived-article",),
    "furniture_note": ("archived-article",),
}
HOW_TO_FILL = {
    "identifier": "the document's official identifier, e.g. 'Executive Order 14257' or 'CSMS # 64384423'",
    "issuer": "who issued it, e.g. 'President of the United States'",
    "url": "its official address (https://…)",
    "consulted": "the day you read it, e.g. 2026-11-22",
    "headline": "its headline or official title",
    "quote": "words from the article that show its date or outlet, pasted from seeds/<id>.txt",
    "text_role": "where the quote stands: article, caption, related-link or furniture",
    "covers": "the period the article covers, e.g. 2025-04/2025-07",
    "furniture_note": "what in the archived page is not article content ('None' if nothing)",
}
ONLY_FOR_ARTICLES = ("quote", "text_role", "covers", "furniture_note")


def _a(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def is_government_url(url: str) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host.endswith(GOVERNMENT_SUFFIXES):
        return True
    account = GOVERNMENT_SERVICES.get(host)
    return bool(account and account in parts.path)


def source_kinds(sources: Table | None) -> dict[str, dict[str, str]]:
    return {row["source_id"]: row for row in sources.rows} if sources else {}


def check_sources(sources: Table, seeds: dict[str, str], problems: list[Problem]) -> None:
    """The source rows themselves: what each kind must and must not carry; and a row for every seed."""
    shown = sources.shown
    for row, line in sources.numbered():
        kind, source_id = row.get("kind", ""), row["source_id"]
        if kind not in KINDS:
            continue  # the enum check reports it
        for column, kinds in SOURCE_RULES.items():
            if column not in row:
                continue
            if kind in kinds and not row[column]:
                problems.append(Problem(shown, line, column, f"{_a(kind)} needs {HOW_TO_FILL[column]}: fill it in"))
            elif kind not in kinds and row[column] and column in ONLY_FOR_ARTICLES:
                problems.append(Problem(shown, line, column, f"only archived articles carry a {column}; this source is {_a(kind)}: "
                                        "delete it (no text is copied from other documents)"))
        if kind == "primary-document" and row.get("url") and not is_government_url(row["url"]):
            host = urlsplit(row["url"]).hostname
            problems.append(Problem(shown, line, "url", f"a primary document needs its official address on a government host "
                                    f"(.gov, .go.jp, CBP's message service), found {host!r}: put the government address here "
                                    "and the copy you read in read_at"))
        consulted = row.get("consulted", "")
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", consulted) and dt.date.fromisoformat(consulted) > dt.date.today():
            problems.append(Problem(shown, line, "consulted", f"{consulted} is after today ({dt.date.today()}): give the day"
                                    " you read the source"))
        if kind == "report" and row.get("outlet") in ("", "unknown"):
            problems.append(Problem(shown, line, "outlet", "a report needs the name of its outlet: add it"))
        if kind == "archived-article" and source_id not in seeds:
            problems.append(Problem(shown, line, "source_id", f"an archived article needs its text in seeds/{source_id}.txt"))
        if kind != "archived-article" and source_id in seeds:
            problems.append(Problem(shown, line, "kind", f"seeds/{source_id}.txt is an archived article: set kind to archived-article"))
    for source_id in sorted(set(seeds) - {row["source_id"] for row in sources.rows}):
        problems.append(Problem(shown, 0, "source_id", f"seeds/{source_id}.txt has no row in sources.csv: add one with kind "
                                "archived-article (CONTRIBUTING.md, 'Archive a new source')"))


def check_rows(table: Table, groups: list[dict], sources: dict[str, dict[str, str]], problems: list[Problem]) -> None:
    """Every row of a table: the evidence each of its citations needs for the kind it cites."""
    for row, line in table.numbered():
        for group in groups:
            _check_citation(row, line, group, sources, table.shown, problems)


def _check_citation(row, line, group, sources, shown, problems) -> None:
    source_col = group["source"]
    source_id = row.get(source_col, "")
    locator_col, quote_col = group.get("locator"), group.get("quote")
    if not source_id:
        if locator_col and row.get(locator_col):
            problems.append(Problem(shown, line, source_col, f"a {locator_col} without a source: give the id of the document it points into"))
        return  # a required source is reported by the schema check
    source = sources.get(source_id)
    if source is None:
        return  # unknown ids are reported by the key check
    kind = source.get("kind", "")
    allowed = group.get("kinds")
    if allowed and kind not in allowed:
        problems.append(Problem(shown, line, source_col, f"{source_id!r} is {_a(kind)}; this column cites only "
                                f"{' or '.join(_a(k) for k in allowed)}: change it to a document of that kind"))
        return
    if kind == "archived-article":
        if quote_col and not row.get(quote_col):
            problems.append(Problem(shown, line, quote_col, f"a row citing an archived article needs a verbatim quote: "
                                    f"copy the words from seeds/{source_id}.txt"))
        role = group.get("text_role")
        if role and not row.get(role):
            problems.append(Problem(shown, line, role, "a quote needs its place in the page: article, caption, related-link or furniture"))
        return
    if quote_col and row.get(quote_col):
        problems.append(Problem(shown, line, quote_col, f"a quote on a row citing {_a(kind)} ({source_id!r}): only the archived "
                                "articles are quoted; write the fact in your own words and give the place in the locator"))
    role = group.get("text_role")
    if role and row.get(role):
        problems.append(Problem(shown, line, role, f"text_role is for quotes from archived articles; {source_id!r} is {_a(kind)}: delete it"))
    if locator_col and not row.get(locator_col):
        problems.append(Problem(shown, line, locator_col, f"a row citing {_a(kind)} ({source_id!r}) needs a pinpoint locator: "
                                "write the section, clause, annex, page or paragraph a reader can follow"))
    if kind == "report" and group.get("also_source"):
        _check_corroboration(row, line, group, source, sources, shown, problems)


def _check_corroboration(row, line, group, source, sources, shown, problems) -> None:
    also_col, also_locator, single = group["also_source"], group.get("also_locator"), group.get("single_sourced")
    second_id = row.get(also_col, "")
    if not second_id:
        if single and row.get(single) == "true":
            return
        problems.append(Problem(shown, line, also_col, "a fact resting on a report needs a second, independent outlet: "
                                f"add its id in {also_col} and the place in {also_locator}, or set {single} to true"))
        return
    second = sources.get(second_id)
    if second is None:
        return
    if second.get("kind") == "report" and second.get("outlet") == source.get("outlet"):
        problems.append(Problem(shown, line, also_col, f"{second_id!r} is from the same outlet ({source.get('outlet')}) as the first "
                                "report: give a report from another outlet"))
    if also_locator and not row.get(also_locator) and second.get("kind") != "archived-article":
        problems.append(Problem(shown, line, also_locator, f"give the place in {second_id!r} that states the fact"))
