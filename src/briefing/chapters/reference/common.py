"""Pieces more than one page uses: the check of the rows a page relies on (RELIED_ON), events
in date order, the table of the later figures (the deal page and the figures page) and the
surcharge's exemptions, heading by heading (the deal page and the court chapter)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd

from ... import data, law, paths
from ...english import listed
from .. import tables
from ..glue import amount


def relied_on_problems(relied_on: dict[str, list[str]], page: str, module: str, data_dir=None) -> list[str]:
    """Each row of a page's RELIED_ON that the data no longer has, with where to look (``page``:
    'the front page'; ``module``: the file that names the rows)."""
    problems = []
    folder = Path(data_dir) if data_dir else paths.data_dir()
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for table, ids in relied_on.items():
        resource = next(r for r in package["resources"] if r["name"] == table)
        key = resource["schema"]["primaryKey"]
        # Read as plain CSV, not validated: the check names a missing row even while other data is broken.
        with open(folder / resource["path"], encoding="utf-8", newline="") as handle:
            known = {row[key if isinstance(key, str) else key[0]] for row in csv.DictReader(handle)}
        problems += [f"book/data/{table}.csv: {page} relies on row {row!r}, which is gone: restore it or "
                     f"edit RELIED_ON and the page in {module}" for row in ids if row not in known]
    return problems


def in_date_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Events in date order. An event dated to a span of days sorts a little into it, at its middle
    but no later than its fifth day: 'early April' (1 to 10 April) after 2 April, while an event an
    article dates only to the two months in which it may have been written stays near their start.
    An event known only to have happened by a day sorts at that day."""
    start = frame["date_start"]
    order = (start + ((frame["date_end"] - start) / 2).clip(upper=pd.Timedelta(days=5))).fillna(frame["date_end"])
    return frame.assign(order=order).sort_values(["order", "date_end", "event_id"])


def later_figures(documents: pd.DataFrame) -> pd.DataFrame:
    """The figures of the deal and after: those not from the archived articles of 2025."""
    indicators = data.load("indicators")
    return indicators[indicators["source_id"].map(documents["kind"]) != "archived-article"]


def figures_table(figures: pd.DataFrame, caption: str) -> tables.HtmlTable:
    """Figures of the indicators table with their value, period and note, each citing its sources."""
    shown = figures.assign(amount=[amount(v, u, a) for v, u, a in
                                   zip(figures["value"], figures["unit"], figures["approximate"].fillna(False))])
    return tables.table(shown, {"subject": "Figure", "amount": "Value", "period": "Period", "note": "Note"},
                        citations=[("source_id", "quote", "locator"), ("also_source_id", None, "also_locator")],
                        caption=caption)


# The duty the surcharge's exclusions take off, and the family of duties that takes it off.
SURCHARGE, SECTION_232 = "section-122", "section-232-"
# The exemption heading for goods that pay a Section 232 duty (table surcharge_exemptions).
SECTION_232_EXEMPTION = "surcharge-exempt-section-232"


def _briefing_goods() -> tuple[str, list[tuple[str, str, str]]]:
    """The briefing's products the surcharge does not reach, in one sentence, and the sources of
    the stacking rules that say so, each once. Fails if a rule of the surcharge names a duty other
    than Section 232's."""
    the_law = law.load_law()
    rules = [r for r in the_law.rules if r.family == SURCHARGE]
    if not rules or any(not r.not_with.startswith(SECTION_232) for r in rules):
        raise ValueError(f"the surcharge's rules no longer all yield to a Section 232 duty: {[r.rule_id for r in rules]}")
    families = {r.not_with for r in rules}
    covered = set().union(*(m.products for m in the_law.measures if m.family in families))
    goods = [law.product_label(p) for p in law.PRODUCTS if p in covered]
    sentence = listed([goods[0]] + [g.lower() for g in goods[1:]]) + " that pay a Section 232 duty do not pay the surcharge."
    return sentence, list(dict.fromkeys((r.source_id, r.locator, r.read_in) for r in rules))


def _rule_citations(cited: list[tuple[str, str, str]]) -> tuple[dict, list[tuple[str, None, str]]]:
    """The stacking rules' sources as one row's columns (source_id_0, locator_0, read_in_0, …) and
    the citations that name those columns for ``tables.table``."""
    columns = {}
    for i, (source_id, locator, read_in) in enumerate(cited):
        columns |= {f"source_id_{i}": source_id, f"locator_{i}": locator, f"read_in_{i}": read_in}
    return columns, [(f"source_id_{i}", None, f"locator_{i}") for i in range(len(cited))]


def surcharge_exclusions_row(caption: str) -> tables.HtmlTable:
    """What the 2026 surcharge does not apply to, among the briefing's products, said once in one
    row: the data keeps one stacking rule per family (the duty engine applies them one by one),
    which would read as the same sentence four times, so the goods are named together, citing each
    rule's source once. For a page that tells only the briefing's products (the court chapter,
    whose size budget the full list of headings would break)."""
    sentence, cited = _briefing_goods()
    columns, citations = _rule_citations(cited)
    return tables.table(pd.DataFrame([{"summary": sentence} | columns]), {"summary": "Excluded from the surcharge"},
                        citations=citations, caption=caption)


def surcharge_exclusions_table(caption: str) -> tables.HtmlTable:
    """What the 2026 surcharge does not apply to: one row per exemption heading of the tariff
    schedule (9903.03.02 to 9903.03.11, table surcharge_exemptions), each with what it covers and
    its sources. The row of the Section 232 heading also names the briefing's products it takes out
    (``surcharge_exclusions_row``'s sentence), citing each stacking rule's source once. Fails if no
    exemption heading is the Section 232 one."""
    exemptions = data.load("surcharge_exemptions").sort_values("heading")
    sentence, cited = _briefing_goods()
    rule_columns, rule_citations = _rule_citations(cited)
    section_232 = exemptions["exemption_id"] == SECTION_232_EXEMPTION
    if section_232.sum() != 1:
        raise ValueError(f"surcharge_exemptions has no row {SECTION_232_EXEMPTION!r} for the goods that pay a Section 232 duty")
    rows = []
    for exemption in exemptions.itertuples():
        row = {"heading": exemption.heading.replace("-", "–"), "covers": exemption.scope,
               "source_id": exemption.source_id, "locator": exemption.locator, "read_in": exemption.read_in,
               "also_source_id": exemption.also_source_id, "also_locator": exemption.also_locator}
        if exemption.exemption_id == SECTION_232_EXEMPTION:
            row["covers"] = f"{exemption.scope} Among this briefing's products: {sentence[0].lower()}{sentence[1:]}"
            row |= rule_columns
        rows.append(row)
    citations = [("source_id", None, "locator"), ("also_source_id", None, "also_locator")] + rule_citations
    return tables.table(pd.DataFrame(rows), {"heading": "Heading", "covers": "Not charged on"},
                        citations=citations, caption=caption)
