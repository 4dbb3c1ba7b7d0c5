"""Views: each piece of an edition as the plain values its print template shows.

Everything a template needs is computed here (Markdown to HTML, French
typography, the SMS as sent, image paths checked inside the project), so that
templates only lay out, and so that every problem is a diagnostic placed at
the kit's sommaire entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from ...context import Context
from ...counting import find_urls
from ...diagnostics import Diagnostic
from ...fr import date_fr
from ...model import where
from ...safety import safe_url
from ...spots import body_spot, diag_at, find_written, value_spot
from ...typo import typographie
from ...views import views_for
from ...views.events import organiser, place, public_url, when_fr
from ...views.images import IMAGE_FIXES, visual_site_path, visuel_image
from ...views.kits import Edition, Piece
from ...views.rules import R_IMAGE, R_IMAGE_BAD, R_IMAGE_HTML, R_LINK
from .links import LinkResolver, kit_page_url
from .links import public_url as site_page_url
from .markup import BodyProblem, render_markdown
from .qr import qr_data_uri

__all__ = ["ViewBuilder", "date_fr"]

NIVEAUX = {"decouverte": "Découverte", "engage": "Engagé·e", "moteur": "Moteur"}
CONTACTS = {
    "email": "Courriel",
    "telephone": "Téléphone",
    "site": "Site",
    "reseau": "Réseau",
    "formulaire": "Formulaire",
}


_RULES = {"image": R_IMAGE, "image-distante": R_IMAGE, "image-illisible": R_IMAGE_BAD, "image-html": R_IMAGE_HTML, "lien": R_LINK}
_FIXES = {
    **IMAGE_FIXES,
    "image-html": "écrivez-la en Markdown, qui s'imprime : ![texte alternatif](fichier.png)",
    "lien": "écrivez une adresse complète (https://…) ou un lien vers une pièce du kit (argumentaires/mon-id)",
}


def _t(text: str) -> str:
    return typographie(text.strip())


def _linkify(text: str) -> Markup:
    """Post text with its links clickable in the PDF; tracking parameters are left off paper."""
    out, pos = Markup(""), 0
    for url in find_urls(text):
        shown = untracked(url.text)
        href = shown if "://" in shown else f"https://{shown}"
        out += escape(text[pos : url.start]) + Markup('<a href="{}">{}</a>').format(href, shown)
        pos = url.end
    return out + escape(text[pos:])


def untracked(url: str) -> str:
    """``url`` without its ``utm_…`` parameters: nobody types them from a sheet of paper."""
    base, sep, rest = url.partition("?")
    if not sep:
        return url
    query, hashmark, fragment = rest.partition("#")
    kept = [p for p in query.split("&") if p and not p.lower().startswith("utm_")]
    return base + ("?" + "&".join(kept) if kept else "") + (hashmark + fragment)


@dataclass
class ViewBuilder:
    """Turns the pieces of one edition into template values; collects diagnostics."""

    ctx: Context
    edition: Edition
    audience: str
    resolver: LinkResolver
    memo: dict[tuple[str, int], tuple[dict[str, Any], list[str], list[Diagnostic]]] = field(default_factory=dict)
    """Views already built for another edition of the same kit: committee editions share their pieces."""

    def __post_init__(self) -> None:
        self.diags: list[Diagnostic] = []
        self.images: list[str] = []
        """Project-relative paths of every image the edition shows (cache key)."""

    @property
    def root(self) -> Path:
        return Path(self.ctx.project.root)

    # -- diagnostics ---------------------------------------------------------
    def _problem(self, obj: Any, sub: tuple[str | int, ...], text: str | None) -> Callable[[BodyProblem], None]:
        """Report a problem at the spot of ``obj`` where it is written: its Markdown body when
        ``sub`` is empty, else the field ``sub`` holding ``text``. The message names no kit nor
        edition: a piece shared by several kits and committee editions is reported once."""

        def report(problem: BodyProblem) -> None:
            if not sub and problem.kind in IMAGE_FIXES:  # a body's image: oep check's body rules say it, for site and kits
                return
            r = _RULES.get(problem.kind, R_LINK)
            at = find_written(text, problem.target) if text is not None and problem.target else -1
            if at < 0:
                spot = None
            elif sub:
                spot = value_spot(obj, sub, text or "", at, len(problem.target))
            else:
                spot = body_spot(self.ctx.project, obj, at)
            self.diags.append(
                diag_at(self.ctx, r, obj, sub, spot, message=problem.message, fix=_FIXES.get(problem.kind, _FIXES["lien"]))
            )

        return report

    def markdown(self, obj: Any, sub: tuple[str | int, ...], text: str, source_file: str) -> Markup:
        return render_markdown(
            text,
            resolver=self.resolver,
            root=self.root,
            source_file=source_file,
            on_problem=self._problem(obj, sub, text),
        )

    def image(self, visuel: Any) -> str | None:
        """Checked project-relative path of the visuel's image, or None (with an erreur diagnostic)."""
        rel, why, kind = visuel_image(self.ctx.project, visuel)
        if rel is not None:
            self.images.append(rel)
            return rel
        problem = BodyProblem(kind, f"visuel « {visuel.id} » : {why}", visuel.fichier)
        self._problem(visuel, ("fichier",), visuel.fichier)(problem)
        return None

    # -- pieces --------------------------------------------------------------
    def piece(self, piece: Piece) -> dict[str, Any]:
        key = (self.edition.kit_id, piece.index)
        if key not in self.memo:
            images, diags = len(self.images), len(self.diags)
            view = self._piece(piece)
            self.memo[key] = (view, self.images[images:], self.diags[diags:])
            return view
        view, seen_images, seen_diags = self.memo[key]
        self.images += seen_images
        self.diags += seen_diags
        return view

    def _piece(self, piece: Piece) -> dict[str, Any]:
        obj = piece.obj
        view: dict[str, Any] = {
            "kind": piece.folder,
            "anchor": piece.anchor,
            "titre": _t(getattr(obj, "titre", "") or obj.id),
            "note": piece.note,
            "entree": piece.index,
            "resume": _t(getattr(obj, "resume", "") or ""),
        }
        build = getattr(self, f"_view_{piece.folder}", None)
        if build is not None:
            view.update(build(piece, obj))
        return view

    def _body(self, piece: Piece, obj: Any) -> dict[str, Any]:
        body = self.ctx.project.body_of(obj)
        source = where(obj).file
        return {
            "corps": self.markdown(obj, (), body, source) if body.strip() else Markup(""),
        }

    def _view_edl(self, piece: Piece, obj: Any) -> dict[str, Any]:
        campagne = self.edition.campagne
        messages = {m.id: m.texte for m in campagne.messages_cles} if campagne else {}
        return {
            **self._body(piece, obj),
            "messages": [_t(messages[m]) for m in obj.messages_cles if m in messages],
            "a_ne_pas_dire": [_t(x) for x in obj.a_ne_pas_dire],
        }

    def _cites(self, sources: list[str]) -> list[dict[str, Any]]:
        out = []
        for sid in dict.fromkeys(sources):
            n = self.edition.source_number(sid)
            if n is not None:
                out.append({"numero": n, "ancre": f"source-{sid}"})
        return out

    def _view_argumentaires(self, piece: Piece, obj: Any) -> dict[str, Any]:
        return {
            **self._body(piece, obj),
            "affirmations": [
                {"texte": _t(a.texte), "sources": self._cites(a.sources)} for a in obj.affirmations
            ],
            "objections": [
                {"objection": _t(o.objection), "reponse": _t(o.reponse), "sources": self._cites(o.sources)}
                for o in obj.objections
            ],
        }

    def _view_guides(self, piece: Piece, obj: Any) -> dict[str, Any]:
        source = where(obj).file
        return {
            **self._body(piece, obj),
            "niveau": NIVEAUX.get(obj.niveau_engagement.value, obj.niveau_engagement.value),
            "duree": _t(obj.duree_estimee),
            "materiel": [_t(m) for m in obj.materiel],
            "etapes": [
                {
                    "titre": _t(e.titre),
                    "texte": self.markdown(obj, ("etapes", i, "texte"), e.texte, source) if e.texte else Markup(""),
                }
                for i, e in enumerate(obj.etapes)
            ],
        }

    def _view_posts(self, piece: Piece, obj: Any) -> dict[str, Any]:
        versions = [
            {
                "canal": v.canal.id,
                "libelle": v.canal.libelle,
                "texte": _linkify(v.text),
                "sms": v.sms,
                "compte": v.label_for(self.audience == "interne"),
            }
            for v in views_for(self.ctx, self.audience).posts(obj)
        ]
        return {"declinaisons": versions, "visuels": self._post_visuals(piece, obj)}

    def _post_visuals(self, piece: Piece, obj: Any) -> list[dict[str, Any]]:
        out = []
        for visuel in views_for(self.ctx, self.audience).post_visuels(obj):
            src = self.image(visuel)
            if src:
                out.append({"src": src, "alt": _t(visuel.alt), **self.full_image(visuel)})
        return out

    def full_image(self, visuel: Any) -> dict[str, str]:
        """The visual printed as a thumbnail: the address of the full image on the site, and its code QR."""
        url = site_page_url(self.resolver.site_url, quote(visual_site_path(self.ctx.project, visuel)))
        return {"url_image": url, "qr_image": qr_data_uri(url)}

    def _view_visuels(self, piece: Piece, obj: Any) -> dict[str, Any]:
        credits = f"{obj.credits.auteur}, {obj.credits.licence}" if obj.credits else ""
        return {
            "titre": _t(obj.titre or obj.id),
            "src": self.image(obj),
            "alt": _t(obj.alt),
            "credits": _t(credits),
            **self.full_image(obj),
        }

    def _view_evenements(self, piece: Piece, obj: Any) -> dict[str, Any]:
        return self.event(obj)

    def _view_kits(self, piece: Piece, obj: Any) -> dict[str, Any]:
        return {"url": kit_page_url(self.resolver.site_url, obj.id)}

    def event(self, ev: Any) -> dict[str, Any]:
        org = organiser(self.ctx, ev, self.audience)
        return {
            "titre": _t(ev.titre),
            "quand": when_fr(ev.debut, ev.fin),
            "date_courte": date_fr(ev.debut.date()),
            "lieu": _t(place(ev)),
            "organisateur": _t(org.nom) if org else "",
            "description": _t(ev.description),
            "inscription": public_url(ev.inscription_url),
            "accessibilite": _t(ev.accessibilite),
        }


def contact_view(contact: Any) -> dict[str, str] | None:
    """A public contact as label, text and (when it has one) a link."""
    if contact is None:
        return None
    kind, value = contact.type.value, contact.valeur.strip()
    # Print links only where a reader can follow them: mail, phone, web addresses.
    linkable = kind in ("email", "telephone") or value.startswith(("https://", "http://"))
    href = safe_url(contact.lien) if linkable else ""
    return {"libelle": CONTACTS.get(kind, kind), "valeur": value, "href": href}
