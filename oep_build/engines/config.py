"""The generated engine config: the root ``mkdocs.yml`` + what comes from the content.

The file lives in ``build/`` and every path in it is relative to that folder, so
``build/`` can be moved and ``mkdocs build -f build/mkdocs-public.yml`` writes into
``build/site-mkdocs-public/``, never into the live ``site/`` (``oep build`` passes its own
output folder). Each engine has its own folder: one never sees the other's files. No engine is imported here: both adapters call :func:`write_config`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from ..output import write_file

__all__ = ["OUR_CSS", "OUR_JS", "PREVIEW_SUFFIX", "config_path", "engine_site_dir", "theme_problem", "write_config"]

OUR_CSS = "assets/stylesheets/oep-pages.css"
OUR_JS = "assets/javascripts/oep.js"
PREVIEW_SUFFIX = "-apercu"
"""Ends the names of what ``oep serve`` writes under ``build/`` (docs folder, config, engine output)."""


class _Lenient(yaml.SafeLoader):
    """Reads the root config without executing its ``!!python/name`` tags."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def theme_problem(base: Path) -> tuple[str, str] | None:
    """Why the theme at ``base`` (the root ``mkdocs.yml`` and its ``custom_dir``) cannot build a
    site, as (what, how to fix) in French; None when it can."""
    if not base.is_file():
        return (f"{base.name} manque à la racine du projet : le site ne peut pas être construit",
                "copiez mkdocs.yml et overrides/ du dépôt d’oep-build (thème, extensions Markdown, recherche)")
    try:
        root = yaml.load(base.read_text(encoding="utf-8"), Loader=_Lenient) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return (f"{base.name} n’est pas un fichier YAML lisible", "corrigez-le ou reprenez celui du dépôt d’oep-build")
    theme = root.get("theme") if isinstance(root, dict) else None
    custom = (theme.get("custom_dir") if isinstance(theme, dict) else None) or "overrides"
    if not isinstance(custom, str) or not (base.parent / custom).is_dir():
        return (f"le dossier de gabarits « {custom} » (theme.custom_dir de {base.name}) n’existe pas",
                "copiez overrides/ du dépôt d’oep-build à la racine du projet, ou corrigez theme.custom_dir")
    return None


def config_path(root: Path, engine: str, audience: str, preview: bool = False) -> Path:
    """``build/<engine>-<audience>.yml``, or ``build/<engine>-<audience>-apercu.yml`` for ``oep serve``:
    a build and a preview running side by side never share the engine's output folder."""
    return root / "build" / f"{engine}-{audience}{PREVIEW_SUFFIX if preview else ''}.yml"


def engine_site_dir(config: Path) -> Path:
    """Where the engine builds when nobody says otherwise: ``build/site-<engine>-<audience>/``."""
    return config.parent / f"site-{config.stem}"


def write_config(
    path: Path,
    *,
    base: Path,
    docs_dir: Path,
    nav: list[Any],
    settings: dict[str, Any],
    lists_replace: bool = True,
    hooks: list[Path] | None = None,
    scripts: list[str] | None = None,
) -> bool:
    """Write the generated config at ``path`` (only if it changed); return whether it did.

    ``lists_replace``: MkDocs' ``INHERIT`` replaces the root's lists (so ours repeat
    its entries); Zensical's appends to them (so ours hold only the new entries).
    ``hooks``: engine hook files (MkDocs), written relative to ``path``'s folder like the rest.
    ``scripts``: more scripts for every page, after ours (the preview's banner with Zensical).
    """
    root = yaml.load(base.read_text(encoding="utf-8"), Loader=_Lenient) or {}
    here = path.parent.resolve()
    custom_dir = (base.parent / ((root.get("theme") or {}).get("custom_dir") or "overrides")).resolve()
    # Zensical's own look ("modern") differs from Material's; "classic" is Material's, MkDocs ignores it.
    theme: dict[str, Any] = {"name": "material", "custom_dir": _rel(custom_dir, here), "variant": "classic"}
    if settings.get("logo"):
        theme["logo"] = settings["logo"]
        theme["favicon"] = settings["logo"]
    css = settings.get("extra_css", []) + [OUR_CSS]
    js = [OUR_JS, *(scripts or [])]
    config: dict[str, Any] = {
        "INHERIT": _rel(base.resolve(), here),
        "site_name": settings["site_name"],
        "site_url": settings["site_url"] or None,
        "site_description": settings["site_description"],
        "copyright": settings["copyright"],
        "docs_dir": _rel(docs_dir.resolve(), here),
        "site_dir": _rel(engine_site_dir(path).resolve(), here),
        "theme": theme,
        "extra_css": _merged(root.get("extra_css"), css) if lists_replace else _new(root.get("extra_css"), css),
        "extra_javascript": _merged(root.get("extra_javascript"), js) if lists_replace else _new(root.get("extra_javascript"), js),
        "extra": {
            "audience": settings["audience"],
            "og_image": settings.get("og_image", ""),
            "og_image_alt": settings.get("og_image_alt", ""),
            "feed": settings.get("feed", ""),
            "feed_title": settings.get("feed_title", ""),
            # oep serve: the content has errors, the theme shows a banner (overrides/main.html)
            **({"oep_erreurs": settings["oep_erreurs"]} if settings.get("oep_erreurs") else {}),
        },
        "nav": nav,
        **({"hooks": _merged(root.get("hooks"), [_rel(h.resolve(), here) for h in hooks])} if hooks else {}),
        # Generated pages link to each other by .md path: a broken one is our bug, say it.
        "validation": {"links": {"not_found": "warn", "anchors": "warn", "unrecognized_links": "warn"}},
    }
    key, last = repr(config), _DUMPED.get(path)
    if last is not None and last[0] == key:
        text = last[1]
    else:
        text = "# Generated by oep build — do not edit; change mkdocs.yml or the content instead.\n"
        text += yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)
        _DUMPED[path] = (key, text)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    write_file(path, text.encode("utf-8"))  # replaces a link committed at that place, never writes through it
    return True


_DUMPED: dict[Path, tuple[str, str]] = {}
"""The last config written at each path, by the ``repr`` of its values: ``oep serve`` writes it
after every save, and dumping a 500-entry menu as YAML costs more than the rest."""


def _rel(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()


def _merged(inherited: Any, ours: list[str]) -> list[str]:
    out = [x for x in (inherited or []) if isinstance(x, str)]
    return out + [x for x in ours if x not in out]


def _new(inherited: Any, ours: list[str]) -> list[str]:
    return [x for x in ours if x not in (inherited or [])]
