"""The only module that imports MkDocs: a generated config, a build, a preview server.

The generated config (:mod:`.config`) ``INHERIT``s the root ``mkdocs.yml``; the same
file also builds with ``mkdocs build -f build/mkdocs-public.yml`` or ProperDocs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..logger import engine_warnings
from . import config
from .mkdocs_cache import keep_compiled_templates

__all__ = ["NAME", "build_html", "serve_preview", "write_config"]

# Silence Material's MkDocs 2.0 banner; must be set before Material is imported.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

NAME = "mkdocs"
HOOKS = Path(__file__).resolve().parent / "mkdocs_hooks.py"


def write_config(path: Path, *, preview: bool = False, **kwargs: Any) -> bool:
    """The generated config for MkDocs (see :func:`.config.write_config`), with our hooks
    (accent-free search, theme markup fixes: :mod:`.mkdocs_hooks`). The same for ``oep serve``
    (``preview``): its server puts the banner in each page itself."""
    return config.write_config(path, lists_replace=True, hooks=[HOOKS], **kwargs)


def build_html(config_file: Path, site_dir: Path) -> list[str]:
    """Build the site of ``config_file`` into ``site_dir``; return MkDocs' warnings."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with engine_warnings("mkdocs") as warnings:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir))
        keep_compiled_templates(config)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    return warnings


def serve_preview(regen: Any, dev_addr: str, subscribe: Callable[[Callable[[], None]], None]) -> None:
    """``oep serve`` with MkDocs: see :mod:`.mkdocs_preview`."""
    from .mkdocs_preview import serve_preview as serve

    serve(regen, dev_addr, subscribe)
