"""« Cette semaine »: what the Monday meeting goes through, across every open campaign.

One model, two renderings: the internal page (:func:`week_markdown`) and
``oep plan --semaine`` (:func:`week_text`). Archived or finished campaigns and
finished work are left out; every status is a French label, every id a name.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass, field

from ..context import Context
from ..declarations import PendingDeclaration, open_declarations
from ..model.campaign import Campagne, status_label
from ..planning import (
    PlannedLivrable,
    PlannedRelance,
    PlannedTempsFort,
    campaign_closed,
    is_done,
    iter_livrables,
    iter_temps_forts,
    relances_due,
)
from ..render.planning_svg import md_text
from .fr import date_fr
from .progress import ObjectiveProgress, Statut, objective_progress

__all__ = ["Week", "WeekLine", "build_week", "week_markdown", "week_text"]

DUE_DAYS = 7
"""Deliverables and follow-ups due within this many days (today included)."""
AHEAD_DAYS = 14
"""Temps forts shown ahead."""


@dataclass(frozen=True)
class WeekLine:
    """One line of the page: the thing, its campaign, and what to say about it."""

    titre: str
    campagne: str
    detail: str
    flag: str = ""
    """« en retard », « hors délai », « ralentissement »…: in bold on the page, in brackets in the terminal."""


@dataclass
class Week:
    today: dt.date
    livrables: dict[str, list[WeekLine]] = field(default_factory=dict)
    """Late deliverables then those due within 7 days, by owner's display name."""
    declarations: list[WeekLine] = field(default_factory=list)
    relances: list[WeekLine] = field(default_factory=list)
    indicateurs: list[WeekLine] = field(default_factory=list)
    temps_forts: list[WeekLine] = field(default_factory=list)

    @property
    def jusqu_au(self) -> dt.date:
        return self.today + dt.timedelta(days=DUE_DAYS - 1)

    @property
    def horizon(self) -> dt.date:
        return self.today + dt.timedelta(days=AHEAD_DAYS - 1)

    def sections(self) -> list[tuple[str, list[tuple[str, list[WeekLine]]], str]]:
        """(title, [(group, lines)], what to say when empty), in the meeting's order."""
        return [
            ("Livrables en retard ou à rendre d’ici 7 jours", list(self.livrables.items()), "Aucun livrable en retard ni à rendre."),
            ("Déclarations en préfecture à déposer", [("", self.declarations)], "Aucune déclaration à déposer."),
            ("Relances de partenaires", [("", self.relances)], "Aucune relance à faire d’ici 7 jours."),
            ("Indicateurs qui ne suivent pas le rythme", [("", self.indicateurs)], "Tous les objectifs suivent leur rythme."),
            ("Temps forts des 14 prochains jours", [("", self.temps_forts)], "Aucun temps fort d’ici 14 jours."),
        ]


def build_week(ctx: Context) -> Week:
    p = ctx.project
    today = ctx.today
    week = Week(today)
    open_ids = {cid for cid, c in p.campagnes.items() if not campaign_closed(c, today)}
    titles = {cid: c.titre for cid, c in p.campagnes.items()}
    week.livrables = _deliverables(ctx, open_ids, titles, week.jusqu_au)
    week.declarations = [
        _declaration(ctx, d, titles) for d in open_declarations(p, today, ctx.tz) if d.campagne in open_ids
    ]
    days = p.site.parametres.relance_sans_reponse_jours if p.site else 14
    week.relances = [_relance(ctx, r, titles) for r in relances_due(p, week.jusqu_au, today, days)]
    for cid in sorted(open_ids):
        week.indicateurs += [_indicator(pr, titles[cid]) for pr in _off_pace(ctx, p.campagnes[cid])]
    week.temps_forts = [
        _temps_fort(t, titles)
        for t in sorted(iter_temps_forts(p), key=lambda t: (t.temps_fort.date, t.campagne, t.temps_fort.id))
        if t.campagne in open_ids
        and t.temps_fort.statut.value != "annule"
        and t.temps_fort.date <= week.horizon
        and t.fin >= today
    ]
    return week


def _deliverables(ctx: Context, open_ids: set[str], titles: dict[str, str], until: dt.date) -> dict[str, list[WeekLine]]:
    p, today = ctx.project, ctx.today
    found: dict[str, list[PlannedLivrable]] = {}
    for pl in iter_livrables(p):
        lv = pl.livrable
        if pl.campagne in open_ids and not is_done(p, lv) and lv.echeance <= until:
            found.setdefault(lv.responsable, []).append(pl)
    out: dict[str, list[WeekLine]] = {}
    for owner in sorted(found, key=lambda o: _name(ctx, o).lower()):
        lines = []
        for pl in sorted(found[owner], key=lambda x: (x.livrable.echeance, x.key)):
            lv = pl.livrable
            late = (today - lv.echeance).days
            when = (
                f"dû le {date_fr(lv.echeance)}, il y a {late} jour{'s' if late > 1 else ''}"
                if late > 0
                else ("à rendre aujourd’hui" if late == 0 else f"à rendre le {date_fr(lv.echeance, weekday=True)}")
            )
            tf = p.temps_fort(p.campagnes[pl.campagne], lv.temps_fort)
            prepares = f", pour « {tf.titre} » le {date_fr(tf.date)}" if tf else ""
            flag = "en retard" if late > 0 else ""
            lines.append(WeekLine(lv.titre, titles[pl.campagne], f"{when} · {status_label(lv.statut)}{prepares}", flag))
        out[_name(ctx, owner)] = lines
    return out


