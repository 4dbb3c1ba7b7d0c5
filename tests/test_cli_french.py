"""The command line speaks French, click's own framing included."""

from __future__ import annotations

from click.testing import CliRunner

from oep_build.cli import main


def test_usage_errors_are_in_french() -> None:
    r = CliRunner().invoke(main, prog_name="oep", args=["check", "--format", "xml"])
    assert r.exit_code == 2
    assert "Utilisation : oep check" in r.output
    assert "Erreur : Valeur invalide pour '--format'" in r.output
    assert "n'est pas l'une des valeurs" in r.output
    r = CliRunner().invoke(main, prog_name="oep", args=["chek"])
    assert r.exit_code == 2
    assert "Commande inconnue" in r.output and "Vouliez-vous dire" in r.output


def test_help_is_in_french() -> None:
    r = CliRunner().invoke(main, prog_name="oep", args=["--help"])
    assert r.exit_code == 0
    assert "Utilisation : oep" in r.output and "Commandes" in r.output
    assert "Affiche cette aide et quitte." in r.output
    for word in ("Usage:", "Show this message"):
        assert word not in r.output


def test_required_options_are_marked_in_french() -> None:
    r = CliRunner().invoke(main, prog_name="oep", args=["rapport", "--help"])
    assert r.exit_code == 0
    assert "[obligatoire]" in r.output and "[required]" not in r.output


def test_no_command_shows_the_french_help_not_an_error() -> None:
    r = CliRunner().invoke(main, prog_name="oep", args=[])
    assert r.exit_code == 2
    assert "Utilisation : oep" in r.output and "Commandes" in r.output and "Erreur" not in r.output


def test_click_is_not_patched() -> None:
    import click.core

    assert click.core._ is __import__("gettext").gettext  # click's own gettext, untouched
