"""The product families the record's law covers, in the order the pages show them.

'Other goods' are goods under none of the other families' measures (their own Section 232
duties): every page that speaks of other goods means these. The Section 232 duties on other
sectors (copper, wood products, trucks and buses, some semiconductors, patented medicines) are
events in the record, not families: goods under those duties are not what the 'other goods'
figures describe.
"""

from __future__ import annotations

PRODUCTS = {"cars": "Cars", "auto-parts": "Car parts", "steel": "Steel", "aluminum": "Aluminum",
            "other-goods": "Other goods"}


_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def product_label(product: str) -> str:
    """'Car parts' for 'auto-parts'; a ValueError that lists the known ids otherwise."""
    try:
        return PRODUCTS[product]
    except KeyError:
        raise ValueError(f"unknown product {product!r}: expected one of {', '.join(PRODUCTS)}") from None


def products_in_words(products) -> str:
    """'all five' for a measure that covers every family, else their labels: 'Cars, Car parts'."""
    products = list(products)
    if set(products) == set(PRODUCTS):
        return "all " + _WORDS.get(len(PRODUCTS), str(len(PRODUCTS)))
    return ", ".join(product_label(p) for p in products)
