"""Content is untrusted input: a corpus of payloads in every rendered field (tests/fixtures/injection/,
laid over the example project) is reported by ``oep check``, and — with the URL check bypassed —
the built site, calendars and kits hold nothing that runs, in files and in Chromium.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_site_support import CHROMIUM, CHROMIUM_ARGS, EPOCH, REPO, TODAY, example_copy

from oep_build.pipeline import check_project
from oep_build.safety import url_problem

FIXTURE = REPO / "tests" / "fixtures" / "injection"

# Every forbidden URL of the corpus, at the line and column where it is written.
EXPECTED_URLS = {
    ("campaigns/charge/campagne.yml", 16, 9),
    ("campaigns/charge/edl/charge-edl.md", 16, 13),
    ("campaigns/charge/edl/charge-edl.md", 22, 11),
    ("campaigns/charge/edl/charge-edl.md", 22, 46),
    ("campaigns/charge/edl/charge-edl.md", 22, 75),
    ("campaigns/charge/edl/charge-edl.md", 22, 108),
    ("campaigns/charge/edl/charge-edl.md", 24, 6),
    ("campaigns/charge/edl/charge-edl.md", 26, 9),
    ("campaigns/charge/edl/charge-edl.md", 26, 55),
    ("campaigns/charge/edl/charge-edl.md", 30, 16),  # « java<TAB>script: » at its own place
    ("campaigns/charge/evenements/charge-event.yml", 15, 19),
    ("campaigns/charge/guides/charge-guide.md", 16, 23),
    ("campaigns/charge/posts/charge-post.yml", 7, 8),
    ("content/comites/charge.yml", 7, 12),
    ("content/pages/charge-page.md", 11, 37),
    ("content/pages/charge-page.md", 11, 66),
    ("content/referentiels/partenaires/charge.yml", 2, 7),
}


SITE_PAYLOADS = {
    "titre: On Est Prêt\n": 'titre: "On Est Prêt\\" onmouseover=\\"alert(4)"\n',
    "  nom: On Est Prêt\n": '  nom: "On Est Prêt <img src=x onerror=alert(2)>"\n',
    "  licence: CC BY-SA 4.0\n": '  licence: "CC BY-SA 4.0 <script>alert(1)</script>"\n',
}


def _project(dest: Path, *, bypass_url_check: bool = False) -> Path:
    root = example_copy(dest)
    for name in ("content", "campaigns", "kits"):
        shutil.copytree(FIXTURE / name, root / name, dirs_exist_ok=True)
    # site.yml's texts the theme prints unescaped (name, footer, licence, title).
    site = root / "content" / "site.yml"
    text = site.read_text(encoding="utf-8")
    for old, new in SITE_PAYLOADS.items():
        assert old in text
        text = text.replace(old, new, 1)
    site.write_text(text, encoding="utf-8")
    if bypass_url_check:
        site.write_text(site.read_text().replace("niveaux: {}", "niveaux: {url-interdite: ignore, kit-image-manquante: ignore, image-introuvable: ignore}"))
    return root


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return check_project(_project(tmp_path_factory.mktemp("check")), TODAY)


def test_check_reports_every_forbidden_url_at_its_place(checked) -> None:  # type: ignore[no-untyped-def]
    found = [d for d in checked.report if d.id == "url-interdite"]
    assert {(d.file, d.line, d.column) for d in found} == EXPECTED_URLS
    assert all(d.level.value == "erreur" for d in found)
    assert all("n’est pas autorisé" in d.message and "https://" in d.fix for d in found)


def test_check_warns_of_stripped_html_at_its_line(checked) -> None:  # type: ignore[no-untyped-def]
    warned = {(d.file, d.line, d.message.split(" : ", 1)[1]) for d in checked.report if d.id == "html-retire"}
    edl = "campaigns/charge/edl/charge-edl.md"
    for line, what in [
        (11, "l’attribut onclick de <h2>"),
        (13, "la balise <script>"),
        (14, "l’attribut onerror de <img>"),
        (15, "la balise <svg>"),
        (16, "la balise <iframe>"),
        (17, "l’attribut ontoggle de <details>"),
        (20, "l’attribut onclick de <p>"),
        (28, "l’attribut onmouseover de <div>"),
        (28, "l’attribut style de <div>"),
    ]:
        assert (edl, line, what) in warned
    assert all(d.level.value == "avertissement" for d in checked.report if d.id == "html-retire")
    site = {(d.line, d.column, d.message) for d in checked.report if d.id == "html-retire" and d.file == "content/site.yml"}
    assert {m.split(" : ")[0] for _, _, m in site} == {"titre", "organisation.nom", "organisation.licence"}
    assert all("est retiré à la publication" in m for _, _, m in site)


def test_example_content_has_no_safety_diagnostic() -> None:
    result = check_project(REPO, TODAY)
    assert not [d for d in result.report if d.id in ("url-interdite", "html-retire")]


# -- the built outputs --------------------------------------------------------------

_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "cite", "xlink:href", "srcset"}


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name in _URL_ATTRIBUTES and value and url_problem(value):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if value and "alert(" in value and name not in ("content", "alt", "title", "aria-label", "data-oep-copy"):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed"):
            self.problems.append(f"<{tag}>")
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert" in data:
            self.problems.append(f"<script>{data[:40]}")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from oep_build.build import build

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    root = _project(tmp_path_factory.mktemp("build"), bypass_url_check=True)
    result = build(root, audience="public", out=root / "site", today=TODAY)
    assert result.ok, result.report.format_text()
    return root / "site"


def test_payload_pages_are_built(built: Path) -> None:
    # The corpus really reached the public site (else the audits below prove nothing).
    assert (built / "campagnes" / "charge" / "index.html").is_file()
    assert (built / "kits" / "kit-charge" / "index.html").is_file()
    assert (built / "pages" / "charge-page" / "index.html").is_file()
    assert (built / "pages" / "charge-sans-titre" / "index.html").is_file()
    assert "onerror=alert(1)" in (built / "comites" / "index.html").read_text().replace("&gt;", ">").replace("&lt;", "<")


@pytest.fixture(scope="module")
def built_interne(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The internal site too (status badges, Équipe pages, weekly reports): it is a web page as well."""
    from oep_build.build import build

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    root = _project(tmp_path_factory.mktemp("interne"), bypass_url_check=True)
    result = build(root, audience="interne", out=root / "site", today=TODAY, kits=False)
    assert result.ok, result.report.format_text()
    return root / "site"


