"""Posts ready to publish: the text per network, its count under that network's rule, copy and share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from ...counting import filled_link
from ...model.content import Post
from ...safety import safe_url
from ...views.posts import PublishedText, published_text
from .common import SiteContext, attr

__all__ = ["DeclinaisonView", "ShareLink", "post_view", "share_links", "share_texts"]

# Networks that always get a share link, in this order. A canal's own ``partage``
# address (référentiel canaux) wins over these defaults.
SHARE_DEFAULTS = {
    "whatsapp": ("WhatsApp", "https://wa.me/?text={texte}"),
    "telegram": ("Telegram", "https://t.me/share/url?url={url}&text={texte}"),
    "bluesky": ("Bluesky", "https://bsky.app/intent/compose?text={texte}"),
    "x": ("X", "https://x.com/intent/post?text={texte}"),
    "email": ("E-mail", "mailto:?subject={sujet}&body={texte}"),
}


@dataclass
class DeclinaisonView:
    dom_id: str
    canal: str
    libelle: str
    html_text: str
    """The text, escaped, newlines as ``&#10;`` so the Markdown block stays in one piece."""
    compte: str
    over: bool


@dataclass
class ShareLink:
    reseau: str
    href: str


def post_view(sc: SiteContext, post: Post) -> dict[str, object]:
    declinaisons = [_declinaison(post, v, staff=sc.interne) for v in sc.views.posts(post)]
    return {
        "id": post.id,
        "titre": post.titre,
        "badges": sc.badges(post),
        "declinaisons": declinaisons,
        "partage": share_links(sc, post),
        "visuels": sc.views.post_visuels(post),
    }


def _declinaison(post: Post, version: PublishedText, staff: bool) -> DeclinaisonView:
    """Staff see the network's exact count; militants « il reste N caractères » (issue 15)."""
    canal = version.canal
    return DeclinaisonView(
        dom_id=f"post-{post.id}-{canal.id}",
        canal=canal.id,
        libelle=canal.libelle,
        html_text=attr(version.text).replace("\n", Markup("&#10;")),
        compte=version.label_for(staff),
        over=version.over,
    )


def share_links(sc: SiteContext, post: Post) -> list[ShareLink]:
    """One link per network; each carries that network's own text when the post has one."""
    return share_texts(sc, post.declinaisons, post.lien, post.titre)


def share_texts(sc: SiteContext, texts: dict[str, str], lien: str, sujet: str) -> list[ShareLink]:
    """Share links for ``texts`` by canal (the first one stands in for the others) and ``lien``."""
    if not texts:
        return []
    fallback_id = next(iter(texts))
    out = []
    for cid, (label, default) in SHARE_DEFAULTS.items():
        canal = sc.project.canaux.get(cid)
        template = (canal.partage if canal and canal.partage else default)
        source = cid if cid in texts else fallback_id
        texte = published_text(sc.project, cid, texts[source], lien)
        url = filled_link(lien, cid)
        if "{url}" in template and url:
            # The address travels in its own parameter: don't repeat it in the text.
            texte = re.sub(r"[ ]{2,}", " ", texte.replace(url, "")).strip()
        href = (
            template.replace("{texte}", quote(texte, safe=""))
            .replace("{url}", quote(url, safe=""))
            .replace("{sujet}", quote(sujet, safe=""))
        )
        if safe_url(href):  # a share template from content may not hold another scheme
            out.append(ShareLink(canal.libelle if canal else label, href))
    return out
