"""The chapters a build must execute, run side by side before Sphinx reads them.

myst-nb executes a chapter while Sphinx reads it, one after the other: with a kernel per chapter
that spends most of its time starting, importing and computing in its own process, the build
waits on one kernel at a time while the machine has more cores. Before the read, this module
finds the chapters about to be read whose code is not in the execution cache, executes them
``workers`` at a time (each in its own kernel, as myst-nb would: same notebook, same working
directory, same timeout), and puts each result in the cache. myst-nb then finds the chapter there
and renders it as it renders any cached chapter, so the pages are what a one-by-one build writes.

Nothing is taken on trust: a chapter whose execution fails is left out of the cache, so myst-nb
executes it again while reading it and reports the error at the chapter, as before; a chapter this
module cannot prepare exactly as myst-nb would (notebook-level execution settings, kernel aliases,
exclusion patterns) is left to myst-nb as well. Each kernel records the tables it reads
(briefing.data.reads) in a file of its own, handed to the chapter's record when it is read.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.cache.db import NbProjectRecord
from myst_nb.core.read import create_nb_reader
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from ..data import reads


@dataclass
class Job:
    docname: str
    path: Path
    notebook: object  # nbformat.NotebookNode
    read_fmt: dict | None
    record: Path  # where its kernel records the tables it reads


def workers() -> int:
    """Kernels run at once: one per core, at most 4 (BRIEFING_EXECUTION_WORKERS overrides; 1 turns it off)."""
    value = os.environ.get("BRIEFING_EXECUTION_WORKERS")
    return max(1, int(value)) if value else max(1, min(os.cpu_count() or 1, 4))


def jobs(env, docnames: list[str], record_of: Callable[[str], Path]) -> list[Job]:
    """The chapters among ``docnames`` that myst-nb would execute now (cache mode, not cached)."""
    nb_config, md_config = env.mystnb_config, env.myst_config
    if nb_config.execution_mode != "cache" or nb_config.kernel_rgx_aliases:
        return []
    cache = get_cache(nb_config.execution_cache_path or ".jupyter_cache")
    found = []
    for docname in docnames:
        path = Path(env.doc2path(docname))
        text = path.read_text(encoding="utf-8")
        if "code-cell" not in text and path.suffix != ".ipynb":
            continue
        reader = create_nb_reader(str(path), md_config, nb_config, text)
        if reader is None:
            continue
        notebook = reader.read(text)
        if nb_config.metadata_key in notebook.metadata or "execution" in notebook.metadata:
            continue  # settings of its own: myst-nb applies them
        if any(path.match(pattern) for pattern in nb_config.execution_excludepatterns or ()):
            continue
        try:
            cache.match_cache_notebook(notebook)
            continue  # cached: myst-nb renders the cached outputs
        except KeyError:
            pass
        found.append(Job(docname, path, notebook, reader.read_fmt, record_of(docname)))
    return found


async def _execute(job: Job, nb_config, gate: asyncio.Semaphore) -> tuple[Job, float, BaseException | None]:
    async with gate:
        job.record.unlink(missing_ok=True)
        cwd = str(job.path.parent)
        client = NotebookClient(job.notebook, timeout=nb_config.execution_timeout,
                                allow_errors=nb_config.execution_allow_errors, record_timing=False,
                                resources={"metadata": {"path": cwd}})
        env = {**os.environ, reads.VARIABLE: str(job.record), reads.PARENT: str(os.getpid())}
        start = time.perf_counter()
        try:
            await client.async_execute(env=env)
        except (CellExecutionError, CellTimeoutError) as error:
            return job, time.perf_counter() - start, error
        return job, time.perf_counter() - start, None


def run(jobs_: list[Job], nb_config, logger) -> None:
    """Execute the jobs side by side; cache each one that succeeds."""
    if not jobs_:
        return
    count = workers()

    async def all_of_them():
        gate = asyncio.Semaphore(count)
        return await asyncio.gather(*(_execute(job, nb_config, gate) for job in jobs_))

    for job in jobs_:
        logger.info(f"{job.path}: Executing notebook ({count} at a time, before reading) [briefing]")
    results = asyncio.run(all_of_them())
    cache = get_cache(nb_config.execution_cache_path or ".jupyter_cache")
    for job, seconds, error in results:
        if error is not None:
            job.record.unlink(missing_ok=True)
            logger.info(f"{job.path}: execution failed; myst-nb executes it again while reading it, to report the error")
            continue
        stage = cache.add_nb_to_project(str(job.path), read_data=job.read_fmt) if job.read_fmt is not None \
            else cache.add_nb_to_project(str(job.path))
        NbProjectRecord.remove_tracebacks([stage.pk], cache.db)
        cache.cache_notebook_bundle(CacheBundleIn(job.notebook, stage.uri, data={"execution_seconds": seconds}),
                                    check_validity=False, overwrite=True)
        logger.info(f"{job.path}: Executed notebook in {seconds:.2f} seconds [briefing]")
