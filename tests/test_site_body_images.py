"""Images written in a body (a hand page, an EDL, an article) reach the site like a visuel's.

Before: ``![…](photo.png)`` or ``<img src="photo.png">`` next to a page's Markdown was
neither checked nor copied: the site showed a broken image, while the kits refused the
same body (``kit-image-manquante``). Now ``oep check`` says it once for both
(``image-introuvable`` / ``image-illisible``, at the image's line and column), the
site copies the file under ``assets/images/`` and links it from the page; an image the
staff chose to ignore shows as its text alternative, never as a broken link.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from test_site_support import REPO, TODAY, example_copy

from oep_build.build import build
from oep_build.pipeline import check_project

PAGE = """---
titre: Galerie du rassemblement
description: Ce que le rassemblement a montré.
statut: publie
visibilite: public
valide_par: nadia-k
valide_le: 2026-01-20
mis_a_jour_le: 2026-01-20
ordre: 50
---

Le rassemblement du 12 janvier (inventé pour l'exemple).

![Banderole « Eau pour tous » devant la mairie](images/banderole.png)

<img src="images/banderole.png" alt="La même banderole, en HTML">

`![Dans du code](absente-en-code.png)`
"""

SVG_SCRIPT = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>\n'


def _project(tmp_path: Path, page: str = PAGE) -> Path:
    root = example_copy(tmp_path / "projet")
    (root / "content/pages/images").mkdir()
    shutil.copy2(REPO / "content/assets/partage.png", root / "content/pages/images/banderole.png")
    (root / "content/pages/galerie.md").write_text(page, encoding="utf-8")
    return root


def _image_diags(root: Path) -> list[tuple[str, str, int, int, str]]:
    report = check_project(root, TODAY).report
    rules = ("image-introuvable", "image-illisible", "image-distante")
    return [(d.id, d.file, d.line, d.column, d.message) for d in report if d.id in rules]


def test_a_page_with_its_images_checks_clean(tmp_path: Path) -> None:
    assert _image_diags(_project(tmp_path)) == []


def test_check_reports_each_unusable_body_image_at_its_place(tmp_path: Path) -> None:
    page = PAGE.replace("images/banderole.png)", "images/banderol.png)").replace(
        '<img src="images/banderole.png"', '<img src="schema.svg"'
    )
    page += "\n![Le plan du projet](../../mkdocs.yml)\n\n![Une photo ailleurs](https://exemple.org/photo.png)\n"
    root = _project(tmp_path, page)
    (root / "content/pages/schema.svg").write_text(SVG_SCRIPT, encoding="utf-8")
    found = _image_diags(root)
    spots = {(rid, file, line, col) for rid, file, line, col, _ in found}
    assert spots == {
        ("image-introuvable", "content/pages/galerie.md", 14, 49),  # the Markdown image's address
        ("image-illisible", "content/pages/galerie.md", 16, 11),  # raw HTML: the src value
        ("image-introuvable", "content/pages/galerie.md", 20, 22),  # a file outside the content folders
        ("image-distante", "content/pages/galerie.md", 22, 23),  # another site's image
    }
    messages = " ".join(m for *_, m in found)
    assert "« content/pages/images/banderol.png » est introuvable" in messages
    assert "script" in messages
    assert "hors des dossiers de contenu" in messages
    assert "absente-en-code" not in messages  # code shows no image
    assert "« https://exemple.org/photo.png » est chargée depuis un autre site" in messages


def test_an_image_is_the_file_a_browser_would_ask_for(tmp_path: Path) -> None:
    # « photo%201.png » is the file « photo 1.png »; a query is no part of the name.
    page = PAGE.replace("images/banderole.png)", "images/la%20banderole.png?v=2)").replace(
        '<img src="images/banderole.png"', '<img src="images/été 2026.png"'
    )
    root = _project(tmp_path, page)
    for name in ("la banderole.png", "été 2026.png"):
        shutil.copy2(root / "content/pages/images/banderole.png", root / "content/pages/images" / name)
    assert _image_diags(root) == []
    result = build(root, today=TODAY, kits=False)
    assert result.ok, [d.text() for d in result.report]
    html = (root / "site/pages/galerie/index.html").read_text(encoding="utf-8")
    sources = _img_sources(html[html.index("Le rassemblement du 12 janvier") :])
    assert len(sources) == 2 and all(" " not in s for s in sources), sources  # spaces and accents escaped
    for src in sources:
        assert (root / "site/pages/galerie" / unquote(src)).resolve().is_file(), src


def test_each_image_is_reported_where_it_is_written(tmp_path: Path) -> None:
    # A missing path that begins like an earlier, valid one (« images/banderole.pn ») is at its
    # own line; the same missing file written three times is said three times.
    page = PAGE + "\n![Coupée](images/banderole.pn)\n\n![Perdue](perdue.png)\n\nEncore ![Perdue](perdue.png) et ![Perdue](perdue.png)\n"
    root = _project(tmp_path, page)
    spots = sorted((line, col) for _, _, line, col, _ in _image_diags(root))
    assert spots == [(20, 11), (22, 11), (24, 18), (24, 43)]


def test_odd_image_addresses_are_diagnostics_not_crashes(tmp_path: Path) -> None:
    page = PAGE + "\n![Nul](carte%00.png)\n\n![Long](" + "c" * 300 + ".png)\n\n![Courriel](mailto:a@onestpret.example.org)\n"
    root = _project(tmp_path, page)
    found = {(rid, line) for rid, _, line, _, _ in _image_diags(root)}
    assert found == {("image-introuvable", 20), ("image-introuvable", 22), ("image-introuvable", 24)}


def test_an_image_is_placed_where_it_is_shown_not_at_a_link_to_the_same_file(tmp_path: Path) -> None:
    page = PAGE + "\nVoir [la carte en grand](carte.png).\n\n![La carte des rassemblements](carte.png)\n"
    root = _project(tmp_path, page)
    assert [(line, col) for _, _, line, col, _ in _image_diags(root)] == [(22, 32)]


def test_the_feed_shows_the_pages_copy_of_an_image_and_never_another_sites(tmp_path: Path) -> None:
    root = example_copy(tmp_path / "projet")
    article = root / "content/articles/un-an-de-mobilisation.md"  # published on TODAY (the other is embargoed)
    shutil.copy2(REPO / "content/assets/partage.png", article.parent / "photo.png")
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\n![Le rassemblement](photo.png)\n\n![Un pixel](https://traqueur.example.org/p.gif)\n", encoding="utf-8")
    site = root / "content/site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("niveaux: {}", "niveaux: {image-distante: ignore}"), encoding="utf-8")
    result = build(root, today=TODAY, kits=False)
    assert result.ok, [d.text() for d in result.report]
    feed = (root / "site/actualites.xml").read_text(encoding="utf-8")
    assert "traqueur.example.org" not in feed
    served = re.findall(r"https?://[^\"<&]*assets/images/[^\"<&]*photo\.png", feed)
    assert served, "the body image is not in the feed"
    for url in served:
        path = url.split("/assets/images/", 1)[1]
        assert (root / "site/assets/images" / unquote(path)).is_file(), url


def _img_sources(html: str) -> list[str]:
    return re.findall(r'<img\b[^>]*\bsrc="([^"]*)"', html)


def test_the_site_copies_body_images_and_links_them_from_the_page(tmp_path: Path) -> None:
    root = _project(tmp_path)
    result = build(root, today=TODAY, kits=False)
    assert result.ok, [d.text() for d in result.report]
    page = root / "site/pages/galerie/index.html"
    html = page.read_text(encoding="utf-8")
    body = html[html.index("Le rassemblement du 12 janvier") :]
    sources = _img_sources(body)
    assert len(sources) == 2, sources
    for src in sources:
        assert not src.startswith(("/", "http"))  # relative: the site works under any prefix
        target = posixpath.normpath(posixpath.join("pages/galerie", unquote(src)))
        served = root / "site" / target
        assert served.is_file(), target
        assert served.read_bytes() == (root / "content/pages/images/banderole.png").read_bytes()
    assert "Banderole « Eau pour tous » devant la mairie" in body  # its text alternative stays


def test_another_sites_image_is_never_loaded_by_the_site(tmp_path: Path) -> None:
    page = PAGE + "\n![Un pixel espion](https://traqueur.example.org/p.gif)\n\n<img src=\"//cdn.example.org/x.png\" alt=\"Un autre\">\n"
    root = _project(tmp_path, page)
    assert [d[0] for d in _image_diags(root)] == ["image-distante", "image-distante"]
    site = root / "content/site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("niveaux: {}", "niveaux: {image-distante: ignore}"), encoding="utf-8")
    result = build(root, today=TODAY, kits=False)
    assert result.ok, [d.text() for d in result.report]
    html = (root / "site/pages/galerie/index.html").read_text(encoding="utf-8")
    assert "traqueur.example.org" not in html and "cdn.example.org" not in html  # even with the rule ignored
    assert "Un pixel espion" in html and "Un autre" in html


def test_an_ignored_missing_image_shows_its_text_alternative(tmp_path: Path) -> None:
    root = _project(tmp_path, PAGE.replace("images/banderole.png)", "images/perdue.png)"))
    site = root / "content/site.yml"
    text = site.read_text(encoding="utf-8")
    assert "niveaux: {}" in text
    site.write_text(text.replace("niveaux: {}", "niveaux: {image-introuvable: ignore}"), encoding="utf-8")
    result = build(root, today=TODAY, kits=False)
    assert result.ok, [d.text() for d in result.report]
    html = (root / "site/pages/galerie/index.html").read_text(encoding="utf-8")
    html = html.replace("\u202f", " ").replace("\xa0", " ")  # French typography's thin spaces
    assert "perdue.png" not in html  # no broken image
    assert re.search(r'<span class="image-manquante">Banderole « Eau pour tous » devant la mairie</span>', html)
    assert len(_img_sources(html[html.index("Le rassemblement du 12 janvier") :])) == 1  # the raw HTML one


@pytest.mark.parametrize("audience", ["public", "interne"])
def test_a_kit_piece_image_is_on_its_kit_page(tmp_path: Path, audience: str) -> None:
    root = example_copy(tmp_path / "projet")
    kit = next(
        k for k in sorted((root / "kits").glob("*.yml")) if "edl/" in k.read_text(encoding="utf-8")
    )
    ref = re.search(r"ref:\s*edl/([\w-]+)", kit.read_text(encoding="utf-8"))
    assert ref is not None
    edl = next(root.glob(f"campaigns/*/edl/{ref.group(1)}.md"))
    shutil.copy2(REPO / "content/assets/partage.png", edl.parent / "carte.png")
    edl.write_text(edl.read_text(encoding="utf-8") + "\n\n![Carte des rassemblements prévus](carte.png)\n", encoding="utf-8")
    assert _image_diags(root) == []
    result = build(root, audience=audience, out=root / f"site-{audience}", today=TODAY, kits=False)
    assert result.ok, [d.text() for d in result.report]
    pages = [p for p in (root / f"site-{audience}/kits").glob("*/index.html") if "Carte des rassemblements prévus" in p.read_text(encoding="utf-8")]
    assert pages
    for page in pages:
        src = next(s for s in _img_sources(page.read_text(encoding="utf-8")) if s.endswith("carte.png"))
        assert (page.parent / unquote(src)).resolve().is_file()
