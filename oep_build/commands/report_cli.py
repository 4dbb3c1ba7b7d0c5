"""``oep rapport``: the weekly monitoring report of a campaign (Markdown + PDF)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..cli import CONTEXT_SETTINGS, ROOT, TODAY, main, run_guarded
from ..output import real_folder, write_file

__all__ = ["report_cmd"]


@main.command("rapport", context_settings=CONTEXT_SETTINGS)
@ROOT
@click.option("--campagne", "campagne_id", metavar="ID", required=True, help="Identifiant de la campagne (nom de son dossier).")
@click.option("--semaine", metavar="AAAA-Snn", help="Semaine ISO du rapport, par exemple 2026-S07. Par défaut : la semaine en cours.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Dossier où écrire le rapport. Par défaut : build/rapports/ dans RACINE.",
)
@click.option("--sans-pdf", is_flag=True, help="N'écrire que la page Markdown (plus rapide).")
@TODAY
@run_guarded
def report_cmd(
    racine: Path, campagne_id: str, semaine: str | None, out: Path | None, sans_pdf: bool, today: dt.date | None
) -> None:
    """Écrit le rapport hebdomadaire d'une campagne : rapport-<campagne>-<semaine>.md et .pdf.

    Le rapport compare chaque indicateur à sa cible (évolution sur la semaine,
    rythme des 7 derniers jours, rythme requis, date projetée), liste les temps
    forts de la semaine et des 14 jours suivants, les livrables en retard, dus
    et validés, les relances de partenaires, les retombées médias, et propose
    des ajustements, chacun expliqué par ses chiffres.

    \b
    Exemples :
      oep rapport --campagne loi-duplomb --semaine 2025-S30
      oep rapport . --campagne municipales-2026 --today 2026-02-20 --out rapports

    Code de sortie : 0 si le rapport est écrit, 2 si la campagne ou la semaine
    est inconnue. Les erreurs du contenu sont signalées (oep check pour le
    détail) mais n'empêchent pas le rapport.
    """
    from ..model import closest
    from ..monitoring.render import render_html, render_markdown, report_filename, write_pdf
    from ..monitoring.report import build_weekly_report
    from ..pipeline import check_project

    if not racine.is_dir():
        raise click.UsageError(f"le dossier {racine} n'existe pas")
    checked = check_project(racine, today)
    campagnes = checked.project.campagnes
    campagne = campagnes.get(campagne_id)
    if campagne is None:
        sugg = closest(campagne_id, campagnes)
        hint = f" ; vouliez-vous dire « {sugg[0]} » ?" if sugg else f" ; campagnes : {', '.join(sorted(campagnes)) or 'aucune'}"
        raise click.UsageError(f"campagne « {campagne_id} » introuvable{hint}")
    try:
        report = build_weekly_report(checked.context, campagne, semaine)
    except ValueError as exc:
        raise click.UsageError(f"--semaine : {exc}") from None
    target = out if out is not None else racine / "build" / "rapports"
    if out is None:  # inside the project: a link committed there is not written through
        real_folder(target, racine)
    target.mkdir(parents=True, exist_ok=True)
    md_path = target / report_filename(report, "md")
    write_file(md_path, render_markdown(report, checked.context).encode("utf-8"))
    written = [md_path]
    if not sans_pdf:
        pdf_path = target / report_filename(report, "pdf")
        write_pdf(render_html(report, checked.context), pdf_path)
        written.append(pdf_path)
    if checked.report.errors:
        click.echo(
            f"attention : le contenu a {checked.report.summary().rstrip('.')} ; les lignes en erreur sont "
            "absentes du rapport (oep check pour le détail)",
            err=True,
        )
    for path in written:
        click.echo(f"écrit : {path}")
