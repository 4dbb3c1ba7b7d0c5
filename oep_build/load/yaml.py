"""YAML 1.2 parsing (ruamel.yaml) that keeps positions and explains errors.

Errors are written for staff who are not developers: tabs, duplicate keys,
an unquoted « : », a ``#hashtag`` read as a comment.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import yaml as pyyaml

if TYPE_CHECKING:  # ruamel.yaml is imported only when libyaml is missing (the fallback)
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import Node, ScalarNode

from ..diagnostics import Diagnostic, Level
from ..sources import Path_, Pos, SourceDoc, format_path
from .yaml_errors import (
    _SYNTAX_FIX,
    R_ALIAS,
    R_DUP,
    R_HASH,
    R_HASH_TAIL,
    R_KEY_TYPE,
    R_SYNTAX,
    R_TAB,
    R_TAG,
    _diag,
    _quoted,
    _syntax_diag,
)
from .yaml_limits import find_limit, might_exceed
from .yaml_scalars import resolve_scalar

__all__ = ["parse_yaml_into"]

_TAB_INDENT = re.compile(r"^[ ]*\t")
_HASH_AFTER_COLON = re.compile(r":[ \t]+#\S")
_HASH_AFTER_DASH = re.compile(r"^\s*-[ \t]+#\S")
# "# commentaire" (with a space) is a comment; "#Mot" glued is almost always a lost hashtag
_HASHTAG_TAIL = re.compile(r"^[ \t]+#[^\s#!]")


def _new_yaml() -> YAML:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.allow_duplicate_keys = True
    y.version = (1, 2)
    return y


def parse_yaml_into(doc: SourceDoc, text: str, line_offset: int = 0) -> list[Diagnostic]:
    """Parse ``text`` into ``doc.data`` with positions; return syntax diagnostics.

    ``line_offset`` shifts positions (front matter starts after ``---``).
    When every syntax error has one obvious fix (a tab, an unquoted « : »…), the text is read
    again with those fixes, so the rest of the file is still checked in the same run;
    otherwise ``doc.data`` is left as ``None``.
    """
    diags = _parse(doc, text, line_offset)
    if doc.data is not None:
        return diags
    from ..edits import apply_edits

    current, edited, pending = text, set(), diags
    seen = {(d.id, d.line, d.column) for d in diags}
    for _ in range(20):  # one syntax error at a time: the parser stops at the first
        errors = [d for d in pending if d.level is Level.ERREUR]
        if not errors or any(d.edit is None for d in errors):
            return diags
        current, applied = apply_edits(current, [d.edit for d in errors if d.edit is not None], line_offset)
        if not applied:
            return diags
        edited |= {e.line for e in applied}
        scratch = SourceDoc(path=doc.path, kind=doc.kind)
        pending = [
            d if d.edit is None or d.edit.line not in edited else replace(d, edit=None)
            for d in _parse(scratch, current, line_offset)
        ]
        diags += [d for d in pending if (d.id, d.line, d.column) not in seen]
        seen |= {(d.id, d.line, d.column) for d in pending}
        if scratch.data is not None:
            # Columns on the repaired lines moved with the quotes added: no value edits there.
            doc.data, doc.keys, doc.values, doc.raw = scratch.data, scratch.keys, scratch.values, scratch.raw
            doc.spans = {p: s for p, s in scratch.spans.items() if s[0].line not in edited}
            doc.explained |= scratch.explained
            return diags
    return diags


def _indent_unit(text: str) -> int:
    """Spaces per level in ``text``: the smallest indentation of its space-indented keys or list
    items (2 when none)."""
    widths = [len(m.group(1)) for m in _SPACE_INDENT.finditer(text)]
    return min(widths, default=2)


_SPACE_INDENT = re.compile(r"^( +)(?:- |[\w\"'-][^:\n]*:(?: |$))", re.M)


def _parse(doc: SourceDoc, text: str, line_offset: int) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    tab_lines = []
    unit = 0
    for i, line in enumerate(text.splitlines(), start=1):
        if _TAB_INDENT.match(line):
            tab_lines.append(i)
            col = line.index("\t") + 1
            lead = line[: len(line) - len(line.lstrip(" \t"))]
            unit = unit or _indent_unit(text)
            diags.append(
                _diag(
                    doc,
                    R_TAB,
                    Pos(i + line_offset, col),
                    "l'indentation contient une tabulation, que YAML refuse",
                    f"remplacez la tabulation par des espaces ({unit} espaces par niveau, comme le reste du fichier)",
                    edit=(i + line_offset, 1, len(lead) + 1, lead.replace("\t", " " * unit)),
                )
            )
    marked, unreadable, other = _error_types()
    try:
        limit = find_limit(_events(text)) if might_exceed(text) else None
        if limit is not None:
            pos = Pos(limit.line + 1 + line_offset, limit.column + 1)
            diags.append(_diag(doc, R_ALIAS if limit.alias else R_SYNTAX, pos, limit.message, limit.fix))
            return diags
        root = _compose(text)
    except marked as exc:
        mark = exc.problem_mark or exc.context_mark
        on_tab_line = mark is not None and (mark.line + 1) in tab_lines
        if not on_tab_line:
            diags.append(_syntax_diag(doc, exc, text, line_offset))
        return diags
    except unreadable as exc:
        before = text[: exc.position]
        pos = Pos(before.count("\n") + 1 + line_offset, exc.position - (before.rfind("\n") + 1) + 1)
        diags.append(
            _diag(
                doc,
                R_SYNTAX,
                pos,
                f"caractère invisible interdit en YAML (U+{exc.character if isinstance(exc.character, int) else ord(exc.character):04X})",
                "supprimez ce caractère (souvent collé depuis un traitement de texte)",
            )
        )
        return diags
    except (*other, ValueError, TypeError, RecursionError) as exc:
        diags.append(
            _diag(doc, R_SYNTAX, Pos(1 + line_offset, 1), f"YAML illisible ({exc})", _SYNTAX_FIX)
        )
        return diags
    if tab_lines:
        return diags
    if root is None:
        doc.data = None
        return diags
    lines = text.splitlines()
    try:
        doc.data = _build(root, (), doc, lines, line_offset, diags)
    except RecursionError:
        diags.append(
            _diag(doc, R_SYNTAX, Pos(1 + line_offset, 1), "structure YAML trop profonde", _SYNTAX_FIX)
        )
        doc.data = None
    return diags


if pyyaml.__with_libyaml__:

    class _Composer(pyyaml.CSafeLoader):
        """libyaml's composer without PyYAML's tag resolution: a regular expression
        match per value, in Python, for tags nobody reads (:func:`.yaml_scalars.resolve_scalar` resolves)."""

        def resolve(self, kind: type, value: Any, implicit: Any) -> str:
            return "?"


def _compose(text: str) -> Any:
    """The node tree of ``text``, with marks on every node.

    Composition only (no tag resolution: :func:`.yaml_scalars.resolve_scalar` applies the YAML 1.2
    core rules), so libyaml's composer — about 20 times faster than ruamel's
    pure-Python round-trip one — gives the same tree; ruamel is the fallback.
    """
    if pyyaml.__with_libyaml__:
        return pyyaml.compose(text, Loader=_Composer)
    return _new_yaml().compose(text)


def _events(text: str) -> Any:
    """The parser's events for ``text`` (same library as :func:`_compose`)."""
    if pyyaml.__with_libyaml__:
        return pyyaml.parse(text, Loader=pyyaml.CSafeLoader)
    return _new_yaml().parse(text)


