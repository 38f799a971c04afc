"""The duty engine: what a Japanese good paid at the US border, per product category and day,
computed from the law (``tariff_measures`` and ``stacking_rules``), never from news wording.

How a day's duty is made, for one product category:
1. Every measure covering the category and in force that day applies: from the day of its start
   (a start at 12:01 a.m. counts for that day) up to the day before its end. Rows belong to a
   view: ``both``, or only to ``as-charged`` (how customs charged it at the time) or only to
   ``as-finally-applied`` (the rule a later document set with effect back to its start).
2. A stacking rule removes a measure when a duty it does not stack with applies to the same
   category that day (e.g. the reciprocal duty yields to the Section 232 car duty).
3. The normal duty (``normal-duty``) is known to the engine only where the record holds it: for
   cars, where the tariff schedule gives every kind of car the same rate. The schedule states a
   normal duty for every product, but for the other families it differs from product to product.
   ``on-top`` measures add their rate; an ``all-in`` measure brings the total up to its rate and
   adds nothing where the normal duty is already higher.
4. With the normal duty known, the result is the total; without it, the result is the
   additional duty on top of the normal one, or, under an all-in measure, the total for goods
   whose normal duty is below that rate. ``basis`` says which.
5. An ``undocumented`` row marks a period no document in the record covers (between the end one
   document sets and the start another sets). Where it applies after the stacking rules, the
   duty is unknown: ``rate`` is None and ``basis`` says so. It is never filled in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from .. import data
from .measures import NOT_DOCUMENTED, Measure, Rule, read_measures, read_rules
from .products import PRODUCTS, product_label

VIEWS = ("as-finally-applied", "as-charged")
BASIS_TOTAL = "all in"
BASIS_ADDITIONAL = "on top of the normal duty"
BASIS_ALL_IN = "all in, or the normal duty alone where higher"
BASIS_UNKNOWN = NOT_DOCUMENTED


@dataclass
class Duty:
    """The duty on one category on one day, with what makes it up and what was left out."""

    day: dt.date
    category: str
    view: str
    applied: list[Measure] = field(default_factory=list)
    excluded: list[tuple[Measure, Rule]] = field(default_factory=list)
    normal: float | None = None
    rate: float | None = 0.0  # None: no document in the record says (rule 5)
    basis: str = BASIS_ADDITIONAL
    # What each applied measure adds, in percentage points; None for an all-in measure on a
    # product whose normal duty is not known (it then sets the total, not an addition).
    adds: dict[str, float | None] = field(default_factory=dict)

    @property
    def since(self) -> dt.date | None:
        """The day the latest of its duties started: the duty has been this since then."""
        return max((m.starts for m in self.applied if m.starts), default=None)

    @property
    def parts(self) -> str:
        """'2.5% normal duty on cars + 25% Section 232 car duty': what each duty adds (names from
        the data). An all-in duty adds the difference to its rate; with the normal duty unknown it
        reads '15% all in (…)'."""
        if not self.applied:
            return "none of these duties"
        if self.rate is None:
            return "; ".join(m.name for m in self.applied if m.charged_as == "undocumented")
        shown = []
        for m in self.applied:
            added = self.adds.get(m.measure_id, m.rate)
            shown.append(f"{_pct(m.rate)} all in ({m.name})" if added is None else f"{_pct(added)} {m.name}")
        return " + ".join(shown)


def _pct(value: float) -> str:
    return f"{value:g}%"



def duty_on(measures: list[Measure], rules: list[Rule], category: str, day, view: str = "as-finally-applied") -> Duty:
    """The duty on one product family on one day (the rules in the module's docstring)."""
    product_label(category)  # raises on an unknown product
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}: expected one of {', '.join(VIEWS)}")
    day = pd.Timestamp(day).date()
    active = [m for m in measures if category in m.products and m.view in ("both", view) and m.in_force(day)]
    families = {m.family for m in active}
    duty = Duty(day, category, view)
    for m in active:
        rule = next((r for r in rules if r.family == m.family and r.not_with in families
                     and (r.starts is None or r.starts <= day)), None)
        if rule:
            duty.excluded.append((m, rule))
        else:
            duty.applied.append(m)
    if any(m.charged_as == "undocumented" for m in duty.applied):
        duty.rate, duty.basis = None, BASIS_UNKNOWN
        return duty
    normal = [m.rate for m in duty.applied if m.charged_as == "normal-duty"]
    duty.normal = normal[0] if normal else None
    on_top = sum(m.rate for m in duty.applied if m.charged_as == "on-top")
    all_in = [m for m in duty.applied if m.charged_as == "all-in"]
    top = max((m.rate for m in all_in), default=None)
    for m in all_in:  # only the highest all-in rate counts: with the normal duty known, as the difference
        if m.rate != top:
            duty.adds[m.measure_id] = 0.0
        elif duty.normal is None:
            duty.adds[m.measure_id] = None
        else:
            duty.adds[m.measure_id] = max(top - duty.normal, 0.0)
    if duty.normal is not None:
        duty.rate, duty.basis = max(duty.normal, top or 0.0) + on_top, BASIS_TOTAL
    elif all_in:
        duty.rate, duty.basis = top + on_top, BASIS_ALL_IN
    else:
        duty.rate, duty.basis = on_top, BASIS_ADDITIONAL
    return duty


