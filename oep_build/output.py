"""Write stage helpers: the one file writer, a generated folder kept in sync, an output folder swapped in whole.

Every file oep writes for publication (pages, kit PDFs, the kit cache) goes
through :func:`write_file`: atomic, and with the mode any program of the user
would give it (``0666`` less the umask: ``0644`` usually), the same as the
files MkDocs writes next to it.
"""

from __future__ import annotations

import errno
import filecmp
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SyncStats", "environment_problem", "file_mode", "real_folder", "staging_dir", "swap_into", "sync_tree", "write_file"]


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
    written: dict[str, tuple[bytes, int, int]] | None = None,
) -> SyncStats:
    """Make ``target`` hold exactly ``files`` + ``copies`` (+ ``keep``), touching only what changed.

    Unchanged files keep their mtime, so a watching server rebuilds only for real
    changes; files nobody produced any more are removed (a page that went private
    must not linger in the docs folder). ``written`` (``oep serve``, kept between
    runs) remembers each file's bytes and its size and mtime when last written or
    read: a file still as it was then is not read again. ``target`` holds no link: its caller
    made it with :func:`real_folder`.
    """
    stats = SyncStats()
    target.mkdir(parents=True, exist_ok=True)
    wanted = set(files) | set(copies or {}) | set(keep)
    for rel, data in sorted(files.items()):
        dest = target / rel
        if _unchanged(dest, data, written):
            stats.unchanged += 1
            continue
        write_file(dest, data)
        stats.written.append(rel)
        if written is not None:
            st = dest.stat()
            written[dest.as_posix()] = (data, st.st_size, st.st_mtime_ns)
    for rel, src in sorted((copies or {}).items()):
        dest = target / rel
        if dest.is_file() and filecmp.cmp(src, dest, shallow=False):
            stats.unchanged += 1
            continue
        write_file(dest, src.read_bytes())
        stats.written.append(rel)
    # Bottom-up, so that a folder emptied of its files goes too; string paths: this runs on
    # every save in oep serve, over every file of the docs folder.
    top = str(target)
    for dirpath, _dirnames, filenames in os.walk(top, topdown=False):
        base = dirpath[len(top) + 1 :].replace(os.sep, "/")
        for name in filenames:
            rel = f"{base}/{name}" if base else name
            if rel not in wanted:
                os.unlink(os.path.join(dirpath, name))
                stats.removed.append(rel)
                if written is not None:
                    written.pop((target / rel).as_posix(), None)
        if dirpath != top and not os.listdir(dirpath):
            os.rmdir(dirpath)
    stats.removed.sort(reverse=True)
    return stats


def real_folder(path: Path, inside: Path) -> None:
    """Make ``path`` (under ``inside``) a real folder, each of its folders from ``inside`` down too.

    ``build/`` is in the project, so a pull request can commit anything there: a link
    ``build/docs-public -> ../..`` made the sync prune (delete) files outside the
    project, and a link inside made the engine publish what it points to. A link or
    a file where a folder of ours belongs is removed (never what it points to).
    """
    current = inside
    for part in path.relative_to(inside).parts:
        current = current / part
        if current.is_symlink() or (current.exists() and not current.is_dir()):
            current.unlink()
        current.mkdir(exist_ok=True)
    _drop_links(str(path))


def _drop_links(top: str) -> None:
    """Remove every symbolic link under ``top`` (oep writes none): nothing is written through
    one, nothing it points to is published."""
    with os.scandir(top) as entries:
        for entry in entries:
            if entry.is_symlink():
                os.unlink(entry.path)
            elif entry.is_dir():
                _drop_links(entry.path)


def _unchanged(dest: Path, data: bytes, written: dict[str, tuple[bytes, int, int]] | None) -> bool:
    try:
        st = dest.stat()
    except OSError:
        return False
    if st.st_size != len(data):
        return False
    last = written.get(dest.as_posix()) if written is not None else None
    if last is not None and (st.st_size, st.st_mtime_ns) == last[1:] and last[0] == data:
        return True  # as we wrote it, and the same bytes again: no need to read it
    if dest.read_bytes() != data:
        return False
    if written is not None:
        written[dest.as_posix()] = (data, st.st_size, st.st_mtime_ns)
    return True


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode(directory: bool = False) -> int:
    """What ``open()`` / ``mkdir()`` would give under the current umask (0644 / 0755 usually)."""
    return (0o777 if directory else 0o666) & ~_umask()


