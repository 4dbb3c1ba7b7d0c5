"""Relative links between docs files: the same answers as ``posixpath.relpath``."""

from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from oep_build.render.site.common import link, relative

PARTS = ["campagnes", "loi-duplomb", "index.md", "kit.md", ".", "..", "", "a", "ab"]
paths = st.lists(st.sampled_from(PARTS), max_size=5).map("/".join).filter(lambda p: not p.startswith("/"))


@settings(max_examples=2000, deadline=None)
@given(paths, paths)
def test_relative_is_relpath(target: str, start: str) -> None:
    assert relative(target, start) == posixpath.relpath(target or ".", start or ".")


def test_links_between_pages() -> None:
    assert link("campagnes/loi-duplomb/index.md", "agenda/index.md") == "../../agenda/index.md"
    assert link("index.md", "campagnes/loi-duplomb/kit.md") == "campagnes/loi-duplomb/kit.md"
    assert link("campagnes/loi-duplomb/index.md", "campagnes/loi-duplomb/kit.md") == "kit.md"
    assert link("campagnes/a/index.md", "campagnes/") == ".."
