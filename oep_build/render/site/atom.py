"""Atom feeds (RFC 4287) of the articles: the whole site and one per campaign.

Every address is absolute (``url`` of ``site.yml``); an entry's id is its
article's public address, which never changes with the build. ``updated`` comes
from the content (``mis_a_jour_le``, else ``date_publication``), never from the
clock, so the same sources give the same bytes. Entries hold the full text as
HTML made by :func:`oep_build.render.feed_html.feed_html`.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as etree

from ...model import Article, Campagne
from ...typo import typographie
from ..feed_html import feed_html
from .articles import absolute_url, article_moment, author_name, visible_articles
from .common import (
    ACTUALITES,
    ACTUALITES_FEED,
    SiteContext,
    article_path,
    attr,
    campaign_feed_path,
    campaign_path,
)
from .bodies import body_images
from .pieces import visuel_view
from .reuse import kept_output, reads_own_folder

__all__ = ["ATOM_NS", "FEED_ENTRIES", "render_atom_feeds"]

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 20
"""Latest articles per feed (readers keep the older ones)."""
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def render_atom_feeds(sc: SiteContext) -> dict[str, bytes]:
    """``actualites.xml`` and ``actualites-<campagne>.xml`` for every campaign shown."""
    site = sc.project.site
    nom = site.organisation.nom if site else "Actualités"
    articles = visible_articles(sc)
    out = {ACTUALITES_FEED: _feed(sc, f"{nom} — actualités", ACTUALITES, ACTUALITES_FEED, articles, [])}
    by_campaign: dict[str | None, list[Article]] = {}
    for a in articles:
        by_campaign.setdefault(sc.project.campagne_id_of(a), []).append(a)
    for c in sc.campagnes:
        mine = by_campaign.get(c.id, [])
        path = campaign_feed_path(c.id or "")
        if reads_own_folder(sc, c):  # then oep serve may keep it while that folder is unchanged
            out[path] = kept_output(sc, ("atom",), c, _campaign_feed, sc, nom, c, mine)
        else:
            out[path] = _campaign_feed(sc, nom, c, mine)
    return out


def _campaign_feed(sc: SiteContext, nom: str, c: Campagne, mine: list[Article]) -> bytes:
    return _feed(sc, f"{nom} — {c.titre}", campaign_path(c.id or ""), campaign_feed_path(c.id or ""), mine, [c])


def updated_of(sc: SiteContext, a: Article) -> dt.datetime:
    """When the article last changed, from its own fields."""
    published = article_moment(sc, a)
    if a.mis_a_jour_le is None:
        return published
    return max(published, dt.datetime.combine(a.mis_a_jour_le, dt.time(), sc.ctx.tz))


def _feed(
    sc: SiteContext, title: str, page: str, self_path: str, articles: list[Article], owners: list[Campagne]
) -> bytes:
    site = sc.project.site
    entries = articles[:FEED_ENTRIES]
    feed = etree.Element("feed", {"xmlns": ATOM_NS, "xml:lang": "fr"})
    _text(feed, "id", absolute_url(sc, page))
    _text(feed, "title", typographie(title))
    if site is not None and site.description.strip():
        _text(feed, "subtitle", typographie(" ".join(site.description.split())))
    etree.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": absolute_url(sc, self_path)})
    etree.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": absolute_url(sc, page)})
    _text(feed, "updated", _rfc3339(max((updated_of(sc, a) for a in entries), default=_quiet_since(sc, owners))))
    author = etree.SubElement(feed, "author")
    _text(author, "name", site.organisation.nom if site else title)
    _text(author, "uri", absolute_url(sc, "index.md"))
    if site is not None and site.organisation.licence:
        _text(feed, "rights", f"{site.organisation.nom}, contenus sous licence {site.organisation.licence}")
    _text(feed, "generator", "oep-build")
    for a in entries:
        feed.append(_entry(sc, a))
    etree.indent(feed, space="  ")
    # Serialised as text, then encoded once (as encoding="utf-8" would, without a codec call per piece)
    xml = etree.tostring(feed, encoding="unicode").encode("utf-8", "xmlcharrefreplace")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + xml + b"\n"


def _entry(sc: SiteContext, a: Article) -> etree.Element:
    url = absolute_url(sc, article_path(a.id or ""))
    entry = etree.Element("entry")
    _text(entry, "id", url)
    _text(entry, "title", typographie(a.titre))
    etree.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": url})
    _text(entry, "published", _rfc3339(article_moment(sc, a)))
    _text(entry, "updated", _rfc3339(updated_of(sc, a)))
    name = author_name(sc, a)
    if name:
        author = etree.SubElement(entry, "author")
        _text(author, "name", name)
    c = sc.project.campagne_of(a)
    if c is not None and sc.visible(c):
        etree.SubElement(entry, "category", {"term": c.id or "", "label": typographie(c.titre)})
    if a.resume.strip():
        _text(entry, "summary", typographie(" ".join(a.resume.split())))
    content = etree.SubElement(entry, "content", {"type": "html"})
    content.text = _content_html(sc, a, url)
    return entry


def _content_html(sc: SiteContext, a: Article, url: str) -> str:
    """The article as its page shows it: image, body, sources."""
    parts = []
    v = sc.project.visuels.get(a.image or "")
    if v is not None and sc.visible(v):
        view = visuel_view(sc, v, article_path(a.id or ""))
        if view["site_path"]:
            src = absolute_url(sc, view["site_path"])
            parts.append(f'<p><img src="{attr(src)}" alt="{attr(view["alt"])}"></p>')
    images = body_images(sc, a, lambda site_path: absolute_url(sc, site_path))  # the page's copies, read from afar
    parts.append(feed_html(sc.project.body_of(a), url, images))
    sources = sc.project.claim_sources(a)
    if sources:
        items = "".join(
            f'<li><a href="{attr(s.url)}">{attr(s.titre)}</a></li>' if s.url.startswith(("https://", "http://"))
            else f"<li>{attr(s.titre)}</li>"
            for s in sources
        )
        parts.append(f"<h2>Sources</h2><ol>{items}</ol>")
    return "\n".join(parts)


def _quiet_since(sc: SiteContext, owners: list[Campagne]) -> dt.datetime:
    """An empty feed's ``updated``: the latest date its campaign (or any shown one) states."""
    days = [
        d
        for c in owners or sc.campagnes
        for d in (c.mis_a_jour_le, c.valide_le, c.debut)
        if d is not None
    ]
    return dt.datetime.combine(max(days), dt.time(), sc.ctx.tz) if days else _EPOCH


def _rfc3339(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _text(parent: etree.Element, tag: str, value: str) -> etree.Element:
    el = etree.SubElement(parent, tag)
    el.text = value
    return el
