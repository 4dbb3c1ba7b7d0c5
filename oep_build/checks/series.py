"""Checks of the CSV series under ``campaigns/<id>/suivi/``.

Dates, integers and unknown columns are schema errors already; unknown
indicators are ``reference-inconnue`` (checks/references.py). Here: what only
makes sense across rows — order, duplicates, the calendar.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from ..departements import is_departement
from ..diagnostics import Diagnostic, Level, rule
from ..model import closest, where
from ..model.base import Statut
from ..model.campaign import Campagne
from ..model.referentiels import Parametres
from ..model.series import LigneIndicateur
from ..monitoring.series import NATIONAL, group_rows, is_cumulative
from .base import Context, check
from .references import R_REF

__all__ = ["check_retombees", "check_series"]

R_DECREASE = rule(
    "serie-cumul-en-baisse", Level.ERREUR, "Un indicateur cumulé baisse d'un relevé au suivant.", "suivi"
)
R_DUP = rule("serie-doublon", Level.ERREUR, "Deux relevés pour le même jour, indicateur et périmètre.", "suivi")
R_FUTURE = rule("serie-date-future", Level.ERREUR, "Un relevé est daté dans le futur.", "suivi")
R_LATER = rule(
    "serie-posterieure-ignoree", Level.INFO,
    "Avec --today, les relevés datés après ce jour sont ignorés (le suivi est lu tel qu'il était ce jour-là).",
    "suivi",
)
R_GAP = rule(
    "serie-trou", Level.AVERTISSEMENT, "Plus de 7 jours sans relevé pendant une campagne active.", "suivi"
)
R_PERIMETRE = rule(
    "perimetre-inconnu", Level.AVERTISSEMENT, "Périmètre ni « national » ni numéro de département.", "suivi"
)
R_NO_DATA = rule("objectif-sans-releve", Level.INFO, "Un objectif n'a encore aucun relevé.", "suivi")

_INDICATEURS_CSV = "suivi/indicateurs.csv"


@check
def check_series(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    params = p.site.parametres if p.site else Parametres()
    for cid, all_rows in sorted(p.indicateurs_series.items()):
        yield from _future(ctx, all_rows, "relevé daté")
        rows = [r for r in all_rows if r.date <= ctx.today]
        yield from _perimetres(ctx, rows)
        groups = group_rows(rows)
        for (indicateur, _perimetre), group in sorted(groups.items()):
            yield from _duplicates(ctx, group)
            if is_cumulative(p, indicateur):
                yield from _decreases(ctx, group)
        c = p.campagnes.get(cid)
        if c is not None and _active(c, ctx.today):
            deadlines: dict[tuple[str, str], dt.date] = {}
            for o in c.objectifs:
                key = (o.indicateur, o.perimetre)
                deadlines[key] = max(o.echeance, deadlines.get(key, o.echeance))
            for key, group in sorted(groups.items()):
                # Départements are fed irregularly; unknown indicators are reported elsewhere.
                if (key[1] == NATIONAL or key in deadlines) and key[0] in p.indicateurs:
                    # Once its last objective is due, a series may stop.
                    end = min(c.fin, ctx.today, deadlines.get(key, c.fin))
                    yield from _gaps(ctx, c, group, params.suivi_trou_jours, end)
    for cid, c in sorted(p.campagnes.items()):
        yield from _objectives(ctx, cid, c)


@check
def check_retombees(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    for cid, rows in sorted(p.retombees.items()):
        yield from _future(ctx, rows, "retombée datée")
        c = p.campagnes.get(cid)
        tf_ids = sorted(t.id for t in c.temps_forts) if c else []
        for r in rows:
            if r.temps_fort and c is not None and r.temps_fort not in tf_ids:
                sugg = closest(r.temps_fort, tf_ids)
                fix = (
                    "vouliez-vous dire " + " ou ".join(f"« {s} »" for s in sugg) + " ?"
                    if sugg
                    else ("temps forts de la campagne : " + ", ".join(tf_ids) if tf_ids else "la campagne n'a aucun temps fort : laissez la colonne vide")
                )
                yield ctx.diag(R_REF, r, "temps_fort", message=f"temps fort « {r.temps_fort} » introuvable", fix=fix)


def _active(c: Campagne, today: dt.date) -> bool:
    """Started and not archived: the staff still feed its series."""
    return c.statut is not Statut.archive and c.debut <= today


def _future(ctx: Context, rows: list, what: str) -> Iterator[Diagnostic]:
    """Rows dated after today: typos on the real date, history not yet written with ``--today``.

    ``--today`` (or ``OEP_TODAY``) means "as of": the series is read as it stood
    that day, so later rows are left out everywhere, with one note per file.
    """
    later = [r for r in rows if r.date > ctx.today]
    if not later:
        return
    if ctx.moment is None:
        last = max(r.date for r in later)
        n, s = len(later), "s" if len(later) > 1 else ""
        yield ctx.diag(
            R_LATER,
            later[0],
            "date",
            message=f"{n} ligne{s} datée{s} après le {ctx.today.isoformat()} (jusqu'au {last.isoformat()}) "
            f"ignorée{s} : le fichier est lu tel qu'il était ce jour-là",
            fix="rien à corriger ; sans --today, la date réelle est utilisée",
        )
        return
    for r in later:
        yield ctx.diag(
            R_FUTURE,
            r,
            "date",
            message=f"{what} du {r.date.isoformat()}, après aujourd'hui ({ctx.today.isoformat()})",
            fix="corrigez la date (faute de frappe sur le mois ou l'année ?) ; le suivi ne note que ce qui a eu lieu",
        )


def _perimetres(ctx: Context, rows: list[LigneIndicateur]) -> Iterator[Diagnostic]:
    for r in rows:
        if r.perimetre != NATIONAL and not is_departement(r.perimetre):
            yield ctx.diag(
                R_PERIMETRE,
                r,
                "perimetre",
                message=f"périmètre « {r.perimetre} » : ni « national » ni un numéro de département",
                fix="écrivez national, ou le numéro du département sur deux chiffres : 01, 2A, 974",
            )


def _duplicates(ctx: Context, group: list[LigneIndicateur]) -> Iterator[Diagnostic]:
    seen: dict[dt.date, LigneIndicateur] = {}
    for r in group:
        first = seen.get(r.date)
        if first is None:
            seen[r.date] = r
            continue
        yield ctx.diag(
            R_DUP,
            r,
            "date",
            message=f"{r.indicateur} ({r.perimetre}) a déjà un relevé le {r.date.isoformat()}, "
            f"ligne {where(first).line} ({first.valeur} puis {r.valeur})",
            fix="gardez une seule ligne par jour, indicateur et périmètre (la plus récente compte)",
        )


def _decreases(ctx: Context, group: list[LigneIndicateur]) -> Iterator[Diagnostic]:
    prev: LigneIndicateur | None = None
    for r in group:
        if prev is not None and r.date != prev.date and r.valeur < prev.valeur:
            yield ctx.diag(
                R_DECREASE,
                r,
                "valeur",
                message=f"{r.indicateur} ({r.perimetre}) passe de {prev.valeur} le {prev.date.isoformat()} "
                f"à {r.valeur} le {r.date.isoformat()} : un cumul ne baisse jamais",
                fix="corrigez la valeur (chiffre inversé, zéro en trop ?), ou déclarez l'indicateur "
                "« type: flux » s'il compte une valeur par période",
            )
        prev = r


def _gaps(ctx: Context, c: Campagne, group: list[LigneIndicateur], limit: int, end: dt.date) -> Iterator[Diagnostic]:
    """Gaps between ``c.debut`` and ``end``, and a last relevé too old while ``end`` is not reached."""
    start = c.debut
    fix = f"ajoutez un relevé au moins tous les {limit} jours pendant la campagne dans {_INDICATEURS_CSV} (une note peut dire qu'il est estimé)"
    dates = sorted({r.date for r in group if r.date <= ctx.today})
    by_date = {r.date: r for r in group}
    for a, b in itertools.pairwise(dates):
        covered = (min(b, end) - max(a, start)).days
        if covered > limit:
            r = by_date[b]
            yield ctx.diag(
                R_GAP,
                r,
                "date",
                message=f"aucun relevé de {r.indicateur} ({r.perimetre}) entre le {a.isoformat()} et le "
                f"{b.isoformat()} ({(b - a).days} jours)",
                fix=fix,
            )
    if dates and c.debut <= ctx.today <= end and (ctx.today - dates[-1]).days > limit:
        r = by_date[dates[-1]]
        yield ctx.diag(
            R_GAP,
            r,
            "date",
            message=f"dernier relevé de {r.indicateur} ({r.perimetre}) le {r.date.isoformat()}, "
            f"il y a {(ctx.today - r.date).days} jours, alors que la campagne est en cours",
            fix=fix,
        )


def _objectives(ctx: Context, cid: str, c: Campagne) -> Iterator[Diagnostic]:
    rows = ctx.project.indicateurs_series.get(cid, [])
    present = {(r.indicateur, r.perimetre) for r in rows}
    for i, o in enumerate(c.objectifs):
        if o.perimetre != NATIONAL and not is_departement(o.perimetre):
            yield ctx.diag(
                R_PERIMETRE,
                c,
                "objectifs",
                i,
                "perimetre",
                message=f"objectif {o.id} : périmètre « {o.perimetre} » ni « national » ni un numéro de département",
                fix="écrivez national, ou le numéro du département sur deux chiffres : 01, 2A, 974",
            )
        elif c.debut <= ctx.today and (o.indicateur, o.perimetre) not in present and o.indicateur in ctx.project.indicateurs:
            yield ctx.diag(
                R_NO_DATA,
                c,
                "objectifs",
                i,
                "indicateur",
                message=f"objectif {o.id} : aucun relevé de {o.indicateur} ({o.perimetre}) dans campaigns/{cid}/{_INDICATEURS_CSV}",
                fix=f"ajoutez une ligne date,{o.indicateur},valeur,{o.perimetre} à chaque relevé",
            )
