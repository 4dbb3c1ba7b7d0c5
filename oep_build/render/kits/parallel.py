"""Render several kits at once in a bounded process pool, results in input order.

WeasyPrint is CPU-bound and holds the GIL: processes, not threads. One job (or
one process) renders in-process, with no pool to start. Workers are forked
where the platform allows it, so they start with WeasyPrint already imported.
Workers die with the process that started them, even when it is killed
outright (SIGKILL leaves no chance to shut the pool down).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed

from .pdf import RenderJob, RenderResult, forget_fonts, render_pdf

__all__ = ["Progress", "render_all"]

Progress = Callable[[str], None]
"""Called with an edition label each time one is done (rendered or from the cache)."""


def _warm_up() -> None:
    # Import the engine once in the parent so that forked workers inherit it.
    import weasyprint  # noqa: F401


def _die_with_parent(parent: int) -> None:
    """Pool initializer: end this worker as soon as ``parent`` is gone.

    Linux delivers SIGKILL to the worker when its parent dies (PR_SET_PDEATHSIG);
    elsewhere a daemon thread watches the parent's pid. Either way a worker never
    outlives an interrupted build.
    """
    forget_fonts()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            if ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL) == 0:  # 1: PR_SET_PDEATHSIG
                if os.getppid() != parent:  # it died before the request took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="oep-parent").start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def render_all(jobs: list[RenderJob], processes: int, progress: Progress | None = None) -> list[RenderResult]:
    """Render ``jobs`` with at most ``processes`` workers; results in the order of ``jobs``."""
    workers = max(1, min(processes, len(jobs)))
    if workers == 1:
        results = []
        for job in jobs:
            results.append(render_pdf(job))
            if progress:
                progress(job.label)
        return results
    _warm_up()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    out: dict[int, RenderResult] = {}
    # Longest documents first keeps both workers busy until the end.
    order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i].html))
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        futures = {pool.submit(render_pdf, jobs[i]): i for i in order}
        for future in as_completed(futures):
            i = futures[future]
            try:
                out[i] = future.result()
            except Exception as exc:
                out[i] = RenderResult(jobs[i].label, error=f"{type(exc).__name__} : {exc}")
            if progress:
                progress(jobs[i].label)
    return [out[i] for i in range(len(jobs))]
