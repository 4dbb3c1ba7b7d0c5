"""French for click's own words (« Usage: », « Error: »…): the whole CLI speaks French.

click marks its messages with :func:`gettext.gettext` imported into each of its
modules; rebinding that name in those modules translates them without touching
the process-wide gettext state (other libraries are unaffected).
"""

from __future__ import annotations

import importlib

__all__ = ["install"]

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
_MODULES = ("core", "exceptions", "parser", "types", "formatting", "decorators", "termui")


def _gettext(message: str) -> str:
    return FR.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    fr = FR_PLURAL.get((singular, plural))
    if fr is None:
        return singular if n == 1 else plural
    return fr[0] if n == 1 else fr[1]


def install() -> None:
    for name in _MODULES:
        mod = importlib.import_module(f"click.{name}")
        if hasattr(mod, "_"):
            mod._ = _gettext  # type: ignore[attr-defined]
        if hasattr(mod, "ngettext"):
            mod.ngettext = _ngettext  # type: ignore[attr-defined]
