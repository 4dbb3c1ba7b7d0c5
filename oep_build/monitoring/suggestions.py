"""Rule-based adjustments for the weekly report, each one explained with its numbers.

Rules run in a fixed order (objectives, data freshness, deliverables,
coalition, media) and each returns at most one suggestion per thing it looks
at, so the list stays short enough to be read in a team meeting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model.referentiels import Parametres
from .fr import date_fr, nombre, pourcentage, rythme
from .progress import ObjectiveProgress, Statut, describe_slowdown

if TYPE_CHECKING:  # the report calls suggest(): its type only, no import at run time
    from .report import WeeklyReport

__all__ = ["Suggestion", "objective_advice", "suggest"]


@dataclass(frozen=True)
class Suggestion:
    """An adjustment to consider, with the numbers that call for it."""

    constat: str
    action: str

    @property
    def texte(self) -> str:
        return f"{self.constat} : {self.action}"


def suggest(r: WeeklyReport, params: Parametres) -> list[Suggestion]:
    out: list[Suggestion] = []
    for line in r.objectifs:
        out += _objective(line.progress, r)
        out += _geography(line.progress, r)
    out += _freshness(r, params)
    out += _deliverables(r)
    out += _coalition(r)
    out += _media(r, params)
    return out


def _s(constat: str, action: str) -> Suggestion:
    return Suggestion(constat, action)


def _objective(p: ObjectiveProgress, r: WeeklyReport) -> list[Suggestion]:
    advice = objective_advice(p)
    return [advice] if advice else []


def objective_advice(p: ObjectiveProgress) -> Suggestion | None:
    """What one objective's numbers call for (``None`` when nothing): the report and « Cette semaine » share it."""
    found = _advice(p)
    return found[0] if found else None


def _advice(p: ObjectiveProgress) -> list[Suggestion]:
    name = f"« {p.objectif.intitule} »"
    if p.valeur is None or p.statut is Statut.atteint:
        return []
    recent, required = p.rythme_recent, p.rythme_requis
    if p.echeance_depassee:
        return [
            _s(
                f"{name} : échéance du {date_fr(p.echeance)} dépassée à {pourcentage(p.pourcentage)} "
                f"de la cible ({nombre(p.valeur)} sur {nombre(p.cible)})",
                "fixer une nouvelle échéance ou clore l’objectif",
            )
        ]
    if recent is not None and required and recent < required:
        # Never a higher target here, whatever the average says: the latest relevés decide.
        stalled = recent <= 0
        average = ""
        if p.rythme_moyen is not None and p.rythme_moyen >= required:
            average = f" ; le rythme moyen ({rythme(p.rythme_moyen)}) masque ce ralentissement"
        return [
            _s(
                f"{name} : {describe_slowdown(p)} ; rythme requis {rythme(required)} jusqu’au {date_fr(p.echeance)}"
                f"{_projection(p)}{average}",
                "relancer la mobilisation : nouvel envoi aux signataires, relais des partenaires, action de terrain"
                if stalled
                else "renforcer la relance avant toute révision de la cible",
            )
        ]
    if p.statut is Statut.dans_les_temps and p.rythme_moyen is not None and required and p.rythme_moyen < required:
        return [
            _s(
                f"{name} : rythme moyen {rythme(p.rythme_moyen)} sous le rythme requis {rythme(required)}, "
                f"mais le rythme récent ({rythme(recent)}) suffit{_projection(p)}",
                "maintenir l’effort jusqu’à l’échéance",
            )
        ]
    if p.statut is Statut.en_avance and p.rythme_moyen is not None and required and recent is not None:
        gain = 100 * (min(recent, p.rythme_moyen, p.rythme_7j or recent) / required - 1)
        return [
            _s(
                f"{name} : rythme récent {rythme(recent)}, sur 7 jours {rythme(p.rythme_7j)}, moyen "
                f"{rythme(p.rythme_moyen)}, pour {rythme(required)} requis (au moins +{pourcentage(gain)})",
                "envisager une cible plus haute ou préparer l’étape suivante",
            )
        ]
    return []


def _projection(p: ObjectiveProgress) -> str:
    recent = f"le {date_fr(p.date_projetee)}" if p.date_projetee else "jamais"
    text = f" ; à ce rythme, cible atteinte {recent}"
    if p.date_projetee_moyenne and p.date_projetee_moyenne != p.date_projetee:
        text += f" (le {date_fr(p.date_projetee_moyenne)} au rythme moyen)"
    return text


