"""Where links in a kit point: in-PDF anchors, or absolute public URLs.

A printed kit has no "current directory": a relative link would become a
``file:`` URI pointing at the machine that built it. Every ``href`` the kit
HTML holds is therefore ``#anchor``, ``https://…``, ``mailto:`` or ``tel:``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ...model import PIECE_FOLDERS, Project
from ...safety import url_problem

__all__ = ["LinkResolver", "Resolved", "kit_page_url", "public_url"]

_EXTERNAL = ("http", "https", "mailto", "tel")
_SUFFIXES = (".md", ".yml", ".yaml")


def kit_page_url(site_url: str, kit_id: str) -> str:
    return f"{site_url}kits/{kit_id}/"


def public_url(site_url: str, path: str) -> str:
    """``/agir/`` or ``agir/`` on the public site."""
    return site_url + path.lstrip("/")


@dataclass(frozen=True)
class Resolved:
    href: str | None
    """The href to write, or None when the link must become plain text."""
    problem: str = ""
    """Why the link was dropped (French), for the diagnostic."""


@dataclass
class LinkResolver:
    """Resolve the links written in one piece's Markdown body."""

    project: Project
    site_url: str
    in_kit: dict[tuple[str, str], str]
    """(folder, id) of every piece of this edition -> its anchor."""
    anchors: set[str] = field(default_factory=set)
    """Every anchor of the edition (pieces, sources)."""
    is_visible: object = None
    """``callable(obj) -> bool``: may the audience see ``obj``?"""

    def resolve(self, href: str, source_file: str) -> Resolved:
        href = href.strip()
        if not href:
            return Resolved(None, "lien vide")
        if href.startswith("#"):
            if href[1:] in self.anchors:
                return Resolved(href)
            return Resolved(None, f"ancre « {href} » absente du kit")
        parts = urlsplit(href)
        if parts.scheme:
            if parts.scheme.lower() in _EXTERNAL and not url_problem(href):
                return Resolved(href)
            return Resolved(None, f"adresse « {href} » non publique (schéma {parts.scheme}:)")
        if problem := url_problem(href):  # a scheme hidden behind entities or invisible characters
            return Resolved(None, f"adresse « {href} » refusée : {problem}")
        piece = self._piece_target(parts.path, source_file)
        if piece is not None:
            return piece
        if href.startswith("/"):
            return Resolved(public_url(self.site_url, href))
        return Resolved(None, f"« {href} » est un chemin local : il ne mène nulle part une fois imprimé")

    def _piece_target(self, path: str, source_file: str) -> Resolved | None:
        """``../argumentaires/x.md``, ``argumentaires/x`` or ``/kits/x`` as a piece reference."""
        clean = path
        for suffix in _SUFFIXES:
            clean = clean.removesuffix(suffix)
        if not path.startswith("/"):
            clean = posixpath.normpath(posixpath.join(posixpath.dirname(source_file), clean))
        segments = [s for s in clean.strip("/").split("/") if s]
        if len(segments) < 2 or segments[-2] not in PIECE_FOLDERS:
            return None
        folder, oid = segments[-2], segments[-1]
        if (folder, oid) in self.in_kit:
            return Resolved("#" + self.in_kit[(folder, oid)])
        target = self.project.piece(f"{folder}/{oid}")
        if target is None:
            return Resolved(None, f"« {folder}/{oid} » n'existe pas")
        if callable(self.is_visible) and not self.is_visible(target):
            return Resolved(None, f"« {folder}/{oid} » n'est pas public")
        if folder == "kits":
            return Resolved(kit_page_url(self.site_url, oid))
        cid = self.project.campagne_id_of(target)
        if cid is None:
            return Resolved(None, f"« {folder}/{oid} » n'a pas de page publique")
        return Resolved(f"{self.site_url}campagnes/{cid}/")