def _audit(site: Path) -> dict[str, list[str]]:
    problems = {}
    for path in sorted(site.rglob("*.html")):
        audit = _Audit()
        audit.feed(path.read_text())
        if audit.problems:
            problems[str(path.relative_to(site))] = audit.problems
    return problems


def test_no_html_file_holds_a_handler_or_a_script_url(built: Path) -> None:
    assert _audit(built) == {}


def test_no_internal_page_holds_a_handler_or_a_script_url(built_interne: Path) -> None:
    assert (built_interne / "equipe" / "rapport-charge" / "index.html").is_file()
    assert "&#124; pipe" in (built_interne / "equipe" / "planning-charge" / "index.html").read_text()
    assert _audit(built_interne) == {}


def test_meta_description_stays_an_attribute(built: Path) -> None:
    html = (built / "pages" / "charge-page" / "index.html").read_text()
    metas = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert metas and "<img" not in metas[0]


def test_calendars_hold_no_script_url(built: Path) -> None:
    feeds = sorted(built.rglob("*.ics"))
    assert feeds
    for path in feeds:
        text = re.sub(r"\r?\n[ \t]", "", path.read_text())  # unfold
        for line in text.splitlines():
            name, _, value = line.partition(":")
            # URL-valued properties and parameters (ALTREP="…") must hold allowed URLs only.
            if name.split(";")[0] in ("URL", "ATTACH", "SOURCE", "TZURL") or "VALUE=URI" in name:
                assert url_problem(value) is None, (path, line)
            for param in re.findall(r'ALTREP="([^"]*)"', name):
                assert url_problem(param) is None, (path, line)
    event = (built / "evenements" / "charge-event.ics").read_text()
    urls = [line.partition(":")[2] for line in event.splitlines() if line.split(":")[0].split(";")[0] == "URL"]
    # The event's own page on the site (issue 15), never its refused sign-up address.
    assert all(u.endswith("/evenements/charge-event/") for u in urls), urls


