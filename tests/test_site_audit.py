"""Every page of both audiences audited: Nu HTML checker, axe-core at phone and desktop
widths, and the French search without accents (issue 15)."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_site_support import CHROMIUM, CHROMIUM_ARGS, REPO, built_site

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
VNU = Path(os.environ.get("OEP_VNU_JAR", REPO / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"))

# Nu checker messages accepted, each with the reason. Empty: every page is valid.
VNU_WAIVERS: dict[str, str] = {}

pytestmark = pytest.mark.browser


def _require(path: Path | str, what: str) -> None:
    if Path(path).exists():
        return
    message = f"{what} absent ({path}) : lancez scripts/setup.sh --dev"
    if os.environ.get("CI"):
        raise RuntimeError(message + " — obligatoire en CI")
    pytest.skip(message)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = str(tmp_path_factory.getbasetemp())
    return {audience: built_site(audience, base)[0] for audience in ("public", "interne")}


@pytest.fixture(scope="module")
def urls(sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    servers = []
    out = {}
    for audience, site in sites.items():
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        out[audience] = f"http://127.0.0.1:{server.server_address[1]}"
    yield out
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    _require(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def html_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as a path from its root (``kits/``, ``404.html``)."""
    return sorted(str(p.relative_to(site)).removesuffix("index.html") for p in site.rglob("*.html"))


def test_every_page_of_both_audiences_is_valid_html(sites: dict[str, Path]) -> None:
    _require(VNU, "Le vérificateur Nu (vnu.jar)")
    java = shutil.which("java")
    _require(java or "/usr/bin/java", "Java")
    run = subprocess.run(
        [java or "java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json", *map(str, sites.values())],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [
        f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error" and m["message"] not in VNU_WAIVERS
    ]
    assert errors == [], "\n".join(errors)
    assert sum(len(html_pages(s)) for s in sites.values()) > 20  # both sites were really checked


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("audience", ["public", "interne"])
def test_axe_finds_nothing_on_any_page(browser, sites, urls, audience: str, width: int) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: r.url.startswith(urls[audience]) or r.url.startswith("data:") or outside.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    found = []
    for path in html_pages(sites[audience]):
        page.goto(f"{urls[audience]}/{path}")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        found += [
            {"page": path, "id": v["id"], "impact": v["impact"], "cibles": [n["target"] for n in v["nodes"][:3]]}
            for v in result["violations"]
        ]
        if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
            found.append({"page": path, "id": "débordement horizontal"})
    context.close()
    assert found == [], json.dumps(found, ensure_ascii=False, indent=1)
    assert outside == [] and errors == []


def _search(browser, url: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.goto(url + "/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta').textContent.match(/trouvé|Aucun/)"
        " && document.querySelector('input.md-search__input').value === q",
        arg=query,
    )
    page.wait_for_timeout(300)  # results of the last keystroke
    titles = page.locator(".md-search-result__item > .md-search-result__link h1").all_inner_texts()
    context.close()
    return sorted(" ".join(t.split()) for t in titles)


@pytest.mark.parametrize(
    ("plain", "accented"),
    [("petition", "pétition"), ("reunion", "réunion"), ("elections", "élections"), ("PETITION", "Pétition")],
)
def test_search_finds_the_same_pages_without_accents(browser, urls, plain: str, accented: str) -> None:  # type: ignore[no-untyped-def]
    with_accents = _search(browser, urls["public"], accented)
    assert len(with_accents) >= 2
    assert _search(browser, urls["public"], plain) == with_accents


def test_staff_pages_are_out_of_the_public_menu_and_search(browser, sites, urls) -> None:  # type: ignore[no-untyped-def]
    for term in ("pétition", "embargo", "contrôles"):
        titles = _search(browser, urls["public"], term)
        assert not [t for t in titles if "Guide de" in t], (term, titles)
    home = (sites["public"] / "index.html").read_text(encoding="utf-8")
    assert "Guide de saisie" not in home and "Guide de l’équipe" not in home and "Première campagne" not in home
    assert not [t for t in _search(browser, urls["public"], "pull request") if "Première campagne" in t]
    # Still there, at their address, for the staff who have the link.
    assert (sites["public"] / "guide-de-saisie" / "index.html").is_file()
    assert (sites["public"] / "pages" / "guide-equipe" / "index.html").is_file()
    interne = (sites["interne"] / "index.html").read_text(encoding="utf-8")
    assert "Guide de saisie" in interne and "Guide de l’équipe" in interne
    assert "Guide de saisie" in _search(browser, urls["interne"], "contrôles")


def test_internal_pages_say_internal_and_are_not_indexed(sites) -> None:  # type: ignore[no-untyped-def]
    for path in html_pages(sites["interne"]):
        text = (sites["interne"] / path / ("" if path.endswith(".html") else "index.html")).read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex, nofollow">' in text, path
        assert "INTERNE — ne pas diffuser" in text, path
        assert "licence" not in _footer(text) and "ne pas diffuser" in _footer(text), path
    public = (sites["public"] / "index.html").read_text(encoding="utf-8")
    assert "noindex" not in public and "INTERNE" not in public and "CC BY-SA" in _footer(public)
    assert "md-banner" not in public  # no empty announcement bar on the public site


def _footer(page: str) -> str:
    return page[page.index('<div class="md-copyright">') :]
