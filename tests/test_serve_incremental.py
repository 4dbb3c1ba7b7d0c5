"""oep serve keeps per-object checks and per-campaign pages between saves: the docs folder it
leaves must be exactly the one a fresh generation writes, after any sequence of edits."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_site_support import EPOCH, TODAY, example_copy

from oep_build.engines.config import engine_site_dir
from oep_build.engines.mkdocs_preview import Preview
from oep_build.serve import Regenerator


@pytest.fixture(autouse=True)
def _epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def _docs(root: Path) -> dict[str, bytes]:
    docs = root / "build" / "docs-public-apercu"  # the preview's own docs folder
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def _fresh(root: Path) -> dict[str, bytes]:
    """The docs folder as a new preview (nothing kept from earlier runs) writes it."""
    assert Regenerator(root, "public", TODAY, kits=False, echo=lambda text: None).run()
    return _docs(root)


def _assert_same_as_fresh(regen: Regenerator, root: Path) -> None:
    incremental = _docs(root)
    fresh = _fresh(root)
    assert sorted(incremental) == sorted(fresh)
    differing = [path for path in fresh if fresh[path] != incremental[path]]
    assert differing == []
    assert regen.last is not None


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_incremental_preview_writes_what_a_fresh_generation_writes(tmp_path: Path) -> None:
    root = example_copy(tmp_path / "projet")
    regen = Regenerator(root, "public", TODAY, kits=False, echo=lambda text: None)
    assert regen.run()
    campaign = root / "campaigns" / "loi-duplomb"

    # A campaign's title: its page, the menu, the indexes, the home page, its events' pages.
    _edit(campaign / "campagne.yml", 'titre: "Loi Duplomb', 'titre: "Abrogation de la loi Duplomb')
    assert regen.run()
    assert any(b"Abrogation de la loi Duplomb" in v for k, v in _docs(root).items() if k.startswith("evenements/"))
    _assert_same_as_fresh(regen, root)

    # A new upcoming event: its page, its campaign's page, the agenda and its département's page, the feeds.
    source = (campaign / "evenements" / "soiree-debat-lyon.yml").read_text(encoding="utf-8")
    added = source.replace("2025-10-04", "2026-12-10").replace("deroulement: realise", "deroulement: prevu")
    (campaign / "evenements" / "soiree-debat-bis.yml").write_text(added, encoding="utf-8")
    assert regen.run()
    assert regen.carry.last is not None and regen.carry.last.hits > 0  # other campaigns' pages and checks kept
    assert "evenements/soiree-debat-bis.md" in _docs(root)
    _assert_same_as_fresh(regen, root)

    # A deleted post (and the kit entry that offered it, in kits/).
    (campaign / "posts" / "decision-conseil-constitutionnel.yml").unlink()
    _edit(root / "kits" / "kit-loi-duplomb.yml", "  - ref: posts/decision-conseil-constitutionnel\n    section: Publier sur les réseaux\n", "")
    assert regen.run()
    _assert_same_as_fresh(regen, root)

    # A hand-written page (kept while content/ is unchanged): its page follows.
    _edit(root / "content" / "pages" / "a-propos.md", "titre: À propos d’On Est Prêt", "titre: Qui sommes-nous ?")
    assert regen.run()
    assert "Qui sommes-nous" in _docs(root)["pages/a-propos/index.md"].decode()
    _assert_same_as_fresh(regen, root)

    # A file outside campaigns/ (a committee): every kept result is redone.
    _edit(root / "content" / "comites" / "lyon.yml", "Lyon", "Lyon Métropole")
    assert regen.run()
    _assert_same_as_fresh(regen, root)

    # An article showing another campaign's visuel, then that visuel's text changes: the first
    # campaign's pages and feed read the other folder, so they follow.
    _edit(campaign / "articles" / "500-000-signatures.md", "image: signez-portrait", "image: verifier-inscription-portrait")
    assert regen.run()
    _assert_same_as_fresh(regen, root)
    visuel = root / "campaigns" / "municipales-2026" / "visuels" / "verifier-inscription-portrait.yml"
    _edit(visuel, "alt: \"Affiche jaune.", "alt: \"Affiche jaune vif.")
    assert regen.run()
    assert b"Affiche jaune vif" in _docs(root)["actualites-loi-duplomb.xml"]
    _assert_same_as_fresh(regen, root)

    # A campaign goes internal: its pages, events and feeds leave the public site, and so
    # does its kit (in kits/, whose visibility follows the campaign's file).
    municipales = root / "campaigns" / "municipales-2026" / "campagne.yml"
    _edit(municipales, "visibilite: public", "visibilite: interne")
    assert regen.run()
    assert "campagnes/municipales-2026/index.md" not in _docs(root)
    _assert_same_as_fresh(regen, root)
    _edit(municipales, "visibilite: interne", "visibilite: public")
    assert regen.run()
    _assert_same_as_fresh(regen, root)

    # A broken file: the preview refuses it and keeps the last good pages; fixed, all is right again.
    good = (campaign / "campagne.yml").read_text(encoding="utf-8")
    (campaign / "campagne.yml").write_text(good.replace("titre:", "titre: [", 1), encoding="utf-8")
    assert not regen.run()
    (campaign / "campagne.yml").write_text(good, encoding="utf-8")
    assert regen.run()
    _assert_same_as_fresh(regen, root)


def test_whole_site_indexes_follow_an_edit(tmp_path: Path) -> None:
    root = example_copy(tmp_path / "projet")
    regen = Regenerator(root, "public", TODAY, kits=False, echo=lambda text: None)
    assert regen.run()
    preview = Preview(regen.config, engine_site_dir(regen.config))
    preview.update(regen.take())
    _edit(root / "campaigns" / "loi-duplomb" / "campagne.yml", "titre: \"Loi Duplomb", "titre: \"Motphare Duplomb")
    assert regen.run()
    docs = _docs(root)
    assert b"Motphare Duplomb" in docs["campagnes/index.md"]
    assert b"Motphare Duplomb" in docs["campagnes/loi-duplomb/index.md"]
    assert regen.last is not None
    assert "Motphare Duplomb" in repr(regen.last.nav)  # the menu
    change = regen.take()
    assert {"campagnes/index.md", "campagnes/loi-duplomb/index.md"} <= set(change.written)
    preview.update(change)
    search = json.loads((preview.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert any("Motphare Duplomb" in d["title"] for d in search if d["location"].startswith("campagnes/loi-duplomb/"))


def test_sync_tree_with_memory_reads_only_what_it_did_not_write(tmp_path: Path) -> None:
    from oep_build.output import sync_tree

    target = tmp_path / "docs"
    memo: dict[str, tuple[bytes, int, int]] = {}
    first = sync_tree(target, {"a.md": b"A", "b/c/d.md": b"D"}, written=memo)
    assert sorted(first.written) == ["a.md", "b/c/d.md"] and len(memo) == 2
    # A file changed behind its back (same size, another mtime): it is read, seen different, rewritten.
    st = (target / "a.md").stat()
    (target / "a.md").write_bytes(b"Z")
    os.utime(target / "a.md", ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    second = sync_tree(target, {"a.md": b"A", "b/c/d.md": b"D"}, written=memo)
    assert second.written == ["a.md"] and second.unchanged == 1
    assert (target / "a.md").read_bytes() == b"A"
    # Files nobody produces any more go, and so do the folders they leave empty.
    third = sync_tree(target, {"a.md": b"A"}, written=memo)
    assert third.removed == ["b/c/d.md"]
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == ["a.md"]
    assert list(memo) == [(target / "a.md").as_posix()]
