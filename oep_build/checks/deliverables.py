"""Deliverable checks: due dates against temps forts and dependencies, dependency cycles,
validation (four-eyes rule), late work and overloaded weeks.

Unknown ``depend_de``/``temps_fort`` ids are reported by the reference checks;
here they are simply skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic, Level, rule
from ..model.campaign import Campagne, Livrable, StatutLivrable, status_label
from ..model.referentiels import Parametres
from ..planning import (
    PlannedLivrable,
    campaign_closed,
    effective_statut,
    find_cycles,
    is_done,
    iso_week,
    iter_livrables,
    overdue_by_person,
    product_statut,
)
from .base import Context, check

_CAT = "livrables"
R_AFTER_TF = rule("livrable-apres-temps-fort", Level.ERREUR, "Un livrable est dû après le temps fort qu'il prépare.", _CAT)
R_MARGIN = rule(
    "livrable-marge-courte", Level.AVERTISSEMENT,
    "Un livrable est dû moins de livrable_marge_jours jours avant son temps fort.", _CAT,
)
R_BEFORE_DEP = rule(
    "livrable-avant-dependance", Level.ERREUR, "Un livrable est dû avant un livrable dont il dépend.", _CAT
)
R_CYCLE = rule("dependances-en-cycle", Level.ERREUR, "Des livrables dépendent les uns des autres en boucle.", _CAT)
R_VALIDATION = rule(
    "livrable-validation-incomplete", Level.ERREUR, "Livrable validé ou publié sans valide_par ou valide_le.", _CAT
)
R_FOUR_EYES = rule(
    "livrable-quatre-yeux", Level.ERREUR,
    "Livrable validé par son propre responsable (types listés dans parametres.quatre_yeux).", _CAT,
)
R_PUBLISHED = rule(
    "livrable-publie-objet-non-publie", Level.AVERTISSEMENT,
    "Livrable marqué publie alors que l'objet qu'il produit ne l'est pas.", _CAT,
)
R_PRODUCT_AHEAD = rule(
    "livrable-statut-en-retard-sur-produit", Level.AVERTISSEMENT,
    "L'objet produit par un livrable est validé ou publié, mais le statut du livrable ne le dit pas.", _CAT,
)
R_PRODUCT_BEHIND = rule(
    "livrable-valide-objet-non-valide", Level.AVERTISSEMENT,
    "Livrable marqué valide alors que l'objet qu'il produit n'est pas encore validé.", _CAT,
)
R_LATE = rule("livrable-en-retard", Level.AVERTISSEMENT, "Échéance passée et livrable pas terminé.", _CAT)
R_LATE_OWNER = rule("retards-par-personne", Level.INFO, "Résumé des livrables en retard d'une personne.", _CAT)
R_OVERLOAD = rule(
    "semaine-surchargee", Level.AVERTISSEMENT, "Trop de livrables dus la même semaine pour une personne.", _CAT
)

_ABANDONED = StatutLivrable.abandonne
_VALIDATED = (StatutLivrable.valide, StatutLivrable.publie)


def _params(ctx: Context) -> Parametres:
    site = ctx.project.site
    return site.parametres if site is not None else Parametres()


def _label(i: int, lv: Livrable) -> str:
    return f"livrables[{i}] « {lv.titre} »"


@check
def check_due_dates(ctx: Context) -> Iterator[Diagnostic]:
    marge = _params(ctx).livrable_marge_jours
    p = ctx.project
    lists = frozenset({"temps_forts", "livrables"})
    for _cid, c in p.checkable("campagnes", lists, lists):  # one bad item hides nothing of the others
        tfs = {t.id: t for _, t in p.untouched(c, "temps_forts")}
        lvs = {lv.id: lv for _, lv in p.untouched(c, "livrables")}
        for i, lv in p.untouched(c, "livrables"):
            if lv.statut is _ABANDONED:
                continue
            tf = tfs.get(lv.temps_fort or "")
            if tf is not None and tf.statut.value != "annule":
                yield from _against_temps_fort(ctx, c, i, lv, tf.id, tf.date, marge)
            for j, dep_id in enumerate(lv.depend_de):
                dep = lvs.get(dep_id)
                if dep is None or dep is lv or dep.statut is _ABANDONED:
                    continue
                if lv.echeance < dep.echeance:
                    yield ctx.diag(
                        R_BEFORE_DEP, c, "livrables", i, "depend_de", j,
                        message=f"{_label(i, lv)} est dû le {lv.echeance}, avant « {dep.titre} » ({dep.id}, "
                        f"dû le {dep.echeance}) dont il dépend",
                        fix=f"reportez l'échéance après le {dep.echeance}, avancez celle de {dep.id}, "
                        "ou retirez la dépendance",
                    )


def _against_temps_fort(
    ctx: Context, c: Campagne, i: int, lv: Livrable, tf_id: str, tf_date: dt.date, marge: int
) -> Iterator[Diagnostic]:
    if lv.echeance > tf_date:
        yield ctx.diag(
            R_AFTER_TF, c, "livrables", i, "echeance",
            message=f"{_label(i, lv)} est dû le {lv.echeance}, après son temps fort {tf_id} ({tf_date})",
            fix="avancez l'échéance ou changez de temps fort",
        )
    elif (tf_date - lv.echeance).days < marge:
        days = (tf_date - lv.echeance).days
        when = "le jour même" if days == 0 else f"{days} jour{'s' if days > 1 else ''} avant"
        yield ctx.diag(
            R_MARGIN, c, "livrables", i, "echeance",
            message=f"{_label(i, lv)} est dû le {lv.echeance}, {when} son temps fort {tf_id} ({tf_date}) : "
            f"moins de {marge} jours de marge",
            fix=f"avancez l'échéance au {tf_date - dt.timedelta(days=marge)} au plus tard "
            "(marge réglable : parametres.livrable_marge_jours dans content/site.yml)",
        )


@check
def check_dependency_cycles(ctx: Context) -> Iterator[Diagnostic]:
    for _cid, c in ctx.project.checkable("campagnes", frozenset({"livrables"})):
        graph: dict[str, list[str]] = {}
        for lv in c.livrables:
            graph.setdefault(lv.id, []).extend(lv.depend_de)
        index = {lv.id: i for i, lv in reversed(list(enumerate(c.livrables)))}
        for cycle in find_cycles(graph):
            first = c.livrables[index[cycle[0]]]
            target = cycle[1] if len(cycle) > 1 else cycle[0]
            # With duplicated ids the edge may belong to the other copy: point at the list then.
            sub: tuple[int, ...] = tuple(j for j, d in enumerate(first.depend_de) if d == target)[:1]
            if len(cycle) == 1:
                what = f"« {cycle[0]} » dépend de lui-même"
            else:
                chain = " → ".join(cycle + [cycle[0]])
                what = f"{chain} (chacun attend le suivant, aucun ne peut commencer)"
            yield ctx.diag(
                R_CYCLE, c, "livrables", index[cycle[0]], "depend_de", *sub,
                message=f"dépendances en boucle : {what}",
                fix="retirez l'une de ces dépendances (depend_de)",
            )


@check
def check_validation(ctx: Context) -> Iterator[Diagnostic]:
    params = _params(ctx)
    four_eyes = set(params.quatre_yeux)
    p = ctx.project
    for _cid, c in p.checkable("campagnes", frozenset({"livrables"}), frozenset({"livrables"})):
        for i, lv in p.untouched(c, "livrables"):
            if lv.statut in _VALIDATED:
                missing = [f for f in ("valide_par", "valide_le") if getattr(lv, f) is None]
                if missing:
                    yield ctx.diag(
                        R_VALIDATION, c, "livrables", i, "statut",
                        message=f"{_label(i, lv)} est « {lv.statut.value} » sans {' ni '.join(missing)}",
                        fix="indiquez qui a validé (valide_par) et quand (valide_le), ou revenez à en_relecture",
                    )
            if lv.valide_par is not None and lv.valide_par == lv.responsable and lv.type.value in four_eyes:
                yield ctx.diag(
                    R_FOUR_EYES, c, "livrables", i, "valide_par",
                    message=f"{_label(i, lv)} ({lv.type.value}) est validé par son propre responsable ({lv.responsable})",
                    fix="faites-le relire et valider par une autre personne (règle des quatre yeux, "
                    "réglable : parametres.quatre_yeux)",
                )
            yield from _against_product(ctx, c, i, lv)


def _against_product(ctx: Context, c: Campagne, i: int, lv: Livrable) -> Iterator[Diagnostic]:
    """The deliverable's ``statut`` against its product's: one truth, the diagnostic says which value to write."""
    shown = product_statut(ctx.project, lv)
    if shown is None or shown is lv.statut or lv.statut is _ABANDONED:
        return
    target: Any = ctx.project.piece(lv.produit or "")
    product = f"{lv.produit} est « {target.statut.value} »"
    if effective_statut(ctx.project, lv) is not lv.statut:
        extra = ""
        if lv.valide_par is None or lv.valide_le is None:
            who = getattr(target, "valide_par", None)
            when = getattr(target, "valide_le", None)
            extra = f", avec valide_par: {who or 'ID'} et valide_le: {when or 'AAAA-MM-JJ'}"
        yield ctx.diag(
            R_PRODUCT_AHEAD, c, "livrables", i, "statut",
            message=f"{_label(i, lv)} est « {lv.statut.value} » alors que {product} : il est compté comme "
            f"{status_label(shown)}, pas en retard",
            fix=f"écrivez statut: {shown.value}{extra}",
        )
    elif lv.statut is StatutLivrable.publie:
        yield ctx.diag(
            R_PUBLISHED, c, "livrables", i, "statut",
            message=f"{_label(i, lv)} est marqué publie, mais {product}",
            fix=f"publiez {lv.produit} (statut: publie), ou écrivez statut: {shown.value} pour le livrable",
        )
    elif lv.statut is StatutLivrable.valide and shown not in (StatutLivrable.valide, StatutLivrable.publie):
        yield ctx.diag(
            R_PRODUCT_BEHIND, c, "livrables", i, "statut",
            message=f"{_label(i, lv)} est marqué valide, mais {product}",
            fix=f"validez {lv.produit} (statut: valide, valide_par, valide_le), ou écrivez statut: {shown.value} "
            "pour le livrable",
        )


@check
def check_late(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    for owner, items in overdue_by_person(p, ctx.today).items():
        for pl in items:
            lv = pl.livrable
            days = (ctx.today - lv.echeance).days
            yield ctx.diag(
                R_LATE, p.campagnes[pl.campagne], "livrables", pl.index, "echeance",
                message=f"{_label(pl.index, lv)} devait être rendu le {lv.echeance} (il y a {days} jour"
                f"{'s' if days > 1 else ''}) et est encore « {lv.statut.value} »",
                fix="terminez-le et mettez à jour son statut, reportez l'échéance, ou passez-le en abandonne",
            )
        listed = ", ".join(f"{pl.key} ({pl.livrable.echeance})" for pl in items)
        n = len(items)
        yield ctx.diag(
            R_LATE_OWNER, *_person_place(ctx, owner, items[0]),
            message=f"{_name(ctx, owner)} a {n} livrable{'s' if n > 1 else ''} en retard : {listed}",
            fix="faites le point ensemble (oep plan --personne " + owner + ")",
        )


@check
def check_overload(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    default = _params(ctx).livrables_max_semaine
    weeks: dict[tuple[str, str], list[PlannedLivrable]] = {}
    for pl in iter_livrables(p):
        lv = pl.livrable
        monday = lv.echeance - dt.timedelta(days=lv.echeance.weekday())
        if lv.statut is _ABANDONED or monday + dt.timedelta(days=6) < ctx.today:
            continue
        if campaign_closed(p.campagnes[pl.campagne], ctx.today):
            continue
        weeks.setdefault((lv.responsable, iso_week(lv.echeance)), []).append(pl)
    for (owner, week), items in sorted(weeks.items()):
        person = p.personnes.get(owner)
        limit = (person.livrables_max_semaine if person else None) or default
        if len(items) <= limit:
            continue
        items.sort(key=lambda pl: (pl.livrable.echeance, pl.key))
        open_ = sum(1 for pl in items if not is_done(p, pl.livrable))
        yield ctx.diag(
            R_OVERLOAD, *_person_place(ctx, owner, items[limit]),
            message=f"semaine {week} : {_name(ctx, owner)} a {len(items)} livrables dus, pour un maximum de {limit} "
            f"({open_} pas terminés) : " + ", ".join(pl.key for pl in items),
            fix="étalez les échéances ou confiez-en une partie à quelqu'un d'autre "
            "(seuil : livrables_max_semaine de la personne ou dans parametres)",
        )


def _name(ctx: Context, owner: str) -> str:
    person = ctx.project.personnes.get(owner)
    return f"{person.nom_affiche} ({owner})" if person else owner


def _person_place(ctx: Context, owner: str, fallback: PlannedLivrable) -> tuple[Any, ...]:
    """Where to pin a per-person summary: the person's entry, else the deliverable."""
    person = ctx.project.personnes.get(owner)
    if person is not None and person.origin is not None:
        return (person,)
    return (ctx.project.campagnes[fallback.campagne], "livrables", fallback.index, "responsable")

