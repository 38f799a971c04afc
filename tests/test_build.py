"""The strict build, and that a rebuild is never stale and never wasteful."""

from __future__ import annotations

import re

import pytest

from briefing import data
from briefing.checks.sitecheck import navigation_problems
from briefing.data import reads
from briefing.site import execute, incremental
from briefing.site.sphinx_ext import tables_by_path
from briefing.site.toc import toc_files
from conftest import ROOT, build, copy_project

EXECUTED = re.compile(r"Executing notebook")
EXECUTED_CHAPTER = re.compile(r"book/([\w-]+)\.md: Executing notebook")


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
    if execute.workers() > 1:  # executed side by side before the read, each once: myst-nb found them all cached
        assert len(EXECUTED_CHAPTER.findall(first.stdout)) == len(set(EXECUTED_CHAPTER.findall(first.stdout)))
        assert "Executing notebook using" not in first.stdout, "myst-nb executed a chapter again while reading it"

    again = build(project)
    assert again.returncode == 0
    assert not EXECUTED.search(again.stdout), "a rebuild with no change re-executed a chapter"

    events = project / "book" / "data" / "events.csv"
    text = events.read_text(encoding="utf-8")
    marker = "Tariff talks resume <img src=x onerror=alert(1)><script>alert(2)</script>"
    assert "Ishiba visits the White House" in text
    # In the same edit, a row the tariff page only cites (its code does not read events.csv): the
    # page is read again, not executed, and its citation note shows the row's new locator.
    cited_locator = "paragraphs on the White House official and on Japan"
    assert text.count(cited_locator) == 1
    edited_text = text.replace("Ishiba visits the White House", marker, 1)
    events.write_text(edited_text.replace(cited_locator, "the paragraph on the rate kept to 7 August", 1), encoding="utf-8")
    # Exactly the chapters whose code read events.csv when they last executed re-execute, no other:
    # those given the whole table, and those given a part of it (data.load's rows and columns)
    # whose cells the edit changed.
    records = project / "_build" / ".jupyter_cache" / "briefing-reads"

    def given_what_changed(record) -> bool:
        return any(read.table == "events" and (read.part is None or data.part_digest(
            "events", read.part, project / "book" / "data") != read.part["digest"]) for read in reads.entries(record))

    readers = {p.stem.split("__")[-1] for p in records.glob("*.tables") if given_what_changed(p)}
    edited = build(project)
    assert edited.returncode == 0, edited.stdout[-4000:] + edited.stderr[-4000:]
    executed = set(EXECUTED_CHAPTER.findall(edited.stdout))
    assert "timeline" in readers and executed == readers, (executed, readers)
    assert len(executed) < len(list(records.glob("*.tables"))), "a one-table edit re-executed every chapter"
    # Never stale: no page still shows the old title (the story chapter that tells the event and the
    # timeline show the new one), and chapters given only other rows of events did not execute (the
    # front page and the deal-to-law chapter are given the row whose locator changed: they do).
    site = project / "_build" / "html"
    assert not [p.name for p in site.rglob("*.html") if "Ishiba visits the White House" in p.read_text(encoding="utf-8")]
    assert "story-tariffs-arrive" in executed and not executed & {"glossary", "deal", "story-court-and-after"}, executed
    assert "tariffs" not in executed and "events" in (records / "book__tariffs.cited").read_text().split()
    tariffs = (project / "_build" / "html" / "book" / "tariffs.html").read_text(encoding="utf-8")
    assert "the paragraph on the rate kept to 7 August" in tariffs and cited_locator not in tariffs
    page = (project / "_build" / "html" / "book" / "timeline.html").read_text(encoding="utf-8")
    assert "Tariff talks resume &lt;img src=x onerror=alert(1)&gt;&lt;script&gt;" in page
    assert "<img src=x" not in page and "<script>alert" not in page


def _after(toc: str, existing: str, new: str) -> str:
    """The table of contents with `new` listed after `existing`, at its indentation (parts indent deeper)."""
    line = next(line for line in toc.splitlines(keepends=True) if line.strip() == f"- file: {existing}")
    return toc.replace(line, line + line.replace(existing, new), 1)


def _without(toc: str, file: str) -> str:
    return "".join(line for line in toc.splitlines(keepends=True) if line.strip() != f"- file: {file}")


def _toc_order(project) -> list[str]:
    return [p.with_suffix(".html").name for p in toc_files(project)]


