"""The one Jinja set-up of every renderer (site pages, kits, reports, ``oep new``).

Undefined names are errors (a typo in a template must not print an empty
string), and block tags leave no blank lines behind. Compiled templates are
kept between runs in the project's cache folder, ``gabarits/`` (also those of
the MkDocs theme, see ``engines``): :func:`use_project_cache` names the project.
That folder is outside the project (:mod:`oep_build.caches`): compiled templates are
Python code, which a contributed file must never be.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

__all__ = ["bytecode_cache", "environment", "temp_folder", "use_project_cache"]

_project_cache: Path | None = None


def use_project_cache(root: Path | None) -> None:
    """Keep compiled templates in ``root``'s cache folder from now on (None: keep none).

    Called when a project is loaded; a process works on one project at a time.
    """
    from ..caches import project_cache

    global _project_cache
    _project_cache = None if root is None else project_cache(root, "gabarits")



def environment(
    *folders: Path, autoescape: bool = False, finalize: Callable[[Any], Any] | None = None
) -> jinja2.Environment:
    """Templates looked up in ``folders`` in order (an override folder goes first).

    ``finalize`` escapes every ``{{ … }}`` of a non-HTML output (the site's Markdown).
    """
    options: dict[str, Any] = {
        "undefined": jinja2.StrictUndefined,
        "autoescape": autoescape,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    # Compiled code calls finalize or not: its name goes into the cache key with the options.
    key = repr(sorted(options.items())) + (f"|finalize={finalize.__module__}.{finalize.__qualname__}" if finalize else "")
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        bytecode_cache=bytecode_cache(key),
        finalize=finalize,
        **options,
    )


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """A cache that never fails a build: an unreadable or read-only folder only means compiling again."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def temp_folder() -> Path | None:
    """The user's temporary folder, or None when there is none and Python would use the current one.

    (``tempfile`` falls back on the current directory, usually the project: a
    cache must never land there.)
    """
    folder = Path(tempfile.gettempdir()).resolve()
    return None if folder == Path.cwd().resolve() else folder


def bytecode_cache(settings: str) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs in the project's cache folder (``gabarits/``), or
    None when no project is loaded (or no cache folder can be made).

    An entry is found by the template's path and checked against a hash of its
    source, so an edited template is compiled again; ``settings`` (the
    environment's options, the engine…) goes into the file names, since code
    compiled under other options (autoescape, whitespace control) must not be reused.
    """
    if _project_cache is None:
        return None
    return _cache_in(str(_project_cache), settings)


@functools.cache
def _cache_in(folder: str, settings: str) -> jinja2.BytecodeCache:
    digest = hashlib.sha256(f"{settings}|jinja2 {jinja2.__version__}".encode()).hexdigest()[:16]
    with contextlib.suppress(OSError):  # unwritable: every run compiles, nothing fails
        Path(folder).mkdir(parents=True, exist_ok=True)
    return _QuietCache(folder, pattern=f"{digest}-%s.cache")
