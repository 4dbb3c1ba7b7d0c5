"""The one-page tract of a kit (``supports: [livret, tract]``): one page, what it must say, a working code QR."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from oep_build.pipeline import check_project
from oep_build.render.kits import render_kits

pytestmark = pytest.mark.pdf

TODAY = dt.date(2026, 11, 27)
PROJECT_DIRS = ("content", "campaigns", "kits", "overrides")
SITE = "https://onestpret.example.org"


def copy_project(src: Path, dest: Path) -> Path:
    for name in PROJECT_DIRS:
        if (src / name).is_dir():
            shutil.copytree(src / name, dest / name)
    return dest


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    text = re.sub(r"[\s\u00a0\u202f]+", " ", out.stdout).replace("\u2010", "-")  # poppler reads hyphens as U+2010
    return re.sub(r"(\w)- (\w)", r"\1\2", text)  # words hyphenated across lines, joined


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages: +(\d+)$", info, flags=re.M).group(1))  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, repo: Path) -> tuple[Path, list]:
    root = copy_project(repo, tmp_path_factory.mktemp("tract") / "projet")
    checked = check_project(root, TODAY)
    result = render_kits(checked.context, "interne", root / "site", use_cache=False)
    assert [d.text() for d in result.diagnostics if d.level.value != "info"] == []
    return root / "site", list(result)


def test_every_example_kit_and_committee_edition_has_a_one_page_tract(rendered: tuple[Path, list]) -> None:
    out, outputs = rendered
    booklets = {(o.kit_id, o.comite) for o in outputs if o.support == "livret"}
    tracts = {(o.kit_id, o.comite): o for o in outputs if o.support == "tract"}
    assert set(tracts) == booklets and len(tracts) == 8
    assert tracts[("kit-loi-duplomb", None)].path == "kits/kit-loi-duplomb-tract.pdf"
    assert tracts[("kit-loi-duplomb", "ajaccio")].path == "kits/kit-loi-duplomb/ajaccio-tract.pdf"
    for o in tracts.values():
        assert o.pages == 1 and pages_of(out / o.path) == 1, o.path


def test_tract_says_the_message_the_next_temps_fort_the_call_and_the_kit_address(rendered: tuple[Path, list]) -> None:
    out, _ = rendered
    text = text_of(out / "kits/kit-referendum-citoyen-tract.pdf")
    assert "Deux millions de signatures ont obtenu un débat." in text  # the first message clé
    assert "Ce que nous demandons : Qu’une pétition citoyenne massivement signée" in text
    # On 27 November 2026 the next temps fort is the public launch of 1 March 2027.
    assert "Prochain temps fort lundi 1er mars 2027 Lancement public du Référendum citoyen" in text
    assert "Retrouvez tout le kit" in text  # no petition: the call leads to the kit
    assert "onestpret.example.org/kits/kit-referendum-citoyen" in text
    duplomb = text_of(out / "kits/kit-loi-duplomb-tract.pdf")
    assert "Signez la pétition petitions.assemblee-nationale.fr/initiatives/i-3014" in duplomb
    assert "Prochain temps fort" not in duplomb  # every temps fort of that campaign is past


def test_a_committee_tract_carries_its_contact_and_leads_to_the_kit_page(rendered: tuple[Path, list]) -> None:
    out, _ = rendered
    text = text_of(out / "kits/kit-referendum-citoyen/lyon-tract.pdf")
    assert "Comité On Est Prêt de Lyon" in text
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    png = out / "lyon-tract"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(out / "kits/kit-referendum-citoyen/lyon-tract.pdf"), str(png)], check=True)
    codes = zxingcpp.read_barcodes(Image.open(f"{png}.png"))
    assert [c.text for c in codes] == [f"{SITE}/kits/kit-referendum-citoyen/"]


def test_kit_page_links_its_tracts(repo: Path, tmp_path: Path) -> None:
    from oep_build.render.kits.build import KitOutput
    from oep_build.render.site import render_site

    checked = check_project(repo, TODAY)
    kits = [
        KitOutput("kit-loi-duplomb", None, "kits/kit-loi-duplomb.pdf", 20, 300_000),
        KitOutput("kit-loi-duplomb", None, "kits/kit-loi-duplomb-tract.pdf", 1, 15_000, "tract"),
        KitOutput("kit-loi-duplomb", "ajaccio", "kits/kit-loi-duplomb/ajaccio-tract.pdf", 1, 15_000, "tract"),
    ]
    docs = render_site(checked.context, "public", kits=kits)
    page = next(p for p in docs.pages if p.path == "kits/kit-loi-duplomb/index.md").text()
    assert "[Télécharger le kit (PDF, 20 pages, " in page  # the booklet stays the main download
    assert "- [Tract — édition nationale](../kit-loi-duplomb-tract.pdf) (PDF, 1 page, " in page
    assert "- [Tract — Comité On Est Prêt d’Ajaccio](ajaccio-tract.pdf) (PDF, 1 page, " in page


@pytest.mark.parametrize(
    ("edit", "rule", "words"),
    [
        ("supports: []", "kit-sans-support", "supports est vide"),
        ("supports: [tract, livret, tract]", "kit-support-double", "« tract » est écrit deux fois"),
        ("supports: [livret, brochure]", "", "brochure"),
        ("supports: [tract]\nmessage_tract: sante-biodiversit", "reference-inconnue", "sante-biodiversite"),
    ],
)
def test_check_names_what_is_wrong_with_supports(repo: Path, tmp_path: Path, edit: str, rule: str, words: str) -> None:
    root = copy_project(repo, tmp_path / "p")
    kit = root / "kits" / "kit-loi-duplomb.yml"
    kit.write_text(re.sub(r"^supports: .*$", edit, kit.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    found = [d for d in check_project(root, TODAY).report if d.file == "kits/kit-loi-duplomb.yml"]
    assert any((d.id == rule or not rule) and words in d.text() for d in found), [d.text() for d in found]


def test_a_tract_that_spills_onto_a_second_page_is_a_warning(repo: Path, tmp_path: Path) -> None:
    root = copy_project(repo, tmp_path / "p")
    for kit in (root / "kits").glob("*.yml"):
        if kit.stem != "kit-referendum-citoyen":
            kit.unlink()
    kit = root / "kits" / "kit-referendum-citoyen.yml"
    kit.write_text(re.sub(r"^supports: .*$", "supports: [tract]", kit.read_text(encoding="utf-8"), flags=re.M))
    campagne = root / "campaigns" / "referendum-citoyen" / "campagne.yml"
    long = " ".join(["Une demande bien trop longue pour un tract."] * 60)
    campagne.write_text(re.sub(r"^demande: .*$", f"demande: {long}", campagne.read_text(encoding="utf-8"), flags=re.M))
    checked = check_project(root, TODAY)
    result = render_kits(checked.context, "interne", root / "site", use_cache=False)
    paths = ["kits/kit-referendum-citoyen-tract.pdf", "kits/kit-referendum-citoyen/lyon-tract.pdf"]
    assert [(o.path, o.pages > 1) for o in result] == [(p, True) for p in paths]  # written all the same
    found = [d for d in result.diagnostics if d.id == "tract-deborde"]
    assert len(found) == 2 and {d.file for d in found} == {"kits/kit-referendum-citoyen.yml"}
    assert "tient sur" in found[0].message and "raccourcissez" in found[0].fix


def test_a_tract_a_little_too_long_is_set_in_smaller_type_to_fit_its_page(repo: Path, tmp_path: Path) -> None:
    import dataclasses

    from oep_build.render.kits.build import _job
    from oep_build.render.kits.documents import kit_documents
    from oep_build.render.kits.html import KitTemplates
    from oep_build.render.kits.pdf import render_pdf

    # On 5 February 2026 the Rennes committee's tract also announces its meeting of the 21st.
    root = copy_project(repo, tmp_path / "p")
    for kit in (root / "kits").glob("*.yml"):
        if kit.stem != "kit-municipales-2026":
            kit.unlink()
    checked = check_project(root, dt.date(2026, 2, 5))
    result = render_kits(checked.context, "public", root / "site", use_cache=False)
    rennes = next(o for o in result if o.path == "kits/kit-municipales-2026/rennes-tract.pdf")
    assert rennes.pages == 1 and pages_of(root / "site" / rennes.path) == 1
    assert [d for d in result.diagnostics if d.id == "tract-deborde"] == []
    assert "Rendez-vous près de chez vous" in text_of(root / "site" / rennes.path)
    # At its nominal type size the same tract runs over: the smaller type is what made it fit.
    documents, _ = kit_documents(checked.context, "public")
    doc = next(d for d in documents if d.edition.label == "kit-municipales-2026/rennes-tract")
    job = _job(root.resolve(), KitTemplates(root.resolve()), KitTemplates(root.resolve()).css(), doc, None)
    assert job.one_page
    assert render_pdf(dataclasses.replace(job, one_page=False)).pages == 2
    assert render_pdf(job).pages == 1
