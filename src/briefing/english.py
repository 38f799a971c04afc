"""English for the briefing's generated words, shared by every room (it imports nothing)."""

from __future__ import annotations


def listed(items: list[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (or 'a, b or c' with conjunction='or')."""
    if not items:
        raise ValueError("nothing to list")
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conjunction} " + items[-1]