def _error_types() -> tuple[Any, Any, Any]:
    """The (syntax, unreadable character, any) error classes :func:`_compose` may raise."""
    if pyyaml.__with_libyaml__:
        return (pyyaml.MarkedYAMLError,), (pyyaml.reader.ReaderError,), (pyyaml.YAMLError,)
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    return (MarkedYAMLError, pyyaml.MarkedYAMLError), (ReaderError, pyyaml.reader.ReaderError), (YAMLError, pyyaml.YAMLError)


def _mark_pos(node: Node, offset: int) -> Pos:
    m = node.start_mark
    return Pos(m.line + 1 + offset, m.column + 1)


def _build(
    node: Any,  # a libyaml or a ruamel.yaml node: same attributes, different classes
    path: Path_,
    doc: SourceDoc,
    lines: list[str],
    offset: int,
    diags: list[Diagnostic],
) -> Any:
    start = _mark_pos(node, offset)
    doc.values.setdefault(path, start)
    if node.id == "mapping":
        out: dict[str, Any] = {}
        first_seen: dict[str, Pos] = {}
        for knode, vnode in node.value:
            key = resolve_scalar(knode) if knode.id == "scalar" else None
            kpos = _mark_pos(knode, offset)
            if key is None or not isinstance(key, (str, int, float, bool)) or isinstance(key, bool):
                diags.append(
                    _diag(
                        doc,
                        R_KEY_TYPE,
                        kpos,
                        "cette clé n'est pas un simple mot",
                        "écrivez une clé comme « titre: » en début de ligne",
                        path,
                    )
                )
                continue
            key = str(key)
            if key in first_seen:
                prev = first_seen[key]
                diags.append(
                    _diag(
                        doc,
                        R_DUP,
                        kpos,
                        f"la clé « {key} » apparaît deux fois (lignes {prev.line} et {kpos.line})",
                        "gardez une seule de ces lignes",
                        path + (key,),
                    )
                )
                continue
            first_seen[key] = kpos
            sub = path + (key,)
            doc.keys[sub] = kpos
            out[key] = _build(vnode, sub, doc, lines, offset, diags)
            if out[key] is None:
                _check_hash_comment(doc, knode, sub, lines, offset, diags)
        return out
    if node.id == "sequence":
        items = []
        for i, item in enumerate(node.value):
            sub = path + (i,)
            value = _build(item, sub, doc, lines, offset, diags)
            if value is None:
                _check_hash_comment(doc, item, sub, lines, offset, diags, dash=True)
            items.append(value)
        return items
    value = resolve_scalar(node)
    doc.spans.setdefault(path, (start, Pos(node.end_mark.line + 1 + offset, node.end_mark.column + 1)))
    if not node.style:
        _check_tag(doc, node, path, lines, offset, diags)
    if not node.style and value is not None:  # libyaml marks plain scalars with '', ruamel with None
        _check_hashtag_tail(doc, node, path, lines, offset, diags)
    if not node.style and isinstance(value, (int, float)) and not isinstance(value, bool):
        doc.raw[path] = node.value
    return value


