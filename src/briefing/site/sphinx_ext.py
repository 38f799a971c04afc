"""Sphinx extension for the briefing (listed in _config.yml).

- Never stale, never wasteful: a digest of each file of the data, the archived sources and this
  package is kept next to the execution cache; what changed decides what executes again and what
  is only re-read (briefing.site.incremental). The digests are saved only when a build succeeds.
  The chapters that must execute run side by side, one kernel per core, before Sphinx reads
  them (briefing.site.execute); myst-nb then renders them from the cache.
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
- Chapter rules in the build: every chapter is checked against the skeleton, the rule of no
  typed numbers (briefing.site.chapter_rules) and dates typed in words that its cited rows do not
  hold (briefing.site.prose_dates) on every build, changed or not; each finding is a
  warning at ``book/<chapter>.md:<line>`` saying what to do, so the strict build fails.
- Navigation never stale: when the table of contents or a page title changed since the last
  build, every page is written again (sidebar, previous/next links), not only the re-read ones.
- The PDF edition (briefing.site.pdf, printed from the built site after this build): the root
  page gets an empty, hidden placeholder after its opening paragraph, which the PDF step fills in
  with the link and the file's size. A build that writes any page makes the last PDF stale: its
  copy in the site (downloads/) is removed and the link emptied again, until the PDF step reruns.
- Pages left behind: a page taken out of _toc.yml loses its HTML in the output too.
- The page's theme mode is set ('auto'), which the theme otherwise leaves empty and reports
  as a console error; two theme components are replaced by accessible versions (templates/).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from html import escape
from pathlib import Path

from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from .. import data, paths
from ..data import reads
from . import chapter_rules, evidence, execute, figure_data, incremental, prose_dates, vendor
from .plotly_mime import CONTAINER_CLASS

logger = logging.getLogger(__name__)
PACKAGE_DIR = Path(__file__).parent  # assets and templates
HELPER_PACKAGE = PACKAGE_DIR.parent  # all of briefing: chapters run its code
DIGESTS_FILE = "briefing-inputs.json"  # file -> sha256 at the last successful build
READS_DIR = "briefing-reads"  # per chapter: the tables its kernel read when it last executed, the tables it cites
KERNEL_READS, CITED = ".tables", ".cited"  # the two records' suffixes in READS_DIR
PRE_EXECUTED = ".pre"  # a chapter executed before the read: its kernel's record until the chapter is read
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
    changelog = [p for p in [Path(srcdir) / incremental.CHANGELOG] if p.is_file()]
    return sorted([p for folder in folders for p in folder.rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts] + changelog)


def input_digests(srcdir: Path) -> dict[str, str]:
    return {str(path): hashlib.sha256(path.read_bytes()).hexdigest() for path in input_files(srcdir)}


def tables_by_path(data: Path) -> dict[str, str]:
    """Each table's CSV file (its path as the digests name it) and the table's name."""
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    return {str(data / resource["path"]): resource["name"] for resource in package["resources"]}


def _cache_dir(app: Sphinx) -> Path:
    value = app.config.nb_execution_cache_path or ".jupyter_cache"
    path = Path(value)
    return path if path.is_absolute() else Path(app.srcdir) / path


def _on_config_inited(app: Sphinx, config) -> None:
    # Done before Sphinx compares this config with the last build's, so the values are stable.
    cache = _cache_dir(app)
    config.nb_execution_cache_path = str(cache)
    current = input_digests(Path(app.srcdir))
    stamp = cache / DIGESTS_FILE
    previous = json.loads(stamp.read_text()) if stamp.is_file() else None
    changed = {p for p in set(current) | set(previous or {}) if current.get(p) != (previous or {}).get(p)}
    app.briefing_inputs = current
    # What must re-execute or be re-read (briefing.site.incremental).
    data = paths.data_dir(start=Path(app.srcdir))
    app.briefing_stale = incremental.Stale(everything=True) if previous is None else \
        incremental.classify(changed, tables_by_path(data), paths.seeds_dir(data))
    if app.briefing_stale.everything:
        if cache.exists():
            logger.info("briefing: the schema or the sources changed; emptying the execution cache")
            shutil.rmtree(cache)
        cache.mkdir(parents=True, exist_ok=True)
    (cache / READS_DIR).mkdir(exist_ok=True)
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


def _reads_file(app: Sphinx, docname: str, suffix: str) -> Path:
    return _cache_dir(app) / READS_DIR / (docname.replace("/", "__") + suffix)


def _on_env_get_outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    stale = getattr(app, "briefing_stale", None)
    if not stale:
        return []
    docs = _notebook_docs(env)
    if stale.everything:
        logger.info(f"briefing: re-reading {len(docs)} chapter(s) that depend on the data")
        return sorted(docs - set(added) - set(changed))

    data_dir = paths.data_dir(start=Path(app.srcdir))
    digests: dict[str, str] = {}

    def part_changed(read: reads.Read) -> bool:
        """A whole table read changed with its file; a part, only if its cells did (briefing.data.reads)."""
        if read.part is None:
            return True
        key = json.dumps([read.table, read.part.get("rows"), read.part.get("columns")])
        if key not in digests:
            digests[key] = data.part_digest(read.table, read.part, data_dir)
        return digests[key] != read.part.get("digest")

    def uses(doc: str, suffix: str) -> bool:
        found = reads.entries(_reads_file(app, doc, suffix))
        return found is None or any(read.table in stale.tables and part_changed(read) for read in found)

    def imports(doc: str) -> bool:
        return bool(incremental.chapter_imports(Path(env.doc2path(doc))) & stale.modules)

    execute = {doc for doc in docs if (stale.tables and uses(doc, KERNEL_READS)) or (stale.modules and imports(doc))}
    # A table a page only cites (its markers and notes are made by this process while it reads the
    # page) needs the page read again, from the cache: its code's output cannot have changed.
    cites = {doc for doc in env.found_docs if stale.tables and uses(doc, CITED)} - execute
    _forget_executions(app, env, execute)
    what = ", ".join(sorted(stale.tables | stale.modules)) or "the site's assets"
    logger.info(f"briefing: {what} changed; re-executing the {len(execute)} chapter(s) that use it"
                + (f", re-reading {len(cites)} that only cite it" if cites else ""))
    reread = (set(env.found_docs) if stale.reread else set()) | execute | cites
    return sorted(reread - set(added) - set(changed))


def _purge_before_reading(app: Sphinx, env, docnames: list[str]) -> None:
    """Forget every document about to be read before reading the first. Sphinx's serial read
    forgets each one just before reading it, so a label moved from one chapter to another that
    is read earlier was reported as a duplicate by an incremental build (its parallel read
    already purges up front, as here)."""
    for docname in docnames:
        app.events.emit("env-purge-doc", env, docname)
        env.clear_doc(docname)


def _execute_before_reading(app: Sphinx, env, docnames: list[str]) -> None:
    """The chapters about to be read that must execute run side by side first, into the cache
    (briefing.site.execute); reading them then renders the cached outputs."""
    for leftover in (_cache_dir(app) / READS_DIR).glob(f"*{PRE_EXECUTED}"):
        leftover.unlink()
    jobs = execute.jobs(env, docnames, lambda doc: _reads_file(app, doc, PRE_EXECUTED))
    if len(jobs) > 1 and execute.workers() > 1:
        execute.run(jobs, env.mystnb_config, logger)


def _forget_executions(app: Sphinx, env, docs: set[str]) -> None:
    """Drop these chapters' entries from the execution cache, so reading them executes them."""
    from jupyter_cache import get_cache

    uris = {str(Path(env.doc2path(doc))) for doc in docs}
    cache = get_cache(str(_cache_dir(app)))
    for record in cache.list_cache_records():
        if record.uri in uris:
            cache.remove_cache(record.pk)


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """Before a chapter is read (and perhaps executed): where its kernel records the tables it loads."""
    pending = _reads_file(app, docname, ".new")
    pending.unlink(missing_ok=True)
    executed = _reads_file(app, docname, PRE_EXECUTED)
    if executed.is_file():  # executed before the read (briefing.site.execute): what its kernel read
        executed.replace(pending)
    os.environ[reads.VARIABLE] = str(pending)
    os.environ[reads.PARENT] = str(os.getpid())  # the kernel records; this process's own reads do not count


