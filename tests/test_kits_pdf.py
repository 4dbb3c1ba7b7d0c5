"""The example kits as PDF: tagged, fonts embedded, nothing truncated, deterministic, cached.

WeasyPrint is slow: the example kits are rendered once per session (every kit
and committee edition, internal audience), then inspected with poppler and qpdf.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as htmllib
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from oep_build.caches import project_cache
from oep_build.cli import main
from oep_build.pipeline import check_project
from oep_build.render.kits import KitOutput, RenderedKits, render_kits
from oep_build.render.kits.build import kit_documents

pytestmark = pytest.mark.pdf

TODAY = dt.date(2026, 11, 27)
EPOCH = "1795000000"
PROJECT_DIRS = ("content", "campaigns", "kits", "overrides")
PAGES = {"kit-loi-duplomb": (12, 30), "kit-municipales-2026": (10, 24), "kit-referendum-citoyen": (4, 12)}
FONTS = ("Atkinson-Hyperlegible", "JetBrains-Mono", "OEP-Chiffres")


@dataclass
class Rendered:
    root: Path
    out: Path
    result: RenderedKits
    html: dict[str, str]


def _cache(root: Path) -> Path:
    """The project's kit cache folder (outside the project)."""
    folder = project_cache(root, "kits")
    assert folder is not None
    return folder


