"""The organisation's own fields (`extra:`, `champs_extra`) and the messages that help adopting oep."""

from __future__ import annotations

import shutil
from pathlib import Path

from oep_build import check_project

FIXTURES = Path(__file__).parent / "fixtures"


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "base", root)
    return root


def _texts(root: Path) -> list[str]:
    return [d.text() for d in check_project(root).report]


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_extra_is_accepted_everywhere_and_kept(tmp_path: Path) -> None:
    root = _project(tmp_path)
    camp = root / "campaigns/demo/campagne.yml"
    text = camp.read_text(encoding="utf-8").replace(
        "    temps_fort: tf-debat\n", "    temps_fort: tf-debat\n    extra: {cout: 12, notes: [a, b]}\n"
    )
    camp.write_text(text + 'extra:\n  code_insee: "69123"\n  auteur: Claire\n', encoding="utf-8")
    _append(root / "content/referentiels/personnes.yml", "  extra: {bureau: Lyon}\n")
    checked = check_project(root)
    assert checked.report.sorted() == []
    c = checked.project.campagnes["demo"]
    assert c.extra == {"code_insee": "69123", "auteur": "Claire"}
    assert c.livrables[0].extra == {"cout": 12, "notes": ["a", "b"]}
    assert checked.project.personnes["bob"].extra == {"bureau": "Lyon"}


def test_extra_must_be_a_mapping(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _append(root / "campaigns/demo/campagne.yml", "extra: oui\n")
    texts = _texts(root)
    assert any("[type-invalide]" in t and "extra" in t for t in texts), texts


def test_unknown_key_suggests_extra_and_only_close_matches(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _append(root / "campaigns/demo/campagne.yml", "reseaux: [bluesky]\ncode_insee: \"69123\"\n")
    texts = _texts(root)
    reseaux = next(t for t in texts if "« reseaux »" in t)
    assert "vouliez-vous dire « canaux » ?" in reseaux  # a synonym, not « resume » or « fuseau »
    insee = next(t for t in texts if "« code_insee »" in t)
    assert "vouliez-vous dire" not in insee
    assert "rangez-le sous « extra: »" in insee


def test_declared_extra_fields_are_checked(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _append(
        root / "content/site.yml",
        "champs_extra:\n"
        "  budget: {type: entier, objets: [campagne]}\n"
        "  cout: {type: nombre, objets: [livrables]}\n"
        "  fiabilite: {type: choix, valeurs: [haute, basse], objets: [suivi]}\n"
        "  referent: {type: texte, objets: [comite], requis: true}\n"
        "  oups: {objets: [comites]}\n",
    )
    _append(root / "campaigns/demo/campagne.yml", "extra: {budget: beaucoup, budjet: 3}\n")
    lyon = root / "content/comites/lyon.yml"
    assert "extra" not in lyon.read_text(encoding="utf-8")
    texts = _texts(root)
    joined = "\n".join(texts)
    assert "[champ-extra-invalide] extra.budget : « beaucoup » n'est pas un nombre entier" in joined
    assert "[champ-extra-non-declare] champ extra « budjet »" in joined and "« budget »" in joined
    assert "[champ-extra-manquant] le champ extra « referent » est requis pour comite" in joined
    assert "[champ-extra-objet-inconnu] champs_extra.oups : type d'objet « comites » inconnu" in joined
    assert "vouliez-vous dire « comite » ?" in joined


def test_unknown_csv_column_reported_once_and_extra_columns_kept(tmp_path: Path) -> None:
    root = _project(tmp_path)
    suivi = root / "campaigns/demo/suivi"
    suivi.mkdir(parents=True)
    rows = "".join(f"2026-01-1{i},signatures_petition,{100 + i},national,site,,haute,x\n" for i in range(5))
    (suivi / "indicateurs.csv").write_text(
        "date,indicateur,valeur,perimetre,source,note,extra.fiabilite,commentaire\n" + rows, encoding="utf-8"
    )
    checked = check_project(root)
    diags = [d for d in checked.report if d.file.endswith("indicateurs.csv")]
    assert len(diags) == 1, [d.text() for d in diags]
    header = "date,indicateur,valeur,perimetre,source,note,extra.fiabilite,commentaire"
    assert diags[0].line == 1 and diags[0].column == header.index("commentaire") + 1
    assert "colonne inconnue « commentaire » (5 lignes)" in diags[0].message
    assert "extra.commentaire" in diags[0].fix
    rows_ = checked.project.indicateurs_series["demo"]
    assert rows_[0].extra == {"fiabilite": "haute"}


def test_bare_kit_reference_names_the_folder(tmp_path: Path) -> None:
    root = _project(tmp_path)
    kit = root / "kits/demo.yml"
    kit.write_text(kit.read_text(encoding="utf-8").replace("ref: edl/demo-edl", "ref: demo-edl"), encoding="utf-8")
    d = next(d for d in check_project(root).report if d.id == "reference-mal-formee")
    assert d.fix == "écrivez « edl/demo-edl »"
    assert d.edit is not None and d.edit.text == "edl/demo-edl"


def test_referentiel_present_but_invalid_is_not_called_absent(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "content/referentiels/personnes.yml").unlink()
    # the file exists under the other extension, but its entries have no valid id
    (root / "content/referentiels/personnes.yaml").write_text(
        "- nom_affiche: Alice M.\n- nom_affiche: Bob L.\n", encoding="utf-8"
    )
    texts = _texts(root)
    msg = next(t for t in texts if "le référentiel personnes" in t)
    assert "(content/referentiels/personnes.yaml) n'a aucune entrée valide" in msg
    assert "git restore" not in msg and "corrigez d'abord les erreurs signalées" in msg


def test_referentiel_three_forms_load(tmp_path: Path) -> None:
    """DESIGN §4.1: a list with id, a mapping keyed by id, or a folder with one file per object."""
    root = _project(tmp_path)
    ref = root / "content/referentiels"
    (ref / "personnes.yml").write_text("- id: alice\n  nom_affiche: Alice M.\n", encoding="utf-8")
    (ref / "publics.yml").write_text("grand-public: {libelle: Grand public}\n", encoding="utf-8")
    (ref / "personnes").mkdir()
    (ref / "personnes/bob.yml").write_text("nom_affiche: Bob L.\nextra: {bureau: Paris}\n", encoding="utf-8")
    checked = check_project(root)
    assert checked.report.sorted() == []
    assert set(checked.project.personnes) == {"alice", "bob"}
    assert checked.project.personnes["bob"].extra == {"bureau": "Paris"}
    assert set(checked.project.publics) == {"grand-public"}
