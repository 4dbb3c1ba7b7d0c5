"""The staff section of the internal site: deliverables by owner, coalition follow-ups, what is not public yet."""

from __future__ import annotations

from ...model.campaign import status_label
from ...planning import campaign_closed, effective_statut, is_done, is_overdue
from ...visibility import embargo_until, public_reason
from .articles import article_moment, author_name
from .common import (
    AGENDA,
    EQUIPE,
    Page,
    SiteContext,
    article_path,
    campaign_path,
    date_fr,
    datetime_fr,
    link,
    render_template,
)

__all__ = ["SEMAINE", "planning_path", "render_staff", "render_staff_pages", "render_week", "report_path"]

KINDS = {
    "campagnes": "Campagne",
    "edl": "EDL",
    "argumentaires": "Argumentaire",
    "guides": "Guide",
    "posts": "Post",
    "visuels": "Visuel",
    "evenements": "Événement",
    "kits": "Kit",
    "comites": "Comité",
    "pages": "Page",
    "articles": "Article",
}


SEMAINE = "equipe/cette-semaine.md"


def planning_path(cid: str) -> str:
    return f"equipe/planning-{cid}.md"


def report_path(cid: str) -> str:
    return f"equipe/rapport-{cid}.md"


def render_staff_pages(sc: SiteContext) -> list[Page]:
    """The internal staff section: overview, then a planning and a weekly report per campaign."""
    from ...monitoring.render import weekly_report_markdown
    from ..planning_svg import planning_markdown

    pages = [render_staff(sc), render_week(sc)]
    for c in sc.campagnes:
        cid = c.id or ""
        pages.append(
            Page(
                planning_path(cid),
                f"Planning — {c.titre}",
                planning_markdown(sc.ctx, c),
                description="Frise des temps forts et des livrables, retards par personne.",
                nav_title=f"Planning — {c.titre}",
            )
        )
        pages.append(
            Page(
                report_path(cid),
                f"Rapport de la semaine — {c.titre}",
                weekly_report_markdown(sc.ctx, c),
                description="Indicateurs, rythme, temps forts, livrables, relances et retombées de la semaine.",
                nav_title=f"Rapport — {c.titre}",
            )
        )
    return pages


def render_week(sc: SiteContext) -> Page:
    """« Cette semaine »: the Monday meeting's page, across every open campaign."""
    from ...monitoring.week import build_week, week_markdown

    return Page(
        SEMAINE,
        "Cette semaine",
        week_markdown(build_week(sc.ctx)),
        description="Retards, échéances, déclarations, relances, rythmes et temps forts de la semaine.",
    )


def render_staff(sc: SiteContext) -> Page:
    here = EQUIPE
    body = render_template(
        "equipe.md.j2",
        responsables=_deliverables_by_owner(sc, here),
        declarations=_declarations(sc, here),
        coalitions=_coalitions(sc, here),
        non_publics=_not_public(sc),
        programmes=_scheduled_articles(sc, here),
    )
    return Page(here, "Équipe", body, description="Suivi interne : livrables, coalition, publication.")


def _deliverables_by_owner(sc: SiteContext, here: str) -> list[dict[str, object]]:
    owners: dict[str, list[dict[str, object]]] = {}
    for c in _open_campaigns(sc):
        for lv in c.livrables:
            owners.setdefault(lv.responsable, []).append(
                {
                    "titre": lv.titre,
                    "campagne": c.titre,
                    "url": link(here, campaign_path(c.id or "")),
                    "echeance": date_fr(lv.echeance),
                    "iso": lv.echeance.isoformat(),
                    "statut": status_label(effective_statut(sc.project, lv)),
                    "retard": is_overdue(sc.project, lv, sc.today),
                    "fini": is_done(sc.project, lv),
                }
            )
    out = []
    for pid in sorted(owners, key=lambda p: sc.personne(p).lower()):
        items = sorted(owners[pid], key=lambda i: (i["fini"], i["iso"]))
        out.append(
            {
                "id": pid,
                "nom": sc.personne(pid),
                "ouverts": sum(1 for i in items if not i["fini"]),
                "retards": sum(1 for i in items if i["retard"]),
                "livrables": items,
                "flux": link(here, f"equipe/{pid}.ics") if f"equipe/{pid}.ics" in sc.feeds else "",
            }
        )
    return out


