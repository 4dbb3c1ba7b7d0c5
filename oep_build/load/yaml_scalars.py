"""YAML 1.2 core schema for plain scalars: what a value written without quotes means.

libyaml and ruamel.yaml only compose (no tag resolution): « yes » stays text,
« 2026-02-06 » is a date, « 010 » the number 10, quoted values stay strings.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

__all__ = ["resolve_scalar"]

_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULL = {"", "~", "null", "Null", "NULL"}
_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*|0[0-9_]+)$")
_OCT = re.compile(r"^0o[0-7_]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F_]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMERIC_START = frozenset("0123456789+-.")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(\.\d*)?")


def resolve_scalar(node: Any) -> Any:
    """Resolve a plain scalar the YAML 1.2 core way; quoted scalars stay strings."""
    v: str = node.value
    if node.style == ">":
        # ruamel's round-trip scanner marks each fold of a folded scalar with "\a".
        return v.replace("\a", "")
    if node.style:
        return v
    if v in _NULL:
        return None
    if v in _BOOL:
        return _BOOL[v]
    if v[0] not in _NUMERIC_START:  # most values: text, no number nor date to try
        return v
    try:
        if _INT.match(v):
            return int(v.replace("_", ""), 10)
        if _OCT.match(v):
            return int(v[2:].replace("_", ""), 8)
        if _HEX.match(v):
            return int(v[2:].replace("_", ""), 16)
        if _FLOAT.match(v) and any(c.isdigit() for c in v):
            return float(v.replace("_", ""))
        if _DATE.match(v):
            return dt.date.fromisoformat(v)
        if _DATETIME.match(v):
            return dt.datetime.fromisoformat(re.sub(r"[ \t]+", " ", v).replace("t", "T"))
    except ValueError:
        return v
    if v in (".inf", ".Inf", "+.inf", "-.inf", ".nan", ".NaN"):
        return v  # never useful in content; keep as text so the model complains
    return v
