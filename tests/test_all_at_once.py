"""One run of ``oep check`` says every problem of a file, not one per round of fixes.

A file with one invalid value becomes a stand-in (its invalid values replaced by
neutral ones): until now only the reference checks read it, so a post with
``sponsorise: peut-etre`` hid its ``{inconnu}``, a campaign with a hashtag without
« # » hid its misplaced temps fort. Now a check whose fields the stand-in did not
touch judges it too; a check that reads a touched field does not (the neutral
value would make it say something false).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_site_support import example_copy

from oep_build.model import salvage
from oep_build.model.campaign import Campagne
from oep_build.pipeline import check_project

TODAY = dt.date(2026, 2, 1)
POST = "campaigns/loi-duplomb/posts/debat-11-fevrier.yml"
CAMPAIGN = "campaigns/loi-duplomb/campagne.yml"
KIT = "kits/kit-loi-duplomb.yml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return example_copy(tmp_path / "projet")


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _ids(root: Path, rel: str) -> list[str]:
    return sorted(d.id for d in check_project(root, TODAY).report if d.file == rel)


def test_a_post_with_a_bad_boolean_still_has_its_texts_checked(root: Path) -> None:
    _edit(root, POST, "\nlien: ", "\nsponsorise: peut-etre\nlien: ")
    _edit(root, POST, "Suivez le\n", "Suivez le {inconnu}\n")
    assert _ids(root, POST) == ["espace-reserve-inconnu", "type-invalide"]


@pytest.mark.parametrize(
    ("old", "new"),
    [("  - debat-11-fevrier-og", "  - Mauvais Id"), ("  instagram: >-", '  instagram: ""\n  autre: >-')],
)
def test_a_bad_visuel_id_or_one_empty_text_hides_nothing_of_the_other_texts(root: Path, old: str, new: str) -> None:
    _edit(root, POST, old, new)
    _edit(root, POST, "Suivez le\n", "Suivez le {inconnu}\n")
    ids = _ids(root, POST)
    assert "espace-reserve-inconnu" in ids and len(ids) >= 2, ids


def test_a_campaign_with_a_bad_hashtag_still_has_its_calendar_checked(root: Path) -> None:
    _edit(root, CAMPAIGN, '  - "#StopDuplomb"', '  - "Stop Duplomb"')
    _edit(root, CAMPAIGN, "    date: 2025-07-10", "    date: 2025-06-01")
    ids = _ids(root, CAMPAIGN)
    assert "hashtag-invalide" in ids and "temps-fort-hors-campagne" in ids


def test_a_campaign_with_a_bad_hashtag_still_has_its_deliverables_checked(root: Path) -> None:
    _edit(root, CAMPAIGN, '  - "#StopDuplomb"', '  - "Stop Duplomb"')
    _edit(root, CAMPAIGN, "    valide_par: nadia-k\n    valide_le: 2025-07-14\n    produit: edl/pourquoi-abroger", "    produit: edl/pourquoi-abroger")
    ids = _ids(root, CAMPAIGN)
    assert "hashtag-invalide" in ids and "livrable-validation-incomplete" in ids, ids


def test_a_bad_front_matter_value_hides_nothing_of_the_body(root: Path) -> None:
    page = "content/pages/agir.md"
    text = (root / page).read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    head = head.replace("\nordre:", "\nmenu_public: peut-etre\nordre:", 1)
    body += "\n![Une carte](carte-absente.png)\n\n[Signer](javascript:alert(1))\n\n<script>alert(1)</script>\n"
    (root / page).write_text(head + sep + body, encoding="utf-8")
    ids = _ids(root, page)
    assert {"type-invalide", "image-introuvable", "url-interdite", "html-retire"} <= set(ids), ids


def test_an_event_with_a_bad_value_still_has_its_home_address_kept_private(root: Path) -> None:
    event = "campaigns/loi-duplomb/evenements/soiree-debat-lyon.yml"
    _edit(root, event, "  adresse_visibilite: sur_inscription\n", "  adresse: 12 rue des Lilas\n  chez_habitant: true\n")
    _edit(root, event, "approbation: approuve", "approbation: ok")
    ids = _ids(root, event)
    assert "valeur-inconnue" in ids and "adresse-chez-habitant-publique" in ids, ids


def test_one_bad_temps_fort_hides_nothing_of_the_others(root: Path) -> None:
    _edit(root, CAMPAIGN, "    date: 2025-07-10", "    date: 2025-06-01")  # temps_forts[0]: before the campaign
    _edit(root, CAMPAIGN, "    date: 2025-07-19", "    date: 2025-07-32")  # temps_forts[1]: no such day
    found = [d for d in check_project(root, TODAY).report if d.file == CAMPAIGN]
    outside = [d.path for d in found if d.id == "temps-fort-hors-campagne"]
    assert outside == ["temps_forts[0].date"]  # and none for [1], whose neutral date is not what was written
    assert "date-invalide" in {d.id for d in found}


def test_one_bad_deliverable_hides_nothing_of_the_others(root: Path) -> None:
    _edit(root, CAMPAIGN, "    valide_par: nadia-k\n    valide_le: 2025-07-14\n    produit: edl/pourquoi-abroger", "    produit: edl/pourquoi-abroger")
    _edit(root, CAMPAIGN, "    type: guide\n", "    type: guide\n    statut_typo: oui\n")  # livrables[1]: an unknown key
    found = [d for d in check_project(root, TODAY).report if d.file == CAMPAIGN]
    assert ("livrable-validation-incomplete", "livrables[0].statut") in {(d.id, d.path) for d in found}
    assert "cle-inconnue" in {d.id for d in found}


def test_a_check_reading_a_neutralised_field_stays_silent(root: Path) -> None:
    # fin is invalid: its neutral stand-in (2000-01-01) would put every temps fort outside
    # the campaign. The period checks read fin: they do not judge this stand-in.
    _edit(root, CAMPAIGN, "fin: 2026-02-28", "fin: 2026-02-31")
    ids = _ids(root, CAMPAIGN)
    assert "date-invalide" in ids
    assert "temps-fort-hors-campagne" not in ids and "periode-inversee" not in ids


def _without_sommaire(root: Path) -> str:
    """The example kit's text with its sommaire (the key and its entries) taken out."""
    text = (root / KIT).read_text(encoding="utf-8")
    head, _, rest = text.partition("sommaire:\n")
    _, _, tail = rest.partition("declinaisons_locales:\n")
    assert head and tail
    return head + "declinaisons_locales:\n" + tail


