"""Adapters to external site engines. Only these modules import an engine.

Every engine module offers the same functions: ``config_path``, ``write_config``
(through :mod:`.config`), ``build_html`` and ``serve_preview``.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

__all__ = ["DEFAULT_ENGINE", "ENGINES", "engine", "engine_of"]

ENGINES = ("mkdocs", "zensical")
"""The names `moteur:` in content/site.yml and ``--moteur`` accept."""
DEFAULT_ENGINE = "mkdocs"
"""MkDocs stays the default while Zensical is a 0.0.x release (see the README)."""


def engine_of(site: Any) -> str:
    """The engine ``moteur:`` of content/site.yml names (the default without a site)."""
    return str(getattr(site, "moteur", None) or DEFAULT_ENGINE)


def engine(name: str) -> ModuleType:
    """The adapter module of engine ``name``."""
    if name not in ENGINES:
        raise ValueError(f"moteur {name!r} ({' ou '.join(ENGINES)})")
    return importlib.import_module(f".{name}_engine", __name__)
