"""oep serve: with MkDocs a save re-renders only the pages whose Markdown changed, the site stays whole;
with Zensical its own server rebuilds the site. Both show an edit and the content errors."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from test_site_support import EPOCH, REPO, TODAY, example_copy

from oep_build.engines.config import engine_site_dir
from oep_build.engines.mkdocs_preview import Preview
from oep_build.serve import Regenerator


def _search(site: Path) -> dict[str, str]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return {d["location"]: d["text"] for d in docs}


def test_a_save_rebuilds_only_the_changed_pages_and_keeps_search_whole(tmp_path: Path) -> None:
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    root = example_copy(tmp_path / "projet")
    regen = Regenerator(root, "public", TODAY, kits=False, echo=lambda text: None)
    assert regen.run()
    preview = Preview(regen.config, engine_site_dir(regen.config))
    assert preview.update(regen.take()) == "complet"
    site = preview.site_dir
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    search_before = _search(site)
    # An edit to one campaign's summary: its page (and the lists showing the summary) change.
    campagne = root / "campaigns" / "loi-duplomb" / "campagne.yml"
    text = campagne.read_text(encoding="utf-8")
    edited = re.sub(r"(?m)^resume: (>-?\n\s+)?", lambda m: m.group(0) + "Motphare ", text, count=1)
    assert edited != text
    campagne.write_text(edited, encoding="utf-8")
    assert regen.run()
    change = regen.take()
    assert "campagnes/loi-duplomb/index.md" in change.written
    assert preview.update(change) == "pages" and preview.full_builds == 1
    rebuilt = {p for p, t in before.items() if p.stat().st_mtime_ns != t}
    assert site / "campagnes" / "loi-duplomb" / "index.html" in rebuilt
    assert len(rebuilt) < len(before) / 2  # not every page
    assert "Motphare" in (site / "campagnes" / "loi-duplomb" / "index.html").read_text(encoding="utf-8")
    search_after = _search(site)
    assert set(search_after) >= set(search_before) - {k for k in search_before if k.startswith("campagnes/loi-duplomb/")}
    assert any("Motphare" in t for t in search_after.values())
    assert len(search_after) == len(search_before)
    # A new page changes the menu: a full build.
    comite = next((root / "content" / "comites").glob("*.yml"))
    (comite.parent / "comite-nouveau.yml").write_text(
        comite.read_text(encoding="utf-8").replace(f"id: {comite.stem}", "id: comite-nouveau"), encoding="utf-8"
    )
    if regen.run():
        assert preview.update(regen.take()) in ("complet", "pages")
    # The theme changed: every page is rebuilt.
    regen.theme_changed = True
    assert preview.update(regen.take()) == "complet" and preview.full_builds >= 2


def test_parse_cache_gives_the_same_report_and_project() -> None:
    from oep_build.pipeline import check_project

    fixtures = Path(__file__).resolve().parent / "fixtures"
    projects = [REPO, fixtures / "base"] + sorted(p.parent.parent for p in (fixtures / "broken").glob("*/content/site.yml"))
    assert len(projects) >= 4
    for root in projects:
        cache: dict = {}
        plain = check_project(root, TODAY)
        first = check_project(root, TODAY, cache)
        again = check_project(root, TODAY, cache)  # every file from the cache
        assert cache, root
        assert first.report.format_text() == plain.report.format_text() == again.report.format_text(), root
        assert sorted(again.project.campagnes) == sorted(plain.project.campagnes)


@pytest.mark.parametrize("engine", ["mkdocs", pytest.param("zensical", marks=pytest.mark.zensical)])
def test_oep_serve_shows_an_edit_and_reports_its_state(tmp_path: Path, engine: str) -> None:
    import contextlib
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    root = example_copy(tmp_path / "projet")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # The server runs on the real clock even when the suite runs under faketime (make test's
    # second pass): its file watcher misses edits under libfaketime; the date comes from --today.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAKETIME", "LD_PRELOAD"))}
    env["PYTHONPATH"] = str(REPO)
    cmd = [sys.executable, "-m", "oep_build", "serve", str(root), "--sans-kits", "--adresse", f"127.0.0.1:{port}",
           "--today", TODAY.isoformat(), "--moteur", engine]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def get(path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
            return r.read().decode("utf-8")

    def wait_for(path: str, text: str, seconds: float) -> str:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                page = get(path)
                if text in page:
                    return page
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"{path} sans « {text} » après {seconds} s")

    try:
        page = wait_for("/comites/", "Ajaccio", 180)
        # The page reloads itself and shows the banner: MkDocs' server puts the script in it,
        # Zensical's serves it as a file (and its search worker, folded for accents as in a build).
        if engine == "mkdocs":
            assert "livereload" in page and ".oep-apercu.json" in page
        else:
            assert '<script src="../.oep-apercu.js"' in page
            assert ".oep-apercu.json" in wait_for("/.oep-apercu.js", "fetch", 30)
            worker = next((root / "build").glob("site-zensical-public-apercu/assets/javascripts/workers/search.*.js"))
            assert "u036f" in wait_for("/assets/javascripts/workers/" + worker.name, "u036f", 30)
        assert json.loads(wait_for("/.oep-apercu.json", "message", 30)) == {"message": "", "kits": ""}
        comite = root / "content" / "comites" / "ajaccio.yml"
        text = comite.read_text(encoding="utf-8")
        comite.write_text(text.replace("commune: Ajaccio\n", "commune: Ajaccio-Centre\n"), encoding="utf-8")
        wait_for("/comites/", "Ajaccio-Centre", 60)
        # A content error: the last good page stays, the banner says why.
        comite.write_text(text + "\nstatut: inconnu\n", encoding="utf-8")
        end = time.monotonic() + 60
        # The banner says why as soon as the check fails; then, with MkDocs, « Reconstruction
        # complète… » while the error banner is put on every page, then why again: read it once,
        # not twice (a second read could fall in the rebuild).
        message = ""
        while "Erreurs de contenu" not in message and time.monotonic() < end:
            time.sleep(0.2)
            with contextlib.suppress(ValueError, OSError):  # Zensical's folder, between two writes
                message = json.loads(get("/.oep-apercu.json"))["message"]
        assert "Erreurs de contenu" in message
        page = wait_for("/comites/", "Aperçu non mis à jour", 60)  # the theme's banner, with either engine
        assert "Ajaccio-Centre" in page  # the last good page stays
        assert "cle-dupliquee" in wait_for("/oep-erreurs/", "statut", 30)  # the list of errors
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.pdf
def test_kits_render_in_the_background_and_the_pages_follow(tmp_path: Path) -> None:
    import threading

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    root = example_copy(tmp_path / "projet")
    regen = Regenerator(root, "public", TODAY, kits=True, echo=lambda text: None, background_kits=True)
    assert regen.run()  # the first run renders the kits before the first page
    first = {k.path: k.size for k in regen.last.kits}
    assert first and not regen.kits_running
    regen.take()
    done = threading.Event()
    regen.on_kits_done = done.set
    # An edit to a piece of a kit: the pages come at once, the PDF follows.
    edl = next((root / "campaigns" / "loi-duplomb" / "edl").glob("*.md"))
    edl.write_text(edl.read_text(encoding="utf-8").rstrip() + "\n\nUne phrase ajoutée pour le kit.\n", encoding="utf-8")
    assert regen.run()
    assert regen.kits_running  # the page says « kit en cours de mise à jour » meanwhile
    assert {k.path for k in regen.last.kits} == set(first)  # pages still offer the previous PDFs
    assert done.wait(600)
    assert not regen.kits_running
    change = regen.take()
    assert any(p.startswith("kits/kit-loi-duplomb") and p.endswith(".pdf") for p in change.written)
    assert {k.path: k.size for k in regen.last.kits} != first


def test_zensical_rebuild_is_announced_until_every_rewritten_page_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from oep_build.engines import zensical_engine
    from oep_build.engines.preview_status import FULL_REBUILD

    docs, site = tmp_path / "docs", tmp_path / "site"
    pages = {  # docs file -> where Zensical writes it (pages as folders)
        "index.md": "index.html",
        "campagnes/index.md": "campagnes/index.html",
        "campagnes/loi-duplomb.md": "campagnes/loi-duplomb/index.html",
        "kits/kit.pdf": "kits/kit.pdf",
    }
    for src, out in pages.items():
        for path, seconds in ((docs / src, 2_000), (site / out, 1_000)):  # written by oep after the last build
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x", encoding="utf-8")
            os.utime(path, (seconds, seconds))
    rebuild = zensical_engine.Rebuild(site, docs)
    assert rebuild.message() == ""  # nothing rewritten yet
    rebuild.wait_for(list(pages))
    rebuild.wait_for([])  # a second event of the same save: still waiting
    for out in pages.values():
        assert rebuild.message() == FULL_REBUILD
        os.utime(site / out, (2_000, 2_000))  # Zensical rewrote this one
    assert rebuild.message() == ""
    # An output Zensical does not write again: announced for REBUILD_LIMIT seconds only.
    os.utime(site / "index.html", (1_000, 1_000))
    rebuild.wait_for(["index.md"])
    assert rebuild.message() == FULL_REBUILD
    monkeypatch.setattr(zensical_engine, "REBUILD_LIMIT", 0.0)
    assert rebuild.message() == ""


def test_the_watcher_reacts_to_content_and_mkdocs_yml_not_to_other_files_of_the_root(tmp_path: Path) -> None:
    """`oep serve > apercu.log` in the project: each run wrote the log, which asked for a run (a loop)."""
    import time

    from oep_build.serve import watch_sources

    root = example_copy(tmp_path / "projet")
    regen = Regenerator(root, "public", TODAY, kits=False, echo=lambda text: None)
    seen: list[str] = []
    observer = watch_sources(regen, seen.append)
    try:
        time.sleep(0.5)
        (root / "apercu.log").write_text("Aperçu inchangé…\n", encoding="utf-8")
        (root / "README.md").write_text("notes\n", encoding="utf-8")
        time.sleep(1.0)
        assert seen == []
        (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
        comite = next((root / "content" / "comites").glob("*.yml"))
        comite.write_text(comite.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        end = time.monotonic() + 10
        while not ({"mkdocs.yml", comite.name} <= {Path(p).name for p in seen}) and time.monotonic() < end:
            time.sleep(0.1)
        assert {Path(p).name for p in seen} == {"mkdocs.yml", comite.name}
    finally:
        observer.stop()
        observer.join(timeout=5)
