"""The same content through both engines, MkDocs and Zensical: same pages, same links, no leak, accessible.

Zensical is Material for MkDocs' successor (Material's end of life: 2027-05-05);
`moteur: zensical` in content/site.yml or `oep build --moteur zensical` selects it.
"""

from __future__ import annotations

import gzip
import json
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest
from test_site_leaks import _file_text, _hidden, _site_files
from test_site_support import EPOCH, TODAY, example_copy

from oep_build.build import build

ENGINES = ("mkdocs", "zensical")

# Zensical's runtime waits forever under libfaketime (make test's shifted-clock pass), so that
# pass leaves these tests out; they read no date from the clock (OEP_TODAY is fixed).
pytestmark = pytest.mark.zensical
_HREF = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"')


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    root = example_copy(tmp_path_factory.mktemp("moteurs") / "projet")
    out = {}
    for engine in ENGINES:
        result = build(root, out=root / f"site-{engine}", today=TODAY, kits=False, engine=engine)
        assert result.ok, result.report.format_text()
        assert result.warnings == [], (engine, result.warnings)
        out[engine] = root / f"site-{engine}"
    return out


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def _internal_links(site: Path) -> set[tuple[str, str]]:
    """(page, file the link leads to) for every link from one page of the site to another file of it."""
    out = set()
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        for href in _HREF.findall(page.read_text(encoding="utf-8")):
            target = unquote(urldefrag(href)[0]) or ("." if not href else "")  # href="": this page
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:|^//", target):
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(posixpath.dirname(rel), target)
            path = posixpath.normpath(path)
            if path == "." or (site / path).is_dir():
                path = posixpath.normpath(posixpath.join(path, "index.html"))
            out.add((rel, path))
    return out


def test_both_engines_build_the_same_pages(sites: dict[str, Path]) -> None:
    mkdocs, zensical = (_pages(sites[e]) for e in ENGINES)
    assert len(mkdocs) > 10
    assert zensical == mkdocs


def test_both_engines_link_the_same_pages_and_no_link_is_broken(sites: dict[str, Path]) -> None:
    links = {e: _internal_links(sites[e]) for e in ENGINES}
    assert len(links["mkdocs"]) > 100
    assert links["zensical"] == links["mkdocs"]
    for engine, site in sites.items():
        broken = sorted((page, target) for page, target in links[engine] if not (site / target).is_file())
        assert broken == [], engine


def test_both_engines_have_french_search_and_a_sitemap(sites: dict[str, Path]) -> None:
    mkdocs = json.loads((sites["mkdocs"] / "search" / "search_index.json").read_text(encoding="utf-8"))
    zensical = json.loads((sites["zensical"] / "search.json").read_text(encoding="utf-8"))
    assert mkdocs["config"]["lang"] == ["fr"] and zensical["config"]["lang"] == ["fr"]
    locations = {d["location"] for d in mkdocs["docs"]}
    assert {d["location"] for d in zensical["items"]} == locations
    # Events are indexed on their campaign's page only, not again on each département's agenda.
    assert any(loc.startswith("agenda/") for loc in locations)
    assert not [loc for loc in locations if re.match(r"agenda/[^#/]+/", loc)]
    urls = {}
    for engine, site in sites.items():
        plain = (site / "sitemap.xml").read_bytes()
        assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == plain
        urls[engine] = set(re.findall(r"<loc>([^<]+)</loc>", plain.decode("utf-8")))
    assert urls["zensical"] == urls["mkdocs"] and len(urls["mkdocs"]) > 10


def test_neither_engine_leaks_a_non_public_object(sites: dict[str, Path]) -> None:
    ids, titles = _hidden(next(iter(sites.values())).parent)
    assert ids and titles
    id_res = [re.compile(rf"(?<![a-z0-9-]){re.escape(i)}(?![a-z0-9-])") for i in ids]
    for engine, site in sites.items():
        found = []
        for path in _site_files(site):
            rel = path.relative_to(site).as_posix()
            text = _file_text(path)
            found += [(rel, i.pattern) for i in id_res if i.search(rel) or i.search(text)]
            found += [(rel, t) for t in titles if t in text]
        assert found == [], engine


def test_generated_config_is_relative_and_builds_away_from_the_live_site(sites: dict[str, Path]) -> None:
    root = next(iter(sites.values())).parent
    for engine in ENGINES:
        text = (root / "build" / f"{engine}-public.yml").read_text(encoding="utf-8")
        assert str(root) not in text and "\n/" not in text and ": /" not in text, engine
    moved = root.parent / "deplace"
    moved.mkdir()
    for name in ("build", "mkdocs.yml", "overrides"):
        os.rename(root / name, moved / name) if name == "build" else os.symlink(root / name, moved / name)
    live = root / "site"
    live.mkdir()
    (live / "index.html").write_text("site en ligne", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "build/mkdocs-public.yml"],
        cwd=moved, check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert (moved / "build" / "site-mkdocs-public" / "index.html").is_file()
    assert (live / "index.html").read_text(encoding="utf-8") == "site en ligne"
    os.rename(moved / "build", root / "build")


