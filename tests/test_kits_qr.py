"""Codes QR and visuals in the printed kits, read back from the PDFs as a phone would.

Each committee edition's cover code leads to that edition, the national one to the kit's
page; every code carries its 4-module white quiet zone; visuals are thumbnails with a
code to the full image on the site (the file the site copies), not near-full-page copies.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

from oep_build.pipeline import check_project
from oep_build.render.kits import render_kits
from oep_build.render.kits.qr import QUIET_ZONE, qr_data_uri

zxingcpp = pytest.importorskip("zxingcpp")
pikepdf = pytest.importorskip("pikepdf")

pytestmark = pytest.mark.pdf

TODAY = dt.date(2026, 11, 27)
SITE = "https://onestpret.example.org/"
KIT = "kit-loi-duplomb"
MM = 72 / 25.4


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, repo: Path) -> Path:
    root = tmp_path_factory.mktemp("qr") / "projet"
    for name in ("content", "campaigns", "kits", "overrides"):
        if (repo / name).is_dir():
            shutil.copytree(repo / name, root / name)
    for kit in (root / "kits").glob("*.yml"):
        if kit.stem != KIT:
            kit.unlink()
    checked = check_project(root, TODAY)
    result = render_kits(checked.context, "public", root / "site", use_cache=False)
    assert [d.text() for d in result.diagnostics if d.level.value != "info"] == []
    return root / "site"


def codes_on(pdf: Path, page: int, tmp: Path) -> list[str]:
    from PIL import Image

    png = tmp / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(png)], check=True)
    return sorted(c.text for c in zxingcpp.read_barcodes(Image.open(f"{png}.png")))


def test_each_cover_code_leads_to_its_own_edition(site: Path, tmp_path: Path) -> None:
    assert codes_on(site / f"kits/{KIT}.pdf", 1, tmp_path) == [f"{SITE}kits/{KIT}/"]
    for comite in ("ajaccio", "bourg-en-bresse"):
        assert codes_on(site / f"kits/{KIT}/{comite}.pdf", 1, tmp_path) == [f"{SITE}kits/{KIT}/{comite}.pdf"]


def test_every_code_has_a_white_quiet_zone_of_four_modules() -> None:
    svg = unquote(qr_data_uri(f"{SITE}kits/{KIT}/ajaccio.pdf").split(",", 1)[1])
    width = int(re.search(r"width='(\d+)'", svg).group(1))  # type: ignore[union-attr]
    scale = int(re.search(r"scale\((\d+)\)", svg).group(1))  # type: ignore[union-attr]
    modules = width // scale
    # A white square under the whole symbol, then dark modules starting 4 modules in.
    assert f"fill='#fff' d='M0 0h{modules}v{modules}h-{modules}z'" in svg
    dark = re.search(r"stroke='#000' d='M(\d+) (\d+(?:\.5)?)h", svg)
    assert dark is not None and (int(dark.group(1)), float(dark.group(2))) == (QUIET_ZONE, QUIET_ZONE + 0.5)
    assert QUIET_ZONE == 4 and (modules - 2 * QUIET_ZONE - 21) % 4 == 0  # a QR version's size: 21 + 4k


def _visual_pages(pdf: Path) -> list[int]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [i for i, page in enumerate(text.split("\f"), 1) if "Image en pleine taille" in page]


def test_visuals_are_thumbnails_with_a_code_to_the_full_image_the_site_copies(site: Path, tmp_path: Path, repo: Path) -> None:
    pdf = site / f"kits/{KIT}.pdf"
    pages = _visual_pages(pdf)
    assert pages
    found = [c for p in pages for c in codes_on(pdf, p, tmp_path)]
    images = sorted(c for c in found if "/assets/visuels/" in c)
    assert len(images) >= 4  # three visual pieces and the posts' attached visuals
    for url in images:
        rel = url.removeprefix(f"{SITE}assets/visuels/")
        campaign, _, name = rel.partition("/")
        assert (repo / "campaigns" / campaign / "visuels" / unquote(name)).is_file(), url
    # Thumbnails: no visual's figure is larger than 55 mm a side (the cover logo and the codes aside).
    with pikepdf.open(pdf) as doc:
        for obj in doc.objects:
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/S") != "/Figure":
                continue
            alt = str(obj.get("/Alt", ""))
            x1, y1, x2, y2 = (float(v) for v in obj.A.BBox)
            if alt.startswith("Code QR") or alt == "On Est Prêt":
                continue
            assert x2 - x1 <= 55.5 * MM and y2 - y1 <= 55.5 * MM, (alt[:40], (x2 - x1) / MM, (y2 - y1) / MM)
