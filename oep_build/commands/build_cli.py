"""``oep build`` and ``oep serve``: thin commands over :mod:`oep_build.build` and :mod:`oep_build.serve`."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ..cli import CONTEXT_SETTINGS, ROOT, TODAY, _emit_report, main, run_guarded

AUDIENCE = click.option(
    "--audience",
    type=click.Choice(["public", "interne"]),
    default="public",
    show_default=True,
    help="public : seulement ce qui est publié ; interne : tout, avec les statuts et la section équipe.",
)
MOTEUR = click.option(
    "--moteur",
    type=click.Choice(["mkdocs", "zensical"]),
    default=None,
    help="Moteur du site (par défaut : moteur: de content/site.yml, sinon mkdocs).",
)
SANS_KITS = click.option("--sans-kits", is_flag=True, help="Ne pas produire les kits PDF (plus rapide).")


@main.command("build", context_settings=CONTEXT_SETTINGS)
@ROOT
@AUDIENCE
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Dossier du site produit (par défaut : RACINE/site). L'ancien site reste en place jusqu'à la fin.",
)
@SANS_KITS
@MOTEUR
@TODAY
@run_guarded
def build_cmd(racine: Path, audience: str, out: Path | None, sans_kits: bool, moteur: str | None, today: dt.date | None) -> None:
    """Contrôle le contenu puis construit le site (pages, kits PDF, agendas).

    S'il y a des erreurs, elles sont toutes listées et rien n'est écrit : le
    site précédent reste en place. Code de sortie : 0 si le site est construit,
    1 en cas d'erreur de contenu, 2 en cas de problème d'utilisation.
    """
    from ..build import build

    if not racine.is_dir():
        raise click.UsageError(f"le dossier {racine} n'existe pas")
    with _progress() as step:
        result = build(racine, audience=audience, out=out, today=today, kits=not sans_kits, engine=moteur, progress=step)
    if len(result.report) or not result.ok:
        _emit_report(result.report, "text", sys.stderr if result.ok else sys.stdout)
    if not result.ok:
        click.echo("Site non construit : corrigez les erreurs ci-dessus (le site précédent est inchangé).", err=True)
        sys.exit(1)
    for w in result.warnings:
        click.echo(f"avertissement du moteur de site : {w}", err=True)
    kits = f", {len(result.kits)} PDF" if result.kits else (", sans kits PDF" if sans_kits else "")
    click.echo(f"Site {audience} construit dans {result.site_dir} : {result.pages} pages{kits}.")


@main.command("serve", context_settings=CONTEXT_SETTINGS)
@ROOT
@AUDIENCE
@click.option("--adresse", "dev_addr", default="127.0.0.1:8000", show_default=True, help="Adresse et port du serveur d'aperçu.")
@SANS_KITS
@MOTEUR
@TODAY
@run_guarded
def serve_cmd(racine: Path, audience: str, dev_addr: str, sans_kits: bool, moteur: str | None, today: dt.date | None) -> None:
    """Aperçu en direct : modifiez un fichier YAML ou Markdown, la page se recharge.

    Seules les pages qui changent sont réécrites. Les erreurs de contenu
    s'affichent ici ; l'aperçu garde alors la dernière version correcte.
    """
    from ..serve import serve

    if not racine.is_dir():
        raise click.UsageError(f"le dossier {racine} n'existe pas")

    def report(text: str) -> None:
        click.echo(text, err=True)

    if not serve(racine, audience=audience, dev_addr=dev_addr, today=today, kits=not sans_kits, echo=report, engine=moteur):
        sys.exit(1)


@contextmanager
def _progress() -> Iterator[Callable[[str], None]]:
    """A rich progress line on a terminal; silent otherwise (CI logs stay clean)."""
    if not sys.stderr.isatty():
        yield lambda stage: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..build import STAGES

    bar = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task("oep build", total=len(STAGES))

    def step(stage: str) -> None:
        bar.update(task, completed=STAGES.index(stage) if stage in STAGES else 0, description=f"oep build : {stage}")

    with bar:
        yield step
