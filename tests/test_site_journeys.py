"""A militant on a phone and on a desktop: how many taps from the home page to what they came for.

The example site is built on 5 February 2026, while the municipal campaign runs and
events are ahead (the suivi rows dated later are left out, as they would not exist yet).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import http.server
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from test_site_audit import _Quiet, browser  # noqa: F401 — the shared Chromium fixture
from test_site_support import EPOCH, built_site, example_copy

pytestmark = pytest.mark.browser

DAY = dt.date(2026, 2, 5)


def _without_rows_after(folder: Path, day: dt.date) -> None:
    for path in folder.glob("campaigns/*/suivi/*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        kept = [rows[0]] + [r for r in rows[1:] if r and r[0] <= day.isoformat()]
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(kept)
        path.write_text(out.getvalue(), encoding="utf-8")


def _serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def february(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from oep_build.build import build

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    root = example_copy(tmp_path_factory.mktemp("fevrier") / "projet")
    _without_rows_after(root, DAY)
    result = build(root, audience="public", out=root / "site", today=DAY)
    assert result.ok, result.report.format_text()
    server, url = _serve(root / "site")
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def november(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server, url = _serve(built_site("public", str(tmp_path_factory.getbasetemp()))[0])
    yield url
    server.shutdown()


@pytest.fixture(params=[360, 1280], ids=["telephone", "ordinateur"])
def page(request, browser):  # type: ignore[no-untyped-def]  # noqa: F811
    context = browser.new_context(viewport={"width": request.param, "height": 800}, locale="fr-FR")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    pg = context.new_page()
    # The reader's clock: the day the site was built (countdowns are recomputed in the page).
    pg.clock.set_fixed_time(dt.datetime(2026, 2, 5, 12, 0))
    yield pg
    context.close()


def _tap(page, locator) -> None:  # type: ignore[no-untyped-def]
    target = locator.first
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    assert box is not None and box["height"] >= 24 and box["width"] >= 24, box
    target.click()


def test_home_to_the_kit_pdf_in_two_taps(page, february) -> None:  # type: ignore[no-untyped-def]
    page.goto(february + "/")
    _tap(page, page.locator("#kits ~ .oep-cards h3 a:not(.headerlink)"))  # 1
    page.wait_for_url("**/kits/kit-municipales-2026/")
    download = page.get_by_role("link", name="Télécharger le kit")
    href = download.first.get_attribute("href")
    assert href and href.endswith(".pdf")
    response = page.request.get(page.url + href)  # 2: the PDF itself
    assert response.ok and response.body().startswith(b"%PDF")


def test_home_to_an_event_page_in_one_tap_and_its_calendar_file_in_two(page, february) -> None:  # type: ignore[no-untyped-def]
    page.goto(february + "/")
    _tap(page, page.locator(".oep-prochain a"))  # 1
    page.wait_for_url("**/evenements/*/")
    event_url = page.url
    assert page.locator("h1").inner_text()
    actions = page.locator(".oep-actions .md-button")
    for i in range(actions.count()):
        box = actions.nth(i).bounding_box()
        assert box is not None and box["height"] >= 44, (actions.nth(i).inner_text(), box)
    calendar = page.get_by_role("link", name="Ajouter à mon agenda")
    href = calendar.first.get_attribute("href")
    assert href and href.endswith(".ics")
    ics = page.request.get(event_url + href).text().replace("\r\n ", "")  # 2
    slug = event_url.rstrip("/").rsplit("/", 1)[-1]
    assert "BEGIN:VEVENT" in ics and f"URL:https://onestpret.example.org/evenements/{slug}/" in ics


def test_home_remembers_the_readers_departement(page, february) -> None:  # type: ignore[no-untyped-def]
    page.goto(february + "/")
    page.locator("#oep-filtre-accueil").select_option("35")
    shown = page.locator(".oep-prochain:visible")
    assert shown.count() >= 1
    assert all(shown.nth(i).get_attribute("data-departement") == "35" for i in range(shown.count()))
    page.reload()
    # The choice is restored by the site's script once the page is ready: wait for it.
    expect(page.locator("#oep-filtre-accueil")).to_have_value("35")


def test_departement_agenda_says_when_nothing_is_left(page, february) -> None:  # type: ignore[no-untyped-def]
    # The agenda has one page per département (main's pagination replaced site-ux's filter there).
    page.goto(february + "/agenda/01/")  # Bourg-en-Bresse: only past events in February 2026
    assert page.get_by_text("Aucun rendez-vous à venir ici pour le moment").is_visible()
    page.goto(february + "/agenda/2a/")
    assert page.locator(".oep-event").count() >= 1


def test_copy_a_post_of_the_running_campaign(page, february) -> None:  # type: ignore[no-untyped-def]
    page.goto(february + "/kits/kit-municipales-2026/")
    button = page.locator("button.oep-copy[data-oep-copy^='post-']").first
    expected = page.locator("#" + button.get_attribute("data-oep-copy")).text_content()
    button.scroll_into_view_if_needed()
    button.click()
    page.wait_for_selector("button.oep-copy[data-copied]")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == expected and "https://" in copied
