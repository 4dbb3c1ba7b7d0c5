"""French for click's own words (« Usage: », « Error: »…): the whole CLI speaks French.

Nothing of click is patched. Through its public extension points, the command
classes below format help with a French :class:`click.HelpFormatter`, give the
help option a French text, and handle errors themselves: click's English
message (built from the templates below) is matched and rewritten in French.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

__all__ = ["FrenchCommand", "FrenchGroup", "translate"]

FR = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Aide : « {command} {option} ».",
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Show the version and exit.": "Affiche la version et quitte.",
    "Aborted!": "Interrompu.",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing command.": "Commande manquante.",
    "Missing {param_type}": "{param_type} manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "No such command {name!r}.": "Commande inconnue : {name!r}.",
    "No such option {name!r}.": "Option inconnue : {name!r}.",
    "No such option: {name}": "Option inconnue : {name}",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "{value!r} is not one of {choices}.": "{value!r} n'est pas l'une des valeurs {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un nombre valide ({number_type}).",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} n'existe pas.",
    "{name} {filename!r} is a file.": "{name} {filename!r} est un fichier.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} est un dossier.",
    "Directory": "Le dossier",
    "File": "Le fichier",
    "Path": "Le chemin",
    "directory": "dossier",
    "file": "fichier",
    "path": "chemin",
    "default: {default}": "par défaut : {default}",
    "required": "obligatoire",
    "env var: {var}": "variable : {var}",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
}
FR_PLURAL = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Argument en trop : {args}",
        "Arguments en trop : {args}",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "L'option {name!r} attend une valeur.",
        "L'option {name!r} attend {nargs} valeurs.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} n'est pas {choice}.",
        "{value!r} n'est pas l'une des valeurs {choices}.",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Vouliez-vous dire {possibility} ?",
        "(Vouliez-vous dire : {possibilities} ?)",
    ),
}


def _pattern(template: str) -> re.Pattern[str]:
    """A regex of click's English ``template``: each ``{name}`` / ``{name!r}`` captures its value."""
    out, pos = "", 0
    for m in re.finditer(r"\{(\w+)(!r)?\}", template):
        out += re.escape(template[pos : m.start()])
        name = m.group(1)
        out += f"(?P<{name}>'[^']*'|\"[^\"]*\")" if m.group(2) else f"(?P<{name}>.+?)"
        pos = m.end()
    out += re.escape(template[pos:])
    # A placeholder that ends the template takes the rest of the message.
    out = re.sub(r"\.\+\?\)$", ".+)", out)
    return re.compile(out)


def _rules() -> list[tuple[re.Pattern[str], str]]:
    pairs = [(en, fr) for en, fr in FR.items() if "{" in en or len(en) > 12]
    for (one, many), (fr_one, fr_many) in FR_PLURAL.items():
        pairs += [(one, fr_one), (many, fr_many)]
    pairs.sort(key=lambda p: -len(p[0]))  # the most specific template first
    return [(_pattern(en), fr.replace("!r}", "}")) for en, fr in pairs]


_RULES = _rules()


def _filler(french: str) -> Callable[[re.Match[str]], str]:
    def fill(m: re.Match[str]) -> str:
        # A captured word click took from its own vocabulary (« Directory ») is translated too,
        # also at the end of a longer capture (« Valeur invalide pour '--out' : Directory »).
        return french.format(**{k: _vocabulary(v) for k, v in m.groupdict().items()})

    return fill


def _vocabulary(value: str) -> str:
    head, _, last = value.rpartition(" ")
    return f"{head} {FR[last]}".lstrip() if last in FR and not last.startswith("{") else value


# Click's names for what an option or argument takes, as the help shows them.
METAVARS = {
    "DIRECTORY": "DOSSIER", "FILE": "FICHIER", "PATH": "CHEMIN", "TEXT": "TEXTE",
    "INTEGER RANGE": "ENTIER", "INTEGER": "ENTIER", "FLOAT RANGE": "NOMBRE", "FLOAT": "NOMBRE",
    "BOOLEAN": "OUI/NON", "FILENAME": "FICHIER",
}
_METAVAR = re.compile(r"\b(" + "|".join(sorted(METAVARS, key=len, reverse=True)) + r")\b")


def _metavars(text: str) -> str:
    return _METAVAR.sub(lambda m: METAVARS[m.group(1)], text)


def translate(message: str) -> str:
    """click's English ``message`` in French (parts it does not know stay as they are)."""
    for _ in range(3):  # nested: « Invalid value for X: <an inner message> »
        before = message
        for regex, french in _RULES:
            message = regex.sub(_filler(french), message)
        if message == before:
            break
    return message


_HELP_EXTRA = re.compile(r"\[(required|default: [^\]]*|env var: [^\]]*)\]")


def _extra(m: re.Match[str]) -> str:
    """« [required] », « [default: x] » at the end of an option's help."""
    text = m.group(1)
    return f"[{FR.get(text) or translate(text)}]"


class FrenchFormatter(click.HelpFormatter):
    """Help in French: « Utilisation : », « Commandes », « [obligatoire] »."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, _metavars(args), "Utilisation : " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(FR.get(heading, heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        french = [(_metavars(term), _HELP_EXTRA.sub(_extra, text)) for term, text in rows]
        super().write_dl(french, col_max, col_spacing)


class FrenchContext(click.Context):
    formatter_class = FrenchFormatter


def _french_help(option: click.Option | None) -> click.Option | None:
    if option is not None:
        option.help = FR["Show this message and exit."]
    return option


def _show_error(exc: click.ClickException) -> None:
    if type(exc).__name__ == "NoArgsIsHelpError":  # « oep » alone: the help (already French), as click does
        click.echo(exc.format_message(), err=True)
        return
    if isinstance(exc, click.UsageError) and exc.ctx is not None:
        click.echo(exc.ctx.get_usage(), err=True)
        names = exc.ctx.help_option_names
        if names and exc.ctx.command.get_help_option(exc.ctx) is not None:
            click.echo(f"Aide : « {exc.ctx.command_path} {names[0]} ».", err=True)
        click.echo("", err=True)
    click.echo(f"Erreur : {translate(exc.format_message())}", err=True)


class FrenchCommand(click.Command):
    context_class = FrenchContext

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _french_help(super().get_help_option(ctx))


class FrenchGroup(click.Group):
    """The ``oep`` group: French help, and click's errors shown in French by our own handler."""

    context_class = FrenchContext
    command_class = FrenchCommand

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _french_help(super().get_help_option(ctx))

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, *rest: Any, **extra: Any) -> Any:
        if extra.get("standalone_mode", True) is False:
            return super().main(args, prog_name, *rest, **extra)
        extra["standalone_mode"] = False
        try:
            rv = super().main(args, prog_name, *rest, **extra)
        except click.ClickException as exc:
            _show_error(exc)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo(FR["Aborted!"], err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)
