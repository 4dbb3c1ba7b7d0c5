"""Progress bars, SVG charts and their data tables (oep_build/monitoring/charts.py)."""

from __future__ import annotations

import csv
import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from oep_build.monitoring.charts import progress_markdown
from oep_build.pipeline import check_project

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "monitoring" / "petition"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def checked():
    return check_project(FIXTURE, dt.date(2026, 2, 15))


def _md(checked, audience: str) -> str:
    return progress_markdown(checked.context, checked.project.campagnes["petition-test"], audience)


def _svgs(md: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg .*?</svg>", md, re.S)]


def test_svg_is_valid_xml_with_title_and_desc(checked) -> None:
    svgs = _svgs(_md(checked, "interne"))
    assert len(svgs) == 3  # signatures (3 objectives share it), participants, partenaires
    for svg in svgs:
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and title.text
        assert desc is not None and desc.text
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    desc = svgs[0].find(f"{SVG}desc").text
    assert "10\u202f000 signatures le 20 janvier 2026, 57\u202f000 signatures le 14 février 2026" in desc
    assert "Cible : 100\u202f000 au 15 mars 2026." in desc


def _tables(md: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<table>.*?</table>", md, re.S)]


def _number(text: str) -> int:
    return int(text.replace("\u202f", ""))


def test_data_table_matches_the_csv(checked) -> None:
    with (FIXTURE / "campaigns/petition-test/suivi/indicateurs.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    expected = [(r["date"], int(r["valeur"])) for r in rows if r["indicateur"] == "signatures" and r["perimetre"] == "national"]
    table = _tables(_md(checked, "public"))[0]
    got = [
        (tr[0].find("time").get("datetime"), _number(tr[1].text))
        for tr in table.find("tbody")
    ]
    assert got == expected
    assert table.find("caption").text == "Signatures de la pétition (signatures), relevé par relevé"


def test_flux_table_shows_relevés_and_running_total(checked) -> None:
    tables = _tables(_md(checked, "interne"))
    participants = tables[1]
    assert [th.text for th in participants.find("thead/tr")] == ["Date", "Valeur relevée", "Total cumulé"]
    got = [(_number(tr[1].text), _number(tr[2].text)) for tr in participants.find("tbody")]
    assert got == [(120, 120), (200, 320), (0, 320), (180, 500)]


def test_public_page_shows_public_objectives_without_paces(checked) -> None:
    md = _md(checked, "public")
    assert md.count('class="oep-progress"') == 3
    assert "participants aux rassemblements" not in md
    assert "Partenaires engagés" not in md
    assert "rythme" not in md and "Alerte" not in md
    assert "À jour au <time datetime=\"2026-02-14\">14 février 2026</time> (plateforme)" in md
    assert "objectif atteint le <time datetime=\"2026-02-07\">7 février 2026</time>" in md
    assert "3 départements sur 30 requis" in md
    # Markdown passes raw HTML through only without blank lines inside a block
    for block in md.split("\n\n"):
        assert block.strip().startswith("<")


def test_progress_bar_is_native_and_labelled(checked) -> None:
    md = _md(checked, "public")
    bar = re.search(r'<progress class="oep-progress__bar" max="100000" value="57000" aria-labelledby="([^"]+)">57 %</progress>', md.replace("\u00a0", " "))
    assert bar is not None
    assert f'id="{bar.group(1)}"' in md


def test_team_view_shows_status_and_alert(checked) -> None:
    md = _md(checked, "interne")
    assert "Statut\u00a0: <strong>ralentissement</strong> · rythme récent\u00a0: 1\u202f000/j" in md
    assert "<strong>Alerte\u00a0:</strong> ralentissement depuis le 3 février 2026\u00a0: +5\u202f000 du 3 au 7 février" in md


def test_golden_public_block(checked, golden) -> None:
    golden("monitoring/petition-public.html", _md(checked, "public"))


def test_no_objective_gives_an_empty_block(checked) -> None:
    camp = checked.project.campagnes["petition-test"].model_copy(update={"objectifs": []})
    assert progress_markdown(checked.context, camp, "public") == ""


def test_date_labels_across_two_years_stay_short_and_inside_the_chart() -> None:
    from oep_build.monitoring.charts import Chart, line_chart_svg
    from oep_build.monitoring.pace import Point

    days = [dt.date(2025, 7, 19), dt.date(2025, 10, 4), dt.date(2026, 2, 7)]
    points = [Point(d, v) for d, v in zip(days, (245, 330, 370))]
    chart = Chart("c", "Participants", "personnes", True, points, points, [(300, dt.date(2026, 2, 11))])
    svg = ET.fromstring(line_chart_svg(chart))
    labels = [t for t in svg.iter(f"{SVG}text") if t.get("y") == "278"]
    assert labels[0].text == "19 juil. 2025"
    # The last label ends at the axis end: centred there it would overflow the 20-px right margin.
    assert (labels[-1].text, labels[-1].get("text-anchor")) == ("7 févr. 2026", "end")
    assert all(t.get("text-anchor") == "middle" for t in labels[:-1])