def test_kit_pdfs_link_only_to_allowed_urls(built: Path) -> None:
    pdfs = sorted(built.rglob("*.pdf"))
    assert any("kit-charge" in p.name for p in pdfs)
    for pdf in pdfs:
        qdf = subprocess.run(
            ["qpdf", "--qdf", "--object-streams=disable", str(pdf), "-"], capture_output=True, check=True
        ).stdout.decode("latin-1")
        assert "/JavaScript" not in qdf and "/JS " not in qdf, pdf
        for uri in re.findall(r"/URI \((.*?)\)\s*(?:/|>>)", qdf):
            assert url_problem(uri) is None, (pdf, uri)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
        assert "javascript:alert" not in text.replace("JaVaScRiPt", "javascript") or "[x](javascript:alert(1))" in text


# -- in a real browser ----------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(built: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.browser
def test_no_dialog_fires_in_chromium(built: Path, served: str) -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            raise RuntimeError(f"{CHROMIUM} manque : les tests navigateur ne peuvent pas être sautés en CI")
        pytest.skip(f"{CHROMIUM} absent")
    from playwright.sync_api import sync_playwright

    pages = [
        p.relative_to(built).as_posix()
        for p in sorted(built.rglob("index.html"))
        if not p.relative_to(built).as_posix().startswith(("search/", "assets/"))
    ]
    dialogs: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
        for path in pages:
            page.goto(f"{served}/{path}", wait_until="load")
            # Open every disclosure and pass over every element: toggle and hover handlers would fire.
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = !d.open)")
            page.mouse.move(10, 10)
            page.mouse.move(600, 450)
            page.wait_for_timeout(50)
        browser.close()
    assert len(pages) > 10
    assert dialogs == []


def test_the_site_address_is_a_whole_address(tmp_path: Path) -> None:
    from oep_build.build import build

    root = example_copy(tmp_path / "projet")
    site = root / "content" / "site.yml"
    site.write_text(site.read_text().replace("url: https://onestpret.example.org/", "url: onestpret.example.org"))
    found = [d for d in check_project(root, TODAY).report if d.id == "url-interdite"]
    assert [(d.file, d.line, d.column) for d in found] == [("content/site.yml", 8, 6)]
    assert "adresse complète" in found[0].message and "https://" in found[0].fix
    # Even with the check switched off, the engine never gets it (MkDocs refused it: a traceback).
    site.write_text(site.read_text().replace("niveaux: {}", "niveaux: {url-interdite: ignore}"))
    result = build(root, out=root / "site", today=TODAY, kits=False)
    assert result.ok, result.report.format_text()
    assert 'rel="canonical"' not in (root / "site" / "index.html").read_text()


