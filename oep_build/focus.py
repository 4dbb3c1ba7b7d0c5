"""Focused runs of ``oep check``: the project root found from any path in it, and which
diagnostics a run about some files (or about a change) shows. The whole project is always
loaded and checked — a reference is only broken in the context of everything else."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from .diagnostics import Diagnostic, Level

__all__ = ["at_least", "find_root", "in_paths"]

SITE_FILES = ("site.yml", "site.yaml")


def is_root(folder: Path) -> bool:
    return any((folder / "content" / name).is_file() for name in SITE_FILES)


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` (a file or folder) holding content/site.yml."""
    here = start.resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        if is_root(folder):
            return folder
    return None


def in_paths(root: Path, paths: Iterable[Path]) -> Callable[[Diagnostic], bool]:
    """Keep diagnostics about a file at or under one of ``paths`` (files or folders)."""
    prefixes = []
    for p in paths:
        rel = p.resolve().relative_to(root).as_posix()
        prefixes.append("" if rel == "." else rel)

    def keep(d: Diagnostic) -> bool:
        if not d.file:
            return True
        return any(not pre or d.file == pre or d.file.startswith(pre + "/") for pre in prefixes)

    return keep


def in_files(files: set[str]) -> Callable[[Diagnostic], bool]:
    return lambda d: not d.file or d.file in files


def at_least(level: Level) -> Callable[[Diagnostic], bool]:
    """Keep diagnostics of ``level`` or more severe (``--niveau erreur`` hides the rest)."""
    return lambda d: d.level.rank <= level.rank
