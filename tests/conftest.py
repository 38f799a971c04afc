"""Shared fixtures: the strict build of the real site, and a throw-away copy of the project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
STRICT = ["-n", "-W", "--keep-going"]
PROJECT_FILES = ["_config.yml", "_toc.yml", "book", "seeds"]


def build(project: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The strict build, as `make book` runs it; returns the finished process (output captured)."""
    return subprocess.run([str(JUPYTER_BOOK), "build", str(project), *STRICT], cwd=project,
                          capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False)


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The real site, built strictly (incrementally: unchanged chapters are not re-executed)."""
    result = build(ROOT)
    assert result.returncode == 0, "strict build failed:\n" + result.stdout[-6000:] + result.stderr[-6000:]
    return SITE


def copy_project(target: Path) -> Path:
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("_build", ".*"))
        else:
            shutil.copy2(source, target / name)
    return target


def browser_required() -> bool:
    return os.environ.get("BRIEFING_REQUIRE_BROWSER") == "1"
