"""'Glossary' (book/glossary.md): the terms of the briefing, each with an example from the record.

Every value a definition shows (a rate, a date, a document, a citation) is glued here from the
data; the page is prose with glued values.
"""

from __future__ import annotations

import pandas as pd

from ... import data
from .. import tables
from ..glue import count, day, glue, percent
from . import common

# Rows the definitions rely on, by table: a renamed or deleted row fails the check, naming it. The
# page's "as of" is the latest source these rows cite.
RELIED_ON = {
    "sources": ["scotus-ieepa-2026", "cbp-csms-67845486", "fr-2025-17908", "eo-14345", "procl-10908", "cbp-csms-68315804"],
    "tariff_measures": ["reciprocal-15-japan", "cars-232-25", "cars-232-15", "surcharge-122-10", "mfn-cars",
                        "reciprocal-15-japan-all-in", "reciprocal-15-japan-charged", "reciprocal-10-all",
                        "reciprocal-24-japan", "reciprocal-10-paused"],
    "stacking_rules": ["reciprocal-not-with-cars", "steel-not-with-cars"],
    "positions": ["jp-rice-75-us-account", "jp-rice-japan-account"],
    "events": ["ustr-301-excess-capacity", "ustr-301-proposed-duties", "komeito-leaves-coalition",
               "ldp-jip-coalition-agreement", "ldp-leadership-vote", "takaichi-elected-pm", "cape-phase-1-opens"],
}


def relied_on_problems(data_dir=None) -> list[str]:
    return common.relied_on_problems(RELIED_ON, "book/glossary.md", "src/briefing/chapters/reference/glossary.py", data_dir)


def _tables() -> dict[str, pd.DataFrame]:
    """The tables the definitions draw on, each indexed by its row id (kept as a column too)."""
    return {"documents": data.sources().set_index("source_id"),
            "measures": data.load("tariff_measures").set_index("measure_id", drop=False),
            "rules": data.load("stacking_rules").set_index("rule_id", drop=False),
            "positions": data.load("positions").set_index("position_id", drop=False),
            "events": data.load("events", rows=RELIED_ON["events"]).set_index("event_id", drop=False)}


def _cite(row, source="source_id", locator="locator") -> str:
    """'Executive Order 14257, sec. 3(a)': the document and the place in it, as the other chapters cite."""
    return tables.citation_text(row[source], row[locator] if isinstance(row[locator], str) else None)


