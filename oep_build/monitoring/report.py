"""The weekly report: a model built from the project, then rendered (Markdown, HTML, PDF).

``oep rapport`` and the internal site call :func:`weekly_report_markdown`;
the PDF goes through :func:`weekly_report_html` and :mod:`.pdf`. The report
reasons as of ``min(today, Sunday of the week)``, so last week's report reads
the same on Monday as on Friday (deliverable and coalition statuses are those
of the files today: the content keeps no history of them).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from ..context import Context
from ..model.campaign import Campagne, Livrable, StatutLivrable, TempsFort
from ..model.referentiels import Parametres
from ..model.series import Retombee
from ..planning import PlannedRelance, campaign_closed, is_done, is_overdue, relances_due
from .charts import Chart, charts_of
from .progress import ObjectiveProgress, objective_progress
from .suggestions import Suggestion, suggest

__all__ = [
    "Suggestion",
    "WeeklyReport",
    "build_weekly_report",
    "parse_week",
    "week_label",
]

_WEEK_RE = re.compile(r"^(\d{4})-[SsWw](\d{1,2})$")
A_VENIR_JOURS = 14
TOP_RETOMBEES = 5


@dataclass
class ObjectiveLine:
    progress: ObjectiveProgress

    @property
    def semaine_precedente(self) -> int | None:
        """Value at the start of the 7-day window (the same window as the 7-day pace)."""
        w = self.progress.fenetre_7j
        return w.start.value if w else None

    @property
    def variation(self) -> int | None:
        return self.progress.variation_7j


@dataclass
class WeeklyReport:
    campagne: Campagne
    campagne_id: str
    semaine: str
    """``2026-S07``: the ISO week, with the French S."""
    lundi: dt.date
    dimanche: dt.date
    as_of: dt.date
    cloturee: bool
    """Archived or over: follow-ups are no longer chased."""
    objectifs: list[ObjectiveLine] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    temps_forts_semaine: list[TempsFort] = field(default_factory=list)
    temps_forts_a_venir: list[TempsFort] = field(default_factory=list)
    livrables_en_retard: list[Livrable] = field(default_factory=list)
    livrables_dus: list[Livrable] = field(default_factory=list)
    livrables_valides: list[Livrable] = field(default_factory=list)
    relances: list[PlannedRelance] = field(default_factory=list)
    retombees: list[Retombee] = field(default_factory=list)
    """Coverage of the week (Monday to as_of)."""
    retombees_par_type: list[tuple[str, int]] = field(default_factory=list)
    retombees_par_tonalite: list[tuple[str, int]] = field(default_factory=list)
    top_retombees: list[Retombee] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    noms: dict[str, str] = field(default_factory=dict)
    """Person and partner ids -> display names."""
    temps_forts: dict[str, str] = field(default_factory=dict)
    """Temps fort ids -> titles (a deliverable names the temps fort it prepares)."""

    @property
    def notes(self) -> list[tuple[bool, str]]:
        """(is an alert, text) under the indicators table: alerts, département condition, targets reached."""
        from .charts import geo_notes
        from .fr import date_fr

        out = []
        for line in self.objectifs:
            p = line.progress
            name = f"« {p.objectif.intitule} »"
            if p.alerte:
                out.append((True, f"{name} : {p.alerte}"))
            if p.departements_sommes:
                n = len(p.departements_sommes)
                out.append(
                    (False, f"{name} : pas de relevé national, valeur calculée en additionnant les relevés de "
                     f"{n} département{'s' if n > 1 else ''} ({', '.join(p.departements_sommes)})")
                )
            out += [(False, f"{name} : {note}") for note in geo_notes(p)]
            if p.atteint_le:
                out.append((False, f"{name} : cible atteinte le {date_fr(p.atteint_le)}"))
        return out

    @property
    def dernier_releve(self) -> dt.date | None:
        dates = [line.progress.date for line in self.objectifs if line.progress.date]
        return max(dates) if dates else None

    @property
    def a_venir_jusqu_au(self) -> dt.date:
        return self.as_of + dt.timedelta(days=A_VENIR_JOURS)


def parse_week(text: str) -> dt.date:
    """Monday of ``AAAA-Snn`` (``2026-S07``; ``2026-W07`` is accepted too)."""
    m = _WEEK_RE.match(text.strip())
    if not m:
        raise ValueError(f"semaine « {text} » mal écrite : attendu AAAA-Snn, par exemple 2026-S07")
    year, week = int(m.group(1)), int(m.group(2))
    try:
        return dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValueError(f"semaine « {text} » : l’année {year} n’a pas de semaine {week}") from None


def week_label(day: dt.date) -> str:
    """``2026-S07``: the ISO week of ``day``."""
    year, week, _ = day.isocalendar()
    return f"{year}-S{week:02d}"


def build_weekly_report(ctx: Context, campagne: Campagne, week: str | None = None) -> WeeklyReport:
    """Gather everything the report says; raises ``ValueError`` (in French) for a bad or future week."""
    lundi = parse_week(week) if week else ctx.today - dt.timedelta(days=ctx.today.weekday())
    if lundi > ctx.today:
        raise ValueError(f"la semaine {week_label(lundi)} n’a pas encore commencé (aujourd’hui : {ctx.today.isoformat()})")
    dimanche = lundi + dt.timedelta(days=6)
    as_of = min(ctx.today, dimanche)
    cid = campagne.id or ""
    p = ctx.project
    r = WeeklyReport(
        campagne=campagne,
        campagne_id=cid,
        semaine=week_label(lundi),
        lundi=lundi,
        dimanche=dimanche,
        as_of=as_of,
        cloturee=campaign_closed(campagne, as_of),
    )
    r.noms = {pid: pe.nom_affiche for pid, pe in p.personnes.items()}
    r.noms.update({pid: pa.nom for pid, pa in p.partenaires.items()})
    r.temps_forts = {t.id: t.titre for t in campagne.temps_forts}
    # Indicators against their targets, with the week-on-week change
    r.objectifs = [ObjectiveLine(pr) for pr in objective_progress(ctx, campagne, as_of)]
    r.charts = charts_of(ctx, cid, [line.progress for line in r.objectifs], "oep-rapport")
    # Calendar: this week so far, then the next 14 days
    live = [t for t in campagne.temps_forts if t.statut.value != "annule"]
    r.temps_forts_semaine = sorted((t for t in live if lundi <= t.date <= as_of), key=lambda t: t.date)
    r.temps_forts_a_venir = sorted((t for t in live if as_of < t.date <= r.a_venir_jusqu_au), key=lambda t: t.date)
    # Deliverables
    soon = as_of + dt.timedelta(days=7)
    r.livrables_en_retard = sorted((lv for lv in campagne.livrables if is_overdue(p, lv, as_of)), key=_by_due)
    r.livrables_dus = sorted(
        (lv for lv in campagne.livrables if as_of <= lv.echeance <= soon and not is_done(p, lv)), key=_by_due
    )
    r.livrables_valides = sorted(
        (
            lv
            for lv in campagne.livrables
            if lv.statut in (StatutLivrable.valide, StatutLivrable.publie)
            and lv.valide_le is not None
            and lundi <= lv.valide_le <= as_of
        ),
        key=_by_due,
    )
    # Coalition follow-ups due within a week
    params = p.site.parametres if p.site else Parametres()
    r.relances = [
        rel for rel in relances_due(p, soon, as_of, params.relance_sans_reponse_jours) if rel.campagne == cid
    ]
    # Media coverage of the week
    r.retombees = sorted(
        (x for x in p.retombees.get(cid, []) if lundi <= x.date <= as_of), key=lambda x: (x.date, x.media)
    )
    r.retombees_par_type = _counts(type_media(x.type_media) for x in r.retombees)
    r.retombees_par_tonalite = _counts(tonalite(x.tonalite.value) for x in r.retombees)
    r.top_retombees = sorted(r.retombees, key=lambda x: (-(x.portee or 0), x.date, x.media))[:TOP_RETOMBEES]
    # Adjustments, last: they read everything above
    r.suggestions = suggest(r, params)
    return r


_TONES = {"positive": "positive", "neutre": "neutre", "negative": "négative"}
_TYPES_MEDIA = {
    "presse_nationale": "presse nationale",
    "presse_regionale": "presse régionale",
    "presse_locale": "presse locale",
    "tele": "télévision",
    "television": "télévision",
    "radio": "radio",
    "web": "web",
    "reseaux_sociaux": "réseaux sociaux",
    "agence": "agence de presse",
}


def type_media(value: str) -> str:
    """French label of a ``type_media`` column value (free text is shown as written)."""
    if not value:
        return "non précisé"
    return _TYPES_MEDIA.get(value, value.replace("_", " "))


def tonalite(value: str) -> str:
    return _TONES.get(value, value)


def _by_due(lv: Livrable) -> tuple[dt.date, str]:
    return (lv.echeance, lv.id)


def _counts(values) -> list[tuple[str, int]]:
    return sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0]))
