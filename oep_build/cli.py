"""Command line: a thin layer over the library (French help and messages)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import traceback
from pathlib import Path

import click

from .diagnostics import Report

__all__ = ["main"]

from .commands.click_fr import FrenchGroup

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


class _Date(click.ParamType):
    name = "AAAA-MM-JJ"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"« {value} » n'est pas une date AAAA-MM-JJ", param, ctx)


DATE = _Date()
ROOT = click.argument(
    "racine", required=False, default=".", type=click.Path(file_okay=False, path_type=Path)
)
TODAY = click.option(
    "--today",
    type=DATE,
    envvar="OEP_TODAY",
    help="Date du jour à utiliser (AAAA-MM-JJ), pour des résultats reproductibles. Variable : OEP_TODAY.",
)


def _emit_report(report: Report, fmt: str, stream=None) -> None:
    stream = stream or sys.stdout
    color = fmt == "text" and stream.isatty() and not os.environ.get("NO_COLOR")
    stream.write(report.format(fmt, color=color))


@click.group(cls=FrenchGroup, context_settings=CONTEXT_SETTINGS, subcommand_metavar="COMMANDE [ARGUMENTS]...")
@click.version_option(package_name="oep-build", message="oep %(version)s", help="Affiche la version et quitte.")
@click.option("-v", "--verbose", count=True, help="Plus de détails (-vv pour le débogage).")
def main(verbose: int) -> None:
    """oep : contrôle et publication des contenus d'On Est Prêt.

    Les contenus (YAML, Markdown, CSV) sont lus depuis RACINE, le dossier qui
    contient content/site.yml (par défaut : le dossier courant).
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(message)s")


def run_guarded(fn):
    """Turn an unexpected exception into a French message and exit status 2."""

    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            if os.environ.get("OEP_DEBUG"):
                traceback.print_exc()
            click.echo(
                f"erreur interne d'oep ({type(exc).__name__} : {exc}). "
                "Ce n'est pas votre contenu : signalez-le à l'équipe technique "
                "(relancez avec OEP_DEBUG=1 pour le détail).",
                err=True,
            )
            sys.exit(2)

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


@main.command("check", context_settings=CONTEXT_SETTINGS)
@ROOT
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text (lisible), json (outils) ou github (annotations de pull request).",
)
@click.option("--strict", is_flag=True, help="Les avertissements font aussi échouer.")
@TODAY
@run_guarded
def check_cmd(racine: Path, fmt: str, strict: bool, today: dt.date | None) -> None:
    """Vérifie tout le contenu et liste tous les problèmes d'un coup.

    Code de sortie : 0 sans erreur, 1 s'il y a des erreurs (ou des
    avertissements avec --strict), 2 en cas de problème d'utilisation.
    """
    from .pipeline import check_project

    if not racine.is_dir():
        raise click.UsageError(f"le dossier {racine} n'existe pas")
    if not any((racine / "content" / name).is_file() for name in ("site.yml", "site.yaml")):
        raise click.UsageError(
            f"{racine} n'est pas la racine d'un projet (content/site.yml manque) : lancez la commande "
            "à la racine du dépôt de contenu, ou indiquez-la : oep check CHEMIN"
        )
    checked = check_project(racine, today)
    _emit_report(checked.report, fmt)
    sys.exit(1 if checked.report.failed(strict) else 0)


@main.command("schema", context_settings=CONTEXT_SETTINGS)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Dossier où écrire les schémas JSON.",
)
@run_guarded
def schema_cmd(out: Path) -> None:
    """Exporte un schéma JSON par type de fichier (complétion dans l'éditeur)."""
    from .schema import write_schemas

    paths = write_schemas(out)
    click.echo(f"{len(paths)} schémas écrits dans {out}/")


def _register_optional_commands() -> None:
    """Commands living in their own modules register themselves on ``main``."""
    import importlib

    for mod in ("build_cli", "kits_cli", "plan_cli", "report_cli", "workflow_cli"):
        try:
            importlib.import_module(f"oep_build.commands.{mod}")
        except ModuleNotFoundError as exc:
            if exc.name != f"oep_build.commands.{mod}":
                raise


_register_optional_commands()