def _declaration(ctx: Context, d: PendingDeclaration, titles: dict[str, str]) -> WeekLine:
    who = _name(ctx, d.responsable) if d.responsable else "sans responsable"
    late = d.too_late(ctx.today)
    todo = (
        f"le dernier jour légal était le {date_fr(d.dernier_jour)} : voir la préfecture sans attendre"
        if late
        else f"déclaration en préfecture à déposer avant le {date_fr(d.dernier_jour, weekday=True)} inclus"
    )
    return WeekLine(
        d.evenement.titre, titles.get(d.campagne, ""), f"le {date_fr(d.jour)} · {todo} · {who}",
        "hors délai" if late else "",
    )


def _relance(ctx: Context, r: PlannedRelance, titles: dict[str, str]) -> WeekLine:
    co = r.coalition
    partner = ctx.project.partenaires.get(co.partenaire)
    late = (ctx.today - r.date).days
    if r.motif == "deuxième relance sans réponse":
        when = f"sans réponse depuis le {date_fr(co.dernier_contact)}" if co.dernier_contact else "sans réponse"
    elif late > 0:
        when = f"relance prévue le {date_fr(r.date)}, il y a {late} jour{'s' if late > 1 else ''}"
    else:
        when = "à relancer aujourd’hui" if late == 0 else f"à relancer le {date_fr(r.date, weekday=True)}"
    who = f" · suivi par {_name(ctx, co.referent)}" if co.referent else ""
    return WeekLine(
        partner.nom if partner else co.partenaire, titles.get(r.campagne, ""),
        f"{when} · {status_label(co.statut)}{who}", "en retard" if late > 0 else "",
    )


def _off_pace(ctx: Context, c: Campagne) -> list[ObjectiveProgress]:
    return [pr for pr in objective_progress(ctx, c) if pr.statut in (Statut.ralentissement, Statut.en_retard)]


def _indicator(pr: ObjectiveProgress, campagne: str) -> WeekLine:
    from .suggestions import objective_advice

    advice = objective_advice(pr)
    name = f"« {pr.objectif.intitule} » : "
    reason = advice.constat.removeprefix(name) if advice else pr.alerte or ""
    action = f" → {advice.action}" if advice else ""
    return WeekLine(pr.objectif.intitule, campagne, f"{reason}{action}", pr.statut.value)


def _temps_fort(t: PlannedTempsFort, titles: dict[str, str]) -> WeekLine:
    tf = t.temps_fort
    when = date_fr(tf.date, weekday=True) if t.fin == tf.date else f"du {date_fr(tf.date)} au {date_fr(t.fin)}"
    return WeekLine(tf.titre, titles.get(t.campagne, ""), f"{when} · {status_label(tf.statut)}")


def _name(ctx: Context, pid: str | None) -> str:
    person = ctx.project.personnes.get(pid or "")
    return person.nom_affiche if person else (pid or "sans responsable")


# -- renderings ------------------------------------------------------------------


def week_markdown(week: Week) -> str:
    """The internal page's body (headings, lists; no raw value, no id)."""
    out = [
        "# Cette semaine\n",
        '<span class="oep-badge oep-badge--interne">interne</span>\n',
        f"Pour la réunion d’équipe du {date_fr(week.today, weekday=True)}, toutes campagnes en cours confondues "
        "(les campagnes archivées ou terminées et le travail fini n’y figurent pas). "
        "Pour corriger une ligne, corrigez le fichier de la campagne.\n",
    ]
    for title, groups, empty in week.sections():
        out.append(f"## {title}\n")
        if not any(lines for _, lines in groups):
            out.append(f"{empty}\n")
            continue
        for group, lines in groups:
            if group:
                out.append(f"### {md_text(group)}\n")
            out += [_md_line(line) for line in lines]
            out.append("")
    return "\n".join(out)


def _md_line(line: WeekLine) -> str:
    flag = f"**{line.flag[:1].upper()}{line.flag[1:]}** — " if line.flag else ""
    campagne = f" ({md_text(line.campagne)})" if line.campagne else ""
    return f"- {flag}{md_text(line.titre)}{campagne} : {md_text(line.detail)}"


def week_text(week: Week, width: int = 80) -> str:
    """The same content for a terminal or a pipe: lines wrapped between words, never inside one."""
    wrap = textwrap.TextWrapper(width=max(width, 40), break_long_words=False, break_on_hyphens=False,
                                subsequent_indent="    ")
    out = [f"Cette semaine : {date_fr(week.today, weekday=True)}"]
    for title, groups, empty in week.sections():
        out += ["", title, "─" * min(len(title), width)]
        if not any(lines for _, lines in groups):
            out.append(empty)
            continue
        for group, lines in groups:
            if group:
                out.append(f"{group} :")
            for line in lines:
                flag = f"[{line.flag}] " if line.flag else ""
                campagne = f" ({line.campagne})" if line.campagne else ""
                out += wrap.wrap(f"  - {flag}{line.titre}{campagne} : {line.detail}")
    return "\n".join(out) + "\n"
