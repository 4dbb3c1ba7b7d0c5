"""Material's compiled templates kept between MkDocs builds, in the project's cache."""

from __future__ import annotations

from typing import Any

__all__ = ["keep_compiled_templates"]


def theme_bytecode_cache() -> Any:
    """The cache of the theme's compiled templates (None where none can be kept)."""
    from mkdocs import __version__ as mkdocs_version

    from ..render.templating import bytecode_cache

    return bytecode_cache(f"mkdocs {mkdocs_version} theme")


def compiled_templates_plugin(cache: Any) -> Any:
    """A MkDocs plugin (the public ``on_env`` event) that gives the theme's Jinja environment
    the project's cache of compiled templates: Material's templates take a good part of a
    small build to compile, and only an edited one is compiled again."""
    from mkdocs.plugins import BasePlugin

    class CompiledTemplates(BasePlugin):
        def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:
            env.bytecode_cache = cache
            return env

    return CompiledTemplates()


def keep_compiled_templates(config: Any) -> None:
    """Give the theme's Jinja environment of this build the cache of compiled templates."""
    cache = theme_bytecode_cache()
    if cache is not None:
        config.plugins["oep-gabarits-compiles"] = compiled_templates_plugin(cache)