def write_file(dest: Path, data: bytes) -> None:
    """Write ``dest`` whole or not at all, with :func:`file_mode`.

    A reader (the preview server, a web server) never sees half a file. An error
    names ``dest`` even when the system call that failed (a ``write`` on a full
    disk) did not.
    """
    tmp: str | None = None
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, file_mode())  # mkstemp's 0600 would follow the file into the published site
        os.replace(tmp, dest)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if exc.filename is None or (tmp is not None and exc.filename == tmp):
            raise OSError(exc.errno, exc.strerror, str(dest)) from exc
        raise
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise


STAGING_NEW = "nouveau"
STAGING_OLD = "ancien"


def staging_dir(out: Path) -> Path:
    """A fresh folder next to ``out`` (same file system, so the final rename is atomic)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-{STAGING_NEW}-"))
    path.chmod(file_mode(directory=True))  # mkdtemp's 0700 would hide the published site from the web server
    return path


def swap_into(staged: Path, out: Path) -> None:
    """Replace ``out`` by ``staged``; at every instant ``out`` is the whole old or the whole new site.

    Linux exchanges the two folders in one system call (``renameat2`` with
    ``RENAME_EXCHANGE``). Elsewhere, or on a file system without it, the old
    folder is moved aside and the new one moved in: two renames, with an instant
    in between where ``out`` does not exist.
    """
    if out.is_dir() and not out.is_symlink() and _exchange(staged, out):
        shutil.rmtree(staged, ignore_errors=True)  # it now holds the old site
        return
    old = None
    if out.exists() or out.is_symlink():
        old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-{STAGING_OLD}-"))
        os.replace(out, old / out.name)
    os.replace(staged, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ≥ 3.15, glibc ≥ 2.28); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # this file system or kernel cannot: fall back
    raise OSError(code, os.strerror(code), str(b))


# -- environment failures --------------------------------------------------------

_ENVIRONMENT = {
    errno.ENOSPC: ("plus de place sur le disque", "libérez de la place (ou choisissez un autre dossier avec --out), puis relancez"),
    errno.EDQUOT: ("quota de disque atteint", "libérez de la place dans votre quota, puis relancez"),
    errno.EROFS: (
        "le système de fichiers est en lecture seule",
        "lancez oep depuis une copie du dépôt où l'on peut écrire, ou choisissez un autre dossier avec --out",
    ),
    errno.EACCES: (
        "permission refusée",
        "vérifiez les droits du dossier (ls -ld) ou choisissez un autre dossier avec --out",
    ),
    errno.EPERM: (
        "opération non permise",
        "vérifiez les droits du dossier (ls -ld) ou choisissez un autre dossier avec --out",
    ),
    errno.EEXIST: (
        "un fichier est là où il faut un dossier",
        "choisissez un autre dossier avec --out, ou déplacez ce fichier",
    ),
    errno.ENOTDIR: (
        "un élément du chemin est un fichier, pas un dossier",
        "choisissez un autre dossier avec --out, ou déplacez ce fichier",
    ),
    errno.EMFILE: ("trop de fichiers ouverts", "augmentez la limite (ulimit -n) puis relancez"),
    errno.ENOMEM: ("mémoire insuffisante", "fermez d'autres programmes ou baissez parametres.kits_processus, puis relancez"),
}


def environment_problem(exc: BaseException) -> str | None:
    """A French message for a failure of the machine (disk full, read-only, permission), or None."""
    if not isinstance(exc, OSError) or exc.errno not in _ENVIRONMENT:
        return None
    what, fix = _ENVIRONMENT[exc.errno]
    where = f"« {exc.filename} »" if exc.filename else "un fichier"
    return (
        f"oep n'a pas pu accéder à {where} : {what} ({errno.errorcode.get(exc.errno, exc.errno)}). "
        f"Ce n'est pas votre contenu : {fix}."
    )
