"""Publishing safety checks: golden diagnostics on tests/fixtures/safety/corpus.

Each file of the corpus holds positive cases (a diagnostic expected, in the
golden file) and negative ones (nothing to say, asserted below). Regenerate the
golden file with ``pytest tests/test_safety_checks.py --update-goldens``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from oep_build import check_project
from oep_build.checks import (
    accessibility,
    networks,
    personal_data,
    sources,
    typography,
    visibility_checks,
)
from oep_build.checks.personal_data import find_personal_data
from oep_build.checks.sources import find_figure
from oep_build.diagnostics import Diagnostic, Level, Rule

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "fixtures" / "safety" / "corpus"
MODULES = (networks, typography, accessibility, sources, personal_data, visibility_checks)
SAFETY_RULES = {v.id for m in MODULES for v in vars(m).values() if isinstance(v, Rule)}


def safety_diags(root: Path) -> list[Diagnostic]:
    return [d for d in check_project(root).report.sorted() if d.id in SAFETY_RULES]


@pytest.fixture(scope="module")
def corpus() -> list[Diagnostic]:
    return safety_diags(CORPUS)


def test_corpus_golden(corpus: list[Diagnostic], golden) -> None:
    golden("safety/corpus.txt", "".join(d.text() + "\n" for d in corpus))


def test_corpus_has_every_rule(corpus: list[Diagnostic]) -> None:
    assert {d.id for d in corpus} == SAFETY_RULES


@pytest.mark.parametrize(
    "clean",
    [
        "campaigns/active/posts/correct.yml",
        "campaigns/active/posts/interne-perso.yml",
        "campaigns/active/posts/embargo-lointain.yml",
        "campaigns/active/posts/embargo-interne.yml",
        "campaigns/active/visuels/bon.yml",
        "campaigns/active/visuels/avec-autorisation.yml",
        "campaigns/active/edl/frais.md",
        "kits/kit-frais.yml",
        "content/comites/avec-consentement.yml",
    ],
)
def test_negative_cases_say_nothing(corpus: list[Diagnostic], clean: str) -> None:
    assert [d.text() for d in corpus if d.file == clean] == []


def test_personal_data_points_at_the_match(corpus: list[Diagnostic]) -> None:
    spots = {(d.id, d.line, d.column) for d in corpus if d.file == "campaigns/active/posts/public-perso.yml"}
    # line 9 of the block scalar: "    Appelez Marie au 06 98 76 54 32, ou écrivez-lui : marie.durand@orange.fr"
    assert spots == {("telephone-public", 9, 22), ("email-public", 9, 55)}
    line = (CORPUS / "campaigns/active/posts/public-perso.yml").read_text(encoding="utf-8").splitlines()[8]
    assert line[21:].startswith("06 98 76 54 32") and line[54:].startswith("marie.durand@orange.fr")


def test_clean_base_project_has_no_safety_diagnostic() -> None:
    assert safety_diags(Path(__file__).parent / "fixtures" / "base") == []


def test_example_content_has_no_safety_error() -> None:
    if not (REPO / "campaigns").is_dir():
        pytest.skip("no example content yet")
    errors = [d.text() for d in safety_diags(REPO) if d.level is Level.ERREUR]
    assert errors == []


# -- helpers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("La pétition a réuni 2,1 millions de signatures.", "2,1"),
        ("Plus de 500 000 signatures venues de 30 départements.", "500 000"),
        ("129 000 signatures le 17 juillet", "129 000"),
        ("Adoptée le 8 juillet 2025, censurée le 7 août 2025.", None),
        ("Décision n° 2025-891 DC, article L52-1.", None),
        ("Le 1er tour, la 2e fois.", None),
        ("Des milliers de personnes.", "milliers"),
    ],
)
def test_find_figure(text: str, figure: str | None) -> None:
    m = find_figure(text)
    assert (m.group() if m else None) == figure


def test_find_personal_data_allowlists_and_links() -> None:
    text = (
        "Appelez le 01 40 00 00 00 ou le 06 12 34 56 78, écrivez à a@oep.example.org, "
        "b@sub.oep.example.org, moi@gmail.com ; https://petitions.example.org/i-0612345678"
    )
    found = list(find_personal_data(text, {"+33140000000"}, set(), ("oep.example.org",)))
    assert found == [("email", text.index("moi@"), "moi@gmail.com"), ("phone", text.index("06 12"), "06 12 34 56 78")]
