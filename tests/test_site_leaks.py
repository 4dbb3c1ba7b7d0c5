"""The public site holds no trace of a non-public object, in any file, and names no staff member."""

from __future__ import annotations

import gzip
import html
import json
import re
import subprocess
from pathlib import Path

import pytest
from test_site_support import TODAY, built_site

from oep_build.pipeline import check_project
from oep_build.visibility import is_public


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return built_site("public", str(tmp_path_factory.getbasetemp()))


@pytest.fixture(scope="module")
def interne(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return built_site("interne", str(tmp_path_factory.getbasetemp()))


def _normalise(text: str) -> str:
    # Typography adds no-break spaces and HTML escapes quotes: compare words, not bytes.
    text = html.unescape(text).replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text)


def _file_text(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    if path.suffix == ".pdf":
        out = subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True, check=True)
        return _normalise(out.stdout.decode("utf-8", "replace"))
    text = data.decode("utf-8", "replace")
    if path.suffix == ".json":
        text = json.dumps(json.loads(text), ensure_ascii=False)
    if path.suffix == ".ics":
        text = text.replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";").replace("\\n", " ")
    return _normalise(text)


def _hidden(root: Path) -> tuple[list[str], list[str]]:
    """Ids and titles of every non-public object of the project, sub-objects included."""
    checked = check_project(root, TODAY)
    project, now = checked.project, checked.context.now
    ids, titles = [], []
    for _, obj in project.all_objects():
        if not is_public(project, obj, now):
            ids.append(obj.id)
            titles.append(getattr(obj, "titre", None) or getattr(obj, "nom", None))
    for c in project.campagnes.values():
        # Deliverables and coalition follow-ups are staff work, never published.
        titles += [lv.titre for lv in c.livrables]
        titles += [tf.titre for tf in c.temps_forts if tf.visibilite != "public"]
        titles += [o.intitule for o in c.objectifs if o.visibilite != "public"]
    return ids, [_normalise(t) for t in titles if t]


def _site_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix not in (".woff2", ".png", ".jpg", ".svg"))


def test_public_site_has_no_trace_of_non_public_objects(public) -> None:  # type: ignore[no-untyped-def]
    site, _result = public
    ids, titles = _hidden(site.parent)
    assert ids and titles, "the example content should hold non-public objects"
    # An article under embargo and one in review: absent from pages, feeds, search and sitemap.
    assert {"assemblee-generale", "pourquoi-un-referendum"} <= set(ids)
    id_res = [re.compile(rf"(?<![a-z0-9-]){re.escape(i)}(?![a-z0-9-])") for i in ids]
    found = []
    for path in _site_files(site):
        rel = path.relative_to(site).as_posix()
        text = _file_text(path)
        found += [(rel, i.pattern) for i in id_res if i.search(rel) or i.search(text)]
        found += [(rel, t) for t in titles if t in text]
    assert found == []


def test_public_site_copies_only_public_images(public) -> None:  # type: ignore[no-untyped-def]
    site, _ = public
    checked = check_project(site.parent, TODAY)
    project, now = checked.project, checked.context.now
    allowed = {
        f"assets/visuels/{project.campagne_id_of(v)}/{v.fichier}"
        for v in project.visuels.values()
        if is_public(project, v, now)
    }
    copied = {p.relative_to(site).as_posix() for p in (site / "assets" / "visuels").rglob("*") if p.is_file()}
    assert copied and copied <= allowed


def test_public_site_names_no_staff_member(public) -> None:  # type: ignore[no-untyped-def]
    site, _ = public
    checked = check_project(site.parent, TODAY)
    project = checked.project
    published = project.site.organisation.mentions + " ".join(
        v.credits.auteur for v in project.visuels.values() if v.credits
    )
    # A public article shows its signer's display name, and nothing else of them.
    published += " ".join(
        project.personnes[a.auteur].nom_affiche
        for a in project.articles.values()
        if a.auteur and is_public(project, a, checked.context.now)
    )
    names = [p.nom_affiche for p in project.personnes.values() if p.nom_affiche not in published]
    found = [
        (path.relative_to(site).as_posix(), n)
        for path in _site_files(site)
        for n in names
        if n in _file_text(path)
    ]
    assert found == []


def test_public_site_is_complete_and_offline(public) -> None:  # type: ignore[no-untyped-def]
    site, result = public
    assert result.warnings == []
    for rel in ("index.html", "404.html", "sitemap.xml", "search/search_index.json", "agenda.ics", "robots.txt"):
        assert (site / rel).is_file(), rel
    assert not (site / "equipe").exists()
    for k in result.kits:
        assert (site / k.path).is_file()
    # Self-hosted fonts only: no stylesheet or script from another origin.
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        loads = r'<script[^>]+src="(?:https?:)?//|<link(?![^>]*rel="(?:canonical|alternate)")[^>]+href="(?:https?:)?//'
        assert not re.search(loads, text), page


def test_interne_site_shows_everything_and_is_not_indexed(interne) -> None:  # type: ignore[no-untyped-def]
    site, _result = interne
    ids, titles = _hidden(site.parent)
    # The same search finds them here: the public test is not blind.
    every_text = " ".join(_file_text(p) for p in _site_files(site))
    assert all(t in every_text for t in titles[:3])
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert (site / "equipe" / "index.html").is_file()
    assert any(i in index for i in ids)
    assert "oep-badge--embargo" in (site / "campagnes" / "referendum-citoyen" / "index.html").read_text(encoding="utf-8")
    assert (site / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"


def test_public_build_is_byte_for_byte_reproducible(public, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from oep_build.build import build

    site, _ = public
    again = build(site.parent, out=tmp_path / "site", today=TODAY)
    assert again.ok
    first = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again.site_dir).as_posix(): p.read_bytes() for p in again.site_dir.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_page_titles_name_the_site_once(public) -> None:  # type: ignore[no-untyped-def]
    site, _ = public
    title = re.compile(r"<title>(.*?)</title>")
    assert title.findall((site / "index.html").read_text(encoding="utf-8")) == ["On Est Prêt"]
    assert title.findall((site / "agenda" / "index.html").read_text(encoding="utf-8")) == ["Agenda - On Est Prêt"]


def test_every_public_page_has_a_share_image(public) -> None:  # type: ignore[no-untyped-def]
    """Pages without a visual of their own fall back on organisation.image_partage."""
    site, _ = public
    for rel in ("index.html", "agenda/index.html", "comites/index.html", "kits/index.html"):
        text = (site / rel).read_text(encoding="utf-8")
        m = re.search(r'<meta property="og:image" content="([^"]+)"', text)
        assert m, rel
        assert m.group(1) == "https://onestpret.example.org/assets/partage.png", (rel, m.group(1))
        assert '<meta property="og:image:alt"' in text or '<meta name="twitter:image:alt"' in text, rel
    assert (site / "assets" / "partage.png").is_file()
