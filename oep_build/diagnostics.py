"""Diagnostics: the staff's main interface (DESIGN §5).

Every problem found in the content becomes a :class:`Diagnostic` with a stable
rule id, a level, a place (file:line:column and data path), what was found and
how to fix it. A :class:`Report` gathers all of them for one run, applies the
per-id levels configured in ``content/site.yml`` and formats them.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace

__all__ = [
    "RULES",
    "Diagnostic",
    "Edit",
    "Level",
    "Report",
    "Rule",
    "rule",
]


class Level(str, enum.Enum):
    """Severity of a diagnostic; ``ignore`` silences a rule entirely."""

    ERREUR = "erreur"
    AVERTISSEMENT = "avertissement"
    INFO = "info"
    IGNORE = "ignore"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {Level.ERREUR: 0, Level.AVERTISSEMENT: 1, Level.INFO: 2, Level.IGNORE: 3}


@dataclass(frozen=True)
class Rule:
    """A stable diagnostic id with its default level and a one-line French summary."""

    id: str
    level: Level
    summary: str
    category: str = "contenu"

    def at(
        self, file: str, line: int, column: int, message: str, fix: str = "", path: str = "", edit: Edit | None = None
    ) -> Diagnostic:
        """A diagnostic of this rule at ``file:line:column``."""
        return Diagnostic(self.id, self.level, file, line, column, message, fix, path, edit)


RULES: dict[str, Rule] = {}


def rule(id: str, level: Level | str, summary: str, category: str = "contenu") -> Rule:
    """Declare a rule id once, at import time; returns the :class:`Rule`."""
    r = Rule(id, Level(level), summary, category)
    existing = RULES.get(id)
    if existing is not None and existing != r:
        raise ValueError(f"rule {id!r} declared twice with different settings")
    RULES[id] = r
    return r


@dataclass(frozen=True)
class Edit:
    """A machine-applicable fix: replace the text from ``line:column`` up to (not including)
    ``end_line:end_column`` (1-based, in characters) with ``text``.

    The check that finds a problem knows its one obvious fix; ``oep check --fix`` applies it
    without re-deriving it. ``opt_in`` names fixes applied only on request (``--fix=dates``).
    """

    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    opt_in: str = ""


@dataclass(frozen=True, order=False)
class Diagnostic:
    """One problem at one place."""

    id: str
    level: Level
    file: str
    line: int
    column: int
    message: str
    fix: str = ""
    path: str = ""
    edit: Edit | None = None
    """The fix as a text replacement, when it is unambiguous (``oep check --fix`` applies it)."""

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        return (self.file, self.line, self.column, self.level.rank, self.id, self.message)

    def text(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        tail = f" — {self.fix}" if self.fix else ""
        return f"{where}: {self.level.value} [{self.id}] {self.message}{tail}"

    def as_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["level"] = self.level.value
        if self.edit is None:
            del d["edit"]
        return d


_GITHUB_COMMANDS = {Level.ERREUR: "error", Level.AVERTISSEMENT: "warning", Level.INFO: "notice"}


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


@dataclass
class Report:
    """All diagnostics of one run, with the level overrides from ``site.yml``.

    Overrides apply when the report is read, so diagnostics gathered before
    ``site.yml`` was understood (loading, validation) follow them too.
    """

    levels: dict[str, Level] = field(default_factory=dict)
    _items: list[Diagnostic] = field(default_factory=list)
    hidden: int = 0
    """Problems left out of a focused run (paths, --changed-since, --niveau): said in the summary."""
    partial_files: list[str] = field(default_factory=list)
    """Files whose syntax error stopped their reading: more problems may show once it is fixed."""

    def add(self, diag: Diagnostic) -> None:
        self._items.append(diag)

    def extend(self, diags: Iterable[Diagnostic]) -> None:
        for d in diags:
            self.add(d)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.sorted())

    def _leveled(self) -> Iterator[Diagnostic]:
        for d in self._items:
            level = self.levels.get(d.id)
            if level is not None and level is not d.level:
                d = replace(d, level=level)
            if d.level is not Level.IGNORE:
                yield d

    def sorted(self) -> list[Diagnostic]:
        seen: set[Diagnostic] = set()
        out = []
        for d in sorted(self._leveled(), key=Diagnostic.sort_key):
            if d not in seen:
                seen.add(d)
                out.append(d)
        return out

    def count(self, level: Level) -> int:
        return sum(1 for d in self.sorted() if d.level is level)

    def count_by_id(self, rule_id: str) -> int:
        return sum(1 for d in self.sorted() if d.id == rule_id)

    @property
    def errors(self) -> int:
        return self.count(Level.ERREUR)

    @property
    def warnings(self) -> int:
        return self.count(Level.AVERTISSEMENT)

    def focused(self, keep: Callable[[Diagnostic], bool]) -> Report:
        """The same report restricted to the diagnostics ``keep`` accepts (levels already applied)."""
        shown = self.sorted()
        kept = [d for d in shown if keep(d)]
        partial = [f for f in self.partial_files if any(d.file == f for d in kept)]
        return Report({}, kept, self.hidden + len(shown) - len(kept), partial)

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    # -- formatting -------------------------------------------------------
    def summary(self) -> str:
        e, w, i = self.errors, self.warnings, self.count(Level.INFO)
        if not (e or w or i):
            text = "Aucun problème trouvé."
        else:
            parts = [
                _plural(e, "erreur", "erreurs"),
                _plural(w, "avertissement", "avertissements"),
                _plural(i, "info", "infos"),
            ]
            text = ", ".join(parts) + "."
        if self.partial_files:
            n = len(self.partial_files)
            text += (
                f" {'Un fichier' if n == 1 else f'{n} fichiers'} n'{'a' if n == 1 else 'ont'} pas pu être "
                f"lu{'' if n == 1 else 's'} en entier ({', '.join(self.partial_files[:3])}{' …' if n > 3 else ''}) : "
                "d'autres problèmes peuvent apparaître après correction."
            )
        if self.hidden:
            text += (
                f" {_plural(self.hidden, 'autre problème', 'autres problèmes')} hors du périmètre demandé "
                "(oep check sans chemin ni filtre pour tout voir)."
            )
        return text

    def format_text(self, color: bool = False) -> str:
        lines = []
        for d in self.sorted():
            t = d.text()
            if color:
                t = _colorize(d, t)
            lines.append(t)
        lines.append(self.summary())
        return "\n".join(lines) + "\n"

    def format_json(self) -> str:
        payload = {
            "diagnostics": [d.as_dict() for d in self.sorted()],
            "erreurs": self.errors,
            "avertissements": self.warnings,
            "infos": self.count(Level.INFO),
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"

    def format_github(self) -> str:
        lines = []
        for d in self.sorted():
            cmd = _GITHUB_COMMANDS[d.level]
            props = [f"file={_gh_escape(d.file, True)}"]
            if d.line:
                props += [f"line={d.line}", f"col={d.column}"]
            props.append(f"title={_gh_escape(d.id, True)}")
            msg = d.message + (f" — {d.fix}" if d.fix else "")
            if d.edit is not None:
                opt = f" --fix-{d.edit.opt_in}" if d.edit.opt_in else ""
                msg += f"\nCorrection automatique : oep check --fix{opt} (remplace par {d.edit.text})"
            lines.append(f"::{cmd} {','.join(props)}::{_gh_escape(msg)}")
        lines.append(self.summary())
        return "\n".join(lines) + "\n"

    def format(self, fmt: str, color: bool = False) -> str:
        if fmt == "json":
            return self.format_json()
        if fmt == "github":
            return self.format_github()
        return self.format_text(color=color)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n <= 1 else many}"


_COLORS = {Level.ERREUR: "31", Level.AVERTISSEMENT: "33", Level.INFO: "36"}


def _colorize(d: Diagnostic, text: str) -> str:
    tag = d.level.value
    return text.replace(f" {tag} [", f" \x1b[1;{_COLORS[d.level]}m{tag}\x1b[0m [", 1)
