"""CONTRIBUTING.md's worked example works: its seed, source row and event row validate."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from briefing.data.validate import validate

ROOT = Path(__file__).resolve().parents[1]


def blocks(kind: str) -> list[str]:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return re.findall(rf"```{kind}\n(.*?)```", text, flags=re.S)


def test_worked_example_validates(tmp_path):
    data = tmp_path / "book" / "data"
    shutil.copytree(ROOT / "book" / "data", data)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (seed,), (source_row, event_row) = blocks("text"), blocks("csv")
    source_id = source_row.strip().split(",")[0]
    (tmp_path / "seeds" / f"{source_id}.txt").write_text(seed, encoding="utf-8")
    for table, row in (("sources", source_row), ("events", event_row)):
        with open(data / f"{table}.csv", "a", encoding="utf-8") as handle:
            handle.write(row.strip() + "\n")
    assert validate(data) == []
