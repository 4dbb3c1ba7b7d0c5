"""The command line speaks French, click's own framing included."""

from __future__ import annotations

import re
from pathlib import Path

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


def test_help_names_what_options_take_in_french() -> None:
    for command in ("build", "kits", "rapport", "check"):
        got = CliRunner().invoke(main, [command, "--help"])
        assert got.exit_code == 0, got.output
        assert not re.search(r"\b(DIRECTORY|FILE|TEXT|INTEGER|PATH)\b", got.output), (command, got.output)
    assert "--out DOSSIER" in CliRunner().invoke(main, ["build", "--help"]).output


def test_a_path_error_names_its_kind_in_french(tmp_path: Path) -> None:
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    got = CliRunner().invoke(main, ["build", str(tmp_path), "--out", str(tmp_path / "fichier")])
    assert got.exit_code == 2
    assert f"Le dossier '{tmp_path / 'fichier'}' est un fichier" in got.output and "Directory" not in got.output