def glue_page() -> None:
    """Glue every value the definitions show."""
    t = _tables()
    documents, measures, rules, positions, events = (t[k] for k in ("documents", "measures", "rules", "positions", "events"))

    def starts(measure_id):
        return day(measures.loc[measure_id, "starts"][:10])

    def ends(measure_id):
        return day(measures.loc[measure_id, "ends"][:10])

    def document(name, source_id):
        glue(name, documents.loc[source_id, "identifier"])
        glue(f"{name}-title", documents.loc[source_id, "headline"])

    # The laws.
    ruling = documents.loc["scotus-ieepa-2026"]
    glue("gl-ruling", ruling["identifier"])
    glue("gl-ruling-date", day(ruling["published"]))
    glue("gl-ieepa-end", ends("reciprocal-15-japan"))
    glue("gl-ieepa-end-cite", _cite(measures.loc["reciprocal-15-japan"], "ends_source_id", "ends_locator"))
    glue("gl-232-cite", _cite(measures.loc["cars-232-25"]))
    surcharge = measures.loc["surcharge-122-10"]
    # Counted in calendar days, as the proclamation counts them (its start and end times are in different UTC offsets).
    surcharge_days = (pd.Timestamp(surcharge["ends"][:10]) - pd.Timestamp(surcharge["starts"][:10])).days
    glue("gl-122-days", count(surcharge_days, "day"))
    glue("gl-122-rate", percent(surcharge["rate_percent"]))
    glue("gl-122-from", starts("surcharge-122-10"))
    glue("gl-122-cite", _cite(surcharge, "ends_source_id", "ends_locator"))
    glue("gl-301-opened", events.loc["ustr-301-excess-capacity", "date_label"])
    glue("gl-301-proposed", events.loc["ustr-301-proposed-duties", "date_label"])
    document("gl-csms-example", "cbp-csms-67845486")
    notice = documents.loc["fr-2025-17908"]
    glue("gl-fr-doc", notice["identifier"])
    glue("gl-fr-citation", notice["fr_citation"])
    glue("gl-fr-title", notice["headline"])
    document("gl-eo-example", "eo-14345")
    document("gl-procl-example", "procl-10908")
    glue("gl-dates-cite", _cite(measures.loc["reciprocal-15-japan"], "starts_source_id", "starts_locator"))

    # How a duty is worked out.
    normal, car_232 = measures.loc["mfn-cars"], measures.loc["cars-232-25"]
    glue("gl-normal-car", percent(normal["rate_percent"]))
    glue("gl-normal-cite", _cite(normal))
    glue("gl-232-car", percent(car_232["rate_percent"]))
    glue("gl-on-top-sum", percent(normal["rate_percent"] + car_232["rate_percent"]))
    all_in = measures.loc["reciprocal-15-japan-all-in"]
    glue("gl-all-in-rate", percent(all_in["rate_percent"]))
    glue("gl-all-in-cite", _cite(all_in))
    glue("gl-charged-cite", _cite(measures.loc["reciprocal-15-japan-charged"]))
    baseline = measures.loc["reciprocal-10-all"]
    glue("gl-baseline-rate", percent(baseline["rate_percent"]))
    glue("gl-baseline-from", starts("reciprocal-10-all"))
    glue("gl-baseline-who", baseline["applies_to"])
    glue("gl-baseline-cite", _cite(baseline))
    country = measures.loc["reciprocal-24-japan"]
    glue("gl-country-rate", percent(country["rate_percent"]))
    glue("gl-country-from", starts("reciprocal-24-japan"))
    glue("gl-annex-cite", _cite(country))
    # The country rate's later form: 15% from 7 August 2025, first charged on top, later made all in back to that day.
    charged = measures.loc["reciprocal-15-japan-charged"]
    glue("gl-country-later-rate", percent(charged["rate_percent"]))
    glue("gl-country-later-from", starts("reciprocal-15-japan-charged"))
    paused = measures.loc["reciprocal-10-paused"]
    glue("gl-pause-from", starts("reciprocal-10-paused"))
    glue("gl-pause-until", ends("reciprocal-10-paused"))
    glue("gl-pause-cite", _cite(paused))
    glue("gl-pause-end-cite", _cite(paused, "ends_source_id", "ends_locator"))
    glue("gl-stacking-cite", _cite(rules.loc["reciprocal-not-with-cars"]))
    glue("gl-precedence-cite", _cite(rules.loc["steel-not-with-cars"]))
    glue("gl-heading-cite", _cite(measures.loc["cars-232-15"], "starts_source_id", "starts_locator"))
    glue("gl-de-minimis-doc", documents.loc["cbp-csms-67845486", "identifier"])
    glue("gl-de-minimis-title", documents.loc["cbp-csms-67845486", "headline"])
    glue("gl-rice-us-cite", _cite(positions.loc["jp-rice-75-us-account"]))
    glue("gl-rice-jp-cite", _cite(positions.loc["jp-rice-japan-account"]))

    # Japan's side.
    glue("gl-komeito-left", events.loc["komeito-leaves-coalition", "date_label"])
    glue("gl-jip-joined", events.loc["ldp-jip-coalition-agreement", "date_label"])
    glue("gl-ldp-vote", events.loc["ldp-leadership-vote", "date_label"])
    glue("gl-takaichi-pm", events.loc["takaichi-elected-pm", "date_label"])

    # The refunds after the ruling.
    glue("gl-cape-from", events.loc["cape-phase-1-opens", "date_label"])
    glue("gl-cape-doc", documents.loc["cbp-csms-68315804", "identifier"])