ACTIVE_SVGS = {
    "script.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "onload.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>',
    "lien.svg": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    '<image xlink:href="https://pisteur.example/x.png" width="1" height="1"/></svg>',
    "fichier.svg": '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
    "style.svg": '<svg xmlns="http://www.w3.org/2000/svg"><style>@import "https://x.example/a.css";</style></svg>',
    "objet.svg": '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
    "anime.svg": '<svg xmlns="http://www.w3.org/2000/svg"><a><animate attributeName="href" values="javascript:alert(1)"/>'
    '<rect width="9" height="9"/></a></svg>',
    "xslt.svg": '<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="b.svg"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    "remplissage.svg": '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(https://x.example/a)" width="1" height="1"/></svg>',
    "echappement.svg": '<svg xmlns="http://www.w3.org/2000/svg"><style><x/>a{b:\\75 rl(https://x.example/a)}</style></svg>',
    "html.svg": '<svg xmlns="http://www.w3.org/2000/svg"><h:img xmlns:h="http://www.w3.org/1999/xhtml" src="x"/></svg>',
    "entite.svg": '<?xml version="1.0"?><!-- ' + "x" * 5000 + ' --><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
}


def test_only_plain_svgs_and_passive_files_are_published(tmp_path: Path) -> None:
    """An SVG opened from the site's address runs its scripts there; an HTML file is a page of the site."""
    from oep_build.build import build

    root = example_copy(tmp_path / "projet")
    assets = root / "content" / "assets"
    for name, text in ACTIVE_SVGS.items():
        (assets / name).write_text(text, encoding="utf-8")
    (assets / "page.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (assets / "simple.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs>'
        '<rect fill="url(#g)" width="1" height="1"/><use href="#g"/>'
        '<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/></svg>',
        encoding="utf-8",
    )
    # A visuel whose image is an active SVG.
    visuel = next((root / "campaigns").glob("*/visuels/*.yml"))
    image = visuel.parent / "actif.svg"
    image.write_text(ACTIVE_SVGS["onload.svg"], encoding="utf-8")
    text = visuel.read_text(encoding="utf-8")
    visuel.write_text(re.sub(r"(?m)^fichier: .*$", "fichier: actif.svg", text, count=1), encoding="utf-8")
    report = check_project(root, TODAY).report
    refused = {d.file.rsplit("/", 1)[-1]: d for d in report if d.id == "fichier-refuse"}
    assert sorted(refused) == sorted([*ACTIVE_SVGS, "page.html"])
    assert all(d.level.value == "erreur" and d.line == 1 for d in refused.values())
    assert "exécute" in refused["onload.svg"].message and "https://pisteur.example" in refused["lien.svg"].message
    assert "« .html » n'est pas publié" in refused["page.html"].message
    assert any(d.file.endswith(visuel.name) and "onload" in d.message for d in report if d.level.value == "erreur")
    # With the checks switched off, none is published all the same; the plain SVG is.
    site = root / "content" / "site.yml"
    site.write_text(site.read_text().replace("niveaux: {}", "niveaux: {fichier-refuse: ignore, kit-image-illisible: ignore, image-illisible: ignore}"))
    result = build(root, out=root / "site", today=TODAY, kits=False)
    assert result.ok, result.report.format_text()
    published = {p.name for p in (root / "site").rglob("*") if p.is_file()}
    assert "simple.svg" in published
    assert not published & {*ACTIVE_SVGS, "page.html", "actif.svg"}


def test_a_refused_post_link_is_in_no_text_nor_share_link(built: Path) -> None:
    """The post's lien is javascript: (its check switched off): neither its texts nor its share links carry it."""
    from oep_build.counting import fill_link, filled_link

    assert filled_link("javascript:alert('lien')", "x") == "" and fill_link("Signez : {lien}", " JaVa\tscript:x", "x") == "Signez : "
    assert filled_link("https://x.example/?via={canal}", "x") == "https://x.example/?via=x"
    pages = [p for p in built.rglob("*.html") if "charge" in p.read_text(encoding="utf-8")]
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "alert('lien')" not in text and "alert%28%27lien" not in text, page


def test_links_in_content_assets_are_refused_not_followed(tmp_path: Path) -> None:
    from oep_build.build import build

    root = example_copy(tmp_path / "projet")
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "env.txt").write_text("GITHUB_TOKEN=ghs_secret", encoding="utf-8")
    assets = root / "content" / "assets"
    (assets / "notes.txt").symlink_to(secret / "env.txt")
    (assets / "dossier").symlink_to(secret, target_is_directory=True)
    refused = {d.file for d in check_project(root, TODAY).report if d.id == "fichier-refuse"}
    assert refused == {"content/assets/notes.txt", "content/assets/dossier"}
    site = root / "content" / "site.yml"
    site.write_text(site.read_text().replace("niveaux: {}", "niveaux: {fichier-refuse: ignore}"))
    assert build(root, out=root / "site", today=TODAY, kits=False).ok
    assert not any("ghs_secret" in p.read_text(errors="ignore") for p in (root / "site").rglob("*") if p.is_file())
