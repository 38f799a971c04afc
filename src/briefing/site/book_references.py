"""What `make check` finds before a build would: a glued value, a cross-reference label or a
citation marker that names nothing, with the nearest names ('did you mean').

- ``{glue:text}`name``` must be glued by the chapter's code or by a module it uses (names built
  in an f-string count as patterns);
- ``{ref}`label```, ``{numref}`label``` (or ``text <label>``) must be a ``(label)=`` line or a
  figure's ``name:`` somewhere in the book;
- ``{src}`table/row-id``` must name a row of the data;
- a day typed in words must be a date of a row its paragraph cites (briefing.site.prose_dates).
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import re
from pathlib import Path

from ..chapters import front, reference
from . import evidence, incremental, prose_dates
from .chapter_rules import CODE_CELL, Finding

GLUE_CALL = re.compile(r"""\bglue\(\s*(f?)["']([^"']+)["']""")
ANY_GLUE_CALL = re.compile(r"""(?<!def )\b_?glue\(\s*([^\s,)]+)""")  # calls, not definitions
ROLE = re.compile(r"\{(glue:text|ref|numref|src)\}`([^`]*)`")
LABEL_LINE = re.compile(r"^\(([\w-]+)\)=\s*$", re.M)
FIGURE_NAME = re.compile(r"^:\s*name:\s*([\w-]+)\s*$", re.M)


def _module_file(name: str) -> Path | None:
    base = incremental.PACKAGE_DIR.parent / Path(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def glued_names(chapter: Path) -> tuple[set[str], list[re.Pattern]] | None:
    """The names a chapter glues: exact names, and patterns for names built in f-strings; None when
    some name is computed in a way a reading cannot follow (then the build alone checks them)."""
    texts = ["\n".join(CODE_CELL.findall(chapter.read_text(encoding="utf-8")))]
    texts += [f.read_text(encoding="utf-8") for f in map(_module_file, incremental.chapter_imports(chapter)) if f]
    exact, patterns = set(), []
    for text in texts:
        if any(arg[0] not in "\"'f" for arg in ANY_GLUE_CALL.findall(text)):
            return None
        for is_f, name in GLUE_CALL.findall(text):
            if is_f and "{" in name:
                patterns.append(re.compile(re.sub(r"\\\{[^}]*\\\}", ".+", re.escape(name)) + "$"))
            else:
                exact.add(name)
    return exact, patterns


def book_labels(chapters: list[Path]) -> set[str]:
    labels = set()
    for chapter in chapters:
        text = chapter.read_text(encoding="utf-8")
        labels |= set(LABEL_LINE.findall(text)) | set(FIGURE_NAME.findall(text))
    return labels


def _near(word: str, choices) -> str:
    near = difflib.get_close_matches(word, sorted(choices), n=3)
    return f" Did you mean {', '.join(near)}?" if near else ""


def reference_findings(chapter: Path, labels: set[str]) -> list[Finding]:
    text = chapter.read_text(encoding="utf-8")
    prose = CODE_CELL.sub(lambda m: "\n" * m.group().count("\n"), text)
    glued = glued_names(chapter)
    found = []
    for match in ROLE.finditer(prose):
        kind, target = match.groups()
        line = prose.count("\n", 0, match.start()) + 1
        if kind == "glue:text" and glued is not None and target not in glued[0] and not any(p.match(target) for p in glued[1]):
            found.append(Finding(line, f"{{glue:text}}`{target}` is glued nowhere: glue it with glue(\"{target}\", value)"
                                       f" in the chapter or its module.{_near(target, glued[0])}"))
        elif kind in ("ref", "numref"):
            label = re.search(r"<([^>]+)>\s*$", target)
            label = label.group(1) if label else target.strip()
            if label not in labels:
                found.append(Finding(line, f"{{{kind}}}`{target}`: no label {label!r} in the book: add a '({label})=' line"
                                           f" above a heading or a figure 'name:'.{_near(label, labels)}"))
        elif kind == "src":
            problem = evidence.unknown_row(target)
            if problem:
                found.append(Finding(line, problem))
    return found + prose_dates.date_findings(chapter)


def relied_on_problems(data_dir=None) -> list[str]:
    """The rows the front page and the reference pages name in their RELIED_ON that the data no
    longer has (a renamed or deleted row would otherwise break the page only at build time)."""
    modules = [front] + [importlib.import_module(f"{reference.__name__}.{m.name}") for m in pkgutil.iter_modules(reference.__path__)]
    return [problem for module in modules if hasattr(module, "RELIED_ON") for problem in module.relied_on_problems(data_dir)]
