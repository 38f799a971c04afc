"""Every dotted name `briefing.…` that the docs, the Makefile, the configuration, the data package
and the package's own messages give an editor resolves: a name left behind by a move would send a
newcomer to an ImportError."""

from __future__ import annotations

import importlib
import re

from conftest import ROOT

FILES = ["README.md", "CONTRIBUTING.md", "Makefile", "_config.yml", "pyproject.toml", "book/data/datapackage.json",
         "book/_template.md", *[str(p.relative_to(ROOT)) for p in (ROOT / "src" / "briefing").rglob("*.py")],
         *[str(p.relative_to(ROOT)) for p in (ROOT / "book").glob("*.md")]]
FILE_SUFFIXES = {"pdf", "css", "js", "md", "csv", "json", "html", "py", "yml", "txt"}  # file names, not modules
DOTTED = re.compile(r"\bbriefing(?:\.[A-Za-z_][A-Za-z0-9_]*)+")


def resolves(name: str) -> bool:
    """A module, or an attribute of the longest module prefix (briefing.law.Law.duty)."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


def names_in(path) -> set[str]:
    text = (ROOT / path).read_text(encoding="utf-8")
    # A sentence's full stop is not part of a name, nor is a file name ('us-japan-tariff-briefing.pdf').
    found = {m.group().rstrip(".") for m in DOTTED.finditer(text) if text[m.end():m.end() + 1] != "/"}
    return {name for name in found if name.rsplit(".", 1)[-1] not in FILE_SUFFIXES}


def test_every_dotted_name_in_the_docs_and_messages_resolves():
    missing = {f"{path}: {name}" for path in FILES for name in names_in(path) if not resolves(name)}
    assert not missing, sorted(missing)


def test_a_name_left_behind_is_caught():
    assert resolves("briefing.law.Law.duty") and resolves("briefing.site.chapter_rules")
    assert not resolves("briefing.style.describe") and not resolves("briefing.chapters.duties")
