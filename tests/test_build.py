"""The strict build, and that a rebuild is never stale and never wasteful."""

from __future__ import annotations

import re

import pytest

from conftest import build, copy_project

EXECUTED = re.compile(r"Executing notebook")


def test_strict_build_passes_with_no_warning(built_site):
    assert (built_site / "index.html").is_file()
    assert not (built_site / "reports").exists(), "execution reports mean a chapter failed"


@pytest.mark.slow
def test_rebuilds_follow_data_edits_and_nothing_else(tmp_path):
    """Cold build; no-change rebuild executes nothing; a one-value data edit shows on the page.

    The edit is hostile markup, which must arrive as text: the same build serves the
    browser check in test_browser.py::test_hostile_data_stays_text.
    """
    project = copy_project(tmp_path)
    first = build(project)
    assert first.returncode == 0, first.stdout[-4000:] + first.stderr[-4000:]
    assert EXECUTED.search(first.stdout)

    again = build(project)
    assert again.returncode == 0
    assert not EXECUTED.search(again.stdout), "a rebuild with no change re-executed a chapter"

    events = project / "book" / "data" / "events.csv"
    text = events.read_text(encoding="utf-8")
    marker = "Tariff talks resume <img src=x onerror=alert(1)><script>alert(2)</script>"
    assert "Ishiba visits the White House" in text
    events.write_text(text.replace("Ishiba visits the White House", marker, 1), encoding="utf-8")
    edited = build(project)
    assert edited.returncode == 0, edited.stdout[-4000:] + edited.stderr[-4000:]
    assert EXECUTED.search(edited.stdout), "a data edit did not re-execute the chapters"
    page = (project / "_build" / "html" / "book" / "timeline.html").read_text(encoding="utf-8")
    assert "Tariff talks resume &lt;img src=x onerror=alert(1)&gt;&lt;script&gt;" in page
    assert "<img src=x" not in page and "<script>alert" not in page
