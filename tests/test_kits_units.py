"""Small pieces of the kit renderer: fetcher jail, glyph coverage, cache key, French dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from oep_build.render.fetcher import JailedFetcher, mount_url
from oep_build.render.kits.cache import KitCache, cache_key
from oep_build.render.kits.glyphs import load_fontset, missing_glyphs
from oep_build.render.kits.pdf import FONTS_CSS
from oep_build.render.kits.views import date_fr
from oep_build.views.events import when_fr

# -- fetcher ---------------------------------------------------------------------


@pytest.fixture
def jail(tmp_path: Path) -> tuple[JailedFetcher, Path]:
    root = tmp_path / "projet"
    (root / "content").mkdir(parents=True)
    (root / "content" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (root / "content" / "lien.svg").symlink_to(tmp_path / "secret.txt")
    # inside the project, outside its content folders: never served
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[remote]\n  token = secret\n", encoding="utf-8")
    (root / "content" / ".env").write_text("TOKEN=secret", encoding="utf-8")
    (root / "pyproject.toml").write_text("[project]", encoding="utf-8")
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").write_text("<html>", encoding="utf-8")
    (root / "content" / "git.svg").symlink_to(root / ".git" / "config")
    return JailedFetcher({"projet": root}), root


def test_fetcher_serves_project_files_with_their_type(jail) -> None:
    fetcher, _ = jail
    response = fetcher.fetch(mount_url("projet", "content/logo.svg"))
    assert response.content_type == "image/svg+xml"
    assert response.read().startswith(b"<svg")
    assert fetcher.refusals == []


def test_fetcher_serves_the_content_folders_only(tmp_path: Path) -> None:
    root = tmp_path / "projet"
    for rel in ("campaigns/c/visuels/a.png", "content/assets/logo.svg", "kits/k.yml", "overrides/kits/fond.png",
                "overrides/assets/x.css", "overrides/main.html", "build/docs/x.png", ".cache/kits/x.pdf"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"x")
    served = []
    for rel in sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()):
        fetcher = JailedFetcher({"projet": root})
        try:
            fetcher.fetch(mount_url("projet", rel))
            served.append(rel)
        except ValueError:
            pass
    assert served == [
        "campaigns/c/visuels/a.png", "content/assets/logo.svg", "kits/k.yml", "overrides/assets/x.css",
        "overrides/kits/fond.png",
    ]


def test_fetcher_serves_data_urls(jail) -> None:
    fetcher, _ = jail
    assert fetcher.fetch("data:text/plain;base64,b2s=").read() == b"ok"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://example.org/image.png", "adresse réseau interdite"),
        ("http://127.0.0.1:9/x.css", "adresse réseau interdite"),
        ("ftp://example.org/x", "adresse réseau interdite"),
        ("file:///etc/passwd", "hors du projet"),
        ("{real}/content/logo.svg", "hors du projet"),  # the real path is not mounted
        ("file:///oep/autre/x.png", "hors du projet"),
        ("file:///oep/projet/../secret.txt", "hors du projet"),
        ("file:///oep/projet/content/../../secret.txt", "hors du projet"),
        ("file:///oep/projet/content/lien.svg", "hors du projet"),  # a symlink out of the tree
        ("file:///oep/projet/content/absent.png", "introuvable"),
        ("file:///oep/projet/.git/config", "hors des dossiers de contenu"),
        ("file:///oep/projet/content/.env", "hors des dossiers de contenu"),
        ("file:///oep/projet/pyproject.toml", "hors des dossiers de contenu"),
        ("file:///oep/projet/content/git.svg", "hors des dossiers de contenu"),  # a symlink to .git/
        ("file:///oep/projet/overrides/main.html", "hors des dossiers de contenu"),
    ],
)
def test_fetcher_refuses_and_remembers(jail, url: str, reason: str) -> None:
    fetcher, root = jail
    url = url.replace("{real}", root.as_uri())
    with pytest.raises(ValueError, match=reason):
        fetcher.fetch(url)
    assert [r.reason.split(" (")[0] for r in fetcher.refusals] == [reason]


# -- glyphs ----------------------------------------------------------------------------


def test_shipped_fonts_cover_french_typography() -> None:
    fonts = load_fontset(FONTS_CSS)
    html = (
        '<html><body><article data-entree="0"><p>Œuvre, cœur, « guillemets », l’apostrophe, '
        "espace\u202ffine ; espace\u00a0insécable : 1er, 2e, 10 € – tiret — cadratin… ÀÉÈÇÎÏÔÙÛÜŸ</p>"
        "<code>mono : « ok »</code></article></body></html>"
    )
    assert missing_glyphs(html, fonts) == []


def test_missing_glyphs_are_placed_and_named() -> None:
    fonts = load_fontset(FONTS_CSS)
    html = (
        "<html><head><title>📢 ignored</title></head><body>"
        "<nav>Intro 📢</nav>"
        '<article data-entree="2"><p>Signez 📢 → ici</p></article>'
        '<section data-comite="0"><p class="sms">✓</p></section></body></html>'
    )
    got = [(m.char, m.family, m.where) for m in missing_glyphs(html, fonts)]
    assert got == [
        ("✓", "JetBrains Mono", ("comite", 0)),
        ("→", "Atkinson Hyperlegible", ("entree", 2)),
        ("📢", "Atkinson Hyperlegible", ("entree", 2)),  # the TOC mention is not repeated
    ]


# -- cache -----------------------------------------------------------------------------


def test_cache_key_follows_every_input(tmp_path: Path) -> None:
    image = tmp_path / "a.png"
    image.write_bytes(b"one")
    base = cache_key("<html>", "css", [image], "fonts", "pdf/ua-1")
    assert cache_key("<html>", "css", [image], "fonts", "pdf/ua-1") == base
    assert cache_key("<html> ", "css", [image], "fonts", "pdf/ua-1") != base
    assert cache_key("<html>", "css2", [image], "fonts", "pdf/ua-1") != base
    assert cache_key("<html>", "css", [image], "fonts2", "pdf/ua-1") != base
    assert cache_key("<html>", "css", [image], "fonts", "pdf/a-3u") != base
    image.write_bytes(b"two")
    assert cache_key("<html>", "css", [image], "fonts", "pdf/ua-1") != base


def test_cache_round_trip_and_pruning(tmp_path: Path) -> None:
    cache = KitCache(tmp_path)
    cache.put("public:kit-a", "k1", b"%PDF-a", 3)
    cache.put("public:kit-b", "k2", b"%PDF-b", 4)
    cache.save()
    again = KitCache(tmp_path)
    data, entry = again.get("k1")
    assert (data, entry.pages, entry.size) == (b"%PDF-a", 3, 6)
    again.keep_only("public:", {"public:kit-a"})
    again.save()
    assert again.dir is not None and tmp_path not in again.dir.parents  # outside the project
    assert sorted(p.name for p in again.dir.iterdir()) == ["k1.pdf", "manifest.json"]
    assert KitCache(tmp_path).get("k2") is None


def test_corrupt_manifest_is_an_empty_cache(tmp_path: Path) -> None:
    folder = KitCache(tmp_path).dir
    assert folder is not None
    (folder / "manifest.json").write_text("{pas du json", encoding="utf-8")
    assert KitCache(tmp_path).entries == {}


# -- French dates --------------------------------------------------------------------------


def test_french_dates() -> None:
    assert date_fr(dt.date(2026, 1, 1)) == "1er janvier 2026"
    assert date_fr(dt.date(2026, 3, 15), weekday=True) == "dimanche 15 mars 2026"
    start = dt.datetime(2026, 3, 1, 14, 0)
    assert when_fr(start, dt.datetime(2026, 3, 1, 17, 30)) == "dimanche 1er mars 2026, de 14\u00a0h à 17\u00a0h\u00a030"
    assert when_fr(start, dt.datetime(2026, 3, 2, 9, 0)) == (
        "du dimanche 1er mars 2026 à 14\u00a0h au lundi 2 mars 2026 à 9\u00a0h"
    )


def test_check_points_at_an_attachment_in_the_print_templates(tmp_path: Path) -> None:
    import shutil

    from oep_build import check_project

    root = tmp_path / "projet"
    shutil.copytree(Path(__file__).parent / "fixtures" / "base", root)
    (root / "overrides" / "kits").mkdir(parents=True)
    (root / "overrides" / "kits" / "back.html").write_text(
        '<footer>\n  <p>Fin</p>\n  <a href="/.git/config" REL="nofollow Attachment">config</a>\n</footer>\n',
        encoding="utf-8",
    )
    found = [d for d in check_project(root).report.sorted() if d.id == "kit-ressource-refusee"]
    assert [(d.file, d.line, d.column, d.level.value) for d in found] == [("overrides/kits/back.html", 3, 3, "erreur")]
    assert "« /.git/config » est une pièce jointe" in found[0].message


def test_check_finds_the_files_a_print_template_would_have_refused(tmp_path: Path) -> None:
    import shutil

    from oep_build import check_project

    root = tmp_path / "projet"
    shutil.copytree(Path(__file__).parent / "fixtures" / "base", root)
    (root / "overrides" / "kits").mkdir(parents=True)
    (root / "content" / "assets").mkdir(parents=True, exist_ok=True)
    (root / "content" / "assets" / "bandeau.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "overrides" / "kits" / "police.woff2").write_bytes(b"wOF2")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (root / "overrides" / "kits" / "back.html").write_text(
        "<footer>\n"
        '  <img src="content/assets/bandeau.png" alt=""> <img src="{{ logo }}" alt="">\n'
        '  <img src="content/assets/absent.png" alt="absent">\n'
        '  <link rel="stylesheet" href="https://cdn.example.org/x.css">\n'
        '  <div style="background: url(\'.git/config\')"></div>\n'
        "</footer>\n",
        encoding="utf-8",
    )
    (root / "overrides" / "kits" / "kit.css").write_text(
        '@font-face { font-family: X; src: url("police.woff2") }\n'
        "body { background: url(../../content/site.yml) }\n"
        "h1 { background: url(fond.png) }\n",
        encoding="utf-8",
    )
    found = [d for d in check_project(root).report.sorted() if d.id == "kit-ressource-refusee"]
    assert [(d.file, d.line, d.column) for d in found] == [
        ("overrides/kits/back.html", 3, 13),
        ("overrides/kits/back.html", 4, 32),
        ("overrides/kits/back.html", 5, 32),
        ("overrides/kits/kit.css", 2, 24),
        ("overrides/kits/kit.css", 3, 22),
    ]
    reasons = [d.message.split(" » ", 1)[1] for d in found]
    assert reasons[0] == "introuvable"
    assert reasons[1].startswith("adresse réseau interdite")
    assert reasons[2].startswith("hors des dossiers de contenu")
    assert reasons[3].startswith("hors du projet")
    assert reasons[4] == "introuvable"
    assert all(d.level.value == "erreur" and "overrides/kits/" in d.fix for d in found)


def test_a_16_bit_greyscale_image_is_refused_before_the_pdf(tmp_path: Path) -> None:
    # WeasyPrint warns in English (« Unknown image mode: I;16 ») and prints a black box.
    from PIL import Image

    from oep_build.views.images import image_problem

    deep, plain = tmp_path / "seize.png", tmp_path / "huit.png"
    Image.new("I;16", (8, 8)).save(deep)
    Image.new("L", (8, 8)).save(plain)
    assert "16 ou 32 bits" in (image_problem(deep) or "")
    assert image_problem(plain) is None
