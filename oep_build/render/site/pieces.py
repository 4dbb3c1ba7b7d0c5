"""Kit pieces that need more than their Markdown body: argumentaires, guides, visuels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from ...model.content import Argumentaire, Guide, Visuel
from ...safety import markdown_text
from ...views.images import visual_site_path, visuel_image
from .common import SiteContext, attr, date_fr, link, size_fr, url

__all__ = ["argumentaire_view", "guide_view", "source_view", "visuel_view"]

NIVEAUX = {
    "decouverte": "découverte, quelques minutes",
    "engage": "engagé, quelques heures",
    "moteur": "moteur, pour organiser",
}


def argumentaire_view(sc: SiteContext, arg: Argumentaire) -> dict[str, Any]:
    """Claims and answers with numbered sources, numbered in order of first use."""
    numbers: dict[str, int] = {}
    sources: list[dict[str, str]] = []
    anchor = f"sources-{arg.id}"

    def refs(ids: list[str]) -> str:
        out = []
        for sid in ids:
            src = sc.project.sources.get(sid)
            if src is None:
                continue
            if sid not in numbers:
                numbers[sid] = len(numbers) + 1
                sources.append(source_view(src, f"{anchor}-{numbers[sid]}"))
            out.append(f'<sup>[[{numbers[sid]}]](#{anchor}-{numbers[sid]} "Source {numbers[sid]}")</sup>')
        return Markup("".join(out))

    affirmations = [
        {"texte": a.texte.strip(), "refs": refs(a.sources), "vaut_au": date_fr(a.vaut_au) if a.vaut_au else ""}
        for a in arg.affirmations
    ]
    objections = [
        {"objection": o.objection.strip(), "reponse": _indent(o.reponse.strip()), "refs": refs(o.sources)}
        for o in arg.objections
    ]
    return {"affirmations": affirmations, "objections": objections, "sources": sources, "anchor": anchor}


def source_view(src: Any, dom_id: str) -> dict[str, str]:
    """A source as the numbered lists show it: title (linked), publisher and dates."""
    parts = [src.editeur] if src.editeur else []
    if src.date_publication:
        parts.append(f"publié le {date_fr(src.date_publication)}")
    if src.consulte_le:
        parts.append(f"consulté le {date_fr(src.consulte_le)}")
    return {"id": dom_id, "titre": attr(src.titre), "url": url(src.url), "details": attr(", ".join(parts))}


def _indent(text: str) -> str:
    """Body of a ``???`` block: every line indented by four spaces."""
    return "\n".join(("    " + line) if line.strip() else "" for line in text.split("\n"))


def guide_view(guide: Guide) -> dict[str, Any]:
    return {
        "niveau": NIVEAUX.get(guide.niveau_engagement.value, guide.niveau_engagement.value),
        "duree": guide.duree_estimee,
        "materiel": guide.materiel,
        "etapes": [{"titre": e.titre, "texte": _indent(e.texte.strip())} for e in guide.etapes],
    }


def visuel_view(sc: SiteContext, v: Visuel, here: str, scope: str = "") -> dict[str, Any]:
    """The image copied next to the pages (only visuels shown here are ever copied)."""
    rel, _, _ = visuel_image(sc.project, v)  # the kits' rule: a missing or broken image is oep check's erreur
    found = rel is not None
    src = Path(sc.project.root) / (rel or v.fichier)
    site_path = visual_site_path(sc.project, v, rel)
    if found:
        sc.copies[site_path] = src
    size = _dimensions(src) if found else None
    credits = f"{v.credits.auteur}, {v.credits.licence}" if v.credits else ""
    return {
        "id": v.id,
        "dom_id": f"alt-{scope}-{v.id}" if scope else f"alt-{v.id}",
        "titre": v.titre,
        "alt": v.alt.strip(),
        "alt_md": Markup(markdown_text(v.alt.strip())),
        "alt_html": attr(v.alt.strip()).replace("\n", Markup("&#10;")),
        "url": link(here, site_path) if found else "",
        "site_path": site_path if found else "",
        "fichier": v.fichier,
        "largeur": size[0] if size else 0,
        "hauteur": size[1] if size else 0,
        "poids": size_fr(src.stat().st_size) if found else "",
        "type": src.suffix.lstrip(".").upper(),
        "credits": credits,
        "badges": sc.badges(v),
    }


def _dimensions(path: Path) -> tuple[int, int] | None:
    if path.suffix.lower() == ".svg":
        return None
    try:
        from PIL import Image

        with Image.open(path) as img:
            return img.size
    except OSError:
        return None
