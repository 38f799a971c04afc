"""Shared fixtures: the strict build of the real site, and a throw-away copy of the project."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import paths

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
STRICT = ["-n", "-W", "--keep-going"]


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
    return paths.copy_book(ROOT, target)


def browser_required() -> bool:
    return os.environ.get("BRIEFING_REQUIRE_BROWSER") == "1"


def need(condition: bool, what: str) -> None:
    """Skip with a plain notice when a tool is missing; fail instead where it is required (CI)."""
    if not condition:
        if browser_required():
            pytest.fail(f"{what} is required here (BRIEFING_REQUIRE_BROWSER=1)")
        pytest.skip(f"{what} not available: skipped (install it, see .ci/run)")
