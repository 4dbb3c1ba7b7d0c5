"""Render several kits at once in a bounded process pool, results in input order.

WeasyPrint is CPU-bound and holds the GIL: processes, not threads. One job (or
one process) renders in-process, with no pool to start. Workers are forked
where the platform allows it, so they start with WeasyPrint already imported.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed

from .pdf import RenderJob, RenderResult, forget_fonts, render_pdf

__all__ = ["Progress", "render_all"]

Progress = Callable[[str], None]
"""Called with an edition label each time one is done (rendered or from the cache)."""


def _warm_up() -> None:
    # Import the engine once in the parent so that forked workers inherit it.
    import weasyprint  # noqa: F401


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
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=forget_fonts) as pool:
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