def copy_project(src: Path, dest: Path) -> Path:
    for name in PROJECT_DIRS:
        if (src / name).is_dir():
            shutil.copytree(src / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def render(root: Path, audience: str = "interne", **options: object) -> tuple[RenderedKits, dict[str, str]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        checked = check_project(root, TODAY)
        result = render_kits(checked.context, audience, root / "site", **options)  # type: ignore[arg-type]
        docs, _ = kit_documents(checked.context, audience)
    return result, {d.edition.rel_path: d.html for d in docs}


@pytest.fixture(scope="session")
def examples(tmp_path_factory: pytest.TempPathFactory, repo: Path) -> Rendered:
    if not (repo / "kits").is_dir():
        pytest.skip("example content not there yet")
    root = copy_project(repo, tmp_path_factory.mktemp("a") / "projet")
    result, html = render(root)
    return Rendered(root, root / "site", result, html)


def outputs(examples: Rendered, kit_id: str) -> list[KitOutput]:
    """The booklets of ``kit_id`` (its one-page tracts: tests/test_kits_tract.py)."""
    found = [o for o in examples.result if o.kit_id == kit_id and o.support == "livret"]
    assert found, f"{kit_id} not rendered: {[d.text() for d in examples.result.diagnostics]}"
    return found


def run(*cmd: str | Path) -> str:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{cmd[0]} failed ({done.returncode}): {done.stdout}{done.stderr}"
    return done.stdout


def flat(text: str) -> str:
    """Whitespace (no-break spaces included) collapsed; a line broken after a hyphen rejoined."""
    text = re.sub(r"[\s\u00a0\u202f]+", " ", text)
    return re.sub(r"- ", "-", text).strip()


def headings(html: str) -> list[str]:
    titles = re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html, flags=re.S)
    clean = [re.sub(r'<span class="badge">.*?</span>|<[^>]+>', "", t) for t in titles]
    return [flat(htmllib.unescape(t)) for t in clean if t.strip()]


# -- the happy path --------------------------------------------------------------------------


def test_every_example_kit_and_edition_is_rendered_without_problem(examples: Rendered) -> None:
    assert [d.text() for d in examples.result.diagnostics if d.level.value != "info"] == []
    assert examples.result.engine_warnings == []
    assert sorted(o.path for o in examples.result) == sorted(examples.html)
    assert {o.kit_id for o in examples.result} == set(PAGES)
    for o in examples.result:
        assert (examples.out / o.path).stat().st_size == o.size


@pytest.mark.parametrize("kit_id", sorted(PAGES))
def test_pages_within_bounds(examples: Rendered, kit_id: str) -> None:
    low, high = PAGES[kit_id]
    for o in outputs(examples, kit_id):
        assert low <= o.pages <= high, f"{o.path}: {o.pages} pages"
        assert f"Pages:           {o.pages}\n" in run("pdfinfo", examples.out / o.path)


@pytest.mark.parametrize("kit_id", sorted(PAGES))
def test_every_heading_is_in_the_text(examples: Rendered, kit_id: str) -> None:
    for o in outputs(examples, kit_id):
        text = flat(run("pdftotext", "-enc", "UTF-8", examples.out / o.path, "-"))
        expected = headings(examples.html[o.path])
        assert "Sommaire" in expected and len(expected) > 5
        missing = [h for h in expected if h not in text]
        assert missing == [], f"{o.path}: missing from the PDF text"


@pytest.mark.parametrize("kit_id", sorted(PAGES))
def test_fonts_are_the_shipped_ones_embedded(examples: Rendered, kit_id: str) -> None:
    for o in outputs(examples, kit_id):
        rows = run("pdffonts", examples.out / o.path).splitlines()[2:]
        assert rows
        for row in rows:
            name, emb, sub = row.split()[0], row.split()[-5], row.split()[-4]
            assert (emb, sub) == ("yes", "yes"), row
            assert name.split("+", 1)[1].startswith(FONTS), f"{o.path}: unexpected font {name}"


@pytest.mark.parametrize("kit_id", sorted(PAGES))
def test_tagged_titled_pdf_ua(examples: Rendered, kit_id: str) -> None:
    for o in outputs(examples, kit_id):
        info = run("pdfinfo", examples.out / o.path)
        assert "Tagged:          yes" in info
        assert re.search(r"^Title: +\S", info, flags=re.M)
        assert re.search(r"^PDF version: +1\.7$", info, flags=re.M)


@pytest.mark.parametrize("kit_id", sorted(PAGES))
def test_qpdf_check_and_no_local_link(examples: Rendered, kit_id: str, tmp_path: Path) -> None:
    for o in outputs(examples, kit_id):
        pdf = examples.out / o.path
        run("qpdf", "--check", pdf)
        plain = tmp_path / "plain.pdf"
        run("qpdf", "--qdf", "--object-streams=disable", pdf, plain)
        data = plain.read_bytes()
        assert b"file:" not in data
        assert str(examples.root).encode() not in data  # no trace of the checkout path
        uris = re.findall(rb"/URI \(([^)]*)\)", data)
        assert uris and all(u.startswith((b"https://", b"mailto:", b"tel:")) for u in uris), uris
        assert b"pdfuaid:part=\"1\"" in data or b"<pdfuaid:part>1</pdfuaid:part>" in data


def pdf_strings(data: bytes, key: bytes) -> list[str]:
    """Values of ``/<key>`` entries in an uncompressed PDF (literal or UTF-16 hex strings)."""
    out = []
    for hexa, literal in re.findall(rb"/" + key + rb" (?:<([0-9a-fA-F]+)>|\(((?:[^()\\]|\\.)*)\))", data):
        if hexa:
            raw = bytes.fromhex(hexa.decode())
            out.append(raw[2:].decode("utf-16-be") if raw[:2] == b"\xfe\xff" else raw.decode("latin-1"))
        else:
            out.append(literal.decode("latin-1"))
    return out


@pytest.mark.parametrize("kit_id", sorted(PAGES))
def test_bookmarks_for_every_section_and_piece(examples: Rendered, kit_id: str, tmp_path: Path) -> None:
    for o in outputs(examples, kit_id):
        plain = tmp_path / "plain.pdf"
        run("qpdf", "--qdf", "--object-streams=disable", examples.out / o.path, plain)
        bookmarks = {flat(t) for t in pdf_strings(plain.read_bytes(), b"Title")}
        assert set(headings(examples.html[o.path])) - {flat(t) for t in _cover_titles(examples.html[o.path])} <= bookmarks


def _cover_titles(html: str) -> list[str]:
    # Cover, committee card and back cover headings are not chapters of the outline.
    found = re.findall(r'<h[12] class="(?:titre-kit|quatrieme-titre|contact-local-titre)">(.*?)</h[12]>', html)
    found += re.findall(r'<div class="carte comite-carte">\s*<h2>(.*?)</h2>', html)
    found += re.findall(r'<h2 class="sous-section">(.*?)</h2>', html)
    return [htmllib.unescape(t) for t in found]


# -- determinism and cache ------------------------------------------------------------------------


def digests(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.rglob("*.pdf"))
    }


