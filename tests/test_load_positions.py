"""The loader keeps the line and column of every key and value."""

from __future__ import annotations

from pathlib import Path

import pytest

from oep_build.load import load_sources
from oep_build.model import build_project, where
from oep_build.sources import Pos

BASE = Path(__file__).parent / "fixtures" / "base"


def _docs():
    docs, diags = load_sources(BASE)
    assert diags == []
    return {d.path: d for d in docs}


def test_yaml_positions_of_keys_and_values() -> None:
    doc = _docs()["campaigns/demo/campagne.yml"]
    assert doc.key_pos(("titre",)) == Pos(1, 1)
    assert doc.pos(("titre",)) == Pos(1, 8)
    # livrables[0].echeance is on line 19: "    echeance: 2026-02-01"
    assert doc.key_pos(("livrables", 0, "echeance")) == Pos(19, 5)
    assert doc.pos(("livrables", 0, "echeance")) == Pos(19, 15)
    # an unknown path falls back to its nearest parent
    assert doc.pos(("livrables", 0, "absent")) == doc.pos(("livrables", 0))


def test_front_matter_positions_are_file_lines() -> None:
    doc = _docs()["campaigns/demo/edl/demo-edl.md"]
    # line 1 is "---", so "titre:" is on line 2
    assert doc.key_pos(("titre",)) == Pos(2, 1)
    assert doc.body_line == 9
    assert doc.body.startswith("## Ce que nous disons")


def test_referentiel_mapping_and_list_positions() -> None:
    docs = _docs()
    personnes = docs["content/referentiels/personnes.yml"]
    assert personnes.pos((1, "id")) == Pos(4, 7)
    canaux = docs["content/referentiels/canaux.yml"]
    assert canaux.key_pos(("bluesky", "texte_max")) == Pos(3, 3)


def test_model_objects_know_where_they_come_from() -> None:
    docs, _ = load_sources(BASE)
    project, diags = build_project(BASE, docs)
    assert diags == []
    camp = project.campagnes["demo"]
    w = where(camp.livrables[0], "temps_fort")
    assert (w.file, w.line, w.column, w.path) == (
        "campaigns/demo/campagne.yml",
        20,
        17,
        "livrables[0].temps_fort",
    )
    assert where(project.personnes["bob"]).line == 4
    assert project.campagne_of(project.posts["annonce"]) is camp


def test_csv_cell_positions(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "site.yml").write_text("titre: t\nurl: u\norganisation: {nom: n}\n")
    suivi = tmp_path / "campaigns" / "c" / "suivi"
    suivi.mkdir(parents=True)
    (suivi / "indicateurs.csv").write_text(
        'date,indicateur,valeur,perimetre,source,note\n2026-01-01,sig,"1,5",national,x,\n'
    )
    docs, diags = load_sources(tmp_path)
    assert diags == []
    doc = next(d for d in docs if d.path.endswith(".csv"))
    assert doc.pos(("lignes", 0, "valeur")) == Pos(2, 16)
    assert doc.pos(("lignes", 0, "perimetre")) == Pos(2, 22)


def test_project_links_resolve() -> None:
    docs, _ = load_sources(BASE)
    project, _ = build_project(BASE, docs)
    camp = project.campagnes["demo"]
    lv = camp.livrables[0]
    assert project.temps_fort(camp, lv.temps_fort).titre == "Débat"
    assert project.personne(lv.responsable).nom_affiche == "Bob L."
    post = project.posts["annonce"]
    assert project.post_edl(post) is project.edl["demo-edl"]
    kit = project.kits["demo"]
    assert [(s, f, o.id) for s, f, o in project.kit_pieces(kit)] == [("Argumenter", "edl", "demo-edl")]


# One line each that staff really write, with where the error is and what it must say.
_SYNTAX_CASES = [
    ("nom: [Lyon, Brest\nx: 1\n", Pos(1, 6), "n'est pas fermée"),
    ('nom: "Lyon\nx: 1\n', Pos(1, 6), "guillemet ouvert"),
    ("nom: 'Comité de l'Ain'\n", Pos(1, 19), "guillemet fermant"),
    ("a: 1\nb: 2\n c: 3\n", Pos(3, 1), "décalée vers la droite"),
    ("nom: * gras *\n", Pos(1, 6), "« * »"),
    ("nom: @moi\n", Pos(1, 6), "« @ »"),
    ("a: 1\n---\nb: 2\n", Pos(2, 1), "second document"),
    ("a: |x\n  b\n", Pos(1, 5), "« | »"),
]


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "ruamel"])
@pytest.mark.parametrize(("text", "pos", "words"), _SYNTAX_CASES)
def test_syntax_errors_are_explained_in_french(
    text: str, pos: Pos, words: str, libyaml: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from oep_build.load.yaml import parse_yaml_into
    from oep_build.sources import SourceDoc

    if libyaml and not yaml.__with_libyaml__:
        pytest.skip("libyaml not available")
    monkeypatch.setattr(yaml, "__with_libyaml__", libyaml)
    doc = SourceDoc(path="content/comites/x.yml", kind="comite", text=text)
    [d] = parse_yaml_into(doc, text)
    assert (d.line, d.column) == (pos.line, pos.column)
    assert words in d.message
    assert "expected" not in d.message and "found" not in d.message, d.message


def test_a_value_starting_with_bang_is_not_silently_cut() -> None:
    from oep_build.load.yaml import parse_yaml_into
    from oep_build.sources import SourceDoc

    text = "titre: !Urgent réunion ce soir\n"
    doc = SourceDoc(path="content/comites/x.yml", kind="comite", text=text)
    [d] = parse_yaml_into(doc, text)
    assert d.id == "etiquette-yaml" and (d.line, d.column) == (1, 8)
    assert '"!Urgent réunion ce soir"' in d.fix
