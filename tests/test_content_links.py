"""A symbolic link committed among the content is refused, never followed.

Found in an acceptance run: ``posts/dehors.yml`` as a link to a file outside the
project was read, passed ``oep check`` and its text was published (page, search
index, PDF); a link to a plain text file had its content quoted in a diagnostic.
Content comes from committees and partners: no file of theirs may reach outside
the project.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_site_support import TODAY, example_copy

from oep_build.build import build
from oep_build.load import read_bytes
from oep_build.pipeline import check_project

SECRET = "SECRET-HORS-PROJET"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return example_copy(tmp_path / "projet")


def _outside_post(tmp_path: Path, root: Path) -> Path:
    """A valid post written outside the project (the example's own, with a secret title)."""
    post = next((root / "campaigns").glob("*/posts/*.yml"))
    outside = tmp_path / "dehors.yml"
    text = post.read_text(encoding="utf-8")
    outside.write_text(text.replace("titre: ", f"titre: {SECRET} ", 1), encoding="utf-8")
    return outside


def _link_diags(root: Path) -> list[tuple[str, str, int, int]]:
    report = check_project(root, TODAY).report
    return [(d.id, d.file, d.line, d.column) for d in report if d.id == "lien-refuse"]


def test_a_linked_content_file_is_refused_and_never_read(tmp_path: Path, root: Path) -> None:
    posts = next((root / "campaigns").glob("*/posts"))
    (posts / "dehors.yml").symlink_to(_outside_post(tmp_path, root))
    (tmp_path / "jeton.txt").write_text("JETON=abc123\n", encoding="utf-8")
    (posts / "jeton.yml").symlink_to(tmp_path / "jeton.txt")
    report = check_project(root, TODAY).report
    rel = posts.relative_to(root).as_posix()
    refused = sorted((d.file, d.line, d.column) for d in report if d.id == "lien-refuse")
    assert refused == [(f"{rel}/dehors.yml", 1, 1), (f"{rel}/jeton.yml", 1, 1)]
    said = "\n".join(d.text() for d in report)
    assert "JETON" not in said and SECRET not in said  # nothing of the targets is quoted
    result = build(root, today=TODAY, kits=False)
    assert not result.ok  # an error: the build stops, nothing is published


def test_linked_folders_are_refused_not_walked(tmp_path: Path, root: Path) -> None:
    elsewhere = tmp_path / "ailleurs"
    (elsewhere / "posts").mkdir(parents=True)
    _outside_post(tmp_path, root).rename(elsewhere / "posts" / "dehors.yml")
    campaign = next((root / "campaigns").iterdir())
    (campaign / "lies").symlink_to(elsewhere / "posts", target_is_directory=True)
    (root / "kits-ailleurs").mkdir()
    kits = root / "kits"
    kits.rename(root / "kits-ailleurs" / "kits")
    kits.symlink_to(root / "kits-ailleurs" / "kits", target_is_directory=True)
    found = _link_diags(root)
    assert ("lien-refuse", f"campaigns/{campaign.name}/lies", 1, 1) in found
    assert ("lien-refuse", "kits", 1, 1) in found
    assert len(found) == 2  # nothing under either link is listed


def test_reading_never_follows_a_link_made_after_the_listing(tmp_path: Path) -> None:
    target = tmp_path / "cible.yml"
    target.write_text("titre: x\n", encoding="utf-8")
    link = tmp_path / "lien.yml"
    link.symlink_to(target)
    with pytest.raises(OSError):
        read_bytes(link)
    assert read_bytes(target) == b"titre: x\n"


@pytest.mark.parametrize("top", ["content", "campaigns"])
def test_a_linked_top_folder_is_refused_not_a_crash(tmp_path: Path, root: Path, top: str) -> None:
    (root / top).rename(tmp_path / f"{top}-ailleurs")
    (root / top).symlink_to(tmp_path / f"{top}-ailleurs", target_is_directory=True)
    assert ("lien-refuse", top, 1, 1) in _link_diags(root)


def test_a_link_to_an_image_in_a_campaign_folder_is_refused(tmp_path: Path, root: Path) -> None:
    visuels = next((root / "campaigns").glob("*/visuels"))
    (visuels / "lien.png").symlink_to(next(visuels.glob("*.png")))
    assert ("lien-refuse", f"{visuels.relative_to(root).as_posix()}/lien.png", 1, 1) in _link_diags(root)
