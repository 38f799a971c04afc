"""CONTRIBUTING.md's worked example works: its seed, source row and event row validate."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from briefing.data.validate import validate

ROOT = Path(__file__).resolve().parents[1]


def blocks(kind: str) -> list[str]:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return re.findall(rf"```{kind}\n(.*?)```", text, flags=re.S)


def _apply_example(tmp_path: Path, edit=lambda row: row) -> Path:
    """A copy of the data with the worked example's seed, source row and (edited) event row."""
    data = tmp_path / "book" / "data"
    shutil.copytree(ROOT / "book" / "data", data)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (seed,), (source_row, event_row) = blocks("text"), blocks("csv")
    source_id = source_row.strip().split(",")[0]
    (tmp_path / "seeds" / f"{source_id}.txt").write_text(seed, encoding="utf-8")
    for table, row in (("sources", source_row), ("events", edit(event_row))):
        with open(data / f"{table}.csv", "a", encoding="utf-8") as handle:
            handle.write(row.strip() + "\n")
    return data


def test_worked_example_validates(tmp_path):
    assert validate(_apply_example(tmp_path)) == []


def test_reported_mistakes_are_the_ones_shown(tmp_path):
    """The example messages in CONTRIBUTING.md are what the check prints for those two mistakes."""
    _apply_example(tmp_path, lambda row: row.replace(",2025-05-30,day,", ",2025-05-32,day,").replace(
        "Akazawa will visit Washington on May 30 for a fourth round,", "Akazawa visits Washington on May 30 for a fourth round,"))
    result = subprocess.run([sys.executable, "-m", "briefing.data", "book/data"], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    (shown,) = blocks("console")
    first_lines = [line for line in result.stderr.splitlines() if line.startswith("book/")]
    # The example row is the last line of events.csv; its number moves as the data grows.
    new_row = len((tmp_path / "book" / "data" / "events.csv").read_text(encoding="utf-8").splitlines())
    assert {re.search(r"events\.csv:(\d+):", line).group(1) for line in first_lines} == {str(new_row)}, result.stderr
    expected = [re.sub(r"events\.csv:\d+:", f"events.csv:{new_row}:", line) for line in shown.strip().splitlines()]
    assert first_lines == expected, result.stderr
