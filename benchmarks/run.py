"""`make bench`: build speed and reading weight, ours against the stock Jupyter Book set-up.

Everything runs on temporary copies of the project, so the working tree is not touched.
Results (with the date and the machine) are written to BENCHMARKS.md. REPEATS=n sets repeats.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
REPEATS = int(os.environ.get("REPEATS", "3"))


def copy_project(target: Path) -> Path:
    from briefing.paths import copy_book

    return copy_book(ROOT, target)


def stock_config(project: Path) -> None:
    """The set-up the Jupyter Book docs suggest: default extensions (thebe, comments), execution
    'force', plotly's 'notebook' renderer inlining plotly.js; no briefing extension."""
    text = (project / "_config.yml").read_text(encoding="utf-8")
    text = text.replace("execute_notebooks: cache", "execute_notebooks: force")
    text = re.sub(r"    extensions:\n(      - .*\n)+", "", text)
    (project / "_config.yml").write_text(text, encoding="utf-8")


def build(project: Path, strict: bool, env: dict | None = None) -> tuple[float, str]:
    args = [str(BIN / "jupyter-book"), "build", str(project)] + (["-n", "-W", "--keep-going"] if strict else [])
    start = time.perf_counter()
    result = subprocess.run(args, cwd=project, capture_output=True, text=True, env={**os.environ, **(env or {})})
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"build failed in {project}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed, result.stdout


def executed(log: str) -> int:
    return len(re.findall(r"Executing notebook", log))


def executed_chapters(log: str) -> list[str]:
    return sorted(set(re.findall(r"book/([\w-]+)\.md: Executing notebook", log)))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


DATA_EDIT = "data edit (one value in events.csv)"
SERVER_EDIT = "package edit: site/server.py"
LAW_EDIT = "package edit: law/engine.py"


@dataclass
class Scenarios:
    times: dict[str, list[tuple[float, int]]]  # scenario -> (seconds, chapters executed) per repeat
    data_edit_shown: list[bool]  # per repeat: the edited value is on the page
    data_edit_chapters: list[str]  # the chapters the data edit re-executed (first repeat)
    site: Path  # a copy of the first repeat's site, for the reader measurements


def scenario_times(stock: bool) -> Scenarios:
    env = {"BRIEFING_PLOTLY_RENDERER": "notebook"} if stock else {}
    results: dict[str, list[tuple[float, int]]] = {k: [] for k in ("cold", "no change", "prose edit", "code edit", DATA_EDIT,
                                                                   SERVER_EDIT, LAW_EDIT)}
    chapters: list[str] = []
    shown_runs: list[bool] = []
    kept_site = Path(tempfile.mkdtemp(prefix="bench-site-")) / "html"
    for i in range(REPEATS):
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_project(Path(tmp))
            if stock:
                stock_config(project)
            else:  # the package from the copy, so that an edit to it is an edit the build sees
                shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__"))
                env = {**env, "PYTHONPATH": str(project / "src")}
            strict = not stock
            t, log = build(project, strict, env)
            results["cold"].append((t, executed(log)))
            t, log = build(project, strict, env)
            results["no change"].append((t, executed(log)))
            edit(project / "book" / "actors.md", "## Overview\n", "## Overview\n\nA prose edit (no digits: the chapter rules forbid typed numbers).\n")
            t, log = build(project, strict, env)
            results["prose edit"].append((t, executed(log)))
            edit(project / "book" / "stakes.md", "figures = stakes.glue_page()",
                 f"figures = stakes.glue_page()  # code edit {i}")
            t, log = build(project, strict, env)
            results["code edit"].append((t, executed(log)))
            # One value in events.csv: only the chapters that read that table need to execute.
            marker = f"Ishiba visits the White House (benchmark edit {i})"
            edit(project / "book" / "data" / "events.csv", ",Ishiba visits the White House,", f",{marker},")
            t, log = build(project, strict, env)
            shown = marker in (project / "_build" / "html" / "book" / "timeline.html").read_text(encoding="utf-8")
            if not shown and not stock:
                raise RuntimeError("the data edit did not show on the page")
            results[DATA_EDIT].append((t, executed(log)))
            chapters = chapters or executed_chapters(log)
            shown_runs.append(shown)
            if not stock:
                # A change to the site's local server: no chapter uses it, so none executes.
                server = project / "src" / "briefing" / "site" / "server.py"
                server.write_text(server.read_text(encoding="utf-8") + f"\n# benchmark edit {i}\n", encoding="utf-8")
                t, log = build(project, strict, env)
                results[SERVER_EDIT].append((t, executed(log)))
                # A change to the duty engine: the chapters that use the law execute, the others do not.
                engine = project / "src" / "briefing" / "law" / "engine.py"
                engine.write_text(engine.read_text(encoding="utf-8") + f"\n# benchmark edit {i}\n", encoding="utf-8")
                t, log = build(project, strict, env)
                results[LAW_EDIT].append((t, executed(log)))
            if i == 0:
                shutil.copytree(project / "_build" / "html", kept_site)
    return Scenarios(results, shown_runs, chapters, kept_site)


