"""A post as it is published on each network: the one place that decides its text and its count.

:func:`publish` fills ``{lien}`` (with ``{canal}``), applies French typography
(or, for SMS, transliterates to GSM-7, which is what the phone sends) and counts
the result under the network's rule. The site, the kits and ``oep check`` all
read these :class:`PublishedText` values: they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..counting import Count, count_text, fill_link, plain_count
from ..fr import number_fr
from ..model import Project
from ..model.content import Post
from ..model.referentiels import Canal, Comptage
from ..typo import to_gsm7, typographie

__all__ = ["PublishedText", "count_label", "publish", "published_text", "published_texts"]


@dataclass(frozen=True)
class PublishedText:
    """One network's version of a post, exactly as it goes out."""

    canal: Canal
    written: str
    """The text as written in the post file, ``{lien}`` filled (what check positions point into)."""
    text: str
    """The text published: French typography, or GSM-7 for SMS."""
    count: Count
    media: bool
    """A visual is attached: on networks with a caption limit (Telegram) that limit applies."""

    @property
    def sms(self) -> bool:
        return self.canal.comptage is Comptage.sms

    @property
    def over(self) -> bool:
        return self.count.over

    @property
    def label(self) -> str:
        """The exact count under the network's rule (staff pages)."""
        return count_label(self.count, self.sms)

    @property
    def plain_label(self) -> str:
        """The count in militants' words: « il reste 78 caractères » (public pages and kits)."""
        return plain_count(self.count, self.sms)

    def label_for(self, staff: bool) -> str:
        return self.label if staff else self.plain_label


def publish(project: Project, post: Post, canal_id: str) -> PublishedText:
    """The text ``post`` publishes on ``canal_id``, and its count."""
    canal = _canal(project, canal_id)
    written = fill_link(post.declinaisons.get(canal_id, "").strip(), post.lien, canal_id)
    text = _shaped(canal, written)
    media = bool(post.visuels)
    return PublishedText(canal, written, text, count_text(canal, text, media=media), media)


def published_text(project: Project, canal_id: str, text: str, lien: str) -> str:
    """Any text as it goes out on ``canal_id`` (a share link's text: another network's version,
    an article's title): ``{lien}`` filled, then French typography or GSM-7, as :func:`publish`."""
    return _shaped(_canal(project, canal_id), fill_link(text.strip(), lien, canal_id))


def _canal(project: Project, canal_id: str) -> Canal:
    return project.canaux.get(canal_id) or Canal(id=canal_id, libelle=canal_id)


def _shaped(canal: Canal, written: str) -> str:
    return to_gsm7(written) if canal.comptage is Comptage.sms else typographie(written)


def published_texts(project: Project, post: Post) -> list[PublishedText]:
    """Every network's version of ``post``, in the order of its ``declinaisons``."""
    return [publish(project, post, cid) for cid in post.declinaisons]


def count_label(count: Count, sms: bool) -> str:
    """« 1 372 sur 1 024 caractères : trop long pour ce réseau », « 2 SMS sur 3 au plus (306 caractères, codage GSM-7) »."""
    if sms:
        text = f"{count.value} SMS" + (f" sur {count.limit} au plus" if count.limit else "")
        text += f" ({number_fr(count.units or 0)} caractères, codage {count.encoding})"
    else:
        text = number_fr(count.value) + (f" sur {number_fr(count.limit)}" if count.limit else "") + f" {count.unit}"
    if count.over:
        text += " : trop long pour ce réseau"
    return text
