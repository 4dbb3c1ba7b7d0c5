"""Field docstrings: the string literal written right after a field annotation.

They document each field for staff (« Guide de saisie », hints in diagnostics,
JSON Schema descriptions, comments of ``oep new``). Pydantic can read them
itself (``use_attribute_docstrings``), but it then calls ``inspect.getsource``
and ``ast.parse`` for every model class at import time. Here each module's
source is parsed once, on first use, with pydantic's rules: the literal must
directly follow an annotated assignment and is cleaned with ``inspect.cleandoc``.
An explicit ``Field(description=...)`` still wins.
"""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import sys
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

__all__ = ["class_field_docs", "field_doc"]


def field_doc(cls: type[BaseModel], name: str) -> str | None:
    """The description of field ``name`` of ``cls``: explicit, else its docstring; None if neither."""
    return class_field_docs(cls).get(name)


@functools.cache
def class_field_docs(cls: type[BaseModel]) -> Mapping[str, str]:
    """Field name -> description, for every field of ``cls`` that has one (inherited fields included).

    Cached: the mapping is shared, do not modify it.
    """
    out: dict[str, str] = {}
    for name, info in cls.model_fields.items():
        doc = info.description if info.description is not None else _declared_doc(cls, name)
        if doc is not None:
            out[name] = doc
    return out


def _declared_doc(cls: type, name: str) -> str | None:
    """The docstring of ``name`` in the class that declares it (annotates it), as pydantic would see it."""
    for klass in cls.__mro__:
        if name in inspect.get_annotations(klass):
            return _module_docs(klass.__module__).get(klass.__qualname__, {}).get(name)
    return None


@functools.cache
def _module_docs(module_name: str) -> dict[str, dict[str, str]]:
    """Class qualified name -> {attribute: cleaned docstring}, for every class of a module."""
    module = sys.modules.get(module_name)
    try:
        source = inspect.getsource(module) if module is not None else ""
    except (OSError, TypeError):  # no source file (interactive session, frozen module…)
        return {}
    out: dict[str, dict[str, str]] = {}
    _collect(ast.parse(source), "", out)
    return out


def _collect(node: ast.AST, prefix: str, out: dict[str, dict[str, str]]) -> None:
    """Record the attribute docstrings of every class under ``node``, keyed like ``__qualname__``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.ClassDef):
            qualname = prefix + child.name
            out[qualname] = _attribute_docs(child.body)
            _collect(child, qualname + ".", out)
        elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
            _collect(child, f"{prefix}{child.name}.<locals>.", out)
        elif not isinstance(child, ast.expr):  # no class is defined inside an expression
            _collect(child, prefix, out)


def _attribute_docs(body: list[ast.stmt]) -> dict[str, str]:
    """``name: T = …`` directly followed by a string literal, in a class body."""
    docs: dict[str, str] = {}
    for previous, stmt in itertools.pairwise(body):
        if isinstance(previous, ast.AnnAssign) and isinstance(previous.target, ast.Name):
            text = _string_literal(stmt)
            if text is not None:
                docs[previous.target.id] = inspect.cleandoc(text)
    return docs


def _string_literal(stmt: ast.stmt) -> str | None:
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
        value: Any = stmt.value.value
        return value if isinstance(value, str) else None
    return None
