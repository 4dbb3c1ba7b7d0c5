"""Views: each piece of an edition as the plain values its print template shows.

Everything a template needs is computed here (Markdown to HTML, French
typography, the SMS as sent, image paths checked inside the project), so that
templates only lay out, and so that every problem is a diagnostic placed at
the kit's sommaire entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from ...checks.base import Context
from ...counting import count_sms, count_text, fill_link, find_urls, plain_count
from ...diagnostics import Diagnostic
from ...fr import date_fr
from ...model import where
from ...model.referentiels import Comptage
from ...safety import safe_url
from ...typo import to_gsm7, typographie
from .gather import Edition, Piece, event_start
from .links import LinkResolver, kit_page_url
from .markup import BodyProblem, render_markdown, resolve_local_file
from .rules import R_IMAGE, R_LINK

__all__ = ["ViewBuilder", "date_fr", "datetime_fr"]

NIVEAUX = {"decouverte": "Découverte", "engage": "Engagé·e", "moteur": "Moteur"}
CONTACTS = {
    "email": "Courriel",
    "telephone": "Téléphone",
    "site": "Site",
    "reseau": "Réseau",
    "formulaire": "Formulaire",
}


def time_fr(t: dt.datetime) -> str:
    return f"{t.hour} h" + (f" {t.minute:02d}" if t.minute else "")


def datetime_fr(start: dt.datetime, end: dt.datetime | None = None) -> str:
    """« samedi 12 décembre 2026, 14 h – 17 h 30 »."""
    text = f"{date_fr(start.date(), weekday=True)}, {time_fr(start)}"
    if end is not None:
        text += (
            f" – {time_fr(end)}"
            if end.date() == start.date()
            else f" – {date_fr(end.date())}, {time_fr(end)}"
        )
    return text


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
    def _problem(self, piece: Piece) -> Callable[[BodyProblem], None]:
        def report(problem: BodyProblem) -> None:
            r = R_IMAGE if problem.kind == "image" else R_LINK
            fix = (
                "placez l'image dans le projet (à côté du fichier) et vérifiez son nom"
                if problem.kind == "image"
                else "écrivez une adresse complète (https://…) ou un lien vers une pièce du kit (argumentaires/mon-id)"
            )
            self.diags.append(
                self.ctx.diag(
                    r,
                    self.edition.kit,
                    "sommaire",
                    piece.index,
                    "ref",
                    message=f"kit « {self.edition.kit_id} », pièce « {self.edition.kit.sommaire[piece.index].ref} » : "
                    f"{problem.message}",
                    fix=fix,
                )
            )

        return report

    def markdown(self, piece: Piece, text: str, source_file: str) -> Markup:
        return render_markdown(
            text,
            resolver=self.resolver,
            root=self.root,
            source_file=source_file,
            on_problem=self._problem(piece),
        )

    def image(self, piece: Piece | None, base_file: str, name: str, what: str) -> str | None:
        """Checked project-relative path of an image, or None (with an erreur diagnostic)."""
        rel, why = resolve_local_file(self.root, base_file, name)
        if rel is not None:
            self.images.append(rel)
            return rel
        if piece is not None:
            self._problem(piece)(BodyProblem("image", f"{what} : {why}"))
        return None

    # -- pieces --------------------------------------------------------------
    def piece(self, piece: Piece) -> dict[str, Any]:
        key = (self.edition.kit_id, piece.index)
        if key not in self.memo:
            images, diags = len(self.images), len(self.diags)
            view = self._piece(piece)
            self.memo[key] = (view, self.images[images:], self.diags[diags:])
            return view
        view, images, diags = self.memo[key]
        self.images += images
        self.diags += diags
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
            "corps": self.markdown(piece, body, source) if body.strip() else Markup(""),
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
                    "texte": self.markdown(piece, e.texte, source) if e.texte else Markup(""),
                }
                for e in obj.etapes
            ],
        }

    def _view_posts(self, piece: Piece, obj: Any) -> dict[str, Any]:
        versions = []
        for canal_id, text in obj.declinaisons.items():
            canal = self.ctx.project.canaux.get(canal_id)
            filled = fill_link(text, obj.lien, canal_id).strip()
            is_sms = (canal is not None and canal.comptage is Comptage.sms) or canal_id == "sms"
            shown = to_gsm7(filled) if is_sms else typographie(filled)
            versions.append(
                {
                    "canal": canal_id,
                    "libelle": canal.libelle if canal else canal_id,
                    "texte": _linkify(shown),
                    "sms": is_sms,
                    "compte": self._count(canal, shown, is_sms, staff=self.audience == "interne"),
                }
            )
        return {"declinaisons": versions, "visuels": self._post_visuals(piece, obj)}

    @staticmethod
    def _count(canal: Any, text: str, is_sms: bool, staff: bool) -> str:
        if is_sms:
            sms = count_sms(text)
            parts = f"{sms.segments} SMS"
            return f"{parts}, {sms.encoding}, {sms.units} caractères" if staff else parts
        if canal is None:
            return ""
        count = count_text(canal, text)
        if not staff:
            return plain_count(count)
        return f"{count.value} / {count.limit} {count.unit}" if count.limit else f"{count.value} {count.unit}"

    def _post_visuals(self, piece: Piece, obj: Any) -> list[dict[str, Any]]:
        out = []
        for vid in obj.visuels:
            visuel = self.ctx.project.visuels.get(vid)
            if visuel is None or not self.ctx.visible(visuel, self.audience):
                continue
            src = self.image(piece, where(visuel).file, visuel.fichier, f"visuel « {vid} »")
            if src:
                out.append({"src": src, "alt": _t(visuel.alt)})
        return out

    def _view_visuels(self, piece: Piece, obj: Any) -> dict[str, Any]:
        credits = f"{obj.credits.auteur}, {obj.credits.licence}" if obj.credits else ""
        return {
            "titre": _t(obj.titre or obj.id),
            "src": self.image(piece, where(obj).file, obj.fichier, f"visuel « {obj.id} »"),
            "alt": _t(obj.alt),
            "credits": _t(credits),
        }

    def _view_evenements(self, piece: Piece, obj: Any) -> dict[str, Any]:
        return self.event(obj)

    def _view_kits(self, piece: Piece, obj: Any) -> dict[str, Any]:
        return {"url": kit_page_url(self.resolver.site_url, obj.id)}

    def event(self, ev: Any) -> dict[str, Any]:
        start = event_start(ev, self.ctx.tz)
        end = ev.fin.replace(tzinfo=start.tzinfo) if ev.fin.tzinfo is None else ev.fin
        return {
            "titre": _t(ev.titre),
            "quand": datetime_fr(start, end),
            "date_courte": date_fr(start.date()),
            "lieu": _t(self._place(ev)),
            "organisateur": _t(self._organiser(ev)),
            "description": _t(ev.description),
            "inscription": ev.inscription_url
            if ev.inscription_url.startswith(("https://", "http://"))
            else "",
            "accessibilite": _t(ev.accessibilite),
        }

    @staticmethod
    def _place(ev: Any) -> str:
        lieu = ev.lieu
        if lieu is None:
            return "En ligne"
        town = f"{lieu.commune} ({lieu.departement})"
        if lieu.chez_habitant or lieu.adresse_visibilite != "publique":
            return f"{town}, adresse communiquée à l'inscription"
        if not (lieu.nom or lieu.adresse):
            return town
        city = " ".join(x for x in (lieu.code_postal, lieu.commune) if x)
        return ", ".join(x for x in (lieu.nom, lieu.adresse, city) if x)

    def _organiser(self, ev: Any) -> str:
        p = self.ctx.project
        comite = p.comites.get(ev.organisateur.comite or "")
        if comite is not None and self.ctx.visible(comite, self.audience):
            return comite.nom
        partenaire = p.partenaires.get(ev.organisateur.partenaire or "")
        if partenaire is not None and (self.audience == "interne" or partenaire.visibilite.value == "public"):
            return partenaire.nom
        return ""


def contact_view(contact: Any) -> dict[str, str] | None:
    """A public contact as label, text and (when it has one) a link."""
    if contact is None:
        return None
    kind, value = contact.type.value, contact.valeur.strip()
    # Print links only where a reader can follow them: mail, phone, web addresses.
    linkable = kind in ("email", "telephone") or value.startswith(("https://", "http://"))
    href = safe_url(contact.lien) if linkable else ""
    return {"libelle": CONTACTS.get(kind, kind), "valeur": value, "href": href}
