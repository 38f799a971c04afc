"""Validate the curated data against book/data/datapackage.json: every check, in one run.

Every problem is collected (never just the first) and reported as

    book/data/events.csv:14: column 'date': expected <what>, found '<value>'

with the line number an editor sees in the file. Files are only read, never rewritten.
Run as ``python -m briefing.data [DATA_DIR]``; exits 1 when anything is wrong.

The checks, in the order their modules import each other: reading a file (``table``), its cells
and dates (``cells``), ids and references between rows (``keys``, ``references``), quotes in the
archived articles (``quotes``), the evidence each kind of source needs (``evidence``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .. import paths
from . import cells, evidence, keys, quotes, references
from .problems import Problem, shown
from .table import Table, check_header, read_table


def validate(data_dir: Path | None = None, seeds_dir: Path | None = None) -> list[Problem]:
    """Check every table in the package; return all problems found (empty list = valid)."""
    data_dir = Path(data_dir) if data_dir else paths.data_dir()
    seeds_dir = Path(seeds_dir) if seeds_dir else paths.seeds_dir(data_dir)
    problems: list[Problem] = []
    package_path = data_dir / "datapackage.json"
    try:
        package = json.loads(package_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return [Problem(shown(package_path), 0, "", f"cannot read the schema ({err}): correct the JSON at the"
                        " place named, or restore the file from git (git checkout -- book/data/datapackage.json)")]

    tables: dict[str, Table] = {}
    schemas: dict[str, dict] = {}
    for resource in package["resources"]:
        schema = resource["schema"]
        table = read_table(resource["name"], data_dir / resource["path"], problems)
        if table is None or not check_header(table, schema["fields"], problems):
            continue
        tables[resource["name"]], schemas[resource["name"]] = table, schema
        cells.check_rows(table, schema, problems)

    seeds = quotes.load_seeds(seeds_dir, problems)
    sources = evidence.source_kinds(tables.get("sources"))
    known_ids = references.known_ids(tables)
    for name, table in tables.items():
        keys.check_keys(table, schemas[name], tables, problems)
        quotes.check_quotes(table, schemas[name], seeds, problems)
        references.check_references(table, schemas[name], known_ids, problems)
        groups = next((r.get("x-briefing-evidence", []) for r in package["resources"] if r["name"] == name), [])
        evidence.check_rows(table, groups, sources, problems)
    if "sources" in tables:
        evidence.check_sources(tables["sources"], seeds, problems)
    return sorted(set(problems))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    data_dir = Path(argv[0]) if argv else paths.data_dir()
    problems = validate(data_dir)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"\n{len(problems)} problem(s) found in {shown(data_dir)}; no file was changed.", file=sys.stderr)
        return 1
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    print(f"{shown(data_dir)}: {len(package['resources'])} tables valid; every quote found in its archived article, "
          "every other citation has its locator.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
