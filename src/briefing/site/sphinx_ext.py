"""Sphinx extension for the briefing (listed in _config.yml).

- Never stale: jupyter-cache keys a notebook on its code only, and Sphinx does not re-read an
  unchanged page. A fingerprint of the data, the archived sources and this package is kept
  next to the execution cache; when it changes, the cache is emptied and every chapter with
  code is re-read, so it executes again. With no change, nothing executes.
- Offline figures: pages that contain a figure get the drawing script, which loads the site's own
  partial plotly.js bundle (briefing.site.vendor: pinned, checked, same plotly.js version as the
  installed plotly package) when a chart comes into view; other pages get neither. Without the
  bundle installed the build stops.
- Light pages: the theme's Font Awesome script (1.5 MB, on every page) is left out
  (templates/static/webpack-macros.html); its few icons are CSS masks (briefing-icons.css, made
  by briefing.site.icons), so the icon web font is not fetched either. Script files in <head> are
  deferred, so none holds back the first paint.
- Downloads: the data package and the archived source texts are copied into the site under
  data/ and sources/.
- Chapter rules in the build: every chapter is checked against the skeleton and the rule of no
  typed numbers (briefing.checks.chapter_rules) on every build, changed or not; each finding is a
  warning at ``book/<chapter>.md:<line>`` saying what to do, so the strict build fails.
- Navigation never stale: when the table of contents or a page title changed since the last
  build, every page is written again (sidebar, previous/next links), not only the re-read ones.
- The page's theme mode is set ('auto'), which the theme otherwise leaves empty and reports
  as a console error; two theme components are replaced by accessible versions (templates/).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from html import escape
from pathlib import Path

from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from .. import paths
from ..checks import chapter_rules
from . import vendor
from .plotly_mime import CONTAINER_CLASS

logger = logging.getLogger(__name__)
PACKAGE_DIR = Path(__file__).parent  # assets and templates
HELPER_PACKAGE = PACKAGE_DIR.parent  # all of briefing: chapters run its code
FINGERPRINT_FILE = "briefing-inputs.sha256"
PLOTLY_JS = vendor.BUNDLE


def input_files(srcdir: Path) -> list[Path]:
    """Everything chapters read besides their own source: data, archived sources, helper code."""
    data = paths.data_dir(start=srcdir)
    folders = [data, paths.seeds_dir(data), HELPER_PACKAGE]
    return sorted(p for folder in folders for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


def fingerprint(srcdir: Path) -> str:
    digest = hashlib.sha256()
    for path in input_files(srcdir):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _cache_dir(app: Sphinx) -> Path:
    value = app.config.nb_execution_cache_path or ".jupyter_cache"
    path = Path(value)
    return path if path.is_absolute() else Path(app.srcdir) / path


def _on_config_inited(app: Sphinx, config) -> None:
    # Done before Sphinx compares this config with the last build's, so the values are stable.
    cache = _cache_dir(app)
    config.nb_execution_cache_path = str(cache)
    current = fingerprint(Path(app.srcdir))
    stamp = cache / FINGERPRINT_FILE
    previous = stamp.read_text().strip() if stamp.is_file() else None
    app.briefing_inputs_changed = current != previous
    if app.briefing_inputs_changed:
        if cache.exists():
            logger.info("briefing: data, sources or helper code changed; emptying the execution cache")
            shutil.rmtree(cache)
        cache.mkdir(parents=True, exist_ok=True)
        stamp.write_text(current + "\n")
    # The site's own plotly.js: the pinned partial bundle, checked against the plotly package.
    try:
        bundle = vendor.installed()
    except vendor.VendorError as error:
        raise ExtensionError(f"briefing: {error}") from error
    static = Path(app.outdir).parent / ".briefing_static"
    static.mkdir(parents=True, exist_ok=True)
    for leftover in static.iterdir():  # e.g. an earlier bundle: everything here goes into the site
        if leftover.name != PLOTLY_JS:
            leftover.unlink()
    target = static / PLOTLY_JS
    if not target.exists() or hashlib.sha256(target.read_bytes()).hexdigest() != bundle["sha256"]:
        shutil.copyfile(vendor.bundle_path(), target)
    config.html_static_path = [*config.html_static_path, str(static), str(PACKAGE_DIR / "assets")]
    # Without an icon link, browsers ask for /favicon.ico and log the 404 as a console error.
    if not config.html_favicon:
        config.html_favicon = str(PACKAGE_DIR / "assets" / "favicon.svg")
    # Accessible versions of two theme components, and the theme's assets without its icon script.
    config.templates_path = [str(PACKAGE_DIR / "templates"), *config.templates_path]


def _notebook_docs(env) -> set[str]:
    found = set()
    for docname in env.found_docs:
        path = Path(env.doc2path(docname))
        if path.suffix in {".md", ".ipynb"} and "code-cell" in path.read_text(encoding="utf-8"):
            found.add(docname)
    return found


def _on_env_get_outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    if not getattr(app, "briefing_inputs_changed", False):
        return []
    stale = sorted(_notebook_docs(env) - set(added) - set(changed))
    if stale:
        logger.info(f"briefing: re-reading {len(stale)} chapter(s) that depend on the data")
    return stale


def _check_chapters(app: Sphinx, env) -> None:
    """The chapter rules, on every build: a finding stays a warning until the chapter is fixed,
    even when the chapter itself is not re-read."""
    srcdir = Path(app.srcdir)
    for docname in sorted(env.found_docs):
        path = Path(env.doc2path(docname))
        if path.suffix != ".md":
            continue
        for finding in chapter_rules.check_file(path):
            logger.warning(finding.message, location=f"{path.relative_to(srcdir)}:{finding.line}",
                           type="briefing", subtype="chapter-rule")


def _navigation(env) -> str:
    """What every page's sidebar and previous/next links are made of: the toc and the page titles."""
    site_map = getattr(env, "external_site_map", None)
    toc = site_map.as_json() if site_map is not None else None
    titles = {doc: env.titles[doc].astext() for doc in sorted(env.titles)}
    return hashlib.sha256(json.dumps([toc, titles], sort_keys=True, default=str).encode()).hexdigest()


