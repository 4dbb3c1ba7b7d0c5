"""``oep new``: every kind scaffolds a file that passes ``oep check`` in the base fixture."""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from oep_build.cli import main
from oep_build.commands import workflow_cli
from oep_build.model import OBJECT_MODELS
from oep_build.pipeline import check_project
from oep_build.workflow.scaffold import KINDS, describe, needs_campaign, target

BASE = Path(__file__).resolve().parent / "fixtures" / "base"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def root(tmp_path: Path) -> Path:
    dest = tmp_path / "contenu"
    shutil.copytree(BASE, dest)
    return dest


def new(root: Path, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["new", *args, str(root)], input=input)


def args_for(kind: str, oid: str) -> list[str]:
    extra = ["--image", str(_image()), "--alt", "Une affiche verte : « Signez la pétition »."] if kind == "visuel" else []
    return [kind, oid] + (["--campagne", "demo"] if needs_campaign(kind) else []) + extra


def _image(size: tuple[int, int] = (1080, 1080), name: str = "affiche.png") -> Path:
    """An image outside the project, as staff would pick it from their Downloads folder."""
    import tempfile

    from PIL import Image

    folder = Path(tempfile.mkdtemp(prefix="oep-image-"))
    Image.new("RGB", size, (27, 94, 32)).save(folder / name)
    return folder / name


def front_matter(text: str, kind: str) -> dict:
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[0][4:]
    return YAML(typ="safe").load(text)


def diagnostics(root: Path) -> list[str]:
    return [d.text() for d in check_project(root).report]


def test_every_kind_passes_check(root: Path) -> None:
    before = diagnostics(root)
    for kind in KINDS:
        result = new(root, *args_for(kind, f"essai-{kind}"))
        assert result.exit_code == 0, result.output
        assert f"Créé : {target(kind, f'essai-{kind}', 'demo' if needs_campaign(kind) else None)}" in result.output
    checked = check_project(root)
    assert checked.report.errors == 0, checked.report.format_text()
    # A new draft adds no warning of its own either
    assert [d.text() for d in checked.report] == before
    for kind in KINDS:
        attr = OBJECT_MODELS[kind][1]
        obj = getattr(checked.project, attr)[f"essai-{kind}"]
        assert (obj.statut.value, obj.visibilite.value) == ("brouillon", "interne")


@pytest.mark.parametrize("kind", KINDS)
def test_scaffold_golden_and_contract(root: Path, kind: str, golden) -> None:
    result = new(root, *args_for(kind, "exemple"))
    assert result.exit_code == 0, result.output
    rel = target(kind, "exemple", "demo" if needs_campaign(kind) else None)
    text = (root / rel).read_text(encoding="utf-8")
    golden(f"workflow/new/{kind}.txt", text)
    model = OBJECT_MODELS[kind][0]
    data = front_matter(text, kind)
    # every required field is written out
    required = {n for n, f in model.model_fields.items() if f.is_required()}
    assert required <= data.keys()
    # every written key is explained by its model docstring, right above it
    lines = text.split("\n")
    for key in data:
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        comment = describe(model, key).split("\n")
        assert lines[at - len(comment): at] == comment, key
    # the schema line points at schemas/<kind>.schema.json from the file's folder
    first = text.split("\n")[1 if text.startswith("---") else 0]
    schema = first.removeprefix("# yaml-language-server: $schema=")
    assert schema != first
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), schema))
    assert resolved == f"schemas/{kind}.schema.json"
    assert (REPO / resolved).is_file()


def test_refuses_to_overwrite(root: Path) -> None:
    path = root / "campaigns/demo/posts/annonce.yml"
    before = path.read_text(encoding="utf-8")
    result = new(root, "post", "annonce", "--campagne", "demo")
    assert result.exit_code == 2
    assert "campaigns/demo/posts/annonce.yml existe déjà" in result.stderr
    assert path.read_text(encoding="utf-8") == before


