"""What oep reads back as its own earlier work never comes from the project (a contributor's files)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import jinja2.bccache
import pytest
from test_site_support import TODAY, example_copy

from oep_build.build import build
from oep_build.caches import project_cache
from oep_build.engines.zensical_engine import own_cache
from oep_build.render.kits.cache import KitCache


class _Payload:
    """Unpickling it creates ``marker``: the sign that a build ran code from a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (self.marker, "w"))


def test_project_cache_is_outside_the_project_private_and_one_per_project(tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "projet", tmp_path / "b" / "projet"
    first, second = project_cache(a, "gabarits"), project_cache(b, "gabarits")
    assert first is not None and second is not None and first != second  # same name, other place
    assert first.parent.name.startswith("projet-") and project_cache(a, "gabarits") == first
    assert a not in first.parents and tmp_path not in first.parents
    assert first.parent.stat().st_mode & 0o077 == 0
    # A folder anyone can write (made first by someone else in a shared place): not used.
    first.chmod(0o777)
    assert project_cache(a, "gabarits") is None


def test_a_template_cache_committed_in_the_project_is_never_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = example_copy(tmp_path / "projet")
    assert build(root, today=TODAY, kits=False).ok
    ours = project_cache(root, "gabarits")
    assert ours is not None
    names = sorted(p.name for p in ours.glob("*.cache"))
    assert len(names) > 5
    # A pull request adds (git add -f) compiled templates under the names a build would look for,
    # whose loading runs code; the user's cache starts empty (a new CI machine).
    marker = tmp_path / "code-execute"
    planted = root / ".cache" / "gabarits"
    planted.mkdir(parents=True)
    for name in names:
        (planted / name).write_bytes(jinja2.bccache.bc_magic + pickle.dumps(_Payload(marker)))
    monkeypatch.setenv("OEP_CACHE", str(tmp_path / "machine-neuve"))
    assert build(root, today=TODAY, kits=False).ok
    assert not marker.exists()
    # The way it was (the cache in the project) would have run it: the payload is live.
    pickle.loads(pickle.dumps(_Payload(marker)))
    assert marker.exists()


def test_kit_pdfs_committed_in_the_project_are_never_published(tmp_path: Path) -> None:
    planted = tmp_path / ".cache" / "kits"
    planted.mkdir(parents=True)
    (planted / "manifest.json").write_text(
        '{"format": 2, "kits": {"public:kits/kit-a": {"cle": "k1", "pages": 1, "taille": 8}}}', encoding="utf-8"
    )
    (planted / "k1.pdf").write_bytes(b"%PDF-faux")
    cache = KitCache(tmp_path)
    assert cache.entries == {} and cache.get("k1") is None
    assert cache.dir is not None and tmp_path not in cache.dir.parents


@pytest.mark.parametrize("planted", ["folder", "file", "link"])
def test_zensical_cache_beside_the_config_is_our_link_whatever_stood_there(tmp_path: Path, planted: str) -> None:
    config = tmp_path / "build" / "zensical-public.yml"
    config.parent.mkdir()
    here = config.parent / ".cache"
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    (elsewhere / "123").write_text('{"data": "<script>alert(1)</script>"}', encoding="utf-8")
    if planted == "folder":  # pages « rendered » by a contributor
        here.mkdir()
        (here / "123").write_text('{"data": "<script>alert(1)</script>"}', encoding="utf-8")
    elif planted == "file":
        here.write_text("x", encoding="utf-8")
    else:
        here.symlink_to(elsewhere, target_is_directory=True)
    own_cache(config)
    target = project_cache(config.parent, "zensical")
    assert target is not None and here.is_symlink() and os.readlink(here) == str(target)
    assert not (target / "123").exists()
    assert (elsewhere / "123").is_file()  # a link is removed, never what it points to
    (target / "456").write_text("gardé", encoding="utf-8")
    own_cache(config)  # already ours: kept as it is
    assert (here / "456").read_text(encoding="utf-8") == "gardé"


def test_a_changed_pdf_in_the_kit_cache_is_not_published(tmp_path: Path) -> None:
    cache = KitCache(tmp_path)
    cache.put("public:kits/kit-a", "k1", b"%PDF-vrai", 2)
    cache.save()
    assert cache.dir is not None
    (cache.dir / "k1.pdf").write_bytes(b"%PDF-faux")  # same size, other bytes
    assert KitCache(tmp_path).get("k1") is None


def test_links_committed_in_build_are_never_followed(tmp_path: Path) -> None:
    """build/ is in the project: a pull request can commit links there. None is written through,
    pruned through or published."""
    root = example_copy(tmp_path / "projet")
    victim = tmp_path / "victime"
    (victim / "photos").mkdir(parents=True)
    (victim / "photos" / "vacances.jpg").write_bytes(b"jpg")
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "id_rsa").write_text("CLE PRIVEE", encoding="utf-8")
    (victim / "config.yml").write_text("gardé", encoding="utf-8")
    build_dir = root / "build"
    build_dir.mkdir()
    (build_dir / "docs-public").symlink_to(victim, target_is_directory=True)
    (build_dir / "mkdocs-public.yml").symlink_to(victim / "config.yml")
    assert build(root, today=TODAY, kits=False).ok
    assert (victim / "photos" / "vacances.jpg").read_bytes() == b"jpg"  # not pruned through the link
    assert (victim / "config.yml").read_text(encoding="utf-8") == "gardé"  # not written through the link
    assert not (build_dir / "docs-public").is_symlink() and not (build_dir / "mkdocs-public.yml").is_symlink()
    # A link inside the docs folder (to a folder or a file) is removed, not published.
    (build_dir / "docs-public" / "fuite").symlink_to(secret, target_is_directory=True)
    (build_dir / "docs-public" / "cle.txt").symlink_to(secret / "id_rsa")
    assert build(root, today=TODAY, kits=False).ok
    published = [p for p in (root / "site").rglob("*") if p.is_file()]
    assert not any("CLE PRIVEE" in p.read_text(encoding="utf-8", errors="ignore") for p in published)
    assert (secret / "id_rsa").is_file()


def test_a_cache_folder_others_can_write_or_rename_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "partage"
    shared.mkdir()
    shared.chmod(0o777)  # writable by all, not sticky: anyone could swap what is inside
    monkeypatch.setenv("OEP_CACHE", str(shared / "caches"))
    assert project_cache(tmp_path / "projet", "gabarits") is None
    shared.chmod(0o1777)  # sticky, like /tmp: only the owner renames its folders
    assert project_cache(tmp_path / "projet", "gabarits") is not None
    (shared / "caches").chmod(0o777)  # the base itself writable by others
    assert project_cache(tmp_path / "projet", "gabarits") is None
