"""The little git that ``oep diff`` needs: find the base revision and read its tree.

Everything goes through the ``git`` command line (no library): it is what CI
runners and staff machines already have, and its messages are familiar.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..load import SCANNED_ROOTS

__all__ = ["BaseRef", "GitError", "changed_files", "export_content", "resolve_base"]

# The merge-base with these, in order, is the default base of a change.
DEFAULT_BASES = ("origin/main", "main")


class GitError(Exception):
    """A git command failed; the message is French and meant for staff."""


@dataclass(frozen=True)
class BaseRef:
    """The revision a change is compared with."""

    rev: str
    """Full commit hash."""
    label: str
    """What the user asked for or what was chosen (``origin/main``, ``HEAD``…)."""

    @property
    def short(self) -> str:
        return self.rev[:7]


def _git(cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as exc:
        raise GitError("git n'est pas installé : installez-le, ou lancez oep diff dans l'intégration continue") from exc
    if done.returncode != 0:
        raise GitError(done.stderr.strip() or f"git {' '.join(args)} a échoué")
    return done.stdout


def _verify(cwd: Path, ref: str) -> str | None:
    try:
        return _git(cwd, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip() or None
    except GitError:
        return None


def resolve_base(root: Path, base: str | None = None) -> BaseRef:
    """``base`` if given; else the merge-base with ``origin/main``, else with ``main``, else ``HEAD``."""
    if _verify(root, "HEAD") is None:
        try:
            _git(root, "rev-parse", "--git-dir")
        except GitError as exc:
            raise GitError(f"{root} n'est pas dans un dépôt git ({exc})") from exc
        raise GitError("le dépôt n'a encore aucun commit : faites un premier commit avant de comparer")
    if base is not None:
        rev = _verify(root, base)
        if rev is None:
            raise GitError(
                f"la révision « {base} » est introuvable — vérifiez son nom "
                "(git branch -a) ou récupérez-la (git fetch origin)"
            )
        return BaseRef(rev, base)
    for candidate in DEFAULT_BASES:
        if _verify(root, candidate) is None:
            continue
        try:
            rev = _git(root, "merge-base", "HEAD", candidate).strip()
        except GitError:
            continue  # unrelated histories: try the next candidate
        return BaseRef(rev, candidate)
    head = _verify(root, "HEAD")
    assert head is not None
    return BaseRef(head, "HEAD")


def changed_files(root: Path, ref: str) -> set[str]:
    """Files under ``root`` (POSIX, relative to it) changed since the branch left ``ref``:
    committed, staged, modified or new (untracked, not ignored). Deleted files are left out."""
    base = resolve_base(root, ref)
    try:  # since the branch left ``ref``: what happened on ``ref`` meanwhile is not this change
        rev = _git(root, "merge-base", "HEAD", base.rev).strip() or base.rev
    except GitError:
        rev = base.rev
    changed = _git(root, "diff", "--name-only", "--relative", "--diff-filter=d", rev, "--", ".")
    new = _git(root, "ls-files", "--others", "--exclude-standard", "--", ".")
    return {line.strip() for line in (changed + new).splitlines() if line.strip()}


def export_content(root: Path, rev: str, dest: Path) -> None:
    """Write the content folders of ``root`` as they were at ``rev`` into ``dest``.

    ``root`` may be a sub-folder of the repository; only ``content/``,
    ``campaigns/`` and ``kits/`` are extracted (all the loader reads). A root
    that did not exist yet at ``rev`` gives an empty project.
    """
    prefix = _git(root, "rev-parse", "--show-prefix").strip()
    tree = f"{rev}:{prefix.rstrip('/')}" if prefix else f"{rev}^{{tree}}"
    dest.mkdir(parents=True, exist_ok=True)
    if not _is_tree(root, tree):
        return
    top = _git(root, "rev-parse", "--show-toplevel").strip()
    # git archive writes binary: read it raw, not through text mode
    done = subprocess.run(
        ["git", "archive", "--format=tar", tree], cwd=top, capture_output=True, check=False
    )
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or "git archive a échoué")
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        members = [m for m in tar.getmembers() if _wanted(m)]
        tar.extractall(dest, members=members, filter="data")


def _is_tree(root: Path, tree: str) -> bool:
    # ``rev:path^{tree}`` would read ``^{tree}`` as part of the path: ask for the type instead
    try:
        return _git(root, "cat-file", "-t", tree).strip() == "tree"
    except GitError:
        return False


def _wanted(member: tarfile.TarInfo) -> bool:
    parts = PurePosixPath(member.name).parts
    return bool(parts) and parts[0] in SCANNED_ROOTS and (member.isfile() or member.isdir())
