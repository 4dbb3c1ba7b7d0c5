"""Atom feeds (RFC 4287) and the « Actualités » pages: structure, reproducibility, embargo to the minute."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as etree
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from test_site_support import REPO, TODAY

from oep_build.pipeline import check_project
from oep_build.render.site import render_site
from oep_build.visibility import is_public

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
PARIS = ZoneInfo("Europe/Paris")
SITE_URL = "https://onestpret.example.org/"


@pytest.fixture(scope="module")
def checked():  # type: ignore[no-untyped-def]
    result = check_project(REPO, TODAY)
    assert not result.report.failed(), result.report.format_text()
    return result


def _plain(text: str) -> str:
    """Words as written: French typography adds no-break spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _feeds(docs) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    return {path: data for path, data in docs.files.items() if path.startswith("actualites") and path.endswith(".xml")}


def _check_feed(path: str, data: bytes) -> list[str]:
    """Structural checks of one feed; returns its entry ids."""
    parsed = feedparser.parse(data)
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    assert parsed.version == "atom10", path
    root = etree.fromstring(data)
    assert root.tag == f"{ATOM}feed"
    # Required feed elements (RFC 4287 §4.1.1), one each, and an author for entries without one.
    for tag in ("id", "title", "updated", "author"):
        assert len(root.findall(f"{ATOM}{tag}")) == 1, (path, tag)
    assert RFC3339.match(root.findtext(f"{ATOM}updated") or ""), path
    links = {ln.get("rel"): ln.get("href") for ln in root.findall(f"{ATOM}link")}
    assert links["self"] == SITE_URL + path and links["alternate"].startswith(SITE_URL)
    ids = []
    previous = None
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated", "published", "content"):
            assert len(entry.findall(f"{ATOM}{tag}")) == 1, (path, tag)
        for tag in ("updated", "published"):
            assert RFC3339.match(entry.findtext(f"{ATOM}{tag}") or ""), (path, tag)
        published = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}published") or "")
        assert dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated") or "") >= published
        assert previous is None or published <= previous, "newest first"
        previous = published
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("rel") == "alternate"
        assert entry.findtext(f"{ATOM}id") == link.get("href")
        assert (link.get("href") or "").startswith(SITE_URL + "actualites/")
        content = entry.find(f"{ATOM}content")
        assert content is not None and content.get("type") == "html" and "<p>" in (content.text or "")
        # Full content with absolute addresses only.
        for href in re.findall(r'(?:href|src)="([^"]*)"', content.text or ""):
            assert href.startswith(("https://", "http://", "mailto:")), (path, href)
        ids.append(entry.findtext(f"{ATOM}id") or "")
    feed_updated = dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated") or "")
    entries_updated = [dt.datetime.fromisoformat(e.findtext(f"{ATOM}updated") or "") for e in root.findall(f"{ATOM}entry")]
    if entries_updated:
        assert feed_updated == max(entries_updated)
    assert len(parsed.entries) == len(ids)
    return ids


def test_public_feeds_are_valid_atom_with_unique_ids(checked) -> None:  # type: ignore[no-untyped-def]
    feeds = _feeds(render_site(checked.context, "public"))
    assert set(feeds) == {
        "actualites.xml",
        "actualites-loi-duplomb.xml",
        "actualites-municipales-2026.xml",
    }
    all_ids = {path: _check_feed(path, data) for path, data in feeds.items()}
    site_ids = all_ids["actualites.xml"]
    assert len(site_ids) == len(set(site_ids)) == 5
    assert len(all_ids["actualites-loi-duplomb.xml"]) == 3
    # A campaign feed holds exactly its campaign's entries of the site feed.
    assert set(all_ids["actualites-municipales-2026.xml"]) == {SITE_URL + "actualites/inscriptions-derniers-jours/"}
    parsed = feedparser.parse(feeds["actualites.xml"])
    first = parsed.entries[0]
    assert _plain(first.title) == "Une année de mobilisation : merci !"
    assert first.author == "Nadia K."
    assert "V<sup>e</sup> République" in first.content[0].value  # ordinals in superscript (issue 15)


def test_feeds_hold_no_non_public_article(checked) -> None:  # type: ignore[no-untyped-def]
    project, now = checked.project, checked.context.now
    hidden = [a for a in project.articles.values() if not is_public(project, a, now)]
    assert {a.id for a in hidden} == {"assemblee-generale", "pourquoi-un-referendum"}
    docs = render_site(checked.context, "public")
    text = b"".join(_feeds(docs).values()).decode("utf-8") + "".join(p.text() for p in docs.pages)
    for a in hidden:
        assert a.id not in text and _plain(a.titre) not in _plain(text)


