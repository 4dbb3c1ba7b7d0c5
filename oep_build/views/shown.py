"""What one audience is shown at one moment, computed once per (project, audience, now).

:func:`views_for` returns the :class:`Views` of a run: the site's pages, the
kits' editions and the kit checks of ``oep check`` all ask it, so a post's
published text, a kit's list of pieces or an object's visibility is worked out
once and read everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..context import Context
from ..diagnostics import Diagnostic
from ..model import Kit
from ..model.content import Post, Visuel
from .kits import Edition, Section, gather_editions, kit_sections
from .posts import PublishedText, published_texts

__all__ = ["Views", "views_for"]


@dataclass
class Views:
    """The views of one audience (``public`` or ``interne``) at ``ctx.now``."""

    ctx: Context
    audience: str
    _seen: dict[int, bool] = field(default_factory=dict, repr=False)
    _posts: dict[int, list[PublishedText]] = field(default_factory=dict, repr=False)
    _sections: dict[int, tuple[list[Section], list[Diagnostic]]] = field(default_factory=dict, repr=False)
    _editions: tuple[list[Edition], list[Diagnostic]] | None = field(default=None, repr=False)

    def visible(self, obj: Any) -> bool:
        """Whether ``obj`` is shown to this audience (asked thousands of times: decided once per object)."""
        key = id(obj)
        if key not in self._seen:
            self._seen[key] = self.ctx.visible(obj, self.audience)
        return self._seen[key]

    def posts(self, post: Post) -> list[PublishedText]:
        """Every network's version of ``post`` as it goes out, with its count."""
        key = id(post)
        if key not in self._posts:
            self._posts[key] = published_texts(self.ctx.project, post)
        return self._posts[key]

    def post_visuels(self, post: Post) -> list[Visuel]:
        """The visuels attached to ``post`` that this audience may see, in the post's order."""
        return [v for v in self.ctx.project.post_visuels(post) if self.visible(v)]

    def sections(self, kit: Kit) -> list[Section]:
        """The pieces of ``kit`` this audience sees, under their section titles (site page and PDF alike)."""
        return self._kit(kit)[0]

    def _kit(self, kit: Kit) -> tuple[list[Section], list[Diagnostic]]:
        key = id(kit)
        if key not in self._sections:
            diags: list[Diagnostic] = []
            self._sections[key] = (kit_sections(self.ctx, kit, self.audience, diags), diags)
        return self._sections[key]

    def editions(self) -> tuple[list[Edition], list[Diagnostic]]:
        """Every PDF this audience gets, and what was left out of them (said as diagnostics)."""
        if self._editions is None:
            self._editions = gather_editions(self.ctx, self.audience, self._kit)
        editions, diags = self._editions
        return list(editions), list(diags)


def views_for(ctx: Context, audience: str) -> Views:
    """The :class:`Views` of ``audience`` for this run (one per project, audience and moment)."""
    key = ("views", audience, ctx.now)
    if key not in ctx.memo:
        ctx.memo[key] = Views(ctx, audience)
    view: Views = ctx.memo[key]
    return view
