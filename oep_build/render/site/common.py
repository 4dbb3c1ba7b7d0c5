"""What every site renderer shares: the audience-aware view of the project and French formatting."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ...context import Context
from ...departements import subdivision_name
from ...fr import date_fr, number_fr
from ...model import Campagne, Kit
from ...safety import escape_html, markdown_field, markdown_text, markdown_url, safe_url
from ...typo import typographie, typographie_markdown
from ...visibility import embargo_until
from ..templating import environment
from ...views import Views, views_for
from ...views.events import time_fr
from .formats import countdown_fr, datetime_fr, demote_headings, departement_nom, size_fr
from ...visibility import shown_to

__all__ = [
    "KitLink",
    "Page",
    "SiteContext",
    "attr",
    "countdown_fr",
    "date_fr",
    "datetime_fr",
    "demote_headings",
    "departement_nom",
    "link",
    "md_link",
    "text",
    "url",
    "number_fr",
    "render_template",
    "size_fr",
    "time_fr",
]

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates" / "site"


@dataclass
class Page:
    """One generated Markdown page of the docs folder."""

    path: str
    """Path inside the docs folder (``campagnes/loi-duplomb/index.md``)."""
    title: str
    body: str
    description: str = ""
    image: str = ""
    image_alt: str = ""
    nav_title: str = ""
    """Title in the menu when it differs from ``title``."""
    feed: str = ""
    """A page's own Atom feed (path from the site root), announced in its ``<head>``."""
    feed_title: str = ""
    searchable: bool = True
    """False: the site search does not index the page (what it shows is indexed elsewhere)."""
    unlisted: bool = False
    """Staff material on the public site: readable at its address, not in the menu nor the search."""
    _text: str | None = field(default=None, init=False, repr=False, compare=False)

    def text(self) -> str:
        """Front matter (read by overrides/main.html) followed by the Markdown body.

        The theme writes front matter values into its HTML as they are (no
        autoescape): they are HTML-escaped here, once, for every template.
        Computed once: a page is not changed after it is written out.
        """
        if self._text is None:
            self._text = self._compose()
        return self._text

    def _compose(self) -> str:
        meta: dict[str, object] = {"title": escape_html(typographie(self.title))}
        if self.description:
            meta["description"] = escape_html(typographie(_one_line(self.description)))
        if self.image and safe_url(self.image):
            meta["image"] = escape_html(self.image)
            meta["image_alt"] = escape_html(_one_line(self.image_alt))
        if self.feed:
            meta["flux"] = escape_html(self.feed)
            meta["flux_titre"] = escape_html(typographie(self.feed_title))
        if not self.searchable or self.unlisted:
            meta["search"] = {"exclude": True}
        # JSON strings are valid YAML scalars and need no quoting rules of their own.
        front = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())
        # One place applies French typography to everything a page says; post texts sit
        # in <pre>, which it leaves alone, so what is copied is what was written.
        return f"---\n{front}---\n\n{typographie_markdown(self.body.strip())}\n"


@dataclass(frozen=True)
class KitLink:
    """A rendered PDF as the pages show it."""

    path: str
    """Path from the site root (``kits/kit-x.pdf``)."""
    pages: int
    size: int
    comite: str | None = None

    @property
    def label(self) -> str:
        """« PDF, 12 pages, 1,2 Mo »."""
        pages = f"{self.pages} page" + ("s" if self.pages > 1 else "")
        return f"PDF, {pages}, {size_fr(self.size)}"


