"""What a build must execute again, and what it must only re-read (the briefing's edit loop).

jupyter-cache keys a chapter on its own code, and Sphinx does not re-read an unchanged page, so
the extension keeps a digest of every input a chapter depends on and, when one changed, decides:

- a table's CSV file: the chapters whose code read that table re-execute (each chapter's reads
  are recorded while it executes, briefing.data.reads); the pages whose citation markers name it
  (recorded while the page is read) are only read again, from the cache, since the markers and
  their notes are made by the build, not by the chapter's code;
- a module of the package: the chapters that import it, directly or through other modules (read
  from the chapters' code cells and the package's own imports), re-execute; a change to the site's
  machinery re-reads every page from the cache (rendering may differ) and executes nothing;
- the schema (datapackage.json) or an archived source: every chapter re-executes;
- a file under the package that is not code (the site's CSS, JavaScript, templates): pages are
  written again, nothing executes;
- CHANGELOG.md: the chapters that use briefing.release (its version and release date) re-execute.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/briefing
CHANGELOG = "CHANGELOG.md"  # at the project's root; read by briefing.release
RENDERING = ("briefing.site",)  # modules whose change alters how pages are written, not what chapters compute
_IMPORT = re.compile(r"^\s*(?:from\s+(briefing[\w.]*)\s+import\s+\(?([\w ,]+)\)?|import\s+(briefing[\w.]*))", re.M)
CODE_CELL = re.compile(r"^```\{code-cell\}.*?^```", re.S | re.M)


@dataclass
class Stale:
    everything: bool = False  # every chapter executes
    tables: set[str] = field(default_factory=set)  # the chapters that read these execute
    modules: set[str] = field(default_factory=set)  # the chapters that import these execute
    reread: bool = False  # every page is read again, from the cache where its code did not change

    def __bool__(self) -> bool:
        return self.everything or bool(self.tables or self.modules) or self.reread


def module_name(path: Path) -> str | None:
    """'briefing.law.engine' for src/briefing/law/engine.py; None outside the package."""
    try:
        relative = path.resolve().relative_to(PACKAGE_DIR.parent)
    except ValueError:
        return None
    parts = list(relative.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def classify(changed: set[str], tables_by_path: dict[str, str], seeds: Path) -> Stale:
    stale = Stale()
    for path in map(Path, changed):
        if str(path) in tables_by_path:
            stale.tables.add(tables_by_path[str(path)])
        elif path.name == CHANGELOG and not module_name(path):
            stale.modules.add("briefing.release")
        elif path.suffix == ".py" and module_name(path):
            name = module_name(path)
            stale.modules.add(name)
            stale.reread |= name.startswith(RENDERING)
        elif module_name(path):  # the package's assets and templates
            stale.reread = True
        else:  # the schema, an archived source, anything else the chapters may read
            stale.everything = True
    return stale


@functools.cache
def _module_imports(name: str) -> frozenset[str]:
    """The package's modules that one module imports (absolute or relative), parents included."""
    base = PACKAGE_DIR.parent / Path(*name.split("."))
    path = base / "__init__.py" if base.is_dir() else base.with_suffix(".py")
    if not path.is_file():
        return frozenset()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                target = ".".join(anchor + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found |= _with_submodules(target, [a.name for a in node.names])
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return frozenset(n for n in found if n.split(".")[0] == "briefing")


def _with_submodules(module: str, names: list[str]) -> set[str]:
    found = {module}
    for name in names:
        candidate = PACKAGE_DIR.parent / Path(*f"{module}.{name}".split("."))
        if candidate.is_dir() or candidate.with_suffix(".py").is_file():
            found.add(f"{module}.{name}")
    return found


def closure(modules: set[str]) -> set[str]:
    """The modules, every module they import in the package, and their parent packages."""
    seen: set[str] = set()
    todo = list(modules)
    while todo:
        name = todo.pop()
        if name in seen or not name.startswith("briefing"):
            continue
        seen.add(name)
        parts = name.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]
        todo += list(_module_imports(name))
    return seen


def chapter_imports(chapter: Path) -> set[str]:
    """Every module of the package a chapter's code uses, directly or not."""
    code = "\n".join(CODE_CELL.findall(chapter.read_text(encoding="utf-8")))
    direct = set()
    for match in _IMPORT.finditer(code):
        if match.group(3):
            direct.add(match.group(3))
        else:
            direct |= _with_submodules(match.group(1), [n.strip() for n in match.group(2).split(",") if n.strip()])
    return closure(direct)
