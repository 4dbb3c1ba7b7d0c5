"""« Actualités »: the paginated index, one page per article, the latest on each campaign page.

Which articles a page lists is asked of :class:`SiteContext` (``sc.visible``), like
every other page: an embargoed or draft article is absent from the public pages,
their search index, their sitemap and the Atom feeds (:mod:`.atom`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from ...model import Article, Campagne
from .bodies import site_body
from .common import (
    ACTUALITES,
    ACTUALITES_FEED,
    Page,
    SiteContext,
    article_path,
    articles_page_path,
    campaign_articles_path,
    campaign_feed_path,
    campaign_path,
    datetime_fr,
    docs_to_url,
    link,
    render_template,
)
from .pieces import source_view, visuel_view
from .posts import ShareLink, share_texts

__all__ = [
    "LATEST",
    "PAGE_SIZE",
    "ArticleCard",
    "absolute_url",
    "article_moment",
    "campaign_latest",
    "reading_time",
    "render_article_pages",
    "visible_articles",
]

PAGE_SIZE = 10
"""Articles per page of an index."""
LATEST = 3
"""Articles shown on a campaign page."""
WORDS_PER_MINUTE = 200

_MD_NOISE = re.compile(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|[#*_>`|\[\]]")


@dataclass
class ArticleCard:
    """An article as lists and its own page show it (plain texts: the templates escape them)."""

    id: str
    titre: str
    url: str
    date: str
    """« 19 juillet 2025 à 20 h »."""
    iso: str
    """RFC 3339, for ``<time datetime>``."""
    resume: str
    auteur: str
    lecture: str
    """« 2 min de lecture »."""
    campagne: str = ""
    campagne_url: str = ""
    badges: str = ""
    image: dict[str, Any] | None = None
    paru: bool = True
    """False on the internal site for an article the public does not see yet."""


@dataclass
class _Listing:
    """One page of an index: its cards and the links to its neighbours."""

    path: str
    cards: list[ArticleCard]
    number: int
    total: int
    newer: str = ""
    older: str = ""
    pages: list[dict[str, Any]] = field(default_factory=list)


# -- what is shown ---------------------------------------------------------------


def article_moment(sc_or_tz: Any, a: Article) -> dt.datetime:
    """The publication instant, aware (naive values are in the site's time zone)."""
    tz = sc_or_tz.ctx.tz if isinstance(sc_or_tz, SiteContext) else sc_or_tz
    d = a.date_publication
    return d if d.tzinfo else d.replace(tzinfo=tz)


def visible_articles(sc: SiteContext, cid: str | None = None) -> list[Article]:
    """Articles this audience sees (of one campaign when ``cid``), newest first."""
    items = [a for a in sc.project.articles.values() if sc.visible(a)]
    if cid is not None:
        items = [a for a in items if sc.project.campagne_id_of(a) == cid]
    return sorted(items, key=lambda a: (-article_moment(sc, a).timestamp(), a.id or ""))


def reading_time(text: str) -> str:
    """« 1 min de lecture » at 200 words a minute (Markdown marks and link targets not counted)."""
    words = len(_MD_NOISE.sub(" ", text).split())
    return f"{max(1, math.ceil(words / WORDS_PER_MINUTE))}\u00a0min de lecture"


def author_name(sc: SiteContext, a: Article) -> str:
    """The signing person's display name: the only thing of a person an article publishes."""
    p = sc.project.personnes.get(a.auteur or "")
    return p.nom_affiche if p else ""


def absolute_url(sc: SiteContext, docs_path: str) -> str:
    """Public address of a docs file or page (``site.yml`` url + its directory URL)."""
    base = sc.project.site.url if sc.project.site else ""
    base = base if base.endswith("/") else base + "/"
    return base + docs_to_url(docs_path)


def article_card(sc: SiteContext, a: Article, here: str) -> ArticleCard:
    c = sc.project.campagne_of(a)
    shown = c is not None and sc.visible(c)
    v = sc.project.visuels.get(a.image or "")
    image = visuel_view(sc, v, here) if v is not None and sc.visible(v) else None
    when = article_moment(sc, a)
    return ArticleCard(
        id=a.id or "",
        titre=a.titre,
        url=link(here, article_path(a.id or "")),
        date=datetime_fr(when),
        iso=when.isoformat(),
        resume=" ".join(a.resume.split()),
        auteur=author_name(sc, a),
        lecture=reading_time(a.resume + "\n" + sc.project.body_of(a)),
        campagne=c.titre if shown and c else "",
        campagne_url=link(here, campaign_path(c.id or "")) if shown and c else "",
        badges=sc.badges(a),
        image=image if image and image["url"] else None,
        paru=sc.ctx.visible(a, "public"),
    )


# -- pages ---------------------------------------------------------------------------


def render_article_pages(sc: SiteContext) -> list[Page]:
    """The index (paginated), every visible article, and each campaign's own list."""
    articles = visible_articles(sc)
    pages = _listing_pages(sc, articles, articles_page_path, "Actualités", ACTUALITES_FEED, None)
    for c in sc.campagnes:
        mine = [a for a in articles if sc.project.campagne_id_of(a) == c.id]
        if mine:
            pages += _listing_pages(
                sc, mine, lambda n, cid=c.id or "": campaign_articles_path(cid, n),
                f"Actualités — {c.titre}", campaign_feed_path(c.id or ""), c,
            )
    pages += [_article_page(sc, a) for a in articles]
    return pages


def _listing_pages(sc: SiteContext, articles: list[Article], path_of: Any, titre: str, feed: str,
                   c: Campagne | None) -> list[Page]:
    total = max(1, math.ceil(len(articles) / PAGE_SIZE))
    out = []
    for n in range(1, total + 1):
        here = path_of(n)
        chunk = articles[(n - 1) * PAGE_SIZE : n * PAGE_SIZE]
        listing = _Listing(
            here,
            [article_card(sc, a, here) for a in chunk],
            n,
            total,
            newer=link(here, path_of(n - 1)) if n > 1 else "",
            older=link(here, path_of(n + 1)) if n < total else "",
            pages=[{"numero": i, "url": link(here, path_of(i)), "courante": i == n} for i in range(1, total + 1)],
        )
        body = render_template(
            "actualites.md.j2",
            titre=titre,
            listing=listing,
            flux=link(here, feed),
            campagne={"titre": c.titre, "url": link(here, campaign_path(c.id or ""))} if c else None,
            tout=link(here, ACTUALITES) if c else "",
        )
        page_title = titre if n == 1 else f"{titre} (page {n} sur {total})"
        description = (
            f"Les actualités de la campagne « {c.titre} », les plus récentes d’abord."
            if c else "Les actualités d’On Est Prêt et de ses campagnes, les plus récentes d’abord."
        )
        out.append(Page(here, page_title, body, description=description, nav_title=titre,
                        feed=feed if c else "", feed_title=f"Actualités — {c.titre}" if c else ""))
    return out


def _article_page(sc: SiteContext, a: Article) -> Page:
    here = article_path(a.id or "")
    card = article_card(sc, a, here)
    c = sc.project.campagne_of(a)
    tf = sc.project.temps_fort(c, a.temps_fort) if c is not None and a.temps_fort else None
    body = render_template(
        "article.md.j2",
        a=card,
        corps=site_body(sc, a, sc.project.body_of(a).strip(), here, scope=f"article-{a.id}"),
        temps_fort={"titre": tf.titre, "url": card.campagne_url + "#calendrier"} if tf and card.campagne_url and sc.shown(tf) else None,
        sources=[source_view(s, f"source-{i}") for i, s in enumerate(sc.project.claim_sources(a), start=1)],
        partage=_share(sc, a),
        partage_id=f"partage-{a.id}",
        flux=link(here, campaign_feed_path(c.id or "")) if card.campagne_url and c else link(here, ACTUALITES_FEED),
        index=link(here, ACTUALITES),
    )
    feed = campaign_feed_path(c.id or "") if card.campagne_url and c else ""
    return Page(
        here,
        a.titre,
        body,
        description=card.resume,
        image=card.image["site_path"] if card.image else "",
        image_alt=card.image["alt"] if card.image else "",
        feed=feed,
        feed_title=f"Actualités — {c.titre}" if feed and c else "",
    )


def _share(sc: SiteContext, a: Article) -> list[ShareLink]:
    """The existing share links, with the article's title and public address as the text."""
    url = absolute_url(sc, article_path(a.id or ""))
    return share_texts(sc, {"texte": f"{a.titre} {{lien}}"}, url, a.titre)


def campaign_latest(sc: SiteContext, c: Campagne, here: str) -> dict[str, Any] | None:
    """The campaign page's « Actualités » section: the latest few and a link to all."""
    mine = visible_articles(sc, c.id or "")
    if not mine:
        return None
    return {
        # The campaign is the page itself: its name is not repeated on each card.
        "cartes": [dataclasses.replace(article_card(sc, a, here), campagne="") for a in mine[:LATEST]],
        "tout": link(here, campaign_articles_path(c.id or "")),
        "nombre": len(mine),
        "flux": link(here, campaign_feed_path(c.id or "")),
    }