def _on_env_updated(app: Sphinx, env) -> list[str]:
    _check_chapters(app, env)
    current, previous = _navigation(env), getattr(env, "briefing_navigation", None)
    env.briefing_navigation = current  # pickled with the environment
    if previous is not None and previous != current:
        logger.info("briefing: the table of contents or a title changed; writing every page again (sidebar, previous/next)")
        return sorted(env.found_docs)
    return []


def _on_html_page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    context["default_mode"] = "auto"
    if CONTAINER_CLASS in context.get("body", ""):
        # plotly.js itself is loaded by the drawing script when a chart comes into view.
        app.add_js_file("briefing-plotly.js", priority=401, **{"data-plotly": PLOTLY_JS})


# Runs before the page's inline scripts, which set its values (DOCUMENTATION_OPTIONS.pagename).
UNDEFERRABLE = ("documentation_options.js",)


def _defer_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Every script file in <head> gets `defer`: it downloads while the page renders and runs,
    in the same order, once the page is parsed (before DOMContentLoaded, as the theme expects).
    Without it, each one holds back the first paint (plotly.js alone: 3 s in Lighthouse's test)."""
    scripts = context.get("script_files")
    if scripts is None or pagename == "search":  # the search page's inline script needs doctools.js at once
        return
    scripts[:] = [_deferred(js) for js in scripts]  # in place: Sphinx restores this list after the page


def _deferred(js):
    filename = str(getattr(js, "filename", "") or "")
    attributes = dict(getattr(js, "attributes", {}))
    if (not filename or "body" in attributes or {"async", "defer", "type"} & set(attributes)
            or filename.endswith(UNDEFERRABLE)):
        return js
    return type(js)(js.filename, priority=js.priority, **attributes, defer="defer")


def _on_build_finished(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    data = paths.data_dir(start=Path(app.srcdir))
    outdir = Path(app.outdir)
    for folder, target in ((data, outdir / "data"), (paths.seeds_dir(data), outdir / "sources")):
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(folder, target)


def _visit_hidden_code(self, node) -> None:
    """myst-nb's 'hide-input' toggle, without an aria-label that hides the visible prompt
    ("Show code cell source") from the accessible name (axe: label-content-name-mismatch)."""
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n</summary>\n')


def setup(app: Sphinx) -> dict:
    app.add_node(HideCodeCellNode, override=True, html=(_visit_hidden_code, depart_HideCellInput))
    app.connect("config-inited", _on_config_inited)
    app.connect("env-get-outdated", _on_env_get_outdated)
    app.connect("env-updated", _on_env_updated)
    app.connect("html-page-context", _on_html_page_context)
    app.connect("html-page-context", _defer_scripts, priority=900)  # after every extension added its scripts
    app.connect("build-finished", _on_build_finished)
    app.add_css_file("briefing.css")
    app.add_css_file("briefing-icons.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
