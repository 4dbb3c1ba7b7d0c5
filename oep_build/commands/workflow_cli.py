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


def _interactive() -> bool:
    """Prompt only when someone is typing (never in CI or a script)."""
    return sys.stdin.isatty()


def _looks_like_folder(value: str) -> bool:
    """Ids are slugs: a dot or a slash means a folder."""
    return "/" in value or "\\" in value or value.startswith(".") or (Path(value) / "content").is_dir()


@main.command("new", context_settings=CONTEXT_SETTINGS)
@click.argument("kind", metavar="TYPE", type=click.Choice(
    ["campagne", "kit", "evenement", "post", "visuel", "edl", "argumentaire", "guide", "comite", "article"]
))
@click.argument("oid", metavar="[ID]", required=False)
@ROOT
@click.option("--campagne", metavar="ID", help="Campagne de l'objet (obligatoire sauf pour campagne et comite ; facultative pour article : sans elle, c'est une actualité de l'association).")
@click.option("--titre", metavar="TEXTE", help="Titre (ou nom, pour un comité). Par défaut : tiré de l'identifiant.")
@click.option("--image", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Pour un visuel : le fichier image (ses dimensions et son type sont lus ; il est copié dans visuels/).")
@click.option("--alt", metavar="TEXTE", help="Pour un visuel : le texte alternatif (demandé dans un terminal).")
@TODAY
@run_guarded
def new_cmd(kind: str, oid: str | None, racine: Path, campagne: str | None, titre: str | None,
            image: Path | None, alt: str | None, today: dt.date | None) -> None:
    """Crée un fichier de contenu prêt à remplir, au bon endroit.

    Tous les champs obligatoires y sont, chacun expliqué en commentaire, avec
    statut brouillon et visibilité interne : rien n'est publié avant que vous
    ne le décidiez. Dans un terminal, les informations manquantes sont
    demandées ; sinon, donnez-les en options. Un fichier existant n'est
    jamais remplacé.

    \b
    Exemples :
      oep new campagne loi-climat --titre "Loi climat : on ne lâche rien"
      oep new post annonce-debat --campagne loi-climat
      oep new article bilan-de-l-annee        (actualité de l'association)
      oep new evenement --campagne loi-climat        (questions dans le terminal)
      oep new visuel --campagne loi-climat --image affiche.png --alt "Affiche : …"

    Code de sortie : 0 si le fichier est créé, 2 en cas de refus (identifiant
    invalide, campagne inconnue, fichier déjà présent).
    """
    from ..pipeline import resolve_today
    from ..workflow.scaffold import (
        Request,
        ScaffoldError,
        humanize,
        load_project,
        needs_campaign,
        plan_scaffold,
        slugify,
        write_scaffold,
    )

    given_title = bool(titre)
    if oid is not None and racine == Path(".") and _looks_like_folder(oid):
        # ``oep new evenement ../contenu``: no id, the folder went into the ID slot
        racine, oid = Path(oid), None
    try:
        project = load_project(racine)
        ask = _interactive()
        if needs_campaign(kind) and not campagne and ask:
            campagne = click.prompt(
                "Campagne", type=click.Choice(sorted(project.campagnes)) if project.campagnes else str
            )
        if kind == "visuel" and image is not None and not oid and not titre:
            oid = slugify(image.stem)
            titre = humanize(oid, project)
        if kind == "visuel" and not alt and ask:
            alt = click.prompt("Texte alternatif (ce que l'image montre et dit)")
        if not titre and not oid and ask:
            titre = click.prompt("Nom du comité" if kind == "comite" else "Titre")
        if not oid:
            if not titre:
                raise ScaffoldError(
                    f"donnez un identifiant ou un titre : oep new {kind} mon-identifiant"
                    + (" --campagne ID" if needs_campaign(kind) else "")
                )
            oid = click.prompt("Identifiant", default=slugify(titre)) if ask else slugify(titre)
        titre = titre or humanize(oid, project)
        req = Request(kind, oid, titre, campagne, image, alt)
        plan = plan_scaffold(racine, req, resolve_today(today), project)
        write_scaffold(plan)
    except ScaffoldError as exc:
        click.echo(f"oep new : {exc}", err=True)
        sys.exit(2)
    click.echo(f"Créé : {plan.rel}")
    if not given_title:
        click.echo(f"Titre : « {titre} » (tiré de l'identifiant : corrigez-le dans le fichier si besoin)")
    for note in plan.notes:
        click.echo(f"À faire : {note}")
    click.echo(f"Complétez-le, puis vérifiez avec : oep check {racine if str(racine) != '.' else ''}".rstrip())
