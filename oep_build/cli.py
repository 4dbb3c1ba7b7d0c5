"""Command line: a thin layer over the library (French help and messages)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import click

from .diagnostics import Diagnostic, Report
from .output import environment_problem

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
            problem = environment_problem(exc)
            if problem is not None:  # disk full, read-only, permission: the machine, not a bug
                click.echo(f"erreur : {problem}", err=True)
                sys.exit(2)
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
@click.argument("chemins", nargs=-1, type=click.Path(path_type=Path), metavar="[CHEMIN]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text (lisible), json (outils) ou github (annotations de pull request).",
)
@click.option("--strict", is_flag=True, help="Les avertissements font aussi échouer.")
@click.option(
    "--niveau",
    type=click.Choice(["erreur", "avertissement", "info"]),
    default="info",
    show_default=True,
    help="N'affiche que les problèmes de ce niveau ou plus graves (erreur : seulement les erreurs).",
)
@click.option(
    "--changed-since",
    "changed_since",
    metavar="RÉVISION",
    help="N'affiche que les problèmes des fichiers modifiés depuis cette révision git (main, origin/main…).",
)
@click.option(
    "--fix",
    "fix",
    is_flag=True,
    help="Applique les corrections sans ambiguïté (guillemets, dates ISO, tabulations, "
    "« vouliez-vous dire » unique…) en gardant commentaires et mise en forme, puis liste ce qui reste.",
)
@click.option(
    "--fix-dates",
    "fix_dates",
    is_flag=True,
    help="Avec --fix : met aussi à jour mis_a_jour_le et verifie_le à la date du jour "
    "(seulement après avoir relu les contenus et revérifié les limites des réseaux).",
)
@click.option("--diff", "show_diff", is_flag=True, help="Montre les corrections de --fix sans rien écrire.")
@TODAY
@run_guarded
def check_cmd(
    chemins: tuple[Path, ...],
    fmt: str,
    strict: bool,
    niveau: str,
    changed_since: str | None,
    fix: bool,
    fix_dates: bool,
    show_diff: bool,
    today: dt.date | None,
) -> None:
    """Vérifie le contenu et liste tous les problèmes d'un coup.

    Sans CHEMIN, tout le projet du dossier courant. Avec des CHEMINs (fichiers ou
    dossiers du projet), seuls leurs problèmes sont affichés, mais tout le projet
    est lu (les références sont vérifiées). La racine (le dossier qui contient
    content/site.yml) est trouvée en remontant depuis le premier chemin.

    Code de sortie : 0 sans erreur, 1 s'il y a des erreurs (ou des
    avertissements avec --strict), 2 en cas de problème d'utilisation.
    """
    from .diagnostics import Level
    from .focus import at_least, find_root, in_files, in_paths, is_root
    from .pipeline import check_project

    paths = list(chemins) or [Path(".")]
    for p in paths:
        if not p.exists():
            raise click.UsageError(f"{p} n'existe pas")
    root = find_root(paths[0])
    if root is None:
        raise click.UsageError(
            f"{paths[0]} n'est dans aucun projet (content/site.yml manque ici et dans les dossiers au-dessus) : "
            "lancez la commande dans le dépôt de contenu, ou indiquez un chemin qui en fait partie"
        )
    for p in paths[1:]:
        if find_root(p) != root:
            raise click.UsageError(f"{p} n'est pas dans le même projet que {paths[0]} ({root})")
    # The scope: what is shown, and with --fix what is fixed (the pre-commit hook: the commit's files)
    scope: list[Callable[[Diagnostic], bool]] = []
    whole = len(paths) == 1 and is_root(paths[0]) and paths[0].resolve() == root
    if not whole:
        scope.append(in_paths(root, paths))
    if changed_since:
        from .workflow.git import GitError, changed_files

        try:
            scope.append(in_files(changed_files(root, changed_since)))
        except GitError as exc:
            raise click.UsageError(str(exc)) from exc

    def in_scope(d: Diagnostic) -> bool:
        return all(keep(d) for keep in scope)

    # with --fix, what is shown is what is left for a human (after the fixes, or as if applied)
    if fix or fix_dates or show_diff:
        report = _fix(root, today, fix_dates, show_diff, err=fmt != "text", only=in_scope if scope else None)
    else:
        report = check_project(root, today).report
    report = report.focused(in_scope)
    if niveau != "info":
        report = report.focused(at_least(Level(niveau)))
    _emit_report(report, fmt)
    sys.exit(1 if report.failed(strict) else 0)


def _fix(
    root: Path, today: dt.date | None, dates: bool, preview: bool, err: bool, only: Callable[[Diagnostic], bool] | None
) -> Report:
    """Apply (or, with ``preview``, show) the unambiguous fixes in scope; return the report of what is left."""
    from .workflow.fix import fix_project

    opt_in = frozenset({"dates"}) if dates else frozenset()
    result = fix_project(root, today, opt_in, write=not preview, only=only)
    if preview:
        click.echo(result.diff(), nl=False, err=err)
    if not result.changed:
        click.echo("Rien à corriger automatiquement.", err=err)
        return result.report
    verb = "corrigerait" if preview else "a corrigé"
    n = len(result.applied)
    click.echo(f"oep check --fix {verb} {n} problème{'s' if n > 1 else ''} dans {len(result.changed)} fichier"
               f"{'s' if len(result.changed) > 1 else ''} :", err=err)
    for rel in sorted(result.changed):
        click.echo(f"  {rel}", err=err)
        for a in (a for a in result.applied if a.file == rel):
            click.echo(f"    ligne {a.line} [{a.rule}] {a.before} → {a.after}", err=err)
    if preview:
        click.echo("(aperçu : rien n'a été écrit ; relancez sans --diff pour appliquer)", err=err)
    click.echo("Reste à corriger à la main :" if result.report.sorted() else "", err=err)
    return result.report


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
