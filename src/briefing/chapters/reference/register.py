"""'The register of sources' (book/register.md): the legal documents the data cites, what each is
used for and how it was read, and the later reports.

Everything the page states is computed here; the page is prose with glued values and the tables.
"""

from __future__ import annotations

from ... import data
from .. import tables
from ..glue import count, day, glue

# The columns of the law's table that name a document the law rests on.
MEASURE_SOURCE_COLUMNS = ("source_id", "starts_source_id", "ends_source_id", "instrument_id")


def glue_page() -> dict:
    """Glue every value the page's prose shows; return what the page's cells reuse."""
    all_sources = data.sources()
    primary = all_sources[all_sources["kind"] == "primary-document"]
    reports = all_sources[all_sources["kind"] == "report"]
    glue("register-n-documents", count(len(primary), "legal document"))
    in_fr, copies = int(primary["fr_citation"].notna().sum()), int(primary["read_at"].notna().sum())
    glue("register-n-fr", f"{in_fr} {'was' if in_fr == 1 else 'were'} printed in the Federal Register")
    glue("register-n-copies", f"{copies} {'was' if copies == 1 else 'were'} read in a faithful copy")
    glue("register-n-reports", count(len(reports), "later report"))
    glue("register-n-outlets", count(reports["outlet"].nunique(), "outlet"))
    return {"primary": primary, "reports": reports}


def _uses() -> dict[str, set[str]]:
    """For each document, what the data uses it for: the measures it sets, dates or ends, the fact check."""
    measures, checks = data.load("tariff_measures"), data.load("fact_checks")
    uses = {}
    for column in MEASURE_SOURCE_COLUMNS:
        for sid, name in zip(measures[column], measures["name"]):
            if isinstance(sid, str):
                uses.setdefault(sid, set()).add(name)
    for sid in checks["source_id"]:
        uses.setdefault(sid, set()).add("the fact check")
    return uses


def documents_table(page: dict) -> tables.HtmlTable:
    """The primary documents: title and issuer, dates, Federal Register citation, what each is used for."""
    primary, uses = page["primary"], _uses()
    # Signed and published in one column, and the issuer under the title: the table fits a desktop page.
    register = primary.assign(
        dates=[("signed " + day(signed) if isinstance(signed, str) else "not signed") + "; published " + published
               for signed, published in zip(primary["signed"], primary["published_label"])],
        fr=primary["fr_citation"].fillna("not in the Federal Register"),
        title=primary["headline"] + " (" + primary["issuer"] + ")",
        used_for=primary["source_id"].map(lambda s: "; ".join(sorted(uses.get(s, {"context"})))),
        locator=None,
    )
    return tables.table(register, {"identifier": "Document", "title": "Title (issued by)", "dates": "Dates",
                                   "fr": "Federal Register", "used_for": "Used for"},
                        quote=None, caption="Primary documents cited by the data")


def reading_table(page: dict) -> tables.HtmlTable:
    """How each legal document was read, and where."""
    primary = page["primary"]
    return tables.table(primary.assign(read=primary["read_at"].map(lambda url: tables.Link(url) if isinstance(url, str)
                                                                   else "the official address")),
                        {"identifier": "Document", "note": "How it was read", "read": "Text read at"},
                        quote=None, caption="How each legal document was read", classes="long-words")


def reports_table(page: dict) -> tables.HtmlTable:
    """The later reports the data cites, in order of publication."""
    listed = page["reports"].sort_values(["published_start", "outlet"]).assign(locator=None)
    return tables.table(listed, {"published_label": "Published", "outlet": "Outlet", "headline": "Headline"}, quote=None,
                        caption="Reports cited by the data")
