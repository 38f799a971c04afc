"""Every chapter in _toc.yml follows the skeleton, and no number in its prose is typed by hand."""

from __future__ import annotations

import importlib.util
import re

import pytest

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("root_conftest", ROOT / "conftest.py")
_root = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_root)
CHAPTERS = _root.toc_chapters()

# Names that contain digits; not numbers.
NAMES_WITH_DIGITS = {"G7", "ASEAN+3", "ASEAN", "FY2026", "Q1"}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b\d{{1,2}}(?:–\d{{1,2}})? (?:{MONTHS})(?: \d{{4}})?\b|\b(?:{MONTHS}) \d{{4}}\b|\b20\d\d\b")


def prose(text: str) -> str:
    """The Markdown a reader sees as prose: without front matter, code, roles, labels, directives' options."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"^```\{code-cell\}.*?^```", "", text, flags=re.S | re.M)
    text = re.sub(r"^(```|:::)\{[^}]+\}[^\n]*\n(?::[^\n]*\n)*", "", text, flags=re.M)  # directive heads and options
    text = re.sub(r"\{[a-z:]+\}`[^`]*`", "", text)  # roles: glue, numref, ref, download
    text = re.sub(r"`[^`\n]*`", "", text)  # inline code (file names, ids)
    text = re.sub(r"^\([^)]+\)=$", "", text, flags=re.M)  # labels
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = re.sub(r"^\d+\. ", "", text, flags=re.M)  # ordered-list markers
    return text


def hand_typed_numbers(text: str) -> list[str]:
    body = DATE.sub("", prose(text))
    found = []
    for match in re.finditer(r"[\w+]*\d[\w+.,%]*", body):
        if match.group().rstrip(".,") not in NAMES_WITH_DIGITS:
            found.append(body[max(0, match.start() - 30):match.end() + 10].replace("\n", " "))
    return found


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_no_hand_typed_numbers_in_prose(chapter):
    assert hand_typed_numbers(chapter.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_chapter_follows_the_skeleton(chapter):
    text = chapter.read_text(encoding="utf-8")
    headings = re.findall(r"^(#{1,2}) (.+)$", prose(text), flags=re.M)
    assert headings and headings[0][0] == "#", "starts with one title"
    sections = [h for level, h in headings if level == "##"]
    assert sections and sections[0] == "Overview", "first section is the Overview with the key points"
    assert sections[-1] == "Sources", "last section is Sources"
    overview = text.split("## Overview", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"^- ", overview, flags=re.M), "the Overview lists key points"
    text = re.sub(r"^```\{code-cell\}.*?^```", "", text, flags=re.S | re.M)
    for heading in re.finditer(r"^#{1,3} .+$", text, flags=re.M):
        before = text[:heading.start()].rstrip("\n").rsplit("\n", 1)[-1]
        assert re.fullmatch(r"\([a-z0-9-]+\)=", before), f"no stable label above {heading.group()!r}"
    assert "{glue:text}" in text or "{glue" in text, "numbers in the prose come from glue"
    sources_section = chapter.read_text(encoding="utf-8").rsplit("## Sources", 1)[1]
    assert "glue_as_of(" in sources_section, "the Sources section states the date of the latest source (glue_as_of)"


def test_hand_typed_number_check_fails_on_a_bad_chapter():
    bad = "(x)=\n# T\n\n(o)=\n## Overview\n\n- Japan faces a 24% tariff from {glue:text}`d`, since 2 April 2025.\n"
    found = hand_typed_numbers(bad)
    assert len(found) == 1 and "24%" in found[0]  # the date and the glue role are not flagged


def test_skeleton_check_fails_on_a_bad_chapter(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("# Title without label\n\n## Body\n\nText.\n", encoding="utf-8")
    with pytest.raises(AssertionError):
        test_chapter_follows_the_skeleton(bad)