def make_book_no_change() -> list[float]:
    """`make book` in the project with nothing changed (the command editors run): make compares
    the inputs with the last successful build and does not start Jupyter Book at all."""
    subprocess.run(["make", "book"], cwd=ROOT, check=True, capture_output=True)
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = subprocess.run(["make", "book"], cwd=ROOT, check=True, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if "Nothing to be done" not in result.stdout + result.stderr:
            raise RuntimeError("make book rebuilt with nothing changed:\n" + result.stdout[-2000:])
    return times


def page_weights(site: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for page in sorted((site / "book").glob("*.html")):
        raw = page.read_bytes()
        out[page.name] = (len(raw), len(gzip.compress(raw, 6)))
    return out


def visit_bytes(site: Path) -> dict[str, tuple[int, int]]:
    """What a reader downloads per visit (file bytes, bytes on the wire), behind the gzip server."""
    from briefing.checks.browser import chromium, reader_visits

    with chromium() as browser:
        return reader_visits(browser, site)


LIGHTHOUSE = "lighthouse@13.5.0"


def install_lighthouse() -> Path:
    """Lighthouse into a temporary directory (it is a measuring tool, not a project dependency)."""
    tools = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(tools), LIGHTHOUSE],
                   capture_output=True, text=True, check=True)
    return tools


def lighthouse(site: Path, tools: Path) -> dict[str, dict[str, list[int]]]:
    """Lighthouse (mobile, simulated slow 4G) on the front page and the heaviest page, REPEATS times
    each, against the site behind briefing.site.server (gzip and cache headers, like the published site)."""
    from briefing.site.chromium import chromium_path
    from briefing.site.server import serve

    heaviest = max((site / "book").glob("*.html"), key=lambda p: p.stat().st_size).name
    scores: dict[str, dict[str, list[int]]] = {}
    with serve(site) as base:
        for role, name in (("front page", "index.html"), ("heaviest page", heaviest)):
            scores[role] = {"page": name}  # type: ignore[dict-item]
            for i in range(REPEATS):
                report = tools / f"{name}-{i}.json"
                report.unlink(missing_ok=True)  # shared by both sites: never read the other's report
                run = subprocess.run([str(tools / "node_modules" / ".bin" / "lighthouse"), base + "book/" + name, "--quiet",
                                      "--output=json", f"--output-path={report}",
                                      "--only-categories=performance,accessibility,best-practices",
                                      "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
                                     capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium_path()})
                if run.returncode != 0 or not report.exists():
                    raise RuntimeError(f"lighthouse failed on {name}: {run.stderr[-500:]}")
                categories = json.loads(report.read_text())["categories"]
                for key, value in categories.items():
                    scores[role].setdefault(key, []).append(round(value["score"] * 100))
    return scores


def fmt_scores(samples: list[int]) -> str:
    return f"{statistics.median(samples):g}" + (f" ({min(samples)}–{max(samples)})" if min(samples) != max(samples) else "")


