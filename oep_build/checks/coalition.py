"""Coalition checks: follow-ups whose date has passed, second reminders left unanswered."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Level, rule
from ..model.campaign import StatutCoalition
from ..model.referentiels import Parametres
from ..planning import campaign_closed
from .base import Context, check

_CAT = "coalition"
R_OVERDUE = rule("relance-depassee", Level.AVERTISSEMENT, "La date de prochaine relance d'un partenaire est passée.", _CAT)
R_SILENT = rule(
    "relance-sans-reponse", Level.AVERTISSEMENT,
    "Deuxième relance restée sans réponse plus de relance_sans_reponse_jours jours.", _CAT,
)

_SETTLED = (StatutCoalition.engage, StatutCoalition.decline)


@check
def check_follow_ups(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    site = p.site
    wait = (site.parametres if site else Parametres()).relance_sans_reponse_jours
    for _cid, c in p.checkable("campagnes", frozenset({"statut", "fin", "coalition"}), frozenset({"coalition"})):
        if campaign_closed(c, ctx.today):
            continue
        for i, co in p.untouched(c, "coalition"):
            if co.statut in _SETTLED:
                continue
            who = _partner(ctx, co.partenaire)
            if co.prochaine_relance is not None and co.prochaine_relance < ctx.today:
                days = (ctx.today - co.prochaine_relance).days
                yield ctx.diag(
                    R_OVERDUE, c, "coalition", i, "prochaine_relance",
                    message=f"coalition[{i}] {who} : relance prévue le {co.prochaine_relance}, "
                    f"dépassée de {days} jour{'s' if days > 1 else ''}",
                    fix="relancez puis mettez à jour dernier_contact, statut et prochaine_relance",
                )
            if co.statut is StatutCoalition.relance_2 and co.dernier_contact is not None:
                silent = (ctx.today - co.dernier_contact).days
                if silent > wait:
                    yield ctx.diag(
                        R_SILENT, c, "coalition", i, "statut",
                        message=f"coalition[{i}] {who} : deuxième relance le {co.dernier_contact}, "
                        f"sans réponse depuis {silent} jours (plus de {wait})",
                        fix="passez par un autre contact ou notez le partenaire decline "
                        "(délai réglable : parametres.relance_sans_reponse_jours)",
                    )


def _partner(ctx: Context, pid: str) -> str:
    partner = ctx.project.partenaires.get(pid)
    return f"« {partner.nom} »" if partner else f"« {pid} »"