def _geography(p: ObjectiveProgress, r: WeeklyReport) -> list[Suggestion]:
    need = p.objectif.departements_min
    name = f"« {p.objectif.intitule} »"
    if need is None or p.valeur is None:
        return []
    if p.condition_geo_remplie is False:
        return [
            _s(
                f"{name} : relevés dans {p.departements} département{'s' if (p.departements or 0) > 1 else ''} "
                f"sur les {need} requis",
                "mobiliser les comités locaux des départements qui manquent",
            )
        ]
    if p.condition_geo_remplie is None and not r.cloturee:
        return [
            _s(
                f"{name} : condition de {need} départements non vérifiable, aucun relevé par département",
                "ajouter dans suivi/indicateurs.csv des lignes par département (colonne perimetre)",
            )
        ]
    return []


def _freshness(r: WeeklyReport, params: Parametres) -> list[Suggestion]:
    if r.cloturee:
        return []
    out = []
    seen = set()
    for line in r.objectifs:
        p = line.progress
        key = (p.objectif.indicateur, p.objectif.perimetre)
        if p.date is None or key in seen or p.statut is Statut.atteint:
            continue
        seen.add(key)
        age = (r.as_of - p.date).days
        if age > params.suivi_trou_jours:
            out.append(
                _s(
                    f"dernier relevé de « {p.libelle} » le {date_fr(p.date)}, il y a {age} jours",
                    "mettre à jour suivi/indicateurs.csv avant de décider : les rythmes ci-dessus en dépendent",
                )
            )
    return out


def _deliverables(r: WeeklyReport) -> list[Suggestion]:
    late = r.livrables_en_retard
    if not late:
        return []
    horizon = {t.id: t for t in r.temps_forts_a_venir}
    urgent = [lv for lv in late if lv.temps_fort in horizon]
    oldest = late[0]
    constat = (
        f"{len(late)} livrable{'s' if len(late) > 1 else ''} en retard, le plus ancien « {oldest.titre} » "
        f"dû le {date_fr(oldest.echeance)}"
    )
    if urgent:
        tf = horizon[urgent[0].temps_fort or ""]
        constat += (
            f" ; {len(urgent)} pour un temps fort des {(r.a_venir_jusqu_au - r.as_of).days} prochains jours "
            f"(« {tf.titre} » le {date_fr(tf.date)})"
        )
    return [_s(constat, "réaffecter ou replanifier, en commençant par ceux d’un temps fort proche")]


def _coalition(r: WeeklyReport) -> list[Suggestion]:
    if not r.relances:
        return []
    late = [x for x in r.relances if x.date < r.as_of]
    names = ", ".join(r.noms.get(x.coalition.partenaire, x.coalition.partenaire) for x in r.relances)
    n = len(r.relances)
    constat = f"{n} relance{'s' if n > 1 else ''} de partenaire{'s' if n > 1 else ''} à faire ({names})"
    if late:
        constat += f", dont {len(late)} en retard"
    action = "les faire cette semaine"
    if r.temps_forts_a_venir:
        tf = r.temps_forts_a_venir[0]
        action = f"les faire avant « {tf.titre} » le {date_fr(tf.date)}, pour que les partenaires relaient"
    return [_s(constat, action)]


def _media(r: WeeklyReport, params: Parametres) -> list[Suggestion]:
    n = len(r.retombees)
    if n == 0:
        if r.temps_forts_a_venir and not r.cloturee:
            tf = r.temps_forts_a_venir[0]
            days = (tf.date - r.as_of).days
            return [
                _s(
                    f"aucune retombée cette semaine, « {tf.titre} » dans {days} jour{'s' if days > 1 else ''}",
                    "préparer un communiqué et relancer les journalistes",
                )
            ]
        return []
    neg = sum(1 for x in r.retombees if x.tonalite.value == "negative")
    share = 100 * neg / n
    if n >= 3 and share >= params.retombees_negatives_pct:
        return [
            _s(
                f"{neg} retombée{'s' if neg > 1 else ''} négative{'s' if neg > 1 else ''} sur {n} cette semaine "
                f"({pourcentage(share)})",
                "mettre à jour l’argumentaire et préparer les réponses aux objections",
            )
        ]
    return []


