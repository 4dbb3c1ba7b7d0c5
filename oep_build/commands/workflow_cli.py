"""``oep diff`` and ``oep new``: the staff's pull-request workflow on the command line."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..cli import CONTEXT_SETTINGS, ROOT, TODAY, main, run_guarded

__all__ = ["diff_cmd", "new_cmd"]


@main.command("diff", context_settings=CONTEXT_SETTINGS)
@ROOT
@click.option(
    "--base",
    metavar="RÉVISION",
    help="Révision git de référence (branche, étiquette, commit). Par défaut : "
    "le point de départ de la branche par rapport à origin/main, sinon main, sinon HEAD.",
)
@TODAY
@run_guarded
def diff_cmd(racine: Path, base: str | None, today: dt.date | None) -> None:
    """Montre ce qu'une modification change sur le site public (en Markdown).

    Compare la révision de référence avec les fichiers actuels du dossier :
    objets qui deviennent publics ou cessent de l'être, objets publics modifiés,
    pages et PDF ajoutés, retirés ou modifiés, embargos programmés, et le nombre
    d'erreurs et d'avertissements. Le texte est prêt à coller dans une pull request.

    Code de sortie : 0, ou 2 si git échoue (pas un dépôt, révision introuvable).
    """
    from ..workflow import GitError, public_diff, render_markdown

    if not racine.is_dir():
        raise click.UsageError(f"le dossier {racine} n'existe pas")
    try:
        diff = public_diff(racine, base, today)
    except GitError as exc:
        click.echo(f"oep diff : {exc}", err=True)
        sys.exit(2)
    click.echo(render_markdown(diff), nl=False)
