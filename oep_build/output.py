"""Write stage helpers: a generated folder kept in sync, and an output folder swapped in whole."""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SyncStats", "staging_dir", "swap_into", "sync_tree"]


@dataclass
class SyncStats:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


def sync_tree(
    target: Path,
    files: dict[str, bytes],
    copies: dict[str, Path] | None = None,
    keep: set[str] | frozenset[str] = frozenset(),
) -> SyncStats:
    """Make ``target`` hold exactly ``files`` + ``copies`` (+ ``keep``), touching only what changed.

    Unchanged files keep their mtime, so a watching server rebuilds only for real
    changes; files nobody produced any more are removed (a page that went private
    must not linger in the docs folder).
    """
    stats = SyncStats()
    target.mkdir(parents=True, exist_ok=True)
    wanted = set(files) | set(copies or {}) | set(keep)
    for rel, data in sorted(files.items()):
        dest = target / rel
        if dest.is_file() and dest.stat().st_size == len(data) and dest.read_bytes() == data:
            stats.unchanged += 1
            continue
        _write_atomic(dest, data)
        stats.written.append(rel)
    for rel, src in sorted((copies or {}).items()):
        dest = target / rel
        if dest.is_file() and filecmp.cmp(src, dest, shallow=False):
            stats.unchanged += 1
            continue
        _write_atomic(dest, src.read_bytes())
        stats.written.append(rel)
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target).as_posix()
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif rel not in wanted:
            path.unlink()
            stats.removed.append(rel)
    return stats


def _write_atomic(dest: Path, data: bytes) -> None:
    # A reader (the preview server) never sees half a file.
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would follow the file into the published site
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def staging_dir(out: Path) -> Path:
    """A fresh folder next to ``out`` (same file system, so the final rename is atomic)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-nouveau-"))
    path.chmod(0o755)  # mkdtemp's 0700 would hide the published site from the web server
    return path


def swap_into(staged: Path, out: Path) -> None:
    """Replace ``out`` by ``staged``; until this call the previous ``out`` stays whole."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-ancien-"))
        os.replace(out, old / out.name)
    os.replace(staged, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
