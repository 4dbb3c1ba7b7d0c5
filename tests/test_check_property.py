"""Whatever bytes a content file holds, `oep check` answers with diagnostics, never an exception."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from oep_build import Level, check_project

BASE = Path(__file__).parent / "fixtures" / "base"
TARGETS = [
    "content/site.yml",
    "content/referentiels/personnes.yml",
    "content/referentiels/canaux.yml",
    "content/comites/lyon.yml",
    "campaigns/demo/campagne.yml",
    "campaigns/demo/edl/demo-edl.md",
    "campaigns/demo/posts/annonce.yml",
    "campaigns/demo/suivi/indicateurs.csv",
    "kits/demo.yml",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["titre", "statut", "publie", "#tag", "01", "1.10", "a: b", "- x", "{", "[", "&a", "*a"]),
)
keys = st.one_of(
    st.sampled_from(
        ["titre", "statut", "debut", "fin", "pilote", "livrables", "temps_forts", "id", "sommaire",
         "ref", "declinaisons", "organisation", "niveaux", "visibilite", "echeance", "depend_de"]
    ),
    st.text(min_size=1, max_size=12),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)),
    max_leaves=20,
)


def _dump(data: object) -> str:
    import io

    y = YAML()
    buf = io.StringIO()
    y.dump(data, buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def project_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("prop") / "p"
    shutil.copytree(BASE, root)
    return root


def _run(root: Path, target: str, payload: bytes) -> None:
    path = root / target
    original = (BASE / target).read_bytes() if (BASE / target).exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)
    try:
        report = check_project(root).report
        for d in report:
            assert d.file and d.line >= 1 and d.column >= 1, d
            assert d.level in (Level.ERREUR, Level.AVERTISSEMENT, Level.INFO)
            assert d.message
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(target=st.sampled_from(TARGETS), payload=st.binary(max_size=300))
def test_arbitrary_bytes(project_dir: Path, target: str, payload: bytes) -> None:
    _run(project_dir, target, payload)


@SETTINGS
@given(target=st.sampled_from(TARGETS), data=documents, front=st.booleans())
def test_arbitrary_yaml_structures(project_dir: Path, target: str, data: object, front: bool) -> None:
    text = _dump(data)
    if target.endswith(".md") and front:
        text = f"---\n{text}---\ncorps\n"
    _run(project_dir, target, text.encode("utf-8"))


@SETTINGS
@given(target=st.sampled_from(TARGETS), text=st.text(alphabet=st.sampled_from(list(" \t\n:-#[]{}'\"&*!|>%@`,?abc01é")), max_size=120))
def test_yaml_punctuation_soup(project_dir: Path, target: str, text: str) -> None:
    _run(project_dir, target, text.encode("utf-8"))
