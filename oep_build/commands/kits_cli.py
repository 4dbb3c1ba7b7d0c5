"""``oep kits``: a thin command over :func:`oep_build.render.kits.render_kits`."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ..cli import CONTEXT_SETTINGS, ROOT, TODAY, _emit_report, main, run_guarded
from ..output import real_folder

VARIANT_HELP = (
    "Variante PDF de WeasyPrint : pdf/ua-1 (par défaut, accessible et balisé), pdf/a-3u, pdf/ua-2… "
    "« aucune » pour un PDF simple."
)


@main.command("kits", context_settings=CONTEXT_SETTINGS)
@ROOT
@click.option(
    "--audience",
    type=click.Choice(["public", "interne"]),
    default="public",
    show_default=True,
    help="public : seulement les kits et les pièces publiés ; interne : tout.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Dossier de sortie (par défaut : RACINE/build/pdf) ; les PDF vont dans OUT/kits/.",
)
@click.option("--variant", default="pdf/ua-1", show_default=True, metavar="VARIANTE", help=VARIANT_HELP)
@click.option(
    "--processus",
    type=click.IntRange(min=1),
    default=None,
    help="Kits rendus en parallèle (par défaut : kits_processus de site.yml).",
)
@click.option("--sans-cache", is_flag=True, help="Tout refaire, sans lire ni écrire le cache des kits.")
@TODAY
@run_guarded
def kits_cmd(
    racine: Path,
    audience: str,
    out: Path | None,
    variant: str,
    processus: int | None,
    sans_cache: bool,
    today: dt.date | None,
) -> None:
    """Produit les kits PDF (et leurs éditions locales) dans OUT/kits/.

    Le contenu est d'abord contrôlé : s'il y a des erreurs, aucun PDF n'est
    produit. Un kit inchangé est repris du cache d'oep (hors du dépôt). Code de
    sortie : 0 si tout est produit, 1 en cas d'erreur de contenu, 2 en cas de
    problème d'utilisation.
    """
    from ..pipeline import check_project
    from ..render.kits import render_kits, variants

    if not racine.is_dir():
        raise click.UsageError(f"le dossier {racine} n'existe pas")
    chosen = None if variant == "aucune" else variant
    if chosen is not None and chosen not in variants():
        raise click.UsageError(
            f"variante « {variant} » inconnue ; possibles : aucune, " + ", ".join(variants())
        )
    checked = check_project(racine, today)
    if checked.report.failed():
        _emit_report(checked.report, "text")
        click.echo("Kits non produits : corrigez les erreurs ci-dessus.", err=True)
        sys.exit(1)
    out_dir = out if out is not None else checked.project.root / "build" / "pdf"
    if out is None:  # inside the project: a link committed there is not written through
        real_folder(out_dir, checked.project.root)
    with _progress() as progress:
        result = render_kits(
            checked.context,
            audience,
            out_dir,
            report=checked.report,
            variant=chosen,
            processes=processus,
            progress=progress,
            use_cache=not sans_cache,
        )
    if len(checked.report):
        _emit_report(checked.report, "text", sys.stderr)
    from ..render.site.common import size_fr

    for output in result:
        click.echo(f"{out_dir / output.path} : {output.pages} page{'s' if output.pages > 1 else ''}, {size_fr(output.size)}")
    click.echo(
        f"{len(result)} PDF {audience} dans {out_dir / 'kits'} "
        f"({len(result.rendered)} rendus, {len(result.cached)} repris du cache)."
    )
    sys.exit(1 if checked.report.failed() else 0)



@contextmanager
def _progress() -> Iterator[Callable[[int, int, str], None] | None]:
    """A rich progress bar on a terminal; nothing otherwise (CI logs stay clean)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        TextColumn("[bold]kits PDF"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def advance(done: int, total: int, label: str) -> None:
            bar.update(task, completed=done, total=total, description=label)

        yield advance
