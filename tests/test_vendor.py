"""The site's partial plotly.js bundle: pinned, verified, the right version, and enough for the charts."""

from __future__ import annotations

import base64
import hashlib
import json
import sys

import pytest

from briefing.site import plotly_mime, vendor
from conftest import ROOT

LOCK = ROOT / "package-lock.json"


def test_the_pin_is_the_plotly_js_version_of_the_installed_plotly_package():
    pin = vendor.pin(LOCK)
    assert pin["version"] == vendor.expected_plotly_js_version()
    assert pin["integrity"].startswith("sha512-")
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"][vendor.PACKAGE] == pin["version"], "package.json and its lock disagree"


def test_the_installed_bundle_is_the_pinned_one():
    manifest = vendor.installed()  # raises if missing, altered or the wrong version
    assert manifest["integrity"] == vendor.pin(LOCK)["integrity"]
    text = vendor.bundle_path().read_text(encoding="utf-8", errors="replace")
    assert vendor.bundle_version(text) == manifest["version"]


def test_a_download_that_does_not_match_the_integrity_is_refused():
    payload = b"the real tarball"
    good = "sha512-" + base64.b64encode(hashlib.sha512(payload).digest()).decode()
    vendor.verify(payload, good)
    with pytest.raises(vendor.VendorError, match="integrity mismatch"):
        vendor.verify(payload + b" with something appended", good)


def test_a_missing_bundle_stops_with_the_command_that_installs_it(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    with pytest.raises(vendor.VendorError, match="make setup"):
        vendor.installed()


def test_the_trace_modules_are_read_from_the_package_readme():
    assert vendor.trace_types("# x\n\nContains trace modules `bar`, `pie` and `scatter`.\n") == ["bar", "pie", "scatter"]
    with pytest.raises(vendor.VendorError):
        vendor.trace_types("# a README that does not say\n")


def test_a_chart_the_bundle_cannot_draw_is_a_build_problem():
    """The strict build turns this problem into a failure instead of a blank chart."""
    available = frozenset(vendor.installed()["traces"])
    heatmap = {"data": [{"type": "heatmap", "z": [[1]]}], "layout": {"meta": {"description": "A heat map."}}}
    _, problems = plotly_mime.figure_html(heatmap)
    assert problems and "heatmap" in problems[0] and vendor.PACKAGE in problems[0]
    assert plotly_mime.trace_problem({"data": [{"type": "scatter"}, {"type": "bar"}]}, available) is None


def test_every_chart_in_the_site_uses_only_trace_types_the_bundle_has(built_site):
    available = set(vendor.installed()["traces"])
    used = set()
    for page in (built_site / "book").glob("*.html"):
        for figure in plotly_mime.figures_in(page.read_text(encoding="utf-8")):
            used |= {trace.get("type", "scatter") for trace in figure["data"]}
    assert used, "no charts found"
    assert used <= available, used - available