def fmt_times(samples: list[tuple[float, int]]) -> str:
    times = [t for t, _ in samples]
    spread = f"{min(times):.1f}–{max(times):.1f}"
    return f"{statistics.median(times):.1f} s ({spread}), executed {statistics.median([n for _, n in samples]):g}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "–"


def main() -> int:
    started = time.perf_counter()
    our_runs, stock_runs = scenario_times(stock=False), scenario_times(stock=True)
    ours, stock, our_site, stock_site = our_runs.times, stock_runs.times, our_runs.site, stock_runs.site

    t0 = time.perf_counter()
    test = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
    test_time = time.perf_counter() - t0
    # A failing suite is reported, not just counted: which tests failed, and pytest's summary line.
    test_lines = (test.stdout + test.stderr).splitlines()
    test_failures = [line for line in test_lines if line.startswith(("FAILED ", "ERROR "))]
    test_summary = next((line.strip("= ") for line in reversed(test_lines)
                         if re.match(r"=+ .*\b(passed|failed|errors?)\b.* in [\d.]+s", line)), "no pytest summary")
    if test.returncode:
        print(f"make test failed during the benchmark: {test_summary}", *test_failures, sep="\n", file=sys.stderr)

    make_book_noop = make_book_no_change()

    weights_ours, weights_stock = page_weights(our_site), page_weights(stock_site)
    visits_ours, visits_stock = visit_bytes(our_site), visit_bytes(stock_site)
    tools = install_lighthouse()
    lh_ours, lh_stock = lighthouse(our_site, tools), lighthouse(stock_site, tools)

    cold = statistics.median(t for t, _ in ours["cold"])
    lines = [
        "# Benchmarks", "",
        f"Command: `make bench` (benchmarks/run.py, {REPEATS} repeats). Date: {dt.date.today().isoformat()}. "
        f"Machine: {platform.node()}, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}. Total benchmark time {time.perf_counter() - started:.0f} s.", "",
        "Baseline (\"stock\"): the same book built as the Jupyter Book documentation suggests: execution `force`, "
        "plotly's `notebook` renderer (plotly.js inlined into every page with a figure), default extensions "
        "(sphinx-thebe, sphinx-comments), without the briefing's Sphinx extension.", "",
        "## Editors and CI: build times (median, min–max; chapters executed)", "",
        "| scenario | ours | stock | ours / stock | ours / our cold build |", "|---|---|---|---|---|",
    ]
    for key in ours:
        o = statistics.median(t for t, _ in ours[key])
        if not stock[key]:  # a scenario of our package alone: the stock set-up has no package to edit
            lines.append(f"| {key} | {fmt_times(ours[key])} | – | – | {o / cold:.1%} |")
            continue
        s = statistics.median(t for t, _ in stock[key])
        lines.append(f"| {key} | {fmt_times(ours[key])} | {fmt_times(stock[key])} | {ratio(o, s)} | {o / cold:.1%} |")
    noop = statistics.median(make_book_noop)
    lines.append(f"| no change, `make book` | {noop:.2f} s ({min(make_book_noop):.2f}–{max(make_book_noop):.2f}), "
                 f"Jupyter Book not started | – | – | {noop / cold:.1%} |")
    lines += ["", "Rows other than the last run `jupyter-book build` on a temporary copy of the book; the last runs "
              "`make book` in the project, which skips the build when no input is newer than the last successful "
              "one. A no-change `jupyter-book build` is almost all Python start-up and imports (about 1.1 s for "
              "Jupyter Book, myst-nb and SQLAlchemy; the build itself takes about 0.05 s).", ""]
    lines += ["Data edit shows the new value on the page: "
              f"ours {sum(our_runs.data_edit_shown)} of {len(our_runs.data_edit_shown)} runs, stock "
              f"{sum(stock_runs.data_edit_shown)} of {len(stock_runs.data_edit_shown)} runs (the stock build does not re-read an unchanged chapter, so the page stays stale).", "",
              f"Data edit: the chapters re-executed (ours) are the ones that read events.csv when they last executed: "
              f"{', '.join(our_runs.data_edit_chapters)}; the others keep their outputs.", "",
              f"`make test` wall time: {test_time:.0f} s (exit {test.returncode}: {test_summary}).", "",
              *[f"- {line}" for line in test_failures], *([""] if test_failures else []),
              "## Readers: page weight (HTML only; raw / gzip bytes)", "",
              "| page | ours | stock | ratio (gzip) |", "|---|---|---|---|"]
    for name in weights_ours:
        o, s = weights_ours[name], weights_stock.get(name, (0, 0))
        lines.append(f"| {name} | {o[0]:,} / {o[1]:,} | {s[0]:,} / {s[1]:,} | {ratio(o[1], s[1])} |")
    lines += ["", "## Readers: bytes transferred in Chromium (file bytes / on the wire)", "",
              "| visit | ours | stock | ratio (on the wire) |", "|---|---|---|---|"]
    for label in visits_ours:
        o, s = visits_ours[label], visits_stock[label]
        lines.append(f"| {label} | {o[0]:,} / {o[1]:,} | {s[0]:,} / {s[1]:,} | {ratio(o[1], s[1])} |")
    lines += ["", "Both sites are served by `briefing.site.server` (what `make serve` runs): gzip for text files, "
              "`Cache-Control: max-age=600` and ETags, HTTP/1.1 keep-alive, as GitHub Pages serves them. "
              "File bytes are the sizes of the files fetched; on the wire is what the server sent. A reader first "
              "opens the front page, then the heaviest figure page, then another figure page with the cache warm; "
              "separately, a fresh browser opens the heaviest figure page directly. Charts are scrolled into view "
              "(ours draw them only then).", "",
              "## Lighthouse: performance / accessibility / best practices (median of "
              f"{REPEATS} runs, min–max)", "",
              "| page | ours | stock |", "|---|---|---|"]
    for role in ("front page", "heaviest page"):
        def cell(scores, role=role):
            found = scores[role]
            return f"{found['page']}: " + " / ".join(fmt_scores(found[k]) for k in ("performance", "accessibility", "best-practices"))
        lines.append(f"| {role} | {cell(lh_ours)} | {cell(lh_stock)} |")
    lines.append("")
    (ROOT / "BENCHMARKS.md").write_text("\n".join(lines) + "\n" + CHANGES, encoding="utf-8")
    print("\n".join(lines))
    return 0


