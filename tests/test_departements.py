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


# -- a département is a number that exists (it names a folder of the agenda) ---------------


def _event_file(root):  # type: ignore[no-untyped-def]
    from pathlib import Path

    return next(p for p in sorted(Path(root, "campaigns").glob("*/evenements/*.yml")) if "departement:" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        ('"6 9"', 'écrivez "69"'),
        ('"2a"', 'écrivez "2A"'),
        ('"../agenda"', "entre guillemets"),
        ('"ARA"', "entre guillemets"),
        ('"01\\n"', 'écrivez "01"'),  # « $ » matched before a final newline: agenda/01\n/ was written
        ('"20"', "entre guillemets"),  # no longer a département: Corsica is 2A and 2B
    ],
)
def test_an_unknown_departement_is_an_error_at_its_value(tmp_path, written: str, fix: str) -> None:  # type: ignore[no-untyped-def]
    from test_site_support import TODAY, example_copy

    from oep_build.pipeline import check_project

    root = example_copy(tmp_path / "projet")
    event = _event_file(root)
    text = event.read_text(encoding="utf-8")
    text, n = re.subn(r'(departement: )"?[0-9A-Za-z]+"?', lambda m: m.group(1) + written, text, count=1)
    assert n == 1
    event.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), start=1) if "departement:" in l)
    found = [d for d in check_project(root, TODAY).report if d.id == "departement-inconnu"]
    assert [(d.file, d.line) for d in found] == [(event.relative_to(root).as_posix(), line)]
    assert fix in found[0].fix


def test_no_agenda_page_is_written_outside_the_agenda(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from test_site_support import TODAY, example_copy

    from oep_build.build import build

    root = example_copy(tmp_path / "projet")
    event = _event_file(root)
    text = re.sub(r'(departement: )"?[0-9A-Za-z]+"?', r'\1"../campagnes"', event.read_text(encoding="utf-8"), count=1)
    event.write_text(text, encoding="utf-8")
    site = root / "content/site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("niveaux: {}", "niveaux: {departement-inconnu: ignore}"), encoding="utf-8")
    result = build(root, today=TODAY, kits=False)
    assert result.ok  # the event is left out, as any invalid object
    docs = root / "build/docs-public"
    assert sorted(p.parent.name for p in docs.glob("agenda/*/index.md"))  # the others still have theirs
    agenda = (docs / "agenda.md").read_text(encoding="utf-8")
    pages = re.findall(r"\]\(([^)]*/index\.md)\)", agenda)
    assert pages and all(p.startswith("agenda/") for p in pages), pages  # « ../campagnes » took the campaigns' page
    assert "../" not in agenda
