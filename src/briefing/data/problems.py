"""A problem in the curated data, as an editor reads it, and the error that carries them all.

Every check reports a ``Problem`` (file, line, column, what was expected and what to do) into a
list, so that one run reports everything; ``str(problem)`` is the line the validator prints:

    book/data/events.csv:14: column 'date': expected <what>, found '<value>'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 0 = the file as a whole
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        col = f" column '{self.column}':" if self.column else ""
        return f"{where}:{col} {self.message}"


class DataError(Exception):
    """Raised by loaders when the data does not validate; str() lists every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the curated data:\n{lines}")


def shown(path: Path) -> str:
    """The path as the editor sees it: relative to the working directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
