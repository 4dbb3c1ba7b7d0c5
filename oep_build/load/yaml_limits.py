"""Bounds on what a YAML file may expand to, checked on the event stream before composing.

Anchors and aliases let ten lines stand for a billion values (the "billion
laughs"): reading them into Python would take gigabytes and never finish.
Content has no real use for aliases across many levels, so their number, their
nesting and the values they add are capped, and the file is refused at the
alias that crosses a limit. Nesting depth is capped too: libyaml's composer
recurses in C and crashes the interpreter past some 10⁵ levels.

The scan walks the parser's events once, in constant memory per anchor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["MAX_ALIAS_LEVELS", "MAX_ALIAS_USES", "MAX_ALIAS_VALUES", "MAX_DEPTH", "YamlLimit", "find_limit"]

MAX_ALIAS_USES = 100
"""Aliases (« *nom ») in one file."""
MAX_ALIAS_VALUES = 10_000
"""Values (scalars, lists, tables) that all aliases of one file add once expanded."""
MAX_ALIAS_LEVELS = 3
"""Anchors holding aliases to anchors holding aliases…"""
MAX_DEPTH = 100
"""Lists and tables inside one another."""


@dataclass(frozen=True)
class YamlLimit:
    """Where (0-based line and column of the parser's mark) and how a file passes a limit."""

    line: int
    column: int
    alias: bool
    """An alias limit (``alias-yaml``) rather than nesting depth."""
    message: str
    fix: str


_FIX_ALIAS = (
    "écrivez les valeurs en entier, sans ancre « & » ni alias « * » "
    "(un fichier de contenu n'en a pas besoin ; entre guillemets, « * » n'est que du texte)"
)


def might_exceed(text: str) -> bool:
    """Cheap test: only a text with a « * » has aliases, only a long or bracketed one nests deep."""
    if "*" in text:
        return True
    return text.count("[") + text.count("{") + text.count("-") + text.count("\n") > MAX_DEPTH


def find_limit(events: Iterable[Any]) -> YamlLimit | None:
    """The first limit the event stream passes, or ``None``. Parser errors propagate."""
    anchors: dict[str, tuple[int, int]] = {}  # anchor -> (values once expanded, alias levels inside)
    open_anchors: set[str] = set()
    stack: list[list[Any]] = []  # per open list/table: [anchor, values, alias levels]
    uses = 0
    added = 0
    for event in events:
        kind = type(event).__name__
        if kind in ("MappingStartEvent", "SequenceStartEvent"):
            if len(stack) >= MAX_DEPTH:
                return _limit(
                    event, False,
                    f"listes et tables imbriquées sur plus de {MAX_DEPTH} niveaux",
                    "simplifiez la structure : aucun fichier de contenu n'a besoin de tant de niveaux",
                )
            if event.anchor:
                open_anchors.add(event.anchor)
            stack.append([event.anchor, 1, 0])
        elif kind in ("MappingEndEvent", "SequenceEndEvent"):
            anchor, values, levels = stack.pop()
            if anchor:
                open_anchors.discard(anchor)
                anchors[anchor] = (values, levels)
            _add(stack, values, levels)
        elif kind == "ScalarEvent":
            if event.anchor:
                anchors[event.anchor] = (1, 0)
            _add(stack, 1, 0)
        elif kind == "AliasEvent":
            name = event.anchor
            if name in open_anchors:
                return _limit(
                    event, True,
                    f"l'alias « *{name} » est à l'intérieur de sa propre ancre « &{name} » : "
                    "la valeur serait infinie",
                    _FIX_ALIAS,
                )
            if name not in anchors:
                continue  # undefined: the composer reports it with its own message
            values, levels = anchors[name]
            uses += 1
            added += values
            if uses > MAX_ALIAS_USES:
                return _limit(event, True, f"plus de {MAX_ALIAS_USES} alias « * » dans ce fichier", _FIX_ALIAS)
            if levels + 1 > MAX_ALIAS_LEVELS:
                return _limit(
                    event, True,
                    f"l'alias « *{name} » renvoie à des alias sur plus de {MAX_ALIAS_LEVELS} niveaux",
                    _FIX_ALIAS,
                )
            if added > MAX_ALIAS_VALUES:
                return _limit(
                    event, True,
                    f"les alias « * » de ce fichier le déplient en plus de {MAX_ALIAS_VALUES:,} valeurs".replace(
                        ",", "\u202f"
                    ),
                    _FIX_ALIAS,
                )
            _add(stack, values, levels + 1)
    return None


def _add(stack: list[list[Any]], values: int, levels: int) -> None:
    if stack:
        stack[-1][1] += values
        stack[-1][2] = max(stack[-1][2], levels)


def _limit(event: Any, alias: bool, message: str, fix: str) -> YamlLimit:
    mark = event.start_mark
    return YamlLimit(mark.line, mark.column, alias, message, fix)
