"""Source documents with the position of every key and value.

The loader turns each content file into a :class:`SourceDoc`: plain Python
data plus maps from data paths to 1-based line/column positions, so any stage
can point a diagnostic at ``file:line:column``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, Edit, Rule

__all__ = ["Path_", "Pos", "SourceDoc", "format_path"]

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Pos:
    line: int
    column: int


@dataclass
class SourceDoc:
    """One content file, parsed.

    ``kind`` is the object kind the file holds (``campagne``, ``edl``, ``kit`` …),
    ``data`` the parsed mapping (front matter for Markdown, rows for CSV).
    """

    path: str
    kind: str
    data: Any = None
    keys: dict[Path_, Pos] = field(default_factory=dict)
    values: dict[Path_, Pos] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    spans: dict[Path_, tuple[Pos, Pos]] = field(default_factory=dict)
    """Start and end (exclusive) of each scalar value's source text, quotes included."""
    body: str = ""
    body_line: int = 1
    campaign: str | None = None
    referentiel: str | None = None
    """Which référentiel a ``referentiel``/``referentiel-objet`` file belongs to (``personnes``…)."""
    stem: str = ""
    text: str = ""
    explained: set[Path_] = field(default_factory=set)
    """Paths a syntax diagnostic already explains (no second, vaguer diagnostic)."""
    broken: bool = False
    """The file exists but could not be read or parsed (its diagnostics say why): whatever it
    defines may exist, so references to it are not reported as unknown."""
    models: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    """Objects validated from this parse, by (model, path): shared by the copies the parse cache
    hands out, so ``oep serve`` validates again only the files whose text changed."""

    def pos(self, path: Path_ = (), key: bool = False) -> Pos:
        """Position of the value (or key) at ``path``; falls back to the nearest parent."""
        p = tuple(path)
        while True:
            table = self.keys if key else self.values
            if p in table:
                return table[p]
            other = self.values if key else self.keys
            if p in other:
                return other[p]
            if not p:
                return Pos(1, 1)
            p = p[:-1]

    def diag(
        self,
        rule: Rule,
        path: Path_,
        message: str,
        fix: str = "",
        key: bool = False,
        pos: Pos | None = None,
        replacement: str | None = None,
        opt_in: str = "",
    ) -> Diagnostic:
        """A diagnostic of ``rule`` at the value (or key) found at ``path`` in this file.

        ``replacement`` is the YAML text that fixes the value at ``path`` (see :meth:`edit`).
        """
        p = pos or (self.key_pos(path) if key else self.pos(path))
        edit = self.edit(path, replacement, opt_in) if replacement is not None else None
        return rule.at(self.path, p.line, p.column, message, fix, format_path(path), edit)

    def edit(self, path: Path_, text: str, opt_in: str = "") -> Edit | None:
        """An :class:`Edit` replacing the one-line scalar at ``path`` with ``text`` (None if not one)."""
        from .diagnostics import Edit

        span = self.spans.get(tuple(path))
        if span is None or span[0].line != span[1].line:
            return None
        (start, end) = span
        return Edit(self.path, start.line, start.column, end.line, end.column, text, opt_in)

    def key_pos(self, path: Path_) -> Pos:
        return self.pos(path, key=True)

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


def format_path(path: Path_) -> str:
    """``('livrables', 3, 'echeance')`` -> ``livrables[3].echeance``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