def _declarations(sc: SiteContext, here: str) -> list[dict[str, object]]:
    """Prefecture declarations to file now (window open, not filed), soonest deadline first."""
    from ...declarations import open_declarations

    out = []
    for d in open_declarations(sc.project, sc.today, sc.ctx.tz):
        ev = d.evenement
        out.append(
            {
                "responsable": sc.personne(d.responsable) or "sans responsable",
                "titre": ev.titre,
                "url": link(here, AGENDA) + f"#evenement-{ev.id}",
                "jour": date_fr(d.jour),
                "avant": date_fr(d.dernier_jour),
                "hors_delai": d.too_late(sc.today),
            }
        )
    return out


def _coalitions(sc: SiteContext, here: str) -> list[dict[str, object]]:
    out = []
    for c in _open_campaigns(sc):
        if not c.coalition:
            continue
        rows = []
        for entry in c.coalition:
            p = sc.project.partenaires.get(entry.partenaire)
            relance = entry.prochaine_relance
            settled = entry.statut.value in ("engage", "decline")
            due = None if relance is None or settled else (relance - sc.today).days
            rows.append(
                {
                    "partenaire": p.nom if p else entry.partenaire,
                    "role": entry.role,
                    "statut": status_label(entry.statut),
                    "referent": sc.personne(entry.referent),
                    "dernier_contact": date_fr(entry.dernier_contact) if entry.dernier_contact else "",
                    "relance": date_fr(relance) if relance else "",
                    "relance_due": due == 0,
                    "relance_retard": due is not None and due < 0,
                }
            )
        out.append({"titre": c.titre, "url": link(here, campaign_path(c.id or "")), "partenaires": rows})
    return out


def _open_campaigns(sc: SiteContext) -> list:
    """Archived or finished campaigns are history: their work is not chased any more."""
    return [c for c in sc.campagnes if not campaign_closed(c, sc.today)]


def _not_public(sc: SiteContext) -> list[dict[str, str]]:
    out = []
    for kind, obj in sc.project.all_objects():
        why = public_reason(sc.project, obj, sc.ctx.now)
        if why is None:
            continue
        c = sc.project.campagne_of(obj)
        out.append(
            {
                "type": KINDS.get(kind, kind),
                "titre": getattr(obj, "titre", None) or getattr(obj, "nom", None) or obj.id,
                "campagne": c.titre if c is not None and c is not obj else "",
                "raison": why,
            }
        )
    return out


_ON_THE_WAY = {"en_relecture": "en relecture", "valide": "validé, pas encore publié"}


def _scheduled_articles(sc: SiteContext, here: str) -> list[dict[str, str]]:
    """Articles on their way to the public site: in review, validated, or published under embargo."""
    out = []
    for a in sc.project.articles.values():
        if public_reason(sc.project, a, sc.ctx.now) is None:
            continue
        emb = embargo_until(a, sc.ctx.tz)
        states = []
        if a.statut.value in _ON_THE_WAY:
            states.append(_ON_THE_WAY[a.statut.value])
        if emb is not None and emb > sc.ctx.now:
            states.append("programmé (embargo)")
        if not states:
            continue  # drafts and internal notes are not scheduled
        c = sc.project.campagne_of(a)
        if c is not None and public_reason(sc.project, c, sc.ctx.now) is not None:
            states.append("campagne pas encore publique")
        when = max(article_moment(sc, a), emb) if emb is not None else article_moment(sc, a)
        out.append(
            {
                "iso": when.isoformat(),
                "date": datetime_fr(when),
                "titre": a.titre,
                "url": link(here, article_path(a.id or "")),
                "campagne": c.titre if c is not None else "association",
                "auteur": author_name(sc, a),
                "etat": " · ".join(states),
            }
        )
    return sorted(out, key=lambda r: (r["iso"], r["titre"]))