def _daily(measures: list[Measure], rules: list[Rule], first, last, view: str = "as-finally-applied") -> pd.DataFrame:
    """One row per category and day: the rate, its basis, its parts and the measures behind it."""
    rows = []
    for day in pd.date_range(first, last, freq="D"):
        for category, label in PRODUCTS.items():
            duty = duty_on(measures, rules, category, day, view)
            rows.append({"day": day, "category": category, "label": label, "rate": duty.rate, "basis": duty.basis,
                         "parts": duty.parts, "measures": ";".join(m.measure_id for m in duty.applied), "view": view})
    return pd.DataFrame(rows)


def step_text(row) -> str:
    """One step of a duty chart in words, for its text alternative: '15% (total, normal duty
    included) from 16 September 2025', or 'not documented from 1 August 2025'."""
    rate = NOT_DOCUMENTED if pd.isna(row.rate) else f"{row.rate:g}% ({row.basis})"
    return f"{rate} from {row.day:%-d %B %Y}"


def step_key(rows: pd.DataFrame) -> pd.Series:
    """What a reader sees change from one day to the next: the rate (or that it is unknown) and
    its basis."""
    return rows["rate"].map(lambda r: "unknown" if pd.isna(r) else f"{r:g}") + "|" + rows["basis"]


def changes(frame: pd.DataFrame) -> pd.DataFrame:
    """The days on which a category's rate or basis changes (the steps of the chart), first day included."""
    out = []
    for _, rows in frame.groupby("category", sort=False):
        key = step_key(rows)
        out.append(rows[key != key.shift()])
    return pd.concat(out, ignore_index=True)


@dataclass(frozen=True)
class Law:
    """The record's law: every measure with the rules that stack them. Ask it for a day's duty."""

    measures: tuple[Measure, ...]
    rules: tuple[Rule, ...]

    def duty(self, product: str, day, view: str = "as-finally-applied") -> Duty:
        return duty_on(list(self.measures), list(self.rules), product, day, view)

    def daily(self, first, last, view: str = "as-finally-applied") -> pd.DataFrame:
        """One row per product family and day: rate, basis, parts and the measures behind it."""
        return _daily(list(self.measures), list(self.rules), first, last, view)

    def measure(self, measure_id: str) -> Measure:
        for m in self.measures:
            if m.measure_id == measure_id:
                return m
        raise KeyError(f"no measure {measure_id!r} in tariff_measures.csv")

    def with_normal_duty(self, product: str, rate: float) -> Law:
        """The same law for an illustrative good of this family whose normal duty is ``rate``:
        the worked example's arithmetic (the record states no such good's duty)."""
        product_label(product)
        example = Measure(f"example-normal-duty-{product}", "mfn", "normal duty of the example good", rate, "normal-duty",
                          frozenset({product}), "both", None, None, "", "")
        return Law(self.measures + (example,), self.rules)

    def undocumented(self) -> list[Measure]:
        """The periods no document in the record covers, in date order."""
        return sorted((m for m in self.measures if not m.documented), key=lambda m: m.starts_at)


def load_law(data_dir=None) -> Law:
    """The law as ``book/data`` records it (validated on loading)."""
    return Law(tuple(read_measures(data.load("tariff_measures", data_dir))),
               tuple(read_rules(data.load("stacking_rules", data_dir))))