def test_an_empty_sommaire_hides_no_other_kit_problem(root: Path) -> None:
    text = _without_sommaire(root).replace("supports: [livret, tract]", "supports: []\nsommaire: []")
    (root / KIT).write_text(text, encoding="utf-8")
    # No support: nothing to print, said once (an empty booklet that is not printed is no problem).
    assert _ids(root, KIT) == ["kit-sans-support"]


def test_a_booklet_needs_pieces_a_tract_does_not(root: Path) -> None:
    without = _without_sommaire(root)
    (root / KIT).write_text(without, encoding="utf-8")  # no sommaire at all: it was accepted silently
    assert _ids(root, KIT) == ["kit-sommaire-vide"]
    (root / KIT).write_text(without.replace("supports: [livret, tract]", "supports: [tract]"), encoding="utf-8")
    assert _ids(root, KIT) == []


def test_salvage_says_what_it_touched_and_drops_items_no_neutral_value_passes() -> None:
    data = {
        "id": "c",
        "titre": "Campagne",
        "resume": "Une campagne.",
        "debut": "2026-01-01",
        "fin": "2026-03-01",
        "pilote": "x",
        "hashtags": ["#Bon", "Sans dièse", "#Autre"],
    }
    standin, touched = salvage(Campagne, data)
    assert standin is not None, touched
    assert ("hashtags",) in touched  # an item dropped: the items after it moved, the whole list is touched
    assert {t[0] for t in touched} == {"hashtags"}
    assert standin.hashtags == ["#Bon", "#Autre"]
    assert data["hashtags"] == ["#Bon", "Sans dièse", "#Autre"]  # the content is not changed


