"""The chapter rules: the skeleton every chapter keeps, and no number typed into the prose.

Used by the Sphinx extension (each broken rule is a build warning, so the strict build fails,
pointing at ``book/<chapter>.md:<line>``), by ``make check`` (``python -m briefing.site.chapter_rules``)
and by the tests. Each finding says what to do.

- Skeleton: a ``(label)=`` line then one ``# `` title; a lede of at most LEDE_WORDS words under it
  (what happened and why it matters); ``## Sources`` last, ending with ``{evidence-notes}`` (the page's latest source and its notes); a
  ``(label)=`` line above every heading; numbers in the prose come from glue.
- No typed numbers: a digit in the prose must come from the data through ``{glue:text}``; dates
  written in words and names such as G7 are not numbers.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .toc import toc_files

# Names that contain digits; not numbers.
NAMES_WITH_DIGITS = {"G7", "ASEAN+3", "ASEAN", "FY2026", "Q1"}
# Names of laws, and of parts of the tariff schedule, are names, not numbers: "Section 232", "Section 122
# of the Trade Act of 1974", "column 1" (the normal duties), "General Note 3".
LAW_NAMES = re.compile(r"\bSection \d+\b|\bTrade (?:Expansion )?Act of \d{4}\b|\b[Cc]olumn [12]\b|\bGeneral Note \d+\b")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b\d{{1,2}}(?:–\d{{1,2}})? (?:{MONTHS})(?: \d{{4}})?\b|\b(?:{MONTHS}) \d{{4}}\b|\b20\d\d\b")
CODE_CELL = re.compile(r"^```\{code-cell\}.*?^```", flags=re.S | re.M)
LABEL = re.compile(r"\([a-z0-9-]+\)=")
# A boxed note (an admonition): it stands beside the prose, so it is not part of the lede's word count.
ADMONITION = re.compile(r"^```\{(?:admonition|note|important|warning)\}.*?^```$", flags=re.S | re.M)
TEMPLATE = "book/_template.md"


@dataclass(frozen=True, order=True)
class Finding:
    line: int
    message: str


def _blank(match: re.Match) -> str:
    """Removed text keeps its line breaks, so line numbers still point into the file."""
    return "\n" * match.group().count("\n")


def prose(text: str) -> str:
    """The Markdown a reader sees as prose: without front matter, code, roles, labels, directives' options.
    Line numbers are kept."""
    text = re.sub(r"\A---\n.*?\n---\n", _blank, text, flags=re.S)
    text = CODE_CELL.sub(_blank, text)
    text = re.sub(r"^(```|:::)\{[^}]+\}[^\n]*\n(?::[^\n]*\n)*", _blank, text, flags=re.M)  # directive heads and options
    text = re.sub(r"\{[a-z:]+\}`[^`]*`", _blank, text)  # roles: glue, numref, ref, download
    text = re.sub(r"`[^`\n]*`", "", text)  # inline code (file names, ids)
    text = re.sub(r"^\([^)]+\)=$", "", text, flags=re.M)  # labels
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = re.sub(r"^\d+\. ", "", text, flags=re.M)  # ordered-list markers
    return text


def typed_numbers(text: str) -> list[Finding]:
    """Every number typed into the prose, with its line."""
    body = DATE.sub(lambda m: " " * len(m.group()), prose(text))
    body = LAW_NAMES.sub(lambda m: " " * len(m.group()), body)
    found = []
    for match in re.finditer(r"[\w+]*\d[\w+.,%]*", body):
        number = match.group().rstrip(".,")
        if number in NAMES_WITH_DIGITS:
            continue
        line = body.count("\n", 0, match.start()) + 1
        found.append(Finding(line, f"typed number {number!r}: compute it in a remove-cell with glue(\"name\", value)"
                                   " and write {glue:text}`name` in the text"))
    return found


LEDE_WORDS = 80


def _with_glue_as_words(text: str) -> str:
    """The prose with each role counted as one word (a glued value, a citation marker adds none)."""
    text = re.sub(r"\{src\}`[^`]*`", "", prose_keeping_roles(text))
    return re.sub(r"\{[a-z:]+\}`[^`]*`", "value", text)


def prose_keeping_roles(text: str) -> str:
    text = re.sub(r"\A---\n.*?\n---\n", _blank, text, flags=re.S)
    text = CODE_CELL.sub(_blank, text)
    return re.sub(r"^(```|:::)\{[^}]+\}[^\n]*\n(?::[^\n]*\n)*", _blank, text, flags=re.M)


def _label_for(heading: str) -> str:
    return "(" + re.sub(r"[^a-z0-9]+", "-", heading.lstrip("#").strip().lower()).strip("-") + ")="


def skeleton(text: str) -> list[Finding]:
    """Where the chapter leaves the skeleton of book/_template.md."""
    found: list[Finding] = []
    lines = CODE_CELL.sub(_blank, text).split("\n")
    prose_lines = prose(text).split("\n")
    headings = [(i + 1, line) for i, line in enumerate(prose_lines) if re.match(r"#{1,3} ", line)]
    if not headings or not headings[0][1].startswith("# "):
        return [Finding(1, f"no title: start the chapter with a '(label)=' line and one '# Title' line (see {TEMPLATE})")]
    for number, heading in headings:
        above = next((line for line in reversed(lines[:number - 1]) if line.strip()), "")
        if not LABEL.fullmatch(above.strip()):
            found.append(Finding(number, f"no label above {heading!r}: add a line such as {_label_for(heading)} directly above it"
                                         " (links to this heading then survive a change of wording)"))
    titles = [(number, h) for number, h in headings if h.startswith("# ")]
    for number, heading in titles[1:]:
        found.append(Finding(number, f"second title {heading!r}: a chapter has one '# ' title; make this a '## ' section"))
    sections = [(number, h[3:].strip()) for number, h in headings if h.startswith("## ")]
    title_line = titles[0][0]
    first_section = sections[0][0] if sections else len(prose_lines) + 1
    lede = " ".join(line for line in _with_glue_as_words(ADMONITION.sub(_blank, text)).split("\n")[title_line:first_section - 1]
                    if line.strip() and not LABEL.fullmatch(line.strip()))
    words = len(lede.split())
    if not words:
        found.append(Finding(title_line, "no lede: under the title, before the first '## ' section, write one short paragraph"
                                         " saying what happened and why it matters (see " + TEMPLATE + ")"))
    elif words > LEDE_WORDS:
        found.append(Finding(title_line, f"the lede has {words} words: keep it to {LEDE_WORDS} or fewer (what happened and why"
                                         " it matters; the details belong in the sections)"))
    if not sections or sections[-1][1] != "Sources":
        where = sections[-1][0] if sections else headings[-1][0]
        found.append(Finding(where, f"the last section is not '## Sources': end the chapter with '## Sources' (see {TEMPLATE})"))
    elif "```{evidence-notes}" not in "\n".join(text.split("\n")[sections[-1][0]:]):
        found.append(Finding(sections[-1][0], "'## Sources' has no ```{evidence-notes}``` directive: end the section with it"
                                              f" (it states the date of the page's latest source and lists its notes; see {TEMPLATE})"))
    if "{glue" not in text:
        found.append(Finding(headings[0][0], "no number comes from glue: compute numbers in a remove-cell with glue(\"name\", value)"
                                             " and write {glue:text}`name`"))
    return found


def check_text(text: str) -> list[Finding]:
    return sorted(set(skeleton(text) + typed_numbers(text)))


def check_file(path: Path) -> list[Finding]:
    return check_text(path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    """Check every chapter in _toc.yml (run from the project root); exit 1 on any finding."""
    argv = sys.argv[1:] if argv is None else argv
    root = Path(argv[0]) if argv else Path.cwd()
    count = 0
    chapters = [p for p in toc_files(root) if p.is_file()]
    labels = book_references.book_labels(chapters)
    for path in chapters:
        for finding in sorted(set(check_file(path)) | set(book_references.reference_findings(path, labels))):
            count += 1
            print(f"{path.relative_to(root)}:{finding.line}: {finding.message}", file=sys.stderr)
    for problem in book_references.relied_on_problems():
        count += 1
        print(problem, file=sys.stderr)
    for path in toc_files(root):
        if not path.is_file():
            count += 1
            print(f"_toc.yml: {path.relative_to(root)} is listed but does not exist: create it from {TEMPLATE}"
                  " or remove the line", file=sys.stderr)
    if count:
        print(f"\n{count} problem(s) in the chapters; no file was changed.", file=sys.stderr)
        return 1
    print(f"{len(chapters)} chapters follow the skeleton; no number typed into the prose; every glued value,"
          " cross-reference and citation marker names something.")
    return 0


if __name__ == "__main__":
    from . import book_references  # noqa: PLC0415 - it imports this module: loaded only when run as `make check`

    sys.exit(main())
