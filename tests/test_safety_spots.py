"""Exact spots of a match inside a YAML value, whatever the scalar style."""

from __future__ import annotations

import pytest

from oep_build.spots import value_spot
from oep_build.load.yaml import parse_yaml_into
from oep_build.model import attach_origins
from oep_build.model.content import Post
from oep_build.sources import SourceDoc

YAML = '''\
titre: Post
declinaisons:
  plain: Appelez le 06 12 34 56 78 puis le 06 12 34 56 78
  double: "Entre « guillemets » : 06 12 34 56 78"
  single: 'L''appel : 06 12 34 56 78'
  literal: |
    Première ligne.
      Deuxième, indentée : 06 12 34 56 78
  folded: >-
    Une phrase pliée
    sur deux lignes : 06 12 34 56 78
'''


@pytest.fixture(scope="module")
def post() -> Post:
    doc = SourceDoc(path="p.yml", kind="post", text=YAML)
    assert parse_yaml_into(doc, YAML) == []
    obj = Post.model_validate(doc.data)
    attach_origins(obj, doc, ())
    return obj


def _expected(needle_line: str, occurrence: int = 0) -> tuple[int, int]:
    lines = YAML.splitlines()
    for i, line in enumerate(lines, start=1):
        if needle_line in line:
            col = -1
            for _ in range(occurrence + 1):
                col = line.index("06 12", col + 1)
            return i, col + 1
    raise AssertionError(needle_line)


@pytest.mark.parametrize(
    ("canal", "line_marker", "occurrence"),
    [
        ("plain", "plain:", 0),
        ("plain", "plain:", 1),
        ("double", "double:", 0),
        ("single", "single:", 0),
        ("literal", "Deuxième", 0),
        ("folded", "sur deux lignes", 0),
    ],
)
def test_value_spot(post: Post, canal: str, line_marker: str, occurrence: int) -> None:
    text = post.declinaisons[canal]
    offset = -1
    for _ in range(occurrence + 1):
        offset = text.index("06 12", offset + 1)
    spot = value_spot(post, ("declinaisons", canal), text, offset, len("06 12 34 56 78"))
    assert spot is not None
    assert (spot.line, spot.column) == _expected(line_marker, occurrence)