def test_a_bad_key_of_a_table_is_named_in_french_and_hides_no_other_text(root: Path) -> None:
    _edit(root, POST, "\n  mastodon: >-", "\n  Mastodon: >-")
    _edit(root, POST, "Suivez le\n", "Suivez le {inconnu}\n")
    report = check_project(root, TODAY).report
    found = [d for d in report if d.file == POST and d.id == "identifiant-invalide"]
    assert [d.message.split(" :")[0] for d in found] == ["clé de declinaisons"]
    assert "[key]" not in found[0].message
    assert "espace-reserve-inconnu" in {d.id for d in report if d.file == POST}


def test_a_public_booklet_with_no_public_piece_is_refused(root: Path) -> None:
    # Its public PDF would be a cover and an empty « Sommaire ».
    edl = root / "campaigns/loi-duplomb/edl/pourquoi-abroger.md"
    edl.write_text(edl.read_text(encoding="utf-8").replace("visibilite: public", "visibilite: interne", 1), encoding="utf-8")
    kit = "kits/kit-interne-seulement.yml"
    (root / kit).write_text(
        "titre: Kit court\ncampagne: loi-duplomb\nversion: \"1.0\"\ndate_version: 2026-01-10\n"
        "statut: publie\nvisibilite: public\nvalide_par: nadia-k\nvalide_le: 2026-01-10\n"
        "sommaire:\n  - ref: edl/pourquoi-abroger\n",
        encoding="utf-8",
    )
    assert "kit-sommaire-vide" in _ids(root, kit)
    (root / kit).write_text((root / kit).read_text(encoding="utf-8") + "supports: [tract]\n", encoding="utf-8")
    assert "kit-sommaire-vide" not in _ids(root, kit)


def test_an_empty_key_is_said_without_an_odd_fix(root: Path) -> None:
    _edit(root, POST, "\nlien: ", '\n"": 1\nlien: ')
    found = [d for d in check_project(root, TODAY).report if d.file == POST and d.id == "cle-inconnue"]
    assert [d.message for d in found] == ["clé vide : une valeur sans nom de champ"]
    assert "{:" not in found[0].fix and "extra" not in found[0].fix


def test_a_misspelt_key_does_not_let_checks_judge_the_default_of_the_field_it_meant(root: Path) -> None:
    # « lein: » is « lien: » misspelt: the post has no lien for the stand-in, but it has one in truth.
    _edit(root, POST, "\nlien: ", "\nlein: ")
    ids = _ids(root, POST)
    assert "cle-inconnue" in ids and "lien-vide" not in ids, ids


def test_two_invalid_ids_are_not_the_same_id(root: Path) -> None:
    _edit(root, CAMPAIGN, "  - id: depot-petition", "  - id: Depot Petition")
    _edit(root, CAMPAIGN, "  - id: week-end-local", "  - id: Week End")
    ids = _ids(root, CAMPAIGN)
    assert ids.count("identifiant-invalide") == 2 and "id-duplique" not in ids, ids