def test_moteur_in_site_yml_picks_the_engine(tmp_path: Path) -> None:
    root = example_copy(tmp_path / "projet")
    site_yml = root / "content" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "moteur: zensical\n", encoding="utf-8")
    result = build(root, today=TODAY, kits=False)
    assert result.ok and result.config == root / "build" / "zensical-public.yml"
    assert (root / "site" / "search.json").is_file() and not (root / "site" / "search").exists()
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace("moteur: zensical", "moteur: hugo"), encoding="utf-8")
    refused = build(root, today=TODAY, kits=False)
    assert not refused.ok and "moteur" in refused.report.format_text()


def test_zensical_output_is_moved_into_the_site_or_copied_across_file_systems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oep_build.engines import zensical_engine
    from oep_build.engines.config import engine_site_dir
    from oep_build.output import file_mode
    from oep_build.serve import Regenerator

    root = example_copy(tmp_path / "projet")
    preview = Regenerator(root, "public", TODAY, kits=False, echo=lambda text: None, engine="zensical")
    assert preview.run() and preview.config == root / "build" / "zensical-public-apercu.yml"
    first = build(root, today=TODAY, kits=False, engine="zensical")
    assert first.ok
    # the preview's engine builds elsewhere: a build never moves away what it serves
    assert engine_site_dir(preview.config) != engine_site_dir(first.config) and preview.config.is_file()
    site = root / "site"
    pages = _pages(site)
    assert "index.html" in pages and (site / "sitemap.xml.gz").is_file()
    assert not (root / "build" / "site-zensical-public").exists()  # moved, not copied
    assert site.stat().st_mode & 0o777 == file_mode(directory=True)
    again = build(root, today=TODAY, kits=False, engine="zensical")  # its output folder is gone: built anew
    assert again.ok and _pages(site) == pages

    replace = os.replace

    def other_file_system(src: str | Path, dst: str | Path) -> None:
        if Path(src).name == "site-zensical-public":
            raise OSError(18, "Invalid cross-device link")
        replace(src, dst)

    monkeypatch.setattr(zensical_engine.os, "replace", other_file_system)
    copied = build(root, out=tmp_path / "ailleurs", today=TODAY, kits=False, engine="zensical")
    assert copied.ok and _pages(tmp_path / "ailleurs") == pages
    assert (root / "build" / "site-zensical-public").is_dir()  # copied: the engine's output stays


@pytest.mark.browser
def test_zensical_site_has_no_serious_accessibility_violation(sites: dict[str, Path]) -> None:
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright
    from test_site_browser import AXE, WCAG_TAGS, _Quiet
    from test_site_support import CHROMIUM, CHROMIUM_ARGS

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(sites["zensical"])))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    found = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fr-FR")
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            for path in ("/", "/campagnes/loi-duplomb/", "/kits/kit-loi-duplomb/", "/agenda/"):
                page.goto(url + path)
                page.add_script_tag(path=str(AXE))
                result = page.evaluate(
                    "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                    WCAG_TAGS,
                )
                found[path] = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
            # The search dialog is named by oep.js (no copy of the theme's partial).
            assert page.get_attribute(".md-search[role=dialog]", "aria-label")
            browser.close()
    finally:
        server.shutdown()
    assert found == {path: [] for path in found}
    assert errors == []


def _zensical_search(page, url: str, query: str) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    """(the dialog's count, the result titles) for ``query`` typed in the Zensical search."""
    page.goto(url + "/")
    page.locator(".md-search__button").first.click()
    box = page.locator("dialog input[role=combobox]")  # Zensical's search lives in an open shadow root
    box.press_sequentially(query, delay=20)
    status = page.locator("dialog div[role=status]")
    status.filter(has_text="result").wait_for()
    page.wait_for_timeout(500)  # results of the last keystroke
    titles = page.locator("dialog ol[role=listbox] > li").all_inner_texts()
    return status.inner_text(), [" ".join(t.split()) for t in titles]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("plain", "accented"), [("petition", "pétition"), ("reunion", "réunion"), ("elections", "élections")]
)
def test_zensical_search_finds_the_same_pages_without_accents(sites: dict[str, Path], plain: str, accented: str) -> None:
    # Without the folding of engines/zensical_engine.py, « reunion » found 1 result and « réunion » 18.
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright
    from test_site_browser import _Quiet
    from test_site_support import CHROMIUM, CHROMIUM_ARGS

    worker = next((sites["zensical"] / "assets" / "javascripts" / "workers").glob("search.*.js"))
    assert 'normalize("NFKD").replace(/[\\u0300-\\u036f]/g,"")' in worker.read_text(encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(sites["zensical"])))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fr-FR")
            with_accents = _zensical_search(page, url, accented)
            without = _zensical_search(page, url, plain)
            browser.close()
    finally:
        server.shutdown()
    assert re.match(r"\d+ results?", with_accents[0]) and len(with_accents[1]) >= 2
    assert without == with_accents