def test_two_checkouts_give_identical_bytes(examples: Rendered, tmp_path: Path) -> None:
    other = copy_project(examples.root, tmp_path / "ailleurs" / "autre-nom")
    result, _ = render(other, processes=1)  # one process: the pool must not change the bytes either
    assert result.rendered and not result.cached
    assert digests(other / "site") == digests(examples.out)


def test_pdfs_and_cache_have_the_mode_of_every_site_file(examples: Rendered) -> None:
    from oep_build.output import file_mode

    pdfs = list(examples.out.rglob("*.pdf")) + list(_cache(examples.root).glob("*"))
    assert pdfs
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in pdfs} == {p.name: oct(file_mode()) for p in pdfs}


def test_second_build_renders_nothing(examples: Rendered) -> None:
    before = {p: p.stat().st_mtime_ns for p in examples.out.rglob("*.pdf")}
    result, _ = render(examples.root)
    assert result.rendered == []
    assert sorted(result.cached) == sorted(o.path.removeprefix("kits/").removesuffix(".pdf") for o in result)
    assert [(o.path, o.pages, o.size) for o in result] == [(o.path, o.pages, o.size) for o in examples.result]
    assert {p: p.stat().st_mtime_ns for p in examples.out.rglob("*.pdf")} == before  # not even rewritten


def test_cli_uses_the_cache_and_lists_the_pdfs(examples: Rendered) -> None:
    out = examples.root / "build" / "cli"
    args = ["kits", str(examples.root), "--audience", "interne", "--out", str(out), "--today", TODAY.isoformat()]
    got = CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert got.exit_code == 0, got.output
    assert f"{len(examples.result)} PDF interne" in got.output and "0 rendus" in got.output
    assert digests(out) == digests(examples.out)


def test_cli_rejects_an_unknown_variant(examples: Rendered) -> None:
    got = CliRunner().invoke(main, ["kits", str(examples.root), "--variant", "pdf/z-9"])
    assert got.exit_code == 2
    assert "variante « pdf/z-9 » inconnue" in got.output


def test_public_audience_drops_the_internal_kit_and_stale_pdfs(examples: Rendered, tmp_path: Path) -> None:
    root = copy_project(examples.root, tmp_path / "p")
    shutil.copytree(_cache(examples.root), _cache(root), dirs_exist_ok=True)  # reuse PDFs: only the selection is tested
    (root / "site" / "kits").mkdir(parents=True)
    (root / "site" / "kits" / "kit-referendum-citoyen.pdf").write_bytes(b"%PDF-old")
    result, _ = render(root, audience="public")
    assert {o.kit_id for o in result} == {"kit-loi-duplomb", "kit-municipales-2026"}
    assert not (root / "site" / "kits" / "kit-referendum-citoyen.pdf").exists()
    assert not (root / "site" / "kits" / "kit-referendum-citoyen").exists()


# -- problems found while rendering ------------------------------------------------------------------


def booklet_only(kit: str) -> None:
    """The overridden templates below are the booklet's: its tract (tract.html) is not what is tested."""
    path = Path(kit)
    path.write_text(re.sub(r"^supports: .*$", "supports: [livret]", path.read_text(encoding="utf-8"), flags=re.M))


def test_refused_resources_are_diagnostics_and_nothing_is_written(examples: Rendered, tmp_path: Path) -> None:
    root = copy_project(examples.root, tmp_path / "p")
    shutil.rmtree(root / "kits")
    (root / "kits").mkdir()
    booklet_only(shutil.copy(examples.root / "kits" / "kit-referendum-citoyen.yml", root / "kits"))
    (root / "overrides" / "kits").mkdir(parents=True, exist_ok=True)
    back = (Path(__file__).parents[1] / "oep_build/templates/kits/back.html").read_text(encoding="utf-8")
    extra = '<img src="content/assets/absent.png" alt="absent"><link rel="stylesheet" href="https://cdn.example.org/x.css">'
    (root / "overrides" / "kits" / "back.html").write_text(back.replace("</footer>", extra + "</footer>"))
    result, _ = render(root, processes=1)
    assert list(result) == []
    refused = sorted({d.message.split(" : ", 1)[1] for d in result.diagnostics if d.id == "kit-ressource-refusee"})
    assert refused == [
        "« content/assets/absent.png » introuvable",
        "« https://cdn.example.org/x.css » adresse réseau interdite (les kits se construisent hors ligne)",
    ]
    assert all(d.file == "kits/kit-referendum-citoyen.yml" for d in result.diagnostics if d.id.startswith("kit-"))
    assert result.engine_warnings == []  # WeasyPrint's own messages about them are not repeated
    assert not list((root / "site").rglob("*.pdf"))


