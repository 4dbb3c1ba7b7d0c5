"""``oep plan``: the next days in the terminal (temps forts, deliverables, late work, follow-ups)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..cli import CONTEXT_SETTINGS, ROOT, TODAY, main, run_guarded
from ..model import Project, closest
from ..model.campaign import status_label
from ..planning import Plan, build_plan, local_span

if TYPE_CHECKING:  # rich is imported when the command runs, not when the CLI starts
    from rich.console import Console
    from rich.table import Table

__all__ = ["plan_cmd", "render_plan"]

_DAYS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")


@main.command("plan", context_settings=CONTEXT_SETTINGS)
@ROOT
@click.option(
    "--jours", type=click.IntRange(1, 366), default=14, show_default=True,
    help="Nombre de jours à afficher, aujourd'hui compris.",
)
@click.option("--personne", metavar="ID", help="Seulement les livrables et relances de cette personne (son id).")
@click.option(
    "--semaine", is_flag=True,
    help="La vue « Cette semaine » de la réunion d'équipe : retards et échéances par personne, déclarations, "
    "relances, indicateurs hors rythme, temps forts des 14 jours (toutes campagnes en cours).",
)
@TODAY
@run_guarded
def plan_cmd(racine: Path, jours: int, personne: str | None, semaine: bool, today: dt.date | None) -> None:
    """Affiche le planning des prochains jours : temps forts, événements,
    livrables à rendre par personne, travail en retard et relances des partenaires.
    """
    from ..pipeline import check_project

    if not racine.is_dir():
        raise click.UsageError(f"le dossier {racine} n'existe pas")
    checked = check_project(racine, today)
    project = checked.project
    if personne is not None and personne not in project.personnes:
        sugg = closest(personne, project.personnes)
        hint = f" : vouliez-vous dire « {sugg[0]} » ?" if sugg else " (voir content/referentiels/personnes.yml)"
        raise click.UsageError(f"personne « {personne} » inconnue{hint}")
    if semaine:
        import shutil

        from ..monitoring.week import build_week, week_text

        # A pipe has no width: wrap for a usual terminal, between words only.
        width = shutil.get_terminal_size((80, 24)).columns
        click.echo(week_text(build_week(checked.context), width), nl=False)
        return
    plan = build_plan(project, checked.context.today, jours, personne, checked.context.tz)
    from rich.console import Console

    console = Console(highlight=False)
    render_plan(console, project, plan, checked.context.tz)
    report = checked.report
    if report.errors or report.warnings:
        console.print(f"\nContrôles : {report.summary()} Détail : oep check")


def render_plan(console: Console, project: Project, plan: Plan, tz: dt.tzinfo) -> None:
    """Print ``plan`` as French tables, one section at a time."""
    who = ""
    if plan.personne:
        person = project.personnes.get(plan.personne)
        who = f" — {person.nom_affiche if person else plan.personne}"
    days = (plan.fin - plan.today).days + 1
    console.print(
        f"[bold]Planning du {_day(plan.today)} au {_day(plan.fin)}[/bold] ({days} jour{'s' if days > 1 else ''}){who}"
    )
    _print_temps_forts(console, project, plan)
    _print_events(console, project, plan, tz)
    _print_declarations(console, project, plan)
    _print_due(console, project, plan)
    _print_late(console, project, plan)
    _print_follow_ups(console, project, plan)


def _table(title: str, *columns: str) -> Table:
    from rich import box
    from rich.table import Table

    t = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    for c in columns:
        t.add_column(c, overflow="fold")
    return t


def _section(console: Console, table: Table, empty: str) -> None:
    console.print()
    if table.row_count:
        console.print(table)
    else:
        console.print(f"[bold]{table.title}[/bold] : {empty}")


def _print_temps_forts(console: Console, project: Project, plan: Plan) -> None:
    t = _table("Temps forts", "Date", "Campagne", "Temps fort", "Statut")
    for item in plan.temps_forts:
        tf = item.temps_fort
        when = _day(tf.date) if item.fin == tf.date else f"{_day(tf.date)} → {_day(item.fin)}"
        t.add_row(when, item.campagne, tf.titre, _statut(tf.statut.value))
    _section(console, t, "aucun sur la période.")


def _print_events(console: Console, project: Project, plan: Plan, tz: dt.tzinfo) -> None:
    t = _table("Événements", "Quand", "Événement", "Lieu", "Campagne")
    for ev in plan.evenements:
        start, _ = local_span(ev, tz)  # type: ignore[arg-type]
        place = ev.lieu.commune if ev.lieu else ("en ligne" if ev.en_ligne else "")
        t.add_row(f"{_day(start.date())} {start:%H:%M}", ev.titre, place, project.campagne_id_of(ev) or "")
    _section(console, t, "aucun sur la période.")


def _print_declarations(console: Console, project: Project, plan: Plan) -> None:
    if not plan.declarations:
        return  # a section only when there is something to file
    for owner, items in plan.declarations.items():
        who = _name(project, owner) if owner else "sans responsable"
        t = _table(f"Déclarations en préfecture — {who}", "Manifestation", "Le", "Campagne", "À faire")
        for d in items:
            todo = (
                f"hors délai depuis le {_day(d.dernier_jour)} : voir la préfecture"
                if d.too_late(plan.today)
                else f"déclaration en préfecture à déposer avant le {_day(d.dernier_jour)} inclus"
            )
            t.add_row(d.evenement.titre, _day(d.jour), d.campagne, todo)
        _section(console, t, "")


def _print_due(console: Console, project: Project, plan: Plan) -> None:
    if not plan.dus:
        console.print()
        console.print("[bold]Livrables à rendre[/bold] : aucun sur la période.")
    for owner, items in plan.dus.items():
        t = _table(f"Livrables à rendre — {_name(project, owner)}", "Échéance", "Campagne", "Livrable", "Statut", "Temps fort")
        for pl in items:
            lv = pl.livrable
            tf = project.temps_fort(project.campagnes[pl.campagne], lv.temps_fort)
            t.add_row(_day(lv.echeance), pl.campagne, lv.titre, _statut(lv.statut.value), tf.titre if tf else "")
        _section(console, t, "")


def _print_late(console: Console, project: Project, plan: Plan) -> None:
    t = _table("En retard", "Responsable", "Échéance", "Retard", "Campagne", "Livrable", "Statut")
    for owner, items in plan.retards.items():
        for pl in items:
            lv = pl.livrable
            late = (plan.today - lv.echeance).days
            t.add_row(
                _name(project, owner), _day(lv.echeance), f"{late} j", pl.campagne, lv.titre, _statut(lv.statut.value)
            )
    _section(console, t, "rien, bravo.")


def _print_follow_ups(console: Console, project: Project, plan: Plan) -> None:
    t = _table("Relances partenaires", "Date", "Campagne", "Partenaire", "Où en est-on", "Motif", "Référent·e")
    for r in plan.relances:
        co = r.coalition
        partner = project.partenaires.get(co.partenaire)
        t.add_row(
            _day(r.date), r.campagne, partner.nom if partner else co.partenaire, _statut(co.statut.value),
            r.motif, _name(project, co.referent) if co.referent else "",
        )
    _section(console, t, "aucune à faire.")


def _day(d: dt.date) -> str:
    return f"{_DAYS[d.weekday()]} {d:%d/%m/%Y}"


def _statut(value: str) -> str:
    return status_label(value)


def _name(project: Project, pid: str) -> str:
    person = project.personnes.get(pid)
    return person.nom_affiche if person else pid
