"""The one Jinja set-up of every renderer (site pages, kits, reports, ``oep new``).

Undefined names are errors (a typo in a template must not print an empty
string), and block tags leave no blank lines behind. Compiled templates are
kept between runs (also those of the MkDocs theme, see ``engines``).
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

__all__ = ["bytecode_cache", "environment"]


def environment(*folders: Path, autoescape: bool = False) -> jinja2.Environment:
    """Templates looked up in ``folders`` in order (an override folder goes first)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache(),
    )


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """A cache that never fails a build: an unreadable or read-only folder only means compiling again."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@functools.cache
def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs, or None where no safe folder exists.

    Jinja's per-user folder in the temporary directory; an entry is keyed by the
    template's path and checked against a hash of its source, so an edited
    template is compiled again.
    """
    try:
        return _QuietCache(pattern="oep-%s.cache")
    except (OSError, RuntimeError):
        return None
