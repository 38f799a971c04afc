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
- The PDF edition (briefing.site.pdf, printed from the built site after this build): the root
  page gets an empty, hidden placeholder after its opening paragraph, which the PDF step fills in
  with the link and the file's size. A build that writes any page makes the last PDF stale: its
  copy in the site (downloads/) is removed and the link emptied again, until the PDF step reruns.
- The page's theme mode is set ('auto'), which the theme otherwise leaves empty and reports
  as a console error; two theme components are replaced by accessible versions (templates/).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from html import escape
from pathlib import Path

from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from .. import paths
from . import vendor
from .plotly_mime import CONTAINER_CLASS

logger = logging.getLogger(__name__)
PACKAGE_DIR = Path(__file__).parent  # assets and templates
HELPER_PACKAGE = PACKAGE_DIR.parent  # all of briefing: chapters run its code
FINGERPRINT_FILE = "briefing-inputs.sha256"
PLOTLY_JS = vendor.BUNDLE
PDF_MARK = "briefing-pdf-edition"
PDF_DOWNLOADS = "downloads"
PDF_PLACEHOLDER = f'<p class="{PDF_MARK}" hidden></p>'
PDF_PARAGRAPH = re.compile(rf'<p class="{PDF_MARK}"[^>]*>.*?</p>', re.S)


def pdf_link_html(href: str, size: str) -> str:
    """The front page's link to the PDF edition (filled in by briefing.site.pdf)."""
    return (f'<p class="{PDF_MARK}"><a href="{escape(href, quote=True)}" type="application/pdf">'
            f"The whole briefing as one PDF</a>, to print, attach and cite ({escape(size)})</p>")


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


def _on_html_page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    context["default_mode"] = "auto"
    if doctree is not None:
        app.briefing_pages_written = getattr(app, "briefing_pages_written", 0) + 1
    if pagename == app.config.root_doc and "body" in context:
        context["body"] = _with_pdf_placeholder(context["body"], pagename)
    if CONTAINER_CLASS in context.get("body", ""):
        # plotly.js itself is loaded by the drawing script when a chart comes into view.
        app.add_js_file("briefing-plotly.js", priority=401, **{"data-plotly": PLOTLY_JS})


def _with_pdf_placeholder(body: str, pagename: str) -> str:
    """The placeholder right after the page's opening paragraph (or its title, without one)."""
    title_end = body.find("</h1>")
    if title_end < 0:
        raise ExtensionError(f"briefing: the root page {pagename} has no title (<h1>) to put the PDF link under")
    after = title_end + len("</h1>")
    opening = re.match(r"\s*<p>.*?</p>", body[after:], re.S)
    if opening:
        after += opening.end()
    return body[:after] + "\n" + PDF_PLACEHOLDER + body[after:]


def _forget_stale_pdf(app: Sphinx) -> None:
    """Pages were written: the PDF printed from the earlier ones is out of date until it is made again."""
    outdir = Path(app.outdir)
    downloads = outdir / PDF_DOWNLOADS
    stale = downloads / f"{app.config.briefing_pdf_name}.pdf"
    if stale.exists():
        logger.info(f"briefing: pages changed; removing the PDF edition made from the earlier pages ({stale.name})")
        stale.unlink()
    root = outdir / f"{app.config.root_doc}.html"
    if root.is_file():
        text = root.read_text(encoding="utf-8")
        emptied = PDF_PARAGRAPH.sub(PDF_PLACEHOLDER, text)
        if emptied != text:
            root.write_text(emptied, encoding="utf-8")


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
    if getattr(app, "briefing_pages_written", 0):
        _forget_stale_pdf(app)
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
    app.add_config_value("briefing_pdf_name", "briefing", "html", types=[str])
    app.connect("config-inited", _on_config_inited)
    app.connect("env-get-outdated", _on_env_get_outdated)
    app.connect("html-page-context", _on_html_page_context)
    app.connect("html-page-context", _defer_scripts, priority=900)  # after every extension added its scripts
    app.connect("build-finished", _on_build_finished)
    app.add_css_file("briefing.css")
    app.add_css_file("briefing-icons.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