def test_refuses_an_id_used_in_another_campaign(root: Path) -> None:
    assert new(root, "campagne", "autre", "--titre", "Autre").exit_code == 0
    result = new(root, "edl", "demo-edl", "--campagne", "autre")
    assert result.exit_code == 2
    assert "déjà l'identifiant « demo-edl » (campagne demo)" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["post", "annonce-2"], "ajoutez --campagne ID (campagnes existantes : demo)"),
        (["post", "annonce-2", "--campagne", "inconnue"], "campagne « inconnue » inconnue"),
        (["comite", "paris", "--campagne", "demo"], "--campagne ne s'applique pas"),
        (["guide", "Mon_Guide", "--campagne", "demo"], "« mon-guide »"),
        (["evenement", "--campagne", "demo"], "donnez un identifiant ou un titre"),
    ],
)
def test_usage_refusals_exit_2(root: Path, args: list[str], message: str) -> None:
    result = new(root, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("oep new : ") and message in result.stderr


def test_not_a_project(tmp_path: Path) -> None:
    result = new(tmp_path, "comite", "paris")
    assert result.exit_code == 2
    assert "content/site.yml manque" in result.stderr


def test_id_from_title(root: Path) -> None:
    result = new(root, "evenement", "--campagne", "demo", "--titre", "Réunion à Lyon !")
    assert result.exit_code == 0, result.output
    data = front_matter((root / "campaigns/demo/evenements/reunion-a-lyon.yml").read_text(encoding="utf-8"), "")
    assert data["titre"] == "Réunion à Lyon !"


def test_prompts_in_a_terminal(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workflow_cli, "_interactive", lambda: True)
    # campaign, title, then accept the id derived from the title
    result = new(root, "post", input="demo\nAnnonce du débat\n\n")
    assert result.exit_code == 0, result.output
    assert "Identifiant [annonce-du-debat]" in result.output
    assert (root / "campaigns/demo/posts/annonce-du-debat.yml").is_file()


def test_kit_without_pieces_says_what_to_do(root: Path) -> None:
    assert new(root, "campagne", "vide", "--titre", "Vide").exit_code == 0
    result = new(root, "kit", "kit-vide", "--campagne", "vide")
    assert result.exit_code == 0
    assert "À faire : la campagne vide n'a encore ni EDL" in result.output


def test_new_pieces_in_a_running_campaign_are_not_stale(root: Path) -> None:
    # A campaign created today is running: its brand-new pieces must not be reported as stale.
    assert new(root, "campagne", "en-cours", "--titre", "En cours").exit_code == 0
    before = diagnostics(root)
    for kind in ("edl", "argumentaire", "guide"):
        assert new(root, kind, f"frais-{kind}", "--campagne", "en-cours").exit_code == 0
    after = diagnostics(root)
    assert [d for d in after if d not in before and "contenu-perime" in d] == []


def test_new_visuel_reads_the_image_and_needs_an_alt(root: Path) -> None:
    image = _image((1200, 630), "Partage Réunion.PNG")
    refused = new(root, "visuel", "--campagne", "demo", "--image", str(image))
    assert refused.exit_code == 2 and "texte alternatif est obligatoire" in refused.stderr
    result = new(root, "visuel", "--campagne", "demo", "--image", str(image), "--alt", "Salle comble, micro au premier plan.")
    assert result.exit_code == 0, result.output
    assert "Créé : campaigns/demo/visuels/partage-reunion.yml" in result.output
    assert "Titre : « Partage réunion »" in result.output
    folder = root / "campaigns/demo/visuels"
    assert (folder / "partage-reunion.png").read_bytes() == image.read_bytes()
    data = front_matter((folder / "partage-reunion.yml").read_text(encoding="utf-8"), "")
    assert data["fichier"] == "partage-reunion.png"
    assert data["format"] == "open-graph"  # 1200×630, read from the image
    assert data["alt"] == "Salle comble, micro au premier plan."
    assert "1200×630 pixels (PNG)" in (folder / "partage-reunion.yml").read_text(encoding="utf-8")
    assert check_project(root).report.errors == 0


def test_titles_from_ids_keep_accents_and_defaults_are_neutral(root: Path) -> None:
    (root / "content/comites/ajaccio.yml").write_text(
        "nom: Comité d'Ajaccio\ncommune: Ajaccio\ndepartement: \"2A\"\n", encoding="utf-8"
    )
    result = new(root, "evenement", "debat-prefecture-lyon", "--campagne", "demo")
    assert result.exit_code == 0, result.output
    data = front_matter((root / "campaigns/demo/evenements/debat-prefecture-lyon.yml").read_text(encoding="utf-8"), "")
    assert data["titre"] == "Débat préfecture Lyon"  # « Débat » and « Lyon » as the project writes them
    # two committees: none is picked for the staffer (no Ajaccio / 2A by alphabetical accident)
    assert data["lieu"]["departement"] == "" and data["lieu"]["commune"] == "À compléter"
    assert data["organisateur"] == {}
