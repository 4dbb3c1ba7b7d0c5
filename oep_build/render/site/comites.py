"""Directory of local committees by département, with their public contacts only."""

from __future__ import annotations

from .agenda import _dep_key
from .common import COMITES, Page, SiteContext, departement_nom, render_template
from .contact import contact_line

__all__ = ["render_comites"]


def render_comites(sc: SiteContext) -> Page:
    comites = sorted(
        (c for c in sc.project.comites.values() if sc.visible(c)), key=lambda c: (_dep_key(c.departement), c.nom)
    )
    groups: dict[str, list[dict[str, str]]] = {}
    for c in comites:
        groups.setdefault(c.departement, []).append(
            {
                "id": c.id or "",
                "nom": c.nom,
                "commune": c.commune,
                "description": c.description.strip(),
                "contact": contact_line(c.contact_public),
                # A named referent only with their recorded consent.
                "referent": c.referent.nom if c.referent and c.referent.consentement_le else "",
                "badges": sc.badges(c),
            }
        )
    body = render_template(
        "comites.md.j2",
        departements=[{"code": code, "nom": departement_nom(code), "comites": items} for code, items in groups.items()],
        contact=contact_line(sc.project.site.organisation.contact_public, "Écrivez-nous"),
    )
    return Page(COMITES, "Comités locaux", body, description="Trouvez le comité On Est Prêt le plus proche de chez vous.")
