"""The built site in a real browser: navigation, copy button, offline, accessibility (axe-core)."""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_site_support import CHROMIUM, CHROMIUM_ARGS, built_site

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} manque : les tests navigateur ne peuvent pas être sautés en CI")
    pytest.skip(f"{CHROMIUM} absent (installez chromium ; obligatoire en CI)", allow_module_level=True)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _serve(audience: str, base: str) -> Iterator[str]:
    site, _ = built_site(audience, base)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve("public", str(tmp_path_factory.getbasetemp()))


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, site_url):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    pg = context.new_page()
    pg.outside = []  # requests that leave 127.0.0.1
    pg.errors = []  # console errors and uncaught exceptions
    pg.on("request", lambda r: r.url.startswith(site_url) or r.url.startswith("data:") or pg.outside.append(r.url))
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def test_home_to_a_finished_campaign_and_its_kit(page, site_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "/")
    page.get_by_role("link", name="Loi Duplomb : pour l’abrogation").first.click()
    page.wait_for_url("**/campagnes/loi-duplomb/")
    assert page.locator("h1").inner_text().startswith("Loi Duplomb")
    assert "Campagne terminée le 28 février 2026" in page.locator(".oep-termine").inner_text()
    page.locator("#kits").scroll_into_view_if_needed()
    page.locator("h3#kit-kit-loi-duplomb a:not(.headerlink)").click()
    page.wait_for_url("**/kits/kit-loi-duplomb/")
    # The campaign is over: its posts stay readable, nothing offers to publish them again
    # (copying a post is tested while a campaign runs, in test_site_journeys.py).
    assert page.locator(".oep-post__texte").count() > 0
    assert page.locator("button.oep-copy").count() == 0
    assert page.outside == []
    assert page.errors == []


def test_agenda_leads_to_one_page_per_departement(page, site_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "/agenda/")
    page.locator(".oep-departements").get_by_role("link", name="Rhône (69)").click()
    page.wait_for_url("**/agenda/69/")
    events = page.locator(".oep-event")
    assert events.count() >= 1
    for i in range(events.count()):
        assert events.nth(i).get_attribute("data-departement") == "69"
    assert page.outside == [] and page.errors == []


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/campagnes/loi-duplomb/",
        "/kits/kit-loi-duplomb/",
        "/agenda/",
        "/agenda/69/",
        "/actualites/",
        "/actualites/decision-conseil-constitutionnel/",
        "/campagnes/loi-duplomb/actualites/",
    ],
)
@pytest.mark.parametrize("width", [360, 1280])
def test_no_serious_accessibility_violation(page, site_url, path: str, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    report = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "cibles": [n["target"] for n in v["nodes"][:5]]}
        for v in serious
    ]
    assert report == [], json.dumps(report, ensure_ascii=False, indent=1)
    # Nothing overflows a phone screen sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.outside == [] and page.errors == []


# -- internal pages: readable at 360 and 1 280 px, every scrollable region reachable by keyboard ---------

INTERNAL_PAGES = [
    "/equipe/",
    "/equipe/cette-semaine/",
    "/equipe/planning-loi-duplomb/",
    "/equipe/rapport-loi-duplomb/",
    "/equipe/rapport-municipales-2026/",
]


@pytest.fixture(scope="module")
def internal_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve("interne", str(tmp_path_factory.getbasetemp()))


@pytest.mark.parametrize("path", INTERNAL_PAGES)
@pytest.mark.parametrize("width", [360, 1280])
def test_internal_pages_are_readable_and_reachable(browser, internal_url, path: str, width: int) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(internal_url + path)
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    serious = [
        {"id": v["id"], "impact": v["impact"], "cibles": [n["target"] for n in v["nodes"][:5]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # Every region that scrolls sideways takes the keyboard focus.
    unreachable = page.evaluate(
        """() => [...document.querySelectorAll('.md-typeset *')]
             .filter(e => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
             .filter(e => e.tabIndex < 0)
             .map(e => e.className)"""
    )
    assert unreachable == []
    if "planning" in path:
        # The timeline is drawn at its real size: no label below 12 px, whatever the screen.
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('.oep-planning svg text')].map(t => {
                 const svg = t.ownerSVGElement, ratio = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                 return parseFloat(getComputedStyle(t).fontSize) * ratio; })"""
        )
        assert sizes and min(sizes) >= 12
    if "rapport" in path and width == 1280:
        # The verdict columns are on screen without scrolling the tables.
        assert page.evaluate(
            "() => [...document.querySelectorAll('.md-typeset__scrollwrap')].every(w => w.scrollWidth <= w.clientWidth + 1)"
        )
    assert errors == []
    context.close()