def test_attachments_and_files_outside_the_content_never_reach_a_pdf(examples: Rendered, tmp_path: Path) -> None:
    root = copy_project(examples.root, tmp_path / "p")
    shutil.rmtree(root / "kits")
    (root / "kits").mkdir()
    booklet_only(shutil.copy(examples.root / "kits" / "kit-referendum-citoyen.yml", root / "kits"))
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[http]\n  extraheader = AUTHORIZATION: basic c2VjcmV0\n", encoding="utf-8")
    (root / "overrides" / "kits").mkdir(parents=True, exist_ok=True)
    kit = (Path(__file__).parents[1] / "oep_build/templates/kits/kit.html").read_text(encoding="utf-8")
    extra = (
        '<link rel="attachment" href=".git/config">'
        '<link rel="Attachment stylesheet" href="content/site.yml">'
        '<img src=".git/config" alt="x">'
    )
    (root / "overrides" / "kits" / "kit.html").write_text(kit.replace("</head>", extra + "</head>"), encoding="utf-8")
    result, _ = render(root, processes=1)
    refused = sorted({d.message.split(" : ", 1)[1] for d in result.diagnostics if d.id == "kit-ressource-refusee"})
    assert refused == [
        "« .git/config » est une pièce jointe (rel=\"attachment\") : un PDF publié n'embarque aucun fichier joint",
        "« .git/config » hors des dossiers de contenu (campaigns/, content/, kits/, overrides/kits/, overrides/assets/)",
        "« content/site.yml » est une pièce jointe (rel=\"attachment\") : un PDF publié n'embarque aucun fichier joint",
    ]
    fixes = {d.fix for d in result.diagnostics if "pièce jointe" in d.message}
    assert fixes == {"retirez rel=\"attachment\" du gabarit (overrides/kits/) ; pour donner un fichier, publiez-le sur le site et mettez un lien"}
    assert list(result) == []  # an erreur: the edition is not written
    assert not list((root / "site").rglob("*.pdf"))


def test_render_pdf_embeds_no_attachment() -> None:
    # even if a caller ignored the diagnostics, the PDF itself carries no embedded file
    from oep_build.render.kits.glyphs import FONTS_DIR
    from oep_build.render.kits.pdf import RenderJob, render_pdf

    repo = Path(__file__).parents[1]
    html = (
        '<html lang="fr"><head><title>t</title><link rel="attachment" href="content/site.yml"></head>'
        '<body><p>Texte <a rel="attachment" href="content/site.yml">joint</a></p></body></html>'
    )
    job = RenderJob("t", html, "", (("projet", str(repo)), ("polices", str(FONTS_DIR)), ("gabarits", str(repo))))
    res = render_pdf(job)
    assert res.pdf is not None and res.error == ""
    assert b"/EmbeddedFile" not in res.pdf and b"/FileAttachment" not in res.pdf
    assert [r.path for r in res.refusals] == ["content/site.yml", "content/site.yml"]


def test_other_variant_on_request(examples: Rendered, tmp_path: Path) -> None:
    root = copy_project(examples.root, tmp_path / "p")
    for kit in (root / "kits").glob("*.yml"):
        if kit.stem != "kit-referendum-citoyen":
            kit.unlink()
    result, _ = render(root, variant="pdf/a-3u", processes=1)
    assert result.rendered and result.engine_warnings == []
    plain = tmp_path / "plain.pdf"
    run("qpdf", "--qdf", "--object-streams=disable", root / "site" / result[0].path, plain)
    assert b'pdfaid:part="3"' in plain.read_bytes()