def _check_hash_comment(
    doc: SourceDoc,
    node: Node,
    path: Path_,
    lines: list[str],
    offset: int,
    diags: list[Diagnostic],
    dash: bool = False,
) -> None:
    line_no = node.start_mark.line
    if not 0 <= line_no < len(lines):
        return
    text = lines[line_no]
    pattern = _HASH_AFTER_DASH if dash else _HASH_AFTER_COLON
    m = pattern.search(text)
    if not m:
        return
    doc.explained.add(path)
    hash_col = text.index("#", m.start()) + 1
    word = text[hash_col - 1 :].split()[0]
    diags.append(
        _diag(
            doc,
            R_HASH,
            Pos(line_no + 1 + offset, hash_col),
            f"« {word} » est lu comme un commentaire : le champ {format_path(path)} est vide",
            f'mettez la valeur entre guillemets : "{word}"',
            path,
            edit=(line_no + 1 + offset, hash_col, hash_col + len(word), _quoted(word)),
        )
    )


def _check_tag(
    doc: SourceDoc, node: ScalarNode, path: Path_, lines: list[str], offset: int, diags: list[Diagnostic]
) -> None:
    """« titre: !Urgent réunion » : YAML takes « !Urgent » for a tag and drops it from the text."""
    start = node.start_mark
    if not 0 <= start.line < len(lines):
        return
    if not lines[start.line].startswith("!", start.column) or node.value.startswith("!"):
        return
    src = lines[start.line][start.column :]
    tag = src.split()[0] if src.split() else "!"
    doc.explained.add(path)
    raw = src.split(" #")[0].strip()
    whole = raw.replace('"', '\\"')
    single = node.end_mark.line == start.line
    diags.append(
        _diag(
            doc,
            R_TAG,
            Pos(start.line + 1 + offset, start.column + 1),
            f"« {tag} » en début de valeur est lu comme une étiquette YAML : il disparaît du texte",
            f'mettez toute la valeur entre guillemets : "{whole}"',
            path,
            edit=(start.line + 1 + offset, start.column + 1, start.column + 1 + len(raw), _quoted(raw)) if single else None,
        )
    )


def _check_hashtag_tail(
    doc: SourceDoc, node: ScalarNode, path: Path_, lines: list[str], offset: int, diags: list[Diagnostic]
) -> None:
    end = node.end_mark
    if not 0 <= end.line < len(lines):
        return
    if lines[end.line].find("#", end.column) == -1:
        return
    rest = lines[end.line][end.column :]
    if not _HASHTAG_TAIL.match(rest):
        return
    col = end.column + rest.index("#") + 1
    lost = rest.strip()
    whole = (node.value + " " + lost).replace('"', '\\"')
    start = node.start_mark
    line_end = len(lines[end.line].rstrip()) + 1
    diags.append(
        _diag(
            doc,
            R_HASH_TAIL,
            Pos(end.line + 1 + offset, col),
            f"« {lost} » est lu comme un commentaire : il manque à {format_path(path)}",
            f'mettez toute la valeur entre guillemets : "{whole}"',
            path,
            edit=(end.line + 1 + offset, start.column + 1, line_end, _quoted(node.value + " " + lost))
            if start.line == end.line else None,
        )
    )