@pytest.mark.slow
def test_navigation_follows_every_change_of_the_table_of_contents(tmp_path):
    """Add a chapter, move it, then take it out, with incremental builds: every page, including the ones not
    re-read, gets the new sidebar and previous/next links (no `make clean` needed)."""
    project = copy_project(tmp_path)
    site = project / "_build" / "html"
    first = build(project)
    assert first.returncode == 0, first.stdout[-4000:] + first.stderr[-4000:]
    assert navigation_problems(site, _toc_order(project)) == []

    # A new chapter from the template, listed after the tariffs chapter.
    template = (project / "book" / "_template.md").read_text(encoding="utf-8")
    (project / "book" / "extra.md").write_text(template.replace("# Chapter title", "# An extra chapter"), encoding="utf-8")
    toc = project / "_toc.yml"
    toc.write_text(_after(toc.read_text(encoding="utf-8"), "book/tariffs", "book/extra"), encoding="utf-8")
    added = build(project)
    assert added.returncode == 0, added.stdout[-4000:] + added.stderr[-4000:]
    order = _toc_order(project)
    assert "extra.html" in order and navigation_problems(site, order) == []
    assert "An extra chapter" in (site / "book" / "appendix.html").read_text(encoding="utf-8")

    # Reordering only: the new chapter moves to the end; no chapter executes.
    text = _without(toc.read_text(encoding="utf-8"), "book/extra")
    toc.write_text(_after(text, "book/glossary", "book/extra"), encoding="utf-8")
    moved = build(project)
    assert moved.returncode == 0, moved.stdout[-4000:] + moved.stderr[-4000:]
    assert not EXECUTED.search(moved.stdout), "reordering the chapters re-executed one"
    assert navigation_problems(site, _toc_order(project)) == []

    # Taken out of the table of contents: its page leaves the site (not served as if current).
    toc.write_text(_without(toc.read_text(encoding="utf-8"), "book/extra"), encoding="utf-8")
    removed = build(project)
    assert removed.returncode == 0, removed.stdout[-4000:] + removed.stderr[-4000:]
    assert not (site / "book" / "extra.html").exists(), "a page out of _toc.yml stayed in the site"
    assert (site / "index.html").is_file() and (site / "book" / "index.html").is_file(), "the way in was removed"
    assert navigation_problems(site, _toc_order(project)) == []

    # A section moves to a chapter that is read before its old one (actors < timeline): the
    # incremental build must not find its label twice (the old chapter's copy is forgotten first).
    timeline, actors = project / "book" / "timeline.md", project / "book" / "actors.md"
    timeline.write_text(timeline.read_text(encoding="utf-8").replace("(timeline-all-events)=", "(timeline-every-event)="),
                        encoding="utf-8")
    text = actors.read_text(encoding="utf-8")
    actors.write_text(text.replace("(actors-sources)=", "(timeline-all-events)=\n## A moved section\n\nMoved here.\n\n(actors-sources)="),
                      encoding="utf-8")
    relabelled = build(project)
    assert relabelled.returncode == 0, relabelled.stdout[-4000:] + relabelled.stderr[-4000:]
    assert "duplicate label" not in relabelled.stdout + relabelled.stderr


def test_what_changed_decides_what_executes(tmp_path):
    """A table's CSV: its readers; a module: the chapters importing it; the site's machinery or
    assets: a re-read, no execution; the schema or a source: everything."""
    project = copy_project(tmp_path)
    data = project / "book" / "data"
    by_path, seeds = tables_by_path(data), project / "seeds"
    package = incremental.PACKAGE_DIR
    stale = incremental.classify({str(data / "events.csv"), str(data / "actors.csv")}, by_path, seeds)
    assert stale.tables == {"events", "actors"} and not stale.everything and not stale.modules
    assert incremental.classify({str(data / "datapackage.json")}, by_path, seeds).everything
    assert incremental.classify({str(seeds / "SHA256SUMS")}, by_path, seeds).everything
    server = incremental.classify({str(package / "site" / "server.py")}, by_path, seeds)
    assert server.modules == {"briefing.site.server"} and server.reread and not server.everything
    engine = incremental.classify({str(package / "law" / "engine.py")}, by_path, seeds)
    assert engine.modules == {"briefing.law.engine"} and not engine.reread
    assert incremental.classify({str(package / "site" / "assets" / "briefing.css")}, by_path, seeds).reread
    changelog = incremental.classify({str(project / "CHANGELOG.md")}, by_path, seeds)
    assert changelog.modules == {"briefing.release"} and not changelog.everything and not changelog.reread
    assert "briefing.release" in incremental.chapter_imports(project / "book" / "appendix.md")


def test_each_chapter_knows_the_modules_it_uses():
    for chapter in toc_files(ROOT):
        used = incremental.chapter_imports(chapter)
        assert "briefing.data" in used and "briefing.site.server" not in used, chapter.name
        assert not any(m.startswith("briefing.site") for m in used), (chapter.name, "a chapter runs no site machinery")
    front = incremental.chapter_imports(ROOT / "book" / "index.md")
    assert {"briefing.chapters.front", "briefing.law.engine", "briefing.law.products"} <= front
