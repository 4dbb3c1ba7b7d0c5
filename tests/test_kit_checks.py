"""Kit content rules are checks: ``oep check`` refuses what the PDF stage would, at the Markdown line, once.

Issue 13: « oep check » said « Aucun problème » and « oep build » then refused
the same content, pointing at the kit file; a truncated PNG printed half an
image and an SVG with a DOCTYPE vanished with an English warning.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from oep_build.pipeline import check_project

CAS = Path(__file__).parent / "fixtures" / "kits" / "cas"
TODAY = dt.date(2026, 2, 1)
SVG_DOCTYPE = (
    '<?xml version="1.0"?>\n'
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'
)


@pytest.fixture
def cas(tmp_path: Path) -> Path:
    root = tmp_path / "cas"
    shutil.copytree(CAS, root)
    return root


def _kit_diags(root: Path) -> list:
    """The kits' rules and the image rules (a body's image is checked once, for the site and the kits)."""
    report = check_project(root, TODAY).report
    return [d for d in report if d.id.startswith(("kit-", "image-"))]


def test_check_reports_a_missing_image_once_at_its_markdown_line(cas: Path) -> None:
    diags = _kit_diags(cas)
    spots = Counter((d.id, d.file, d.line, d.column) for d in diags)
    # kit-cas has three editions (national, lyon, secret) and two audiences: still one diagnostic
    assert spots[("image-introuvable", "campaigns/demo/edl/pourquoi.md", 22, 22)] == 1
    assert not spots[("kit-image-manquante", "campaigns/demo/edl/pourquoi.md", 22, 22)]  # said once, not per stage
    assert spots[("kit-image-manquante", "campaigns/demo/visuels/perdu.yml", 2, 10)] == 1
    assert all(n == 1 for n in spots.values()), spots


def test_undecodable_images_are_errors_of_oep_check(cas: Path) -> None:
    png = cas / "campaigns/demo/visuels/affiche.png"
    png.write_bytes(png.read_bytes()[: len(png.read_bytes()) // 2])  # truncated: would print half an image
    (cas / "campaigns/demo/edl/schema.svg").write_text(SVG_DOCTYPE, encoding="utf-8")
    edl = cas / "campaigns/demo/edl/pourquoi.md"
    edl.write_text(
        edl.read_text(encoding="utf-8").replace("![Une carte absente](carte-absente.png)", "![Un schéma](schema.svg)"),
        encoding="utf-8",
    )
    bad = {(d.file, d.line): d for d in _kit_diags(cas) if d.id in ("kit-image-illisible", "image-illisible")}
    assert set(bad) == {("campaigns/demo/visuels/affiche.yml", 2), ("campaigns/demo/edl/pourquoi.md", 22)}
    assert "tronqué" in bad[("campaigns/demo/visuels/affiche.yml", 2)].message
    assert "DOCTYPE" in bad[("campaigns/demo/edl/pourquoi.md", 22)].message
    assert all(d.level.value == "erreur" for d in bad.values())


def test_oep_check_fails_on_kit_content(cas: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "oep_build", "check", str(cas), "--today", TODAY.isoformat()],
        capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 1, out.stdout + out.stderr
    assert "campaigns/demo/edl/pourquoi.md:22:22: erreur [image-introuvable]" in out.stdout
    assert "Aucun problème" not in out.stdout


def test_a_clean_kit_passes(cas: Path) -> None:
    edl = cas / "campaigns/demo/edl/pourquoi.md"
    edl.write_text(edl.read_text(encoding="utf-8").replace("![Une carte absente](carte-absente.png)\n", ""), encoding="utf-8")
    kit = cas / "kits/kit-cas.yml"
    kit.write_text(kit.read_text(encoding="utf-8").replace("  - ref: visuels/perdu\n", ""), encoding="utf-8")
    errors = [d for d in _kit_diags(cas) if d.level.value == "erreur"]
    # Out of the kit, the visuel « perdu » still lacks its file: that is the visuel's error, not the kit's.
    assert [(d.id, d.file) for d in errors] == [("image-introuvable", "campaigns/demo/visuels/perdu.yml")]


def test_missing_glyphs_are_reported_where_they_are_written(cas: Path) -> None:
    # The piece body has « 📢 » at line 14; put one on the cover (kit subtitle) and one on the
    # committee's page (its name): each is reported at its own field, once for all editions.
    kit = cas / "kits/kit-cas.yml"
    kit.write_text(kit.read_text(encoding="utf-8").replace("mal tourner", "mal tourner ✊"), encoding="utf-8")
    lyon = cas / "content/comites/lyon.yml"
    lyon.write_text(lyon.read_text(encoding="utf-8").replace("nom: ", "nom: 🌻 ", 1), encoding="utf-8")
    glyphs = {(d.file, d.line): d for d in _kit_diags(cas) if d.id == "kit-glyphe-manquant"}
    by_char = {d.message.split("« ")[1][0]: (f, line) for (f, line), d in glyphs.items()}
    assert by_char["📢"] == ("campaigns/demo/edl/pourquoi.md", 14)
    assert by_char["✊"] == ("kits/kit-cas.yml", 2)
    assert by_char["🌻"][0] == "content/comites/lyon.yml"
    assert len(glyphs) == len([d for d in _kit_diags(cas) if d.id == "kit-glyphe-manquant"])


def test_an_image_written_in_html_is_said_to_be_missing_from_the_kits(cas: Path) -> None:
    # The site shows it; the kits print no raw HTML: a warning at the src, once for every edition.
    edl = cas / "campaigns/demo/edl/pourquoi.md"
    text = edl.read_text(encoding="utf-8").replace(
        "![Une carte absente](carte-absente.png)", '<img src="../visuels/affiche.png" alt="L\'affiche">'
    )
    edl.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), start=1) if "<img" in l)
    found = [d for d in _kit_diags(cas) if d.id == "kit-image-html"]
    assert [(d.file, d.line, d.column, d.level.value) for d in found] == [
        ("campaigns/demo/edl/pourquoi.md", line, text.splitlines()[line - 1].index("../visuels") + 1, "avertissement")
    ]
    assert "![texte alternatif]" in found[0].fix