def _on_doctree_read(app: Sphinx, doctree) -> None:
    """After a chapter is read: if it executed, its kernel's new record replaces the old one; the
    rows its citation markers name are recorded apart, on every read (they are read by this
    process whether or not the chapter executed), so that a change to them re-reads the page
    without executing it."""
    pending = _reads_file(app, app.env.docname, ".new")
    if pending.is_file():
        pending.replace(_reads_file(app, app.env.docname, KERNEL_READS))
    # The rows the markers name, as parts (briefing.data.reads): an edit to another row of their
    # table leaves the page alone. The sources table (notes, the page's date) is read whole.
    rows: dict[str, set[str]] = {}
    for table, row_id in getattr(doctree, "briefing_cited", {}):
        rows.setdefault(table, set()).add(row_id)
    data_dir = paths.data_dir(start=Path(app.srcdir))
    lines = []
    for table in sorted(evidence.tables_cited(doctree)):
        if table == "sources" or table not in rows:
            lines.append(f"{table}\n")
            continue
        part = {"rows": sorted(rows[table]), "columns": None}
        part["digest"] = data.part_digest(table, part, data_dir)
        lines.append(f"{table} {json.dumps(part, sort_keys=True)}\n")
    _reads_file(app, app.env.docname, CITED).write_text("".join(lines), encoding="utf-8")


