"""Where the data and the archived sources are.

Order: the BRIEFING_DATA_DIR environment variable (used by tests that build a modified copy),
then the nearest `book/data` or `data` directory holding a datapackage.json, searching upwards
from the working directory (chapters execute in book/).
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir(start: Path | None = None) -> Path:
    if os.environ.get("BRIEFING_DATA_DIR"):
        return Path(os.environ["BRIEFING_DATA_DIR"]).resolve()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for candidate in (folder / "data", folder / "book" / "data"):
            if (candidate / "datapackage.json").is_file():
                return candidate
    raise FileNotFoundError(f"no data directory with a datapackage.json above {here}; set BRIEFING_DATA_DIR")


def project_root(data: Path | None = None) -> Path:
    """The project holding the data: book/data -> project root."""
    data = (data or data_dir()).resolve()
    return data.parent.parent if data.parent.name == "book" else data.parent


def seeds_dir(data: Path | None = None) -> Path:
    if os.environ.get("BRIEFING_SEEDS_DIR"):
        return Path(os.environ["BRIEFING_SEEDS_DIR"]).resolve()
    return project_root(data) / "seeds"


# What a build of the book reads: copy these to build the book elsewhere (tests, benchmarks).
BOOK_FILES = ("_config.yml", "_toc.yml", "CHANGELOG.md", "book", "seeds")


def copy_book(root: Path, target: Path) -> Path:
    """Copy the files a build reads from project `root` into `target`; returns `target`."""
    import shutil

    for name in BOOK_FILES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("_build", ".*"))
        else:
            shutil.copy2(source, target / name)
    return target
