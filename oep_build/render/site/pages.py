"""Hand-written pages from content/pages/, merged into the generated site."""

from __future__ import annotations

import re

from ...model.content import Page as PageSource
from ...safety import markdown_text
from .bodies import site_body
from .common import Page, SiteContext, page_path
from .reuse import kept_page

__all__ = ["render_hand_pages", "visible_hand_pages"]

_H1 = re.compile(r"^\s*#\s+\S")


def visible_hand_pages(sc: SiteContext) -> list[PageSource]:
    """Pages this audience sees, in menu order (``ordre`` then title)."""
    pages = [
        p
        for p in sc.project.pages.values()
        if sc.visible(p) and (sc.interne or p.audience != "equipe")
    ]
    return sorted(pages, key=lambda p: (p.ordre, p.titre))


def render_hand_pages(sc: SiteContext) -> list[Page]:
    # Kept by ``oep serve`` while content/ is unchanged: a page reads only itself.
    return [kept_page(sc, ("page",), p, _hand_page, sc, p) for p in visible_hand_pages(sc)]


def _hand_page(sc: SiteContext, p: PageSource) -> Page:
    body = sc.project.body_of(p).strip()
    head = f"# {markdown_text(p.titre)}\n\n" if not _H1.match(body) else ""
    badges = sc.badges(p)
    if badges and head:
        head += badges + "\n\n"
    here = page_path(p.id or "")
    unlisted = not sc.interne and not p.menu_public
    return Page(here, p.titre, head + site_body(sc, p, body, here), description=p.description, unlisted=unlisted)