def test_same_sources_same_bytes_whatever_the_build_time(checked, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    first = _feeds(render_site(checked.context, "public"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    later = dataclasses.replace(checked.context, moment=dt.datetime(2026, 11, 27, 23, 59, tzinfo=PARIS))
    assert _feeds(render_site(later, "public")) == first


def test_every_page_announces_the_feed(checked) -> None:  # type: ignore[no-untyped-def]
    docs = render_site(checked.context, "public")
    assert docs.settings["feed"] == "actualites.xml"
    pages = {p.path: p for p in docs.pages}
    assert pages["campagnes/loi-duplomb/index.md"].feed == "actualites-loi-duplomb.xml"
    assert pages["actualites/decision-conseil-constitutionnel/index.md"].feed == "actualites-loi-duplomb.xml"
    assert 'flux: "actualites-loi-duplomb.xml"' in pages["campagnes/loi-duplomb/index.md"].text()


def test_campaign_page_shows_the_latest_three(checked) -> None:  # type: ignore[no-untyped-def]
    docs = render_site(checked.context, "public")
    page = next(p for p in docs.pages if p.path == "campagnes/loi-duplomb/index.md").text()
    section = page.split("## Actualités", 1)[1].split("\n## ", 1)[0]
    titles = [_plain(t) for t in re.findall(r"### \[([^\]]+)\]", section)]
    assert titles == [
        "11 février 2026 : notre pétition débattue à l’Assemblée",
        "Acétamipride : le Conseil constitutionnel censure son retour",
        "500 000 signatures en neuf jours : la pétition peut être débattue",
    ]
    assert "[Toutes les actualités de la campagne (3)](actualites.md)" in section


def test_index_is_paginated_newest_first(tmp_path: Path) -> None:
    root = _base_project(tmp_path)
    for i in range(23):
        _article(root, f"content/articles/a{i:02d}.md", f"Article {i:02d}", dt.datetime(2026, 1, 1 + i, 8, 0))
    ctx = check_project(root, dt.date(2026, 2, 1)).context
    docs = render_site(ctx, "public")
    pages = {p.path: p for p in docs.pages}
    assert {"actualites/index.md", "actualites/page/2.md", "actualites/page/3.md"} <= pages.keys()
    assert "actualites/page/4.md" not in pages
    first = re.findall(r"## \[Article (\d+)\]", pages["actualites/index.md"].body)
    assert first == [f"{i:02d}" for i in range(22, 12, -1)]
    last = pages["actualites/page/3.md"].body
    assert re.findall(r"## \[Article (\d+)\]", last) == ["02", "01", "00"]
    assert "Page 3 sur 3" in last and "[Actualités plus récentes](2.md)" in last
    assert "[Actualités plus anciennes](page/2.md)" in pages["actualites/index.md"].body
    feed = feedparser.parse(docs.files["actualites.xml"])
    assert len(feed.entries) == 20 and feed.entries[0].title == "Article 22"


# -- embargo to the minute ------------------------------------------------------------------


def _base_project(tmp_path: Path) -> Path:
    root = tmp_path / "projet"
    shutil.copytree(Path(__file__).resolve().parent / "fixtures" / "base", root)
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _article(root: Path, rel: str, titre: str, when: dt.datetime, embargo: str = "") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\ntitre: {titre}\ndate_publication: \"{when:%Y-%m-%d %H:%M}\"\nauteur: bob\n"
        "statut: publie\nvisibilite: public\nvalide_par: alice\nvalide_le: 2026-01-01\n"
        + (f"embargo_jusqu_au: \"{embargo}\"\n" if embargo else "")
        + "---\n\nLe texte de l’article.\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize(("minute", "shown"), [(59, False), (0, True)])
def test_embargo_lifts_at_the_minute(tmp_path: Path, minute: int, shown: bool) -> None:
    root = _base_project(tmp_path)
    _article(root, "campaigns/demo/articles/annonce.md", "Annonce du débat", dt.datetime(2026, 2, 10, 10, 0),
             embargo="2026-02-10 10:00")
    ctx = check_project(root, dt.date(2026, 2, 10)).context
    hour = 9 if minute == 59 else 10
    at = dataclasses.replace(ctx, moment=dt.datetime(2026, 2, 10, hour, minute, tzinfo=PARIS))
    docs = render_site(at, "public")
    paths = {p.path for p in docs.pages}
    text = "".join(p.text() for p in docs.pages) + b"".join(_feeds(docs).values()).decode("utf-8")
    assert ("actualites/annonce/index.md" in paths) is shown
    assert ("Annonce du débat" in _plain(text)) is shown
    assert ("campagnes/demo/actualites.md" in paths) is shown
    interne = render_site(at, "interne")
    staff = next(p for p in interne.pages if p.path == "equipe/index.md").text()
    scheduled = staff.split("## Actualités programmées", 1)[1].split("\n## ", 1)[0]
    assert ("programmé (embargo)" in scheduled and "Annonce du débat" in _plain(scheduled)) is not shown
    page = next(p for p in interne.pages if p.path == "actualites/annonce/index.md").text()
    assert ("Parution prévue le" in page) is not shown and ("Publié le" in page) is shown


@pytest.mark.skipif(shutil.which("faketime") is None and not os.environ.get("CI"), reason="faketime absent")
def test_built_site_search_and_sitemap_follow_the_clock(tmp_path: Path) -> None:
    """``oep build`` without --today uses the clock: the article appears with the 10:00 rebuild."""
    root = _base_project(tmp_path)
    _article(root, "content/articles/programme.md", "Parution programmée", dt.datetime(2026, 2, 10, 10, 0),
             embargo="2026-02-10 10:00")
    # The clock is the one set here, even when the suite itself runs under a shifted clock.
    env = {k: v for k, v in os.environ.items() if k != "OEP_TODAY" and not k.startswith(("FAKETIME", "LD_PRELOAD"))}
    env.update(TZ="Europe/Paris", OEP_PARALLELE="0", PYTHONPATH=str(REPO))
    found = {}
    for clock in ("2026-02-10 09:59:00", "2026-02-10 10:00:00"):
        out = tmp_path / clock[-8:-3].replace(":", "h")
        run = subprocess.run(
            ["faketime", clock, sys.executable, "-m", "oep_build", "build", str(root), "--sans-kits", "--out", str(out)],
            check=False, env=env, capture_output=True, text=True, timeout=600,
        )
        assert run.returncode == 0, run.stdout + run.stderr
        index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
        found[clock[-8:-3]] = (
            (out / "actualites" / "programme" / "index.html").is_file(),
            any("programme" in d["location"] for d in index["docs"]),
            "actualites/programme/" in (out / "sitemap.xml").read_text(encoding="utf-8"),
            "Parution programmée" in (out / "actualites.xml").read_text(encoding="utf-8"),
        )
    assert found == {"09:59": (False, False, False, False), "10:00": (True, True, True, True)}


def test_built_site_has_every_article_url_oep_diff_names(tmp_path_factory: pytest.TempPathFactory) -> None:
    from test_site_support import built_site

    from oep_build.workflow.urls import SITE_PAGES, public_urls

    site, result = built_site("public", str(tmp_path_factory.getbasetemp()))
    assert result.warnings == []
    checked = check_project(site.parent, TODAY)
    project, now = checked.project, checked.context.now
    urls = set(SITE_PAGES)
    for a in project.articles.values():
        if is_public(project, a, now):
            urls |= set(public_urls(project, "articles", a, lambda o: is_public(project, o, now)))
    assert "actualites/decision-conseil-constitutionnel/" in urls
    missing = [u for u in sorted(urls) if not (site / (u + "index.html" if u.endswith("/") else u)).is_file()]
    assert missing == []
    # The feed is announced in the <head> of every page, relative to it.
    for page in ("index.html", "agenda/index.html", "actualites/decision-conseil-constitutionnel/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="On Est Prêt — actualités" href="(?:\.\./)*actualites\.xml">', html), page


def test_hostile_fields_are_text_once_escaped(tmp_path: Path) -> None:
    root = _base_project(tmp_path)
    path = root / "content/articles/piege.md"
    path.parent.mkdir(parents=True)
    path.write_text(
        "---\ntitre: \"Titre [lien](javascript:x) & <b>gras</b>\"\ndate_publication: \"2026-01-10 08:00\"\n"
        "resume: \"Résumé <script>alert(1)</script> & {: onclick=x}\"\nauteur: bob\n"
        "statut: publie\nvisibilite: public\nvalide_par: alice\nvalide_le: 2026-01-01\n---\n\n"
        "Corps <img src=x onerror=alert(1)> [ici](javascript:alert(1)).\n",
        encoding="utf-8",
    )
    ctx = check_project(root, dt.date(2026, 2, 1)).context
    docs = render_site(ctx, "public")
    pages = {p.path: p.text() for p in docs.pages}
    for rel in ("actualites/piege/index.md", "actualites/index.md"):
        text = pages[rel]
        assert "&amp;amp;" not in text and "&amp;#" not in text, rel  # escaped once, not twice
        assert "<b>" not in text and "<script>" not in text and "onerror" not in text, rel
        body = text.split("\n---\n", 1)[1]  # the front matter is plain text for the theme
        assert "](javascript:" not in body and 'href="javascript:' not in body, rel  # text, never a link
        assert "&lt;b&gt;gras&lt;/b&gt;" in text, rel
    feed = feedparser.parse(docs.files["actualites.xml"])
    entry = feed.entries[0]
    assert _plain(entry.title) == "Titre [lien](javascript:x) & <b>gras</b>"
    assert "onerror" not in entry.content[0].value and "javascript:" not in entry.content[0].value
