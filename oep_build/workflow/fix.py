"""``oep check --fix``: apply every fix a diagnostic spells out unambiguously.

The checks attach an :class:`~oep_build.diagnostics.Edit` to a diagnostic when its fix has one
obvious text (quote ``"01"``, write ``2026-05-12``, ``validé`` -> ``valide``…). Here the edits
are applied as text replacements — comments, key order, quoting and blank lines elsewhere are
left exactly as they were — on a scratch copy of the content, checked again (a repaired syntax
error may reveal more fixable problems in the same file), until nothing is left to fix. Only
then are the changed files written back, each one atomically.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, Level, Report
from ..edits import apply_edits
from ..load import SCANNED_ROOTS
from ..pipeline import check_project

__all__ = ["Applied", "FixResult", "fix_project"]

MAX_ROUNDS = 8
SYNTAX_IDS = frozenset({"yaml-syntaxe", "yaml-tabulation", "deux-points-non-protege", "diese-commentaire"})


@dataclass(frozen=True)
class Applied:
    """One fix applied: where, which rule, what the text was and became."""

    file: str
    line: int
    rule: str
    before: str
    after: str


@dataclass
class FixResult:
    changed: dict[str, tuple[str, str]] = field(default_factory=dict)
    """file -> (original text, fixed text)."""
    applied: list[Applied] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    """What is left for a human, checked on the fixed content."""

    def diff(self) -> str:
        out: list[str] = []
        for rel, (before, after) in sorted(self.changed.items()):
            out += difflib.unified_diff(
                before.splitlines(True), after.splitlines(True), f"a/{rel}", f"b/{rel}"
            )
        return "".join(out)


def _read(path: Path) -> tuple[str, str, bool]:
    """Text with ``\\n`` line ends, the line end the file used, and whether it had a BOM."""
    data = path.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data[3 if bom else 0 :].decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    return text.replace("\r\n", "\n"), newline, bom


def _write(path: Path, text: str, newline: str, bom: bool) -> None:
    data = (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", newline).encode("utf-8")
    tmp = path.with_name(f".{path.name}.oep-fix")
    tmp.write_bytes(data)
    if path.exists():
        shutil.copymode(path, tmp)
    os.replace(tmp, path)


def _wanted(d: Diagnostic, opt_in: frozenset[str]) -> bool:
    return d.edit is not None and (not d.edit.opt_in or d.edit.opt_in in opt_in)


def _copy_content(root: Path, dest: Path) -> None:
    for name in ("content", *[r for r in SCANNED_ROOTS if r != "content"]):
        if (root / name).is_dir():
            # hard links where possible: edits replace files (os.replace), never write into them
            shutil.copytree(root / name, dest / name, copy_function=_link_or_copy, symlinks=True)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def fix_project(
    root: Path,
    today: dt.date | None = None,
    opt_in: frozenset[str] = frozenset(),
    write: bool = True,
    only: Callable[[Diagnostic], bool] | None = None,
) -> FixResult:
    """Apply the unambiguous fixes under ``root`` (or only compute them with ``write=False``);
    ``only`` restricts them to some diagnostics (``oep check --fix CHEMIN``, the pre-commit hook)."""
    root = Path(root).resolve()
    result = FixResult()
    originals: dict[str, tuple[str, str, bool]] = {}
    with tempfile.TemporaryDirectory(prefix="oep-fix-") as tmp:
        scratch = Path(tmp) / "projet"
        _copy_content(root, scratch)
        refused: set[str] = set()
        for _ in range(MAX_ROUNDS):
            report = check_project(scratch, today).report
            by_file: dict[str, list[Diagnostic]] = {}
            for d in report:
                if _wanted(d, opt_in) and d.file not in refused and (only is None or only(d)):
                    by_file.setdefault(d.file, []).append(d)
            progress = False
            for rel, diags in sorted(by_file.items()):
                path = scratch / rel
                if rel not in originals:
                    originals[rel] = _read(path)
                text, newline, bom = _read(path)
                fixed, applied = apply_edits(text, [d.edit for d in diags if d.edit is not None])
                if fixed == text:
                    continue
                progress = True
                if _syntax_errors(rel, fixed) > _syntax_errors(rel, text):
                    # a fix must never make a file less readable: leave this one to a human
                    refused.add(rel)
                    continue
                _write(path, fixed, newline, bom)
                kept = {id(e) for e in applied}
                result.applied += [_applied(d, text) for d in diags if d.edit is not None and id(d.edit) in kept]
            if not progress:
                result.report = report
                break
        else:
            result.report = check_project(scratch, today).report
        for rel, (before, _newline, _bom) in originals.items():
            after, _, _ = _read(scratch / rel)
            if after != before:
                result.changed[rel] = (before, after)
        if write:
            for rel, (_before, after) in result.changed.items():
                _, newline, bom = originals[rel]
                _write(root / rel, after, newline, bom)
    result.applied = [a for a in result.applied if a.file in result.changed]
    return result


def _syntax_errors(rel: str, text: str) -> int:
    """How many syntax errors the loader finds in ``text`` (the file ``rel``)."""
    from ..load import parse_document

    return sum(1 for d in parse_document(rel, text) if d.id in SYNTAX_IDS and d.level is Level.ERREUR)


def _applied(d: Diagnostic, text: str) -> Applied:
    e = d.edit
    assert e is not None
    lines = text.split("\n")
    before = lines[e.line - 1][e.column - 1 : e.end_column - 1] if e.line == e.end_line and e.line <= len(lines) else ""
    return Applied(d.file, d.line, d.id, _visible(before), _visible(e.text))


def _visible(text: str) -> str:
    """Whitespace-only text (a tab replaced by spaces) said in words."""
    if text and not text.strip():
        tabs, spaces = text.count("\t"), text.count(" ")
        parts = ([f"{tabs} tabulation{'s' if tabs > 1 else ''}"] if tabs else []) + (
            [f"{spaces} espace{'s' if spaces > 1 else ''}"] if spaces else []
        )
        return " et ".join(parts)
    return text