CHANGES = """## What was changed because of these measurements

- The tariff step chart first plotted one point per day (253 KB page, over the 150 KB budget);
  it now plots only the days where a rate or its status changes (about 53 KB).
- Pages without figures do not load plotly.js at all; pages with figures load the site's one copy,
  so a reader downloads it once and the browser cache serves it afterwards.
- The first run of this benchmark (same day, before the changes below) measured Lighthouse
  performance 57 on the front page and 54 on the heaviest page, a front page of 0.86 MB gzipped and a
  first figure page of 1.48 MB more, against targets of 90 and 1.6 MB. Changed because of it:
  - plotly.js is the pinned partial bundle `plotly.js-basic-dist-min` (bar, pie, scatter: every
    trace here is a scatter or a bar): 1.19 MB instead of 4.8 MB, 0.39 MB instead of 1.47 MB gzipped.
    Installed by `make setup` with its sha512 from package-lock.json; a chart with another trace type
    fails the build.
  - The theme's Font Awesome script (1.5 MB on every page) is left out, and its ten icons are CSS
    masks (`briefing-icons.css`), so the 156 kB icon font is not fetched either.
  - Every script file in `<head>` is deferred (Lighthouse counted each one, and plotly.js above all,
    as holding back the first paint), and plotly.js runs only when a chart scrolls into view; it is
    prefetched after the page has loaded. Running it on load blocked a throttled phone for ~0.5–0.8 s.
  - A favicon (the missing one was a console error in "best practices") and 24 px source links in
    tables (WCAG 2.2 target size, flagged on the tariff page).
  - The local server now sends gzip and cache headers like the published site, so the weights and
    Lighthouse runs here are what readers get.
"""

if __name__ == "__main__":
    sys.exit(main())
