"""Where a public object shows on the site: the one mapping ``oep diff`` uses.

Page paths come from the site builder (``oep_build.render.site.common``) so the
diff follows it when pages move; PDF and calendar paths are those of
``render/kits`` (``Edition.rel_path``) and ``render/ics.py``. A test builds the
example site and checks that every path given here exists in it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Project
from ..render.site.agenda import ONLINE, agenda_departement_path
from ..render.site.common import (
    ACTUALITES,
    ACTUALITES_FEED,
    AGENDA,
    CAMPAGNES,
    COMITES,
    KITS,
    article_path,
    campaign_articles_path,
    campaign_feed_path,
    campaign_path,
    docs_to_url,
    kit_path,
    page_path,
)

__all__ = ["HOME_URL", "SITE_PAGES", "docs_to_url", "in_public_site", "public_urls"]

# The home page lists running campaigns, the latest kits and the committee count.
HOME_URL = "index.html"

# Kinds that are only shown inside the kits that include them (and their PDFs)
_PIECES = ("edl", "argumentaires", "guides", "posts", "visuels", "evenements")


# Pages the site always has, whatever the content: a change can modify them, never add or remove them.
SITE_PAGES = (
    HOME_URL,
    docs_to_url(CAMPAGNES),
    docs_to_url(KITS),
    docs_to_url(AGENDA),
    docs_to_url(COMITES),
    docs_to_url(ACTUALITES),
    "agenda.ics",
    ACTUALITES_FEED,
)


def in_public_site(kind: str, obj: Any) -> bool:
    """Public objects the public site still leaves out (staff-only hand pages)."""
    return not (kind == "pages" and getattr(obj, "audience", "tous") == "equipe")


def public_urls(project: Project, kind: str, obj: Any, is_public: Callable[[Any], bool]) -> list[str]:
    """URL paths (from the site root) where the public object ``obj`` of ``kind`` appears.

    ``is_public`` judges the other objects involved (kits that include a piece,
    committees of local editions) at the same instant as ``obj``.
    """
    if not in_public_site(kind, obj):
        return []
    oid = getattr(obj, "id", None) or ""
    urls: list[str] = []
    if kind == "campagnes":
        # its temps forts are in the general calendar feed too; the lists name it
        urls += [docs_to_url(campaign_path(oid)), f"campagnes/{oid}.ics", "agenda.ics"]
        urls += [HOME_URL, docs_to_url(CAMPAGNES)]
    elif kind == "kits":
        urls += _kit_urls(project, obj, is_public)
        urls += [docs_to_url(campaign_path(obj.campagne)), HOME_URL, docs_to_url(KITS)]
    elif kind == "comites":
        urls += [docs_to_url(COMITES), HOME_URL]
    elif kind == "pages":
        urls.append(docs_to_url(page_path(oid)))
    elif kind == "articles":
        urls += [docs_to_url(article_path(oid)), docs_to_url(ACTUALITES), ACTUALITES_FEED]
        cid = project.campagne_id_of(obj)
        if cid:
            urls += [docs_to_url(campaign_path(cid)), docs_to_url(campaign_articles_path(cid)), campaign_feed_path(cid)]
    if kind == "evenements":
        urls += [docs_to_url(AGENDA), "agenda.ics", f"evenements/{oid}.ics"]
        lieu = getattr(obj, "lieu", None)
        urls.append(docs_to_url(agenda_departement_path((lieu.departement if lieu else "") or ONLINE)))
        cid = project.campagne_id_of(obj)
        if cid:
            urls += [docs_to_url(campaign_path(cid)), f"campagnes/{cid}.ics"]
    if kind in _PIECES:
        ref = f"{kind}/{oid}"
        for kit in project.kits.values():
            if is_public(kit) and any(e.ref == ref for e in kit.sommaire):
                urls += _kit_urls(project, kit, is_public)
    return sorted(set(urls))


def _kit_urls(project: Project, kit: Any, is_public: Callable[[Any], bool]) -> list[str]:
    kid = kit.id or ""
    urls = [docs_to_url(kit_path(kid)), f"kits/{kid}.pdf"]
    for cid in kit.declinaisons_locales:
        comite = project.comites.get(cid)
        if comite is not None and is_public(comite):
            urls.append(f"kits/{kid}/{cid}.pdf")
    return urls
