"""Work ``oep serve`` keeps between runs: per-object and per-campaign results, reused while
nothing they may read has changed.

The rule is conservative on purpose. A result about an object of ``campaigns/<id>/``
may read any file of that folder and any file outside ``campaigns/`` (site.yml,
referentiels, comites, kits…), plus the run's instant; it is reused only when all of
those are byte-identical to a run that computed it. A result about an object outside
``campaigns/`` may read only files outside ``campaigns/``, and is reused only when
none of them changed. So saving one campaign file re-does the work of that campaign
only; saving site.yml re-does everything. Whole-site results (indexes, menu, agenda,
search) are never kept. A caller whose computation may read another campaign's
folder (an article showing another campaign's visuel, a kit's visibility, which
follows its campaign) must not keep it: it computes that part every run.

The store lives in the :class:`Carry`, never in a run's ``Context.memo``: each run
gets a new Context, and only values computed from the files (not the Context's
objects) cross from one run to the next.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from .load import read_bytes

__all__ = ["CarriedRun", "Carry", "kept", "kept_list"]

T = TypeVar("T")
_OUTSIDE = ""
"""Scope of the files outside ``campaigns/<id>/``."""


class Carry:
    """Results of earlier runs, keyed by what they read (see the module docstring)."""

    def __init__(self) -> None:
        self._store: dict[tuple[Any, ...], Any] = {}
        self.last: CarriedRun | None = None
        """The latest run (its hits and misses say what was reused)."""

    def begin(
        self, root: Path, files: list[str], now: dt.datetime, texts: dict[str, str] | None = None
    ) -> CarriedRun:
        """Fingerprint the project's files for a new run; forget the results it cannot reuse.

        ``texts``: the content files' texts as this run loaded them (not read again).
        """
        texts = texts or {}
        by_scope: dict[str, Any] = {}
        for rel in files:
            parts = rel.split("/")
            scope = parts[1] if parts[0] == "campaigns" and len(parts) > 2 else _OUTSIDE
            digest = by_scope.setdefault(scope, hashlib.blake2b(digest_size=16))
            digest.update(rel.encode("utf-8") + b"\0")
            text = texts.get(rel)
            try:
                data = read_bytes(root / rel) if text is None else b"t" + text.encode("utf-8", "surrogatepass")
                digest.update(hashlib.blake2b(data, digest_size=16).digest())
            except OSError:  # vanished since the walk: nothing of this scope is reused
                digest.update(b"?" + os.urandom(16))
        outside = by_scope.pop(_OUTSIDE, hashlib.blake2b(digest_size=16))
        outside.update(now.isoformat().encode())
        base = outside.hexdigest()
        scopes = {_OUTSIDE: base} | {scope: base + d.hexdigest() for scope, d in by_scope.items()}
        live = set(scopes.values())
        self._store = {k: v for k, v in self._store.items() if k[-1] in live}
        self.last = CarriedRun(self._store, scopes)
        return self.last


class CarriedRun:
    """One run's access to the :class:`Carry`: the fingerprints taken when it began.

    A run keeps its own fingerprints, so that work finishing late (a thread of an
    earlier run) files its results under the files it really read.
    """

    def __init__(self, store: dict[tuple[Any, ...], Any], scopes: dict[str, str]) -> None:
        self._store = store
        self._scopes = scopes
        self.hits = 0
        self.misses = 0

    def reuse(self, key: Hashable, campaign: str | None, compute: Callable[[], T]) -> T:
        """``compute()``, or its value from a run where the scope ``campaign`` read the same files."""
        scope = self._scopes.get(campaign or _OUTSIDE)
        if scope is None:  # a folder the fingerprint did not see (created during the run)
            self.misses += 1
            return compute()
        full = (key, scope)
        if full in self._store:
            self.hits += 1
            return self._store[full]
        self.misses += 1
        value = compute()
        self._store[full] = value
        return value


def kept(ctx: Any, step: Hashable, obj: Any, compute: Callable[..., T], *args: Any) -> T:
    """``compute(*args)`` for ``obj`` (a model object), reused between runs of ``oep serve``.

    ``compute`` may read ``obj``'s campaign folder (if it is in one) and anything
    outside ``campaigns/``: nothing of any other campaign folder.
    """
    carry: CarriedRun | None = getattr(ctx, "carry", None)
    origin = getattr(obj, "_origin", None)
    if carry is None or origin is None:
        return compute(*args)
    return carry.reuse((step, origin.doc.path, tuple(origin.path)), origin.doc.campaign, lambda: compute(*args))


def kept_list(ctx: Any, step: Hashable, obj: Any, produce: Callable[..., Iterable[T]], *args: Any) -> list[T]:
    """:func:`kept` for a generator (a check's diagnostics about ``obj``)."""
    return kept(ctx, step, obj, lambda: list(produce(*args)))
