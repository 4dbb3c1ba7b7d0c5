"""Stand-ins for objects that failed validation, so their references are still checked.

Staff fix a file in one go only if every problem shows in one run: an object
with one bad date must still have its unknown ``pilote`` reported. The stand-in
replaces each invalid value by a neutral one of the right type (references get
:data:`PLACEHOLDER`, which the reference checks skip) and drops unknown keys;
it remembers which fields it touched, so that a check reading none of them can
judge it too (:meth:`oep_build.model.Project.checkable`).
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .base import PLACEHOLDER
from .errors import _model_at, _unwrap, closest, suggest_key

__all__ = ["PLACEHOLDER", "Touch", "salvage"]

_GIVE_UP = object()


Touch = tuple[str] | tuple[str, int | str]
"""What a stand-in's neutral values replaced: a whole top-level field (``("debut",)``), or one item
of a top-level list or table (``("temps_forts", 2)``, ``("declinaisons", "x")``), the others left
as written."""


def salvage(cls: type[BaseModel], data: dict[str, Any]) -> tuple[BaseModel | None, frozenset[Touch]]:
    """``cls`` validated from ``data`` with its invalid values neutralised (or ``None``), and what
    those neutral values replaced: a check that reads none of it judges the stand-in as it
    would judge the corrected object."""
    fixed = copy.deepcopy(data)
    touched: set[Touch] = set()
    neutralised: set[tuple[Any, ...]] = set()
    for _ in range(4):  # a replaced container may reveal errors inside it
        try:
            return cls.model_validate(fixed), frozenset(touched)
        except ValidationError as exc:
            dropped: list[tuple[Any, ...]] = []
            for err in exc.errors(include_url=False):
                raw = tuple(err["loc"])
                if raw[-1:] == ("[key]",):  # a bad key of a table (« Mastodon: »): its entry goes
                    loc = _existing(fixed, raw[:-1])
                    touched.add(_touch(loc))
                    _delete(fixed, loc)
                    continue
                loc = _existing(fixed, raw)
                touched.add(_touch(loc))
                if err["type"] == "extra_forbidden":
                    _delete(fixed, loc)
                    if len(loc) == 1:  # « lein: » is « lien: » misspelt: that field kept its default
                        defaulted = [name for name in cls.model_fields if name not in fixed]
                        meant = set(suggest_key(str(loc[0]), defaulted)) | set(closest(str(loc[0]), defaulted))
                        touched |= {(name,) for name in meant}
                    continue
                placed = _place_neutral(cls, fixed, loc, neutralised, dropped)
                if placed is None:
                    return None, frozenset(touched)
                if placed != loc:
                    touched.add((str(placed[0]),))
            for loc in sorted(set(dropped), reverse=True):  # the last items first: the indices still hold
                _delete(fixed, loc)
                touched.add((str(loc[0]),))  # the items after it moved: the whole list is touched
    return None, frozenset(touched)


def _place_neutral(
    cls: type[BaseModel],
    data: dict[str, Any],
    loc: tuple[Any, ...],
    neutralised: set[tuple[Any, ...]],
    dropped: list[tuple[Any, ...]],
) -> tuple[Any, ...] | None:
    """Put a neutral value at ``loc``, or, when none passes (a hashtag without « # », a text where
    a table is expected, a département), drop the list item holding it or neutralise the
    optional value holding it. The place used, or ``None`` when nothing can stand in."""
    target = loc
    while target:
        value = _GIVE_UP if target in neutralised else _neutral(_model_at(cls, target))
        if value is not _GIVE_UP:
            if not _put(data, target, value):
                return None
            neutralised.add(target)
            return target
        if isinstance(target[-1], int):
            dropped.append(target)  # the whole item goes (after this round: the indices still hold)
            return target
        target = target[:-1]
    return None


def _touch(loc: tuple[Any, ...]) -> Touch:
    """The field, or the item of a top-level list or table, that an error at ``loc`` is in."""
    if len(loc) >= 2:
        return (str(loc[0]), loc[1])
    return (str(loc[0]) if loc else "",)


def _existing(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """``loc`` without the union-member tags pydantic appends (``'str'``, ``'function-before[…]'``)."""
    out: list[Any] = []
    cur = data
    for part in loc:
        if isinstance(cur, dict) and isinstance(part, str):
            out.append(part)
            cur = cur.get(part)
        elif isinstance(cur, list) and isinstance(part, int) and part < len(cur):
            out.append(part)
            cur = cur[part]
        elif cur is None and isinstance(part, str) and not out:
            out.append(part)
            break
        else:
            # a missing required key: its name is the last real part
            if isinstance(cur, dict) and isinstance(part, str):
                out.append(part)
            break
    return tuple(out)


def _neutral(tp: Any) -> Any:
    kinds = _unwrap(tp)
    if type(None) in kinds:
        return None
    for t in kinds:
        origin = typing.get_origin(t)
        if origin is list:
            return []
        if origin is dict:
            return {}
        if not isinstance(t, type):
            continue
        if issubclass(t, enum.Enum):
            return next(iter(t)).value
        if issubclass(t, bool):
            return False
        if issubclass(t, int):
            return 0
        if issubclass(t, float):
            return 0.0
        if issubclass(t, dt.datetime):
            return dt.datetime(2000, 1, 1)
        if issubclass(t, dt.date):
            return dt.date(2000, 1, 1)
        if issubclass(t, str):
            return PLACEHOLDER
    return _GIVE_UP


def _put(data: Any, loc: tuple[Any, ...], value: Any) -> bool:
    if not loc:
        return False
    cur = data
    for part in loc[:-1]:
        try:
            cur = cur[part]
        except (KeyError, IndexError, TypeError):
            return False
    try:
        cur[loc[-1]] = value
    except (IndexError, TypeError):
        return False
    return True


def _delete(data: Any, loc: tuple[Any, ...]) -> None:
    cur = data
    for part in loc[:-1]:
        try:
            cur = cur[part]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(cur, dict):
        cur.pop(loc[-1], None)
    elif isinstance(cur, list) and isinstance(loc[-1], int) and loc[-1] < len(cur):
        del cur[loc[-1]]
