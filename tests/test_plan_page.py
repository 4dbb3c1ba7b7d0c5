"""The internal planning page: SVG timeline (static, titled), text alternative, late work."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest

from oep_build.pipeline import check_project
from oep_build.render.planning_svg import planning_markdown, planning_svg

FIXTURES = Path(__file__).parent / "fixtures" / "calendar"
SVG = "{http://www.w3.org/2000/svg}"
CASES = [("bad", "planning"), ("clean", "vote-2027")]


def checked(corpus: str):
    return check_project(FIXTURES / corpus, dt.date(2026, 11, 27))


@pytest.mark.parametrize(("corpus", "cid"), CASES)
def test_planning_page_golden(corpus: str, cid: str, golden) -> None:
    ch = checked(corpus)
    golden(f"plan/page-{cid}.md", planning_markdown(ch.context, ch.project.campagnes[cid]))


@pytest.mark.parametrize(("corpus", "cid"), CASES)
def test_svg_is_static_and_labelled(corpus: str, cid: str) -> None:
    ch = checked(corpus)
    text = planning_svg(ch.context, ch.project.campagnes[cid])
    assert "\n\n" not in text, "a blank line would end the HTML block in Markdown"
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    assert set(root.get("aria-labelledby", "").split()) <= ids
    assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
    assert not [el for el in root.iter() if el.tag in (f"{SVG}script", f"{SVG}foreignObject")]
    assert not [k for el in root.iter() for k in el.attrib if k.startswith("on")]
    # Every deliverable and temps fort has its own titled mark.
    c = ch.project.campagnes[cid]
    titles = [t.text or "" for g in root.iter(f"{SVG}g") for t in g.findall(f"{SVG}title")]
    for item in [*c.livrables, *c.temps_forts]:
        assert any(t.startswith(item.titre + " — ") for t in titles), item.titre


def test_text_alternative_lists_everything_and_late_work() -> None:
    ch = checked("bad")
    c = ch.project.campagnes["planning"]
    md = planning_markdown(ch.context, c)
    table = md[md.index("## Le planning en texte") : md.index("## En retard")]
    for item in [*c.livrables, *c.temps_forts]:
        assert f"| {item.titre} |" in table.replace("\\", ""), item.titre
    late = md[md.index("## En retard") :]
    assert "**Bob L.** (2)" in late and "« Premier retard »" in late


def test_markdown_keeps_the_figure_as_html() -> None:
    ch = checked("clean")
    html = markdown.markdown(planning_markdown(ch.context, ch.project.campagnes["vote-2027"]), extensions=["tables"])
    assert '<figure class="oep-planning">' in html and "<svg" in html and "<p><svg" not in html
    assert "<table>" in html
    assert "Aucun livrable en retard au 27/11/2026." in html


def test_text_from_content_is_escaped() -> None:
    ch = checked("clean")
    c = ch.project.campagnes["vote-2027"].model_copy(deep=True)
    c.temps_forts[0].titre = "Fête <b>|</b> & *joie*"
    md = planning_markdown(ch.context, c)
    ET.fromstring(planning_svg(ch.context, c))  # still well-formed
    assert "Fête &lt;b&gt;&#124;&lt;/b&gt; &amp; &#42;joie&#42;" in md
