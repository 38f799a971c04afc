"""The edition's version and release date, as CHANGELOG.md's latest heading gives them:
'### Version 3.2.0 (released 5 December 2026): …'. The PDF's front matter, the appendix's
citation and CITATION.cff (a test compares) all name these."""

from __future__ import annotations

import re
from pathlib import Path

HEADING = re.compile(r"^### Version (\d+\.\d+\.\d+) \(released (\d{1,2} [A-Z][a-z]+ \d{4})\)", re.M)


class ChangelogError(ValueError):
    pass


def _latest(changelog: Path) -> re.Match:
    text = changelog.read_text(encoding="utf-8")
    first = re.search(r"^### Version .*$", text, re.M)
    match = HEADING.match(text, first.start()) if first else None
    if not match:
        found = first.group(0) if first else "no '### Version' heading"
        raise ChangelogError(f"{changelog}: the latest entry must start '### Version X.Y.Z (released D Month YYYY)'; found {found!r}")
    return match


def version(changelog: Path) -> str:
    """'3.2.0'."""
    return _latest(changelog).group(1)


def released(changelog: Path) -> str:
    """'5 December 2026'."""
    return _latest(changelog).group(2)
