"""'Data appendix' (book/appendix.md): the data package's files to download, its data dictionary
(every table's columns, in words) and how to cite it.

Everything the page states is computed here from the package's schema; the page is prose with
glued values and the tables.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from ... import data, paths, release
from ...data.cells import pattern_in_words
from .. import tables
from ..glue import count, day, glue


def glue_page() -> dict:
    """Glue every value the page's prose shows; return the data package, which the cells reuse."""
    package = data.package()
    resources = package["resources"]
    glue("n-tables", count(len(resources), "table"))
    glue("n-fields", count(sum(len(r["schema"]["fields"]) for r in resources), "column"))
    glue("package-version", package["version"])
    glue("package-title", package["title"])
    return package


def downloads(package: dict) -> tables.HtmlTable:
    """The files to download: the schema, then each table with its title."""
    files = "".join(f'<li><a href="../data/{r["path"]}" download>{r["path"]}</a>: {tables.html.escape(r["title"])}</li>'
                    for r in package["resources"])
    return tables.HtmlTable('<ul class="briefing-downloads"><li><a href="../data/datapackage.json" download>datapackage.json</a>:'
                            " the schema of all tables</li>" + files + "</ul>")


def _required_in_words(field: dict) -> str:
    """'yes', 'unless charged_as is undocumented' (the validator's conditional rule), or blank."""
    unless = field.get("x-briefing-required-unless")
    if unless:
        return f"unless {unless['field']} is {' or '.join(unless['values'])}"
    return "yes" if field.get("constraints", {}).get("required") else ""


def _dictionary_table(resource: dict) -> tables.HtmlTable:
    """One table's columns: type, whether required, the values allowed, the meaning."""
    schema = resource["schema"]
    fields = pd.DataFrame([{
        "column": f["name"], "type": f.get("type", "string"),
        "required": _required_in_words(f),
        # In words, as the validator's messages give them: readers of the dictionary are not regex readers.
        "allowed": (", ".join(f.get("constraints", {}).get("enum", []))
                    or (pattern_in_words(f) if f.get("constraints", {}).get("pattern") else "")),
        "description": f.get("description", ""),
    } for f in schema["fields"]])
    keys = schema["primaryKey"] if isinstance(schema["primaryKey"], list) else [schema["primaryKey"]]
    links = "; ".join(f"{fk['fields']} → {fk['reference']['resource']}.{fk['reference']['fields']}" for fk in schema["foreignKeys"])
    caption = f"{resource['path']}: {resource['description']} Unique key: {', '.join(keys)}." + (f" Links: {links}." if links else "")
    return tables.table(fields, {"column": "Column", "type": "Type", "required": "Required", "allowed": "Allowed values",
                                 "description": "Meaning"}, source=None, caption=caption, classes="briefing-dictionary")


def dictionary(package: dict) -> HTML:
    """The data dictionary: one table per file of the package."""
    return HTML("".join(_dictionary_table(resource).markup for resource in package["resources"]))


def glue_citation(package: dict) -> None:
    """Glue the version and the date of the data, for the suggested citation."""
    changelog = paths.project_root() / "CHANGELOG.md"
    glue("cite-text", f"version {package['version']}, published {release.released(changelog)}, "
                      f"data as of {day(data.record_end(data.sources()))}.")