def test_an_empty_kit_reference_is_not_reported_as_its_neutral_value(root: Path) -> None:
    _edit(root, KIT, "  - ref: edl/pourquoi-abroger", '  - ref: ""')
    found = [d for d in check_project(root, TODAY).report if d.file == KIT]
    assert not any("oep-valeur-invalide" in d.message for d in found), [d.text() for d in found]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('  departement: "69"', "  departement: 69"),  # a number: no neutral text is a département
        ('  code_postal: "69003"', "  code_postal: 69003"),  # another field of the place
    ],
)
def test_a_bad_value_of_the_place_still_keeps_a_home_address_private(root: Path, old: str, new: str) -> None:
    event = "campaigns/loi-duplomb/evenements/soiree-debat-lyon.yml"
    _edit(root, event, "  adresse_visibilite: sur_inscription\n", "  adresse: 12 rue des Lilas\n  chez_habitant: true\n")
    _edit(root, event, old, new)
    assert "adresse-chez-habitant-publique" in _ids(root, event)


def test_a_temps_fort_written_as_a_word_is_dropped_from_the_stand_in(root: Path) -> None:
    # No neutral value is a temps fort: the item goes, the campaign's other problems are still said.
    _edit(root, CAMPAIGN, "temps_forts:\n", "temps_forts:\n  - un-mot\n")
    _edit(root, CAMPAIGN, '  - "#StopDuplomb"', '  - "Stop Duplomb"')
    ids = _ids(root, CAMPAIGN)
    assert "hashtag-invalide" in ids and "type-invalide" in ids, ids


def test_personal_data_is_found_in_a_file_with_another_invalid_value(root: Path) -> None:
    edl = "campaigns/loi-duplomb/edl/pourquoi-abroger.md"
    _edit(root, edl, "mis_a_jour_le: 2025-08-11", "mis_a_jour_le: hier")
    text = (root / edl).read_text(encoding="utf-8")
    (root / edl).write_text(text + "\nAppelez Marc au 06 12 34 56 78.\n", encoding="utf-8")
    ids = _ids(root, edl)
    assert "date-invalide" in ids and "telephone-public" in ids, ids


def test_a_committee_with_a_bad_value_still_vouches_for_its_public_contact(root: Path) -> None:
    comite = "content/comites/ajaccio.yml"
    _edit(root, comite, "  type: email\n  valeur: ajaccio@onestpret.example.org", "  type: telephone\n  valeur: 04 95 00 00 00")
    event = "campaigns/loi-duplomb/evenements/reunion-ajaccio-avant-debat.yml"
    _edit(root, event, "\ntitre:", "\naccessibilite: Renseignements au 04 95 00 00 00.\ntitre:")
    _edit(root, comite, "  valeur: 04 95 00 00 00", "  valeur: 04 95 11 11 11")
    assert "telephone-public" in _ids(root, event)  # a number nobody made public
    _edit(root, comite, "  valeur: 04 95 11 11 11", "  valeur: 04 95 00 00 00")
    assert "telephone-public" not in _ids(root, event)  # the committee's own number, made public by it
    _edit(root, comite, 'departement: "2A"', "departement: [2A]")
    assert "telephone-public" not in _ids(root, event)


def test_an_article_and_an_argumentaire_with_a_bad_value_still_have_their_sources_checked(root: Path) -> None:
    article = "content/articles/un-an-de-mobilisation.md"
    _edit(root, article, "auteur: nadia-k", "auteur: Nadia K")
    _edit(root, article, "sources:\n  - petition-an-loi-duplomb\n", "")
    _edit(root, article, "  Une pétition débattue", "  500 000 signatures, une pétition débattue")
    ids = _ids(root, article)
    assert "identifiant-invalide" in ids and "article-chiffre-sans-source" in ids, ids
    argu = "campaigns/loi-duplomb/argumentaires/loi-duplomb-les-faits.md"
    _edit(root, argu, "    sources:\n      - cc-2025-891-dc\n  - id: acetamipride", "  - id: acetamipride")
    _edit(root, argu, "  - id: acetamipride", "  - id: Acetamipride")
    found = {(d.id, d.path) for d in check_project(root, TODAY).report if d.file == argu}
    assert ("affirmation-sans-source", "affirmations[0].texte") in found, found
    assert "identifiant-invalide" in {i for i, _ in found}