def _check_chapters(app: Sphinx, env) -> None:
    """The chapter rules, on every build: a finding stays a warning until the chapter is fixed,
    even when the chapter itself is not re-read."""
    srcdir = Path(app.srcdir)
    for docname in sorted(env.found_docs):
        path = Path(env.doc2path(docname))
        if path.suffix != ".md":
            continue
        for finding in chapter_rules.check_file(path) + prose_dates.date_findings(path):
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
    if doctree is not None:
        app.briefing_pages_written = getattr(app, "briefing_pages_written", 0) + 1
    if pagename == app.config.root_doc and "body" in context:
        context["body"] = _with_pdf_placeholder(context["body"], pagename)
    if "body" in context:
        to_root = "../" * pagename.count("/")
        context["body"] = figure_data.numbered_tables(figure_data.with_page_links(context["body"], to_root))
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
    os.environ.pop(reads.VARIABLE, None)
    if exception:
        return
    # Saved only now: after a failed build, the same chapters are found stale again next time.
    (_cache_dir(app) / DIGESTS_FILE).write_text(json.dumps(app.briefing_inputs, indent=0, sort_keys=True) + "\n")
    if app.builder.format != "html":
        return
    if getattr(app, "briefing_pages_written", 0):
        _forget_stale_pdf(app)
    _remove_pages_left_behind(app)
    figure_data.write_figure_files(Path(app.outdir), app.env.found_docs)
    data = paths.data_dir(start=Path(app.srcdir))
    outdir = Path(app.outdir)
    for folder, target in ((data, outdir / "data"), (paths.seeds_dir(data), outdir / "sources")):
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(folder, target)


# Pages the HTML builder writes that are not documents of the book; "index" at the top is
# sphinx-external-toc's redirect to the root page (book/index.html).
BUILDER_PAGES = {"genindex", "search", "py-modindex", "index"}


def _remove_pages_left_behind(app: Sphinx) -> None:
    """A page taken out of _toc.yml (or deleted) is no longer a document, but Sphinx leaves its
    old HTML in the output, served as if current: remove every such page."""
    outdir = Path(app.outdir)
    known = set(app.env.all_docs) | BUILDER_PAGES
    for page in outdir.rglob("*.html"):
        relative = page.relative_to(outdir)
        if relative.parts[0].startswith("_") or relative.parts[0] in ("data", "sources", PDF_DOWNLOADS):
            continue  # the theme's and the downloads' files, not pages of the book
        if relative.with_suffix("").as_posix() not in known:
            logger.info(f"briefing: removing {relative}, a page no longer in _toc.yml")
            page.unlink()


def _visit_hidden_code(self, node) -> None:
    """myst-nb's 'hide-input' toggle, without an aria-label that hides the visible prompt
    ("Show code cell source") from the accessible name (axe: label-content-name-mismatch)."""
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n</summary>\n')


def setup(app: Sphinx) -> dict:
    evidence.setup(app)
    app.add_node(HideCodeCellNode, override=True, html=(_visit_hidden_code, depart_HideCellInput))
    app.add_config_value("briefing_pdf_name", "briefing", "html", types=[str])
    app.connect("config-inited", _on_config_inited)
    app.connect("env-get-outdated", _on_env_get_outdated)
    app.connect("env-before-read-docs", _purge_before_reading)
    app.connect("env-before-read-docs", _execute_before_reading, priority=600)  # after every purge
    app.connect("env-updated", _on_env_updated)
    app.connect("source-read", _on_source_read)
    app.connect("doctree-read", _on_doctree_read)
    app.connect("html-page-context", _on_html_page_context)
    app.connect("html-page-context", _defer_scripts, priority=900)  # after every extension added its scripts
    app.connect("build-finished", _on_build_finished)
    app.add_js_file("briefing-tables.js")  # phone tables as labelled rows, scroll cue, tap-to-show quotes (deferred like every script)
    app.add_css_file("briefing.css")
    app.add_css_file("briefing-icons.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