@dataclass
class SiteContext:
    """The project as one audience sees it; every renderer asks it what to show."""

    ctx: Context
    audience: str
    kits: dict[str, list[KitLink]] = field(default_factory=dict)
    """Rendered PDFs by kit id (empty when built with --sans-kits)."""
    tracts: dict[str, list[KitLink]] = field(default_factory=dict)
    """One-page tracts by kit id (``supports: [livret, tract]``), national edition first."""
    feeds: dict[str, bytes] = field(default_factory=dict)
    """Calendar feeds by path from the site root."""
    copies: dict[str, Path] = field(default_factory=dict)
    """Files to copy into the docs folder (docs path -> source), filled as pages use them."""

    @property
    def project(self):
        return self.ctx.project

    @property
    def today(self) -> dt.date:
        return self.ctx.today

    @property
    def interne(self) -> bool:
        return self.audience == "interne"

    @cached_property
    def views(self) -> Views:
        """What this audience is shown (shared with the kits and the kit checks of this run)."""
        return views_for(self.ctx, self.audience)

    def visible(self, obj: Any) -> bool:
        return self.views.visible(obj)

    def shown(self, obj: Any) -> bool:
        """Sub-items with a plain ``visibilite`` string (temps forts, objectifs)."""
        return shown_to(obj, self.audience)

    @cached_property
    def campagnes(self) -> list[Campagne]:
        """Visible campaigns, the current ones first, then by start date (latest first)."""
        items = [c for c in self.project.campagnes.values() if self.visible(c)]
        return sorted(items, key=lambda c: (not self.is_active(c), -c.debut.toordinal(), c.id or ""))

    def is_active(self, c: Campagne) -> bool:
        return c.statut.value != "archive" and c.fin >= self.today

    def kits_of(self, cid: str | None = None) -> list[Kit]:
        """Visible kits (of one campaign), newest version first."""
        items = [
            k for k in self.project.kits.values() if self.visible(k) and (cid is None or k.campagne == cid)
        ]
        return sorted(items, key=lambda k: (-k.date_version.toordinal(), k.id or ""))

    def personne(self, pid: str | None) -> str:
        """A staff member's display name; only the internal site names people."""
        if not pid or not self.interne:
            return ""
        p = self.project.personnes.get(pid)
        return p.nom_affiche if p else pid

    def badges(self, obj: Any) -> Markup | str:
        """Status badges (internal site only): the word is written, colour only helps."""
        if not self.interne:
            return ""
        out = []
        statut = getattr(obj, "statut", None)
        badge = _STATUT_BADGES.get(str(getattr(statut, "value", statut)))
        if badge is not None:
            out.append(_badge(*badge))
        emb = embargo_until(obj, self.ctx.tz)
        if emb is not None and emb > self.ctx.now:
            out.append(_badge("embargo", f"sous embargo jusqu’au {datetime_fr(emb)}"))
        if getattr(obj, "visibilite", None) is not None and not shown_to(obj, "public"):
            out.append(_badge("interne", "interne"))
        elif not out and not self.ctx.visible(obj, "public"):
            out.append(_badge("interne", "non public"))
        return Markup(" ".join(out))


# Content statuts that get a badge on the internal site: (CSS kind, words).
_STATUT_BADGES = {
    "brouillon": ("brouillon", "brouillon"),
    "en_relecture": ("relecture", "en relecture"),
    "valide": ("relecture", "validé, pas encore publié"),
}


def _badge(kind: str, text: str) -> str:
    return f'<span class="oep-badge oep-badge--{kind}">{escape(text)}</span>'


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- links --------------------------------------------------------------------


def link(from_page: str, target: str) -> str:
    """Relative link from one docs file to another file or folder (MkDocs resolves ``.md``)."""
    return relative(target, posixpath.dirname(from_page))


def relative(target: str, start: str) -> str:
    """``posixpath.relpath(target, start)`` for two paths inside the docs folder.

    Without asking the system for the current folder twice per link (a page
    has dozens of links, the site thousands of pages).
    """
    target, start = posixpath.normpath(target or "."), posixpath.normpath(start or ".")
    if target.startswith(("/", "..")) or start.startswith(("/", "..")):
        return posixpath.relpath(target, start)
    to = [] if target == "." else target.split("/")
    frm = [] if start == "." else start.split("/")
    common = 0
    for a, b in zip(to, frm):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(frm) - common) + to[common:]) or "."


