"""Kit pages: every piece in the kit's order, ready to read, copy, share and download."""

from __future__ import annotations

from typing import Any

from ...model import Kit
from ...views.kits import Piece
from .bodies import site_body
from .common import (
    KITS,
    Page,
    SiteContext,
    campaign_path,
    date_fr,
    demote_headings,
    kit_path,
    link,
    render_template,
)
from .events import event_view
from .pieces import argumentaire_view, guide_view, visuel_view
from .posts import post_view
from .views import kit_card

__all__ = ["render_kit", "render_kits_index"]


def render_kits_index(sc: SiteContext) -> Page:
    here = KITS
    body = render_template("kits.md.j2", kits=[kit_card(sc, k, here) for k in sc.kits_of()])
    return Page(here, "Kits", body, description="Kits militants à lire en ligne ou à imprimer.")


def render_kit(sc: SiteContext, kit: Kit) -> Page:
    here = kit_path(kit.id or "")
    c = sc.project.campagnes.get(kit.campagne)
    kit_sections = sc.views.sections(kit)
    # A finished campaign's kit stays readable, but its texts are no longer offered for copying.
    termine = c is not None and not sc.is_active(c)
    sections = [
        {"titre": s.title, "slug": s.anchor, "pieces": [_piece(sc, p.folder, p.obj, here) for p in s.pieces]}
        for s in kit_sections
    ]
    pdfs = sc.kits.get(kit.id or "", [])
    national = next((p for p in pdfs if p.comite is None), None)
    locales = []
    for p in pdfs:
        comite = sc.project.comites.get(p.comite or "")
        if comite is not None and sc.visible(comite):
            locales.append({"nom": comite.nom, "url": link(here, p.path), "label": p.label})
    tracts = _tracts(sc, kit, here)
    image = _share_image(sc, [p for s in kit_sections for p in s.pieces], here)
    body = render_template(
        "kit.md.j2",
        kit=kit,
        badges=sc.badges(kit),
        date=date_fr(kit.date_version),
        campagne={"titre": c.titre, "url": link(here, campaign_path(c.id or ""))} if c and sc.visible(c) else None,
        termine=date_fr(c.fin) if c is not None and termine else "",
        pdf={"url": link(here, national.path), "label": national.label} if national else None,
        locales=locales,
        tracts=tracts,
        sections=sections,
        changelog=[{"version": ch.version, "date": date_fr(ch.date), "resume": ch.resume} for ch in kit.changelog],
    )
    return Page(
        here,
        kit.titre,
        body,
        description=kit.sous_titre or (c.resume if c else ""),
        image=image[0],
        image_alt=image[1],
    )


def _tracts(sc: SiteContext, kit: Kit, here: str) -> list[dict[str, str]]:
    """The kit's one-page tracts: the national one, then each committee's."""
    out = []
    for p in sc.tracts.get(kit.id or "", []):
        comite = sc.project.comites.get(p.comite or "")
        if p.comite is not None and (comite is None or not sc.visible(comite)):
            continue
        nom = f"Tract — {comite.nom}" if comite is not None else "Tract — édition nationale"
        out.append({"nom": nom, "url": link(here, p.path), "label": p.label})
    return out


def _piece(sc: SiteContext, folder: str, obj: Any, here: str) -> dict[str, Any]:
    view: dict[str, Any] = {"kind": folder, "id": obj.id, "titre": getattr(obj, "titre", "") or obj.id, "badges": sc.badges(obj)}
    body = sc.project.body_of(obj)
    # Pieces sit under an h2 section and their own h3 title: their body headings start at h4.
    view["body"] = ""
    if body.strip():
        view["body"] = site_body(sc, obj, demote_headings(body, 4), here, scope=f"{folder}-{obj.id}")
    if folder == "edl":
        view["a_ne_pas_dire"] = obj.a_ne_pas_dire
    elif folder == "argumentaires":
        view.update(argumentaire_view(sc, obj))
    elif folder == "guides":
        view.update(guide_view(obj))
    elif folder == "posts":
        view["post"] = post_view(sc, obj)
        view["post"]["visuels"] = [visuel_view(sc, v, here, f"post-{obj.id}") for v in view["post"]["visuels"]]
    elif folder == "visuels":
        view["visuel"] = visuel_view(sc, obj, here)
    elif folder == "evenements":
        view["evenement"] = event_view(sc, obj, here)
    elif folder == "kits":
        view["url"] = link(here, kit_path(obj.id or ""))
    return view


def _share_image(sc: SiteContext, pieces: list[Piece], here: str) -> tuple[str, str]:
    """The first link-preview visual of the kit, as a path from the site root."""
    for p in pieces:
        candidates = [p.obj] if p.folder == "visuels" else sc.views.post_visuels(p.obj) if p.folder == "posts" else []
        for v in candidates:
            if sc.visible(v) and v.format == "open-graph":
                view = visuel_view(sc, v, here)
                if view["site_path"]:
                    return view["site_path"], v.alt
    return "", ""
