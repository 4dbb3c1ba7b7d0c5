"""Kit HTML (before the PDF engine): goldens, visibility, links, typography, diagnostics.

No PDF is made here: these tests are fast. ``pytest --update-goldens`` rewrites
tests/golden/kits/ after a deliberate change of the templates or the content.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from oep_build.pipeline import check_project
from oep_build.render.kits.build import kit_documents
from oep_build.render.kits.html import KitTemplates

CAS = Path(__file__).parent / "fixtures" / "kits" / "cas"
CAS_TODAY = dt.date(2026, 2, 1)
EXAMPLES_TODAY = dt.date(2026, 11, 27)


SOURCE_DATE_EPOCH = "1795000000"  # 2026-11-18T11:06:40Z, as tests/conftest.py sets it


def _documents(root: Path, audience: str, today: dt.date):
    # Module-scoped fixtures run before conftest's per-test environment: set it here too.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        checked = check_project(root, today)
        docs, diags = kit_documents(checked.context, audience)
    return {d.edition.label: d.html for d in docs}, diags


def _golden_name(label: str) -> str:
    return label.replace("/", "--") + ".html"


@pytest.fixture(scope="module")
def cas_public() -> tuple[dict[str, str], list]:
    return _documents(CAS, "public", CAS_TODAY)


# -- goldens -------------------------------------------------------------------


def test_cas_diagnostics_golden(golden, cas_public) -> None:
    _, diags = cas_public
    text = "".join(d.text() + "\n" for d in sorted(diags, key=lambda d: d.sort_key()))
    golden("kits/cas/diagnostics-public.txt", text)


def test_missing_image_blocks_every_edition_of_its_kit(cas_public) -> None:
    docs, diags = cas_public
    assert docs == {}
    missing = sorted((d.file, d.line, d.message) for d in diags if d.id == "kit-image-manquante")
    assert missing == [  # at the visuel's fichier, once for the three editions
        ("campaigns/demo/visuels/perdu.yml", 2, "visuel « perdu » : « campaigns/demo/visuels/perdu.png » est introuvable"),
    ]
    # The body's missing image (pourquoi.md, line 22) is oep check's image-introuvable, for the site
    # and the kits alike (test_kit_checks): the kit stage does not say it a second time.
    assert not [d for d in diags if d.file == "campaigns/demo/edl/pourquoi.md" and "carte-absente" in d.message]


def test_cas_html_golden(golden, fixed_root: Path) -> None:
    # The internal audience shows every template at work (badges, draft committee).
    docs, diags = _documents(fixed_root, "interne", CAS_TODAY)
    assert sorted(docs) == ["kit-cas", "kit-cas/lyon", "kit-cas/secret"]
    for label, html in docs.items():
        golden(f"kits/cas/{_golden_name(label)}", html)


@pytest.mark.parametrize("audience", ["public", "interne"])
def test_example_kits_html_golden(golden, repo: Path, audience: str) -> None:
    if not (repo / "kits").is_dir():
        pytest.skip("example content not there yet")
    docs, diags = _documents(repo, audience, EXAMPLES_TODAY)
    assert docs, "no example kit rendered"
    assert [d.text() for d in diags if d.level.value == "erreur"] == []
    for label, html in docs.items():
        golden(f"kits/exemples/{audience}/{_golden_name(label)}", html)


# -- what the public edition holds --------------------------------------------------


@pytest.fixture(scope="module")
def fixed_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The edge-case fixture minus its two missing images."""
    root = tmp_path_factory.mktemp("kits") / "cas"
    shutil.copytree(CAS, root)
    edl = root / "campaigns/demo/edl/pourquoi.md"
    text = edl.read_text(encoding="utf-8").replace("![Une carte absente](carte-absente.png)\n", "")
    edl.write_text(text, encoding="utf-8")
    kit = root / "kits/kit-cas.yml"
    kit.write_text(kit.read_text(encoding="utf-8").replace("  - ref: visuels/perdu\n", ""), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def fixed_public(fixed_root: Path) -> dict[str, str]:
    docs, _ = _documents(fixed_root, "public", CAS_TODAY)
    return docs


def test_public_edition_leaves_out_non_public_pieces_and_committees(fixed_public) -> None:
    assert sorted(fixed_public) == ["kit-cas", "kit-cas/lyon"]  # no edition for the draft committee
    for html in fixed_public.values():
        assert "Brouillon interne" not in html
        assert "Texte de travail" not in html
        assert "Édition interne" not in html


def test_interne_edition_marks_non_public_pieces(fixed_root: Path) -> None:
    docs, _ = _documents(fixed_root, "interne", CAS_TODAY)
    html = docs["kit-cas"]
    assert "Brouillon interne" in html
    assert "Interne&#8239;: statut brouillon" in html


def test_links_are_anchors_or_public_urls(fixed_public) -> None:
    for html in fixed_public.values():
        hrefs = re.findall(r'href="([^"]*)"', html)
        assert hrefs
        for href in hrefs:
            assert href.startswith(("#", "https://", "mailto:", "tel:")), href
        assert "file:" not in html
        ids = set(re.findall(r'id="([^"]*)"', html))
        for href in hrefs:
            if href.startswith("#"):
                assert href[1:] in ids, f"dangling anchor {href}"
    html = fixed_public["kit-cas"]
    assert '<a href="#argumentaires-chiffres">' in html  # intra-kit link -> anchor
    assert '<a href="https://demo.example.org/agir/">' in html  # site path -> public URL
    assert "<span>un tract</span>" in html  # local file -> plain text


def test_tabs_print_one_after_the_other_under_their_titles() -> None:
    from oep_build.render.kits.links import LinkResolver
    from oep_build.render.kits.markup import render_markdown

    body = 'Avant.\n\n=== "Au marché"\n\n    Un stand.\n\n=== "En ligne"\n\n    Un fil.\n\nFin.\n'
    resolver = LinkResolver(project=None, site_url="https://x.example/", in_kit={})  # type: ignore[arg-type]
    html = str(render_markdown(body, resolver=resolver, root=Path("."), source_file="campaigns/c/edl/e.md", on_problem=print))
    assert "===" not in html and "<input" not in html and "<label" not in html
    assert re.search(r'<p class="onglet">Au marché</p><div class="tabbed-content">\s*<p>Un stand.</p>', html)
    assert re.search(r'<p class="onglet">En ligne</p><div class="tabbed-content">\s*<p>Un fil.</p>', html)


def test_raw_html_in_markdown_is_never_interpreted_nor_printed(fixed_public) -> None:
    html = fixed_public["kit-cas"]
    assert "<script" not in html and "alert" not in html  # a script goes whole
    assert "<p>gras brut</p>" in html and "&lt;b&gt;" not in html  # a tag goes, its words stay


def test_kit_bodies_read_markdown_as_the_site_does() -> None:
    """Comments stay hidden (the site strips them), admonitions and footnotes print, code is kept."""
    from oep_build.render.kits.links import LinkResolver
    from oep_build.render.kits.markup import render_markdown

    body = (
        "Texte<!-- Note interne : NE-PAS-PUBLIER --> avec <abbr title=\"Agence régionale de santé\">ARS</abbr>[^1].\n\n"
        "<!--\nnote sur\nplusieurs lignes\n-->\n\n"
        "!!! tip \"Astuce\"\n    Signez tôt.\n\n"
        "`<b>` reste du code.\n\n"
        "<!--\tnote avec tabulation -->\n\n"
        "Un ` isolé.\n\n<!-- note après -->\n\nPuis un autre `.\n\n"
        "    <b>code indenté</b>\n\n"
        "Cité deux fois[^1].\n\n"
        "[^1]: Source : ARS, 2025.\n"
    )
    problems: list[object] = []
    resolver = LinkResolver(project=None, site_url="https://x.example/", in_kit={})  # type: ignore[arg-type]
    html = str(render_markdown(body, resolver=resolver, root=Path("."), source_file="campaigns/c/edl/e.md", on_problem=problems.append))
    assert "NE-PAS-PUBLIER" not in html and "plusieurs lignes" not in html and "&lt;!--" not in html
    assert "tabulation" not in html and "note après" not in html
    assert "<code>&lt;b&gt;code indenté&lt;/b&gt;" in html  # code keeps its tags as text
    assert "ARS" in html and "<abbr" not in html
    assert '<p class="admonition-title">Astuce</p>' in html and "!!!" not in html
    assert "<code>&lt;b&gt;</code>" in html
    scope = re.search(r'<li id="(n[0-9a-f]{10}-)fn:1"', html).group(1)
    assert f'href="#{scope}fn:1"' in html and f'id="{scope}fnref:1"' in html
    assert "footnote-backref" not in html and "[^1]" not in html and problems == []


def test_french_typography_but_code_untouched(fixed_public) -> None:
    html = fixed_public["kit-cas"]
    assert "court\u202f; avec de la ponctuation\u00a0: ici\u202f! Et là\u202f? «\u202fCitation\u202f»…" in html
    assert "<code>code ; intact : ici</code>" in html


def test_sources_numbered_once_in_citation_order(fixed_public) -> None:
    html = fixed_public["kit-cas"]
    assert html.count('id="source-source-a"') == 1
    assert re.findall(r'<li id="source-([a-z-]+)" value="(\d)"', html) == [("source-a", "1"), ("source-b", "2")]
    # a claim citing the same source twice shows it once
    assert "Premier fait. " in html and html.count('href="#source-source-a">[1]</a><a class="renvoi" href="#source-source-a"') == 0


def test_sms_is_shown_as_sent(fixed_public) -> None:
    html = fixed_public["kit-cas"]
    assert "Coeur de l&#39;action : &#34;signez&#34; avant jeudi !" in html
    # Printed for militants: the number of SMS, not the encoding jargon (issue 15).
    assert '<p class="compte">1 SMS</p>' in html and "GSM-7" not in html


def test_committee_page_lists_upcoming_local_events_without_private_addresses(fixed_public) -> None:
    html = fixed_public["kit-cas/lyon"]
    page = html[html.index('id="comite-local"') :]
    assert "Comité de Lyon" in page and "lyon@demo.example.org" in page
    assert "Réunion publique à Lyon" in page
    # Only the committee's own events: one held in its département by nobody in particular stays out.
    assert "Apéro militant chez une habitante" not in page
    assert "3 rue Privée" not in html
    assert 'id="comite-local"' not in fixed_public["kit-cas"]


def test_format_and_metadata(fixed_public) -> None:
    html = fixed_public["kit-cas"]
    assert '<html lang="fr" class="format-a5">' in html
    assert "@page { size: A5; }" in html
    assert "<title>Kit des cas limites</title>" in html
    # SOURCE_DATE_EPOCH (set by conftest) dates the PDF, never the wall clock
    assert '<meta name="dcterms.created" content="2026-11-18T11:06:40Z">' in html


# -- overrides -----------------------------------------------------------------------


def test_override_template_and_css_are_used(tmp_path: Path, fixed_root: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(fixed_root, root)
    (root / "overrides/kits/pieces").mkdir(parents=True)
    (root / "overrides/kits/pieces/_entete.html").write_text(
        '<h2 class="piece-titre">PERSO {{ piece.titre }}</h2>\n', encoding="utf-8"
    )
    (root / "overrides/kits/kit.css").write_text("body { color: black; }\n", encoding="utf-8")
    docs, diags = _documents(root, "public", CAS_TODAY)
    assert "PERSO Pourquoi agir" in docs["kit-cas"]
    assert KitTemplates(root).css() == "body { color: black; }\n"


def test_broken_override_is_a_diagnostic_with_its_line(tmp_path: Path, fixed_root: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(fixed_root, root)
    (root / "overrides/kits").mkdir(parents=True)
    (root / "overrides/kits/cover.html").write_text(
        "<header>\n<h1>{{ titre }}</h1>\n<p>{{ nimporte_quoi }}</p>\n</header>\n", encoding="utf-8"
    )
    docs, diags = _documents(root, "public", CAS_TODAY)
    assert docs == {}
    broken = [d for d in diags if d.id == "kit-gabarit-invalide"]
    assert broken and broken[0].file == "overrides/kits/cover.html" and broken[0].line == 3
    assert "nimporte_quoi" in broken[0].message


def test_levels_from_site_yml_apply_to_kit_rules(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(CAS, root)
    site = root / "content/site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "niveaux:\n  kit-image-manquante: avertissement\n")
    checked = check_project(root, CAS_TODAY)
    assert not [d for d in checked.report if d.id == "niveau-inconnu"]  # `oep check` knows the kit rules
    docs, diags = kit_documents(checked.context, "public")
    assert sorted(d.edition.label for d in docs) == ["kit-cas", "kit-cas/lyon"]  # no longer blocking
    checked.report.extend(diags)
    assert {d.level.value for d in checked.report if d.id == "kit-image-manquante"} == {"avertissement"}
