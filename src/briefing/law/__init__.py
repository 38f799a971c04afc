"""The law, the domain of the briefing: what a Japanese good paid at the US border.

- ``products``: the product families the record covers.
- ``measures``: tariff measures and stacking rules, typed from the data.
- ``engine``: the duty engine (a day's duty per product family, from the law) and ``Law``,
  which holds the measures with their rules: ``load_law().duty("cars", "2025-05-01")``.
- ``reported``: when the five archived articles had each tariff start, to check against the law.
- ``coverage``: the days each duty family leaves unaccounted for (none may be drawn).

This room uses ``briefing.data`` only: never ``chapters`` or ``site``.
"""

from .coverage import CHART_START, Gap, gaps
from .engine import (
                     BASIS_ADDITIONAL,
                     BASIS_ALL_IN,
                     BASIS_TOTAL,
                     BASIS_UNKNOWN,
                     VIEWS,
                     Duty,
                     Law,
                     changes,
                     duty_on,
                     load_law,
                     step_key,
                     step_text,
)
from .measures import NOT_DOCUMENTED, Measure, Rule, read_measures, read_rules
from .products import PRODUCTS, product_label, products_in_words

__all__ = ["CHART_START", "Gap", "gaps", "BASIS_ADDITIONAL", "BASIS_ALL_IN", "BASIS_TOTAL", "BASIS_UNKNOWN", "NOT_DOCUMENTED", "PRODUCTS", "VIEWS",
           "Duty", "Law", "Measure", "Rule", "changes", "duty_on", "load_law", "product_label", "products_in_words",
           "read_measures", "read_rules", "step_key", "step_text"]
