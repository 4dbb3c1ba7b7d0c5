"""Where oep keeps what it computed for a project between runs: outside the project.

A project's files come from people a build must not trust (committees, partners,
any pull request), and a repository can hold any file, ignored or not
(``git add -f``). So nothing oep reads back as its own earlier work lives in it:
compiled templates (run as Python code), kit PDFs (published as they are),
holiday tables and Zensical's rendered pages go to a folder of the user running
oep, one subfolder per project:

- ``$OEP_CACHE/<projet>-<empreinte>/`` when ``OEP_CACHE`` is set (an absolute path),
- else ``$XDG_CACHE_HOME/oep-build/<projet>-<empreinte>/``,
- else ``~/.cache/oep-build/<projet>-<empreinte>/``,

where ``<empreinte>`` digests the project's absolute path. A ``.cache/`` folder in
the project is never read. A cache that cannot be made only costs time: callers
get None and compute everything.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from pathlib import Path

__all__ = ["CACHE_ENV", "cache_base", "project_cache"]

CACHE_ENV = "OEP_CACHE"


def cache_base() -> Path | None:
    """The user's folder of oep caches (None when no absolute place is known)."""
    chosen = os.environ.get(CACHE_ENV, "")
    if chosen:
        return Path(chosen) if os.path.isabs(chosen) else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):  # the XDG spec ignores a relative value
        return Path(xdg) / "oep-build"
    with contextlib.suppress(RuntimeError, KeyError):  # no home directory
        return Path.home() / ".cache" / "oep-build"
    return None


def project_cache(root: Path | str, part: str = "") -> Path | None:
    """The cache folder of the project at ``root`` (its subfolder ``part``), made if needed,
    private to the user; None if it cannot be made."""
    base = cache_base()
    if base is None:
        return None
    resolved = Path(root).resolve()
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", resolved.name)[:40].strip("._") or "projet"
    digest = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:16]
    folder = base / f"{name}-{digest}"
    try:
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _yours(base) or not _guarded(base.parent):
            return None
        for step in (folder, folder / part) if part else (folder,):
            step.mkdir(mode=0o700, exist_ok=True)
            if not _yours(step):
                return None
    except OSError:
        return None
    return folder / part if part else folder


def _guarded(folder: Path) -> bool:
    """Nobody else can rename what ``folder`` holds: not writable by others, or sticky (``/tmp``)."""
    info = folder.stat()
    return not info.st_mode & 0o022 or bool(info.st_mode & stat.S_ISVTX)


def _yours(folder: Path) -> bool:
    """A folder of this user that only this user can write (another user could have made it first
    in a shared place such as ``/tmp``)."""
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode):
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or (info.st_uid == getuid() and not info.st_mode & 0o022)
