"""The static table of French subdivisions names départements exactly as pycountry did."""

from __future__ import annotations

import re

import pytest

from oep_build.departements import SUBDIVISIONS, subdivision_name
from oep_build.render.site.common import departement_nom


def pycountry_departement_nom(code: str) -> str:
    """The former ``departement_nom``, reading the ISO 3166-2 database of pycountry."""
    import pycountry

    for iso in (f"FR-{code}", f"FR-{code}C", f"FR-{code}M"):
        sub = pycountry.subdivisions.get(code=iso)
        if sub is not None:
            name = re.sub(r"\s*\(française\)", "", sub.name)
            return f"{name} ({code})"
    return code


def codes_to_try() -> list[str]:
    codes = set(SUBDIVISIONS)
    codes |= {c.lower() for c in SUBDIVISIONS}
    codes |= {c[:-1] for c in SUBDIVISIONS if c[-1] in "CM"}  # 75 -> FR-75C, 69 stays FR-69
    codes |= {f"{n:02d}" for n in range(100)} | {str(n) for n in range(970, 990)}
    codes |= {"", " 69", "69 ", "2a", "2b", "20", "6A", "6ae", "75c", "69m", "fr-69", "FR", "XX", "Σ", "K"}
    return sorted(codes)


def test_table_is_pycountry_france() -> None:
    pycountry = pytest.importorskip("pycountry")
    expected = {
        sub.code.removeprefix("FR-"): re.sub(r"\s*\(française\)", "", sub.name)
        for sub in pycountry.subdivisions.get(country_code="FR")
    }
    assert SUBDIVISIONS == expected


def test_same_names_as_pycountry() -> None:
    pytest.importorskip("pycountry")
    differ = [(c, departement_nom(c), pycountry_departement_nom(c)) for c in codes_to_try()]
    assert [d for d in differ if d[1] != d[2]] == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("69", "Rhône (69)"),
        ("69M", "Métropole de Lyon (69M)"),
        ("75", "Paris (75)"),
        ("2A", "Corse-du-Sud (2A)"),
        ("2b", "Haute-Corse (2b)"),
        ("21", "Côte-d'Or (21)"),
        ("973", "Guyane (973)"),
        ("974", "La Réunion (974)"),
        ("975", "975"),
        ("", ""),
    ],
)
def test_departement_nom(code: str, expected: str) -> None:
    assert departement_nom(code) == expected


def test_unknown_code() -> None:
    assert subdivision_name("99") is None
