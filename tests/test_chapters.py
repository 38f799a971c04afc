"""Every chapter in _toc.yml follows the skeleton, no number in its prose is typed by hand, and
every date typed in words is a date of a row its paragraph cites.

The rules live in briefing.site.chapter_rules; the build runs them too (a finding is a warning,
so the strict build fails): tested here on a copy of the project.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from briefing.site import book_references
from briefing.site.chapter_rules import check_text, skeleton, toc_files, typed_numbers
from briefing.site.prose_dates import date_findings
from conftest import ROOT, build, copy_project

CHAPTERS = toc_files(ROOT)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_no_hand_typed_numbers_in_prose(chapter):
    assert typed_numbers(chapter.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_chapter_follows_the_skeleton(chapter):
    assert skeleton(chapter.read_text(encoding="utf-8")) == []


def test_hand_typed_number_check_fails_on_a_bad_chapter():
    bad = "(x)=\n# T\n\n(o)=\n## Overview\n\n- Japan faces a 24% tariff from {glue:text}`d`, since 2 April 2025.\n"
    found = typed_numbers(bad)
    assert len(found) == 1 and found[0].line == 7  # the date and the glue role are not flagged
    assert found[0].message.startswith("typed number '24%': compute it in a remove-cell")


def test_names_of_laws_and_of_parts_of_the_tariff_schedule_are_not_typed_numbers():
    text = "(x)=\n# T\n\nUnder Section 232 of the Trade Expansion Act of 1962, in column 1 (General Note 3), 4 more.\n"
    assert [f.message.split(":")[0] for f in typed_numbers(text)] == ["typed number '4'"]


# (case, chapter text, expected (line, start of message)).
BAD_CHAPTERS = [
    ("no-label", "# Title\n", (1, "no label above '# Title': add a line such as (title)= directly above it")),
    ("no-lede", "(t)=\n# T\n\n(b)=\n## Body\n", (2, "no lede: under the title")),
    ("long-lede", "(t)=\n# T\n\n" + "word " * 81 + "{glue:text}`x` {src}`events/y`\n\n(b)=\n## Body\n",
     (2, "the lede has 82 words: keep it to 80 or fewer")),
    ("sources-not-last", "(t)=\n# T\n\n(o)=\n## Overview\n\n- A.\n\n(b)=\n## Body\n", (10, "the last section is not '## Sources'")),
    ("sources-without-notes", "(t)=\n# T\n\n(o)=\n## Overview\n\n- A.\n\n(s)=\n## Sources\n\nText.\n",
     (10, "'## Sources' has no ```{evidence-notes}``` directive")),
    ("two-titles", "(t)=\n# T\n\n(u)=\n# U\n", (5, "second title '# U'")),
]


def test_a_boxed_note_under_the_title_is_not_counted_in_the_lede():
    """A note beside the lede (the front page's 'not today's rates' box) is not the lede; a long
    lede is still found when the box is there."""
    box = "```{admonition} Note\n:class: note\n\n" + "word " * 90 + "\n```\n\n"
    short = "(t)=\n# T\n\nA short lede.\n\n" + box + "(b)=\n## Body\n"
    long = "(t)=\n# T\n\n" + "word " * 81 + "\n\n" + box + "(b)=\n## Body\n"
    assert not [f for f in check_text(short) if "lede" in f.message]
    assert [f.message for f in check_text(long) if "lede" in f.message] == [
        "the lede has 81 words: keep it to 80 or fewer (what happened and why it matters; the details belong in the sections)"]


@pytest.mark.parametrize("case,text,expected", BAD_CHAPTERS, ids=[c[0] for c in BAD_CHAPTERS])
def test_skeleton_check_fails_on_a_bad_chapter(case, text, expected):
    found = [(f.line, f.message) for f in check_text(text)]
    assert any(line == expected[0] and message.startswith(expected[1]) for line, message in found), found


@pytest.mark.slow
def test_strict_build_fails_on_a_broken_chapter_rule_and_says_where(tmp_path):
    """A typed number, a typed date the cited row does not hold and a missing label fail
    `jupyter-book build -W` itself, at the chapter's line,
    and keep failing on the next (incremental) build until fixed."""
    project = copy_project(tmp_path)
    chapter = project / "book" / "stakes.md"
    text = chapter.read_text(encoding="utf-8")
    broken = text.replace("## Overview\n", "## Overview\n\nJapan has 17 reasons.\n\nTrump announced it on 2 July {src}`events/framework-announced`.\n", 1)
    broken = broken.replace("(stakes-sources)=\n", "", 1)
    chapter.write_text(broken, encoding="utf-8")
    lines = broken.split("\n")
    number_line = lines.index("Japan has 17 reasons.") + 1
    date_line = number_line + 2
    sources_line = lines.index("## Sources") + 1
    for attempt in range(2):
        result = build(project)
        out = result.stdout + result.stderr
        assert result.returncode != 0, f"build {attempt + 1} passed with broken chapter rules"
        assert f"book/stakes.md:{number_line}: WARNING: typed number '17': compute it in a remove-cell" in out, out[-3000:]
        assert f"book/stakes.md:{sources_line}: WARNING: no label above '## Sources': add a line" in out, out[-3000:]
        assert f"book/stakes.md:{date_line}: WARNING: typed date '2 July' is no date of the rows this paragraph cites" in out, out[-3000:]
    chapter.write_text(text, encoding="utf-8")
    fixed = build(project)
    assert fixed.returncode == 0, fixed.stdout[-3000:] + fixed.stderr[-3000:]


def test_fast_check_lists_chapter_problems_with_file_and_line(tmp_path):
    """What `make check` runs for the chapters: no build, every finding as book/<chapter>.md:<line>."""
    project = copy_project(tmp_path)
    chapter = project / "book" / "actors.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("## Overview\n", "## Overview\n\nAbout 40 people.\n", 1),
                       encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefing.site.chapter_rules", str(project)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    line = chapter.read_text(encoding="utf-8").split("\n").index("About 40 people.") + 1
    assert f"book/actors.md:{line}: typed number '40': compute it in a remove-cell" in result.stderr
    assert "1 problem(s) in the chapters" in result.stderr


def test_the_fast_check_finds_what_names_nothing(tmp_path):
    """`make check` finds a glued value, a label and a citation marker that name nothing, with the
    nearest names, before any build."""
    chapter = tmp_path / "c.md"
    chapter.write_text("(c)=\n# C\n\n```{code-cell} ipython3\nglue(\"c-rate\", 1)\n```\n\n"
                       "Lede {glue:text}`c-rat`, {ref}`c-sourcez`, {src}`events/framework-anounced`.\n\n(c-sources)=\n## Sources\n",
                       encoding="utf-8")
    found = [f.message for f in book_references.reference_findings(chapter, book_references.book_labels([chapter]))]
    assert any(m.startswith("{glue:text}`c-rat` is glued nowhere") and "Did you mean c-rate?" in m for m in found), found
    assert any(m.startswith("{ref}`c-sourcez`: no label 'c-sourcez'") and "Did you mean c-sources?" in m for m in found), found
    assert any("events/framework-anounced" in m and "Did you mean events/framework-announced" in m for m in found), found


def test_rows_the_pages_rely_on_exist_and_a_missing_one_is_named(tmp_path):
    """Rows named in a page's RELIED_ON (front page, reference pages) exist; `make check` names a
    deleted one with its file and the module to edit."""
    assert book_references.relied_on_problems() == []
    data = tmp_path / "data"
    shutil.copytree(ROOT / "book" / "data", data)
    events = data / "events.csv"
    events.write_text("".join(line for line in events.read_text(encoding="utf-8").splitlines(keepends=True)
                              if not line.startswith("cape-phase-1-opens,")), encoding="utf-8")
    found = book_references.relied_on_problems(data)
    assert any("book/data/events.csv" in p and "'cape-phase-1-opens'" in p and "front.py" in p for p in found), found


@pytest.mark.parametrize("chapter", toc_files(ROOT), ids=lambda p: p.stem)
def test_every_typed_date_is_a_date_of_a_row_its_paragraph_cites(chapter):
    assert [f"{chapter.name}:{f.line}: {f.message}" for f in date_findings(chapter)] == []


def test_a_typed_date_the_cited_rows_do_not_hold_is_found_at_its_line(tmp_path):
    """The framework was announced on 22 July 2025: the row says so; 2 July is typed from memory,
    and a date in a paragraph that cites nothing has nothing to agree with."""
    chapter = tmp_path / "bad.md"
    chapter.write_text("(t)=\n# T\n\nTrump announced it on 22 July 2025 {src}`events/framework-announced`.\n\n"
                       "Trump announced it on 2 July {src}`events/framework-announced`.\n\nA date on 9 April 2025, cited nowhere.\n",
                       encoding="utf-8")
    found = [(f.line, f.message.split(" is ")[0]) for f in date_findings(chapter)]
    assert found == [(6, "typed date '2 July'"), (8, "typed date '9 April 2025'")]