def md_link(label: str, href: str | None) -> Markup:
    """A Markdown link to a URL from content; the label alone when the URL may not be published."""
    target = url(href)
    return Markup(f"[{markdown_text(label)}]({target})" if target else markdown_text(label))


def attr(value: str) -> Markup:
    """Escape a value for a double-quoted HTML attribute or a text node inside a Markdown page."""
    return Markup(markdown_text(value).replace('"', "&quot;"))


# Every {{ … }} of a site template: content is text, never markup. Values the renderers
# built as markup (badges, links, HTML) are ``Markup`` and pass as they are. A macro's
# output is template markup: call it as ``{{ cards.kit_cards(kits)|safe }}``.
text = markdown_field


def url(value: str | None) -> Markup:
    """A URL from content for a Markdown link or an attribute: empty unless its scheme is allowed."""
    return Markup(markdown_url(value))


def code(value: str) -> Markup:
    """A value inside a Markdown code span (which shows HTML as text): only a backtick could end it."""
    return Markup(value.replace("`", "\u02cb"))


# -- French formatting ----------------------------------------------------------

def _environment() -> jinja2.Environment:
    # Markdown output: every {{ … }} is escaped by text(); |attr adds quotes, |url checks the scheme.
    env = environment(TEMPLATES, finalize=text)
    env.filters.update(
        date_fr=date_fr,
        datetime_fr=datetime_fr,
        time_fr=time_fr,
        number_fr=number_fr,
        size_fr=size_fr,
        attr=attr,
        url=url,
        code=code,
    )
    return env


_ENV: jinja2.Environment | None = None


def render_template(name: str, **values: Any) -> str:
    global _ENV
    if _ENV is None:
        _ENV = _environment()
    text = _ENV.get_template(name).render(**values)
    # Templates read better with blank lines; the Markdown needs at most one.
    return re.sub(r"\n{3,}", "\n\n", text)


# -- where pages live in the docs folder --------------------------------------------

HOME = "index.md"
CAMPAGNES = "campagnes/index.md"
KITS = "kits/index.md"
AGENDA = "agenda.md"
COMITES = "comites.md"
GUIDE = "guide-de-saisie.md"
EQUIPE = "equipe/index.md"
ACTUALITES = "actualites/index.md"
# Feeds sit at the site root: Material fetches ``sitemap.xml`` next to every
# ``<link rel="alternate">`` target, and only the root has one.
ACTUALITES_FEED = "actualites.xml"


def campaign_path(cid: str) -> str:
    return f"campagnes/{cid}/index.md"


# Pages with a content body are folder indexes (``kits/<id>/index.md``, not ``kits/<id>.md``):
# the links of a body reach the engine as HTML, which MkDocs reads relative to the page's
# URL and Zensical relative to its Markdown file; for an index.md both are the same folder.


def kit_path(kid: str) -> str:
    return f"kits/{kid}/index.md"


def page_path(pid: str) -> str:
    return f"pages/{pid}/index.md"


def docs_to_url(path: str) -> str:
    """``campagnes/x/index.md`` -> ``campagnes/x/``; ``kits/k.md`` -> ``kits/k/`` (MkDocs directory URLs)."""
    if path.endswith("index.md"):
        return path[: -len("index.md")]
    if path.endswith(".md"):
        return path[: -len(".md")] + "/"
    return path


def article_path(aid: str) -> str:
    return f"actualites/{aid}/index.md"


def articles_page_path(number: int) -> str:
    """Page ``number`` of the « Actualités » index (article ids never hold a slash: no clash)."""
    return ACTUALITES if number == 1 else f"actualites/page/{number}.md"


def campaign_articles_path(cid: str, number: int = 1) -> str:
    return f"campagnes/{cid}/actualites.md" if number == 1 else f"campagnes/{cid}/actualites/page/{number}.md"


def campaign_feed_path(cid: str) -> str:
    return f"actualites-{cid}.xml"


def event_path(eid: str) -> str:
    """The public page of one event (``evenements/<id>/`` on the site, next to its ``.ics``)."""
    return f"evenements/{eid}.md"


