"""A content body on a site page: rendered and sanitised once, its links and images as the built page needs them."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from ...model import where
from ...safety import safe_body
from ...views.images import body_image, body_image_path
from .common import SiteContext, link, relative

__all__ = ["body_base", "body_images", "page_href", "site_body"]


def site_body(sc: SiteContext, obj: Any, text: str, here: str, scope: str = "") -> Markup:
    """``text`` (``obj``'s body, or a part of it) for the page ``here``: links pointing at built
    pages, images copied next to the pages; ``scope`` keeps footnote ids unique on the page."""
    base = body_base(here)
    images = body_images(sc, obj, lambda site_path: link(here, site_path))
    return Markup(safe_body(text, scope=scope, links=lambda href: page_href(base, href), images=images))


def body_images(sc: SiteContext, obj: Any, address: Callable[[str], str]) -> Callable[[str], str | None]:
    """Where each image of ``obj``'s body is found: a file of the project is copied next to the
    pages and shown at ``address(its path in the docs folder)``; None for another site's image
    or a file that cannot be published (``oep check`` said why): the text alternative instead."""
    root = Path(sc.project.root)
    source = where(obj).file

    def resolve(src: str) -> str | None:
        found = body_image(root, source, src)
        rel = found[0] if found is not None else None  # None for another site's image: never loaded
        if rel is None:
            return None
        site_path = body_image_path(rel)
        sc.copies[site_path] = root / rel
        return address(quote(site_path))  # a name with spaces or accents, as an address

    return resolve


def body_base(here: str) -> str:
    """Where the relative links of a body start from: the page as its author pictured it.

    A hand page's links are written from ``content/pages/<id>.md``, so from ``pages/<id>.md``.
    """
    return here.removesuffix("/index.md") + ".md" if here.startswith(("pages/", "kits/", "actualites/")) else here


def page_href(here: str, href: str) -> str:
    """A link written in a body, as the built page needs it: ``x.md`` becomes the page's URL.

    Bodies reach the engine as HTML, where it no longer resolves ``.md`` links:
    this does what it would (directory URLs, ``index.md`` is its folder).
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
        return href
    target = posixpath.normpath(posixpath.join(posixpath.dirname(here), parts.path))[: -len(".md")]
    folder = target.removesuffix("index").rstrip("/") if target.endswith(("/index", "index")) else target
    page_dir = posixpath.dirname(here) if here.endswith("index.md") else here[: -len(".md")]
    rel = relative(folder, page_dir)
    url = "./" if rel == "." else rel + "/"
    return url + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
