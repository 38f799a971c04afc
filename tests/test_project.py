"""The project's own plumbing: CI workflow, pins, template."""

from __future__ import annotations

import json
import re
import subprocess

import pandas as pd
import pytest
import yaml

from briefing import release
from briefing.site.chapter_rules import skeleton
from briefing.site.pdf import changelog_version
from conftest import ROOT


def test_workflow_runs_the_readme_commands_and_deploys():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "build.yml").read_text(encoding="utf-8"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads 'on' as True
    assert "schedule" in triggers and "push" in triggers
    steps = workflow["jobs"]["test"]["steps"]
    assert any(s.get("run") == "make test" for s in steps)
    assert any(s.get("env", {}).get("BRIEFING_REQUIRE_BROWSER") == "1" for s in steps)
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache"))
    for inputs in ("book/**", "src/briefing/**", "requirements.lock"):
        assert inputs in cache["with"]["key"], f"execution cache key must change with {inputs}"
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            assert "uses" not in step or re.search(r"@v\d+$", step["uses"]), step
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in workflow["jobs"]["deploy"]["steps"])


def test_direct_dependencies_are_pinned_and_locked_with_hashes():
    pins = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[\w.]+", p) for p in pins), pins
    assert "jupyter-book==1.0.4.post1" in pins
    lock = (ROOT / "requirements.lock").read_text()
    for pin in pins:
        assert pin.lower() in lock.lower(), f"{pin} missing from the lock"
    assert lock.count("--hash=sha256:") > len(pins)


def test_chapter_template_follows_the_skeleton():
    assert skeleton((ROOT / "book" / "_template.md").read_text(encoding="utf-8")) == []


def test_make_book_rebuilds_when_any_input_changes():
    """`make book` skips the build when nothing changed; each kind of input must still trigger it
    (make -n -W pretends the file was just modified; nothing is run or changed)."""
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0].relative_to(ROOT)
    inputs = ["book/data/events.csv", "book/data/datapackage.json", "book/tariffs.md", str(seed),
              "src/briefing/chapters/charts.py", "src/briefing/site/assets/briefing.css", "_config.yml", "_toc.yml",
              "CHANGELOG.md", "book/"]  # the directory: a chapter or table added or removed
    missed = []
    for changed in inputs:
        plan = subprocess.run(["make", "-n", "-W", changed, "book"], cwd=ROOT, capture_output=True, text=True)
        if "jupyter-book build" not in plan.stdout:
            missed.append(changed)
    assert missed == []


def test_the_data_package_the_changelog_and_the_citation_name_one_version():
    """The appendix cites the package's version, the PDF prints the changelog's and CITATION.cff
    gives its own: one number."""
    package = json.loads((ROOT / "book" / "data" / "datapackage.json").read_text(encoding="utf-8"))
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert package["version"] == changelog_version(ROOT / "CHANGELOG.md") == citation["version"]
    released = pd.Timestamp(release.released(ROOT / "CHANGELOG.md"))
    assert str(citation["date-released"]) == f"{released:%Y-%m-%d}", "CITATION.cff's date-released is the changelog's"
    assert citation["cff-version"] == "1.2.0" and citation["title"] and citation["authors"]


def test_a_changelog_without_a_release_date_is_refused_with_the_form_to_use(tmp_path):
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("### Version 9.9.9 (a title)\n\n- a change\n", encoding="utf-8")
    with pytest.raises(release.ChangelogError, match=r"must start '### Version X\.Y\.Z \(released D Month YYYY\)'"):
        release.released(changelog)
    changelog.write_text("### Version 9.9.9 (released 5 December 2026): a title\n", encoding="utf-8")
    assert (release.version(changelog), release.released(changelog)) == ("9.9.9", "5 December 2026")
