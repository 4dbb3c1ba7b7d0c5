"""One published text per post and network: site, kit and checks agree.

Issue 13 measured three computations that disagreed (a Telegram text was
« 1 372 sur 1 024 … trop long » on the site and « 1372 / 4096 » in the kit; the
site kept a plain space before « : » where the PDF had a narrow no-break
space). Now :func:`oep_build.views.posts.publish` decides; these tests read
what the site pages and the kit HTML actually show.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from oep_build.counting import count_text
from oep_build.model.referentiels import Canal, Comptage
from oep_build.pipeline import check_project
from oep_build.render.kits.build import kit_documents
from oep_build.render.site import render_site
from oep_build.views.posts import count_label, publish, published_texts

TODAY = dt.date(2026, 11, 27)

_SITE_TEXT = re.compile(r'<pre class="oep-post__texte" id="post-(?P<post>[\w-]+?)-(?P<canal>[a-z0-9_]+)">(?P<text>.*?)</pre>', re.S)
_SITE_COUNT = re.compile(r'id="post-(?P<post>[\w-]+?)-(?P<canal>[a-z0-9_]+)-compte">(?P<count>[^<]*)</span>')
_KIT_PIECE = re.compile(r'<article class="piece piece-posts" id="posts-(?P<post>[\w-]+)".*?</article>', re.S)
_KIT_CARD = re.compile(
    r'<div class="carte post post-(?P<canal>[a-z0-9_]+)">.*?<p class="texte-post[^"]*">(?P<text>.*?)</p>\s*'
    r'(?:<p class="compte">(?P<count>.*?)</p>)?</div>',
    re.S,
)


def _plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.fixture(scope="module")
def example(repo: Path):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1795000000")
        checked = check_project(repo, TODAY)
    return checked.context


@pytest.fixture(scope="module")
def shown(example) -> dict[str, dict[tuple[str, str], tuple[str, str]]]:
    """(post, canal) -> (text, count) as the interne site and the interne kits show them."""
    site: dict[tuple[str, str], tuple[str, str]] = {}
    docs = render_site(example, "interne")
    for page in docs.pages:
        counts = {(m["post"], m["canal"]): html.unescape(m["count"]) for m in _SITE_COUNT.finditer(page.body)}
        for m in _SITE_TEXT.finditer(page.body):
            key = (m["post"], m["canal"])
            site[key] = (html.unescape(m["text"].replace("&#10;", "\n")), counts[key])
    kit: dict[tuple[str, str], tuple[str, str]] = {}
    documents, _ = kit_documents(example, "interne")
    for doc in documents:
        for piece in _KIT_PIECE.finditer(doc.html):
            for card in _KIT_CARD.finditer(piece.group()):
                kit[(piece["post"], card["canal"])] = (_plain(card["text"]), _plain(card["count"] or ""))
    return {"site": site, "kit": kit}


def test_every_post_of_the_example_is_shown_by_the_site(example, shown) -> None:
    expected = {(pid, cid) for pid, post in example.project.posts.items() for cid in post.declinaisons}
    assert expected and expected <= set(shown["site"])


def test_site_and_kit_show_the_same_text_and_count(example, shown) -> None:
    in_kits = set(shown["kit"])
    assert len({pid for pid, _ in in_kits}) >= 2, "the example kits carry posts"
    for key in sorted(in_kits):
        text, count = shown["site"][key]
        # On paper the links leave off their utm_ parameters (issue 15); the count is the published text's.
        assert (re.sub(r"\?utm_[^\s#]*", "", text), count) == shown["kit"][key], key


def test_shown_text_and_count_are_the_published_ones(example, shown) -> None:
    """Every post and network of the example: what the site shows is publish()'s text and count."""
    for pid, post in example.project.posts.items():
        for version in published_texts(example.project, post):
            assert shown["site"][(pid, version.canal.id)] == (version.text, version.label)


def test_one_typography_for_site_and_kit() -> None:
    """The no-break space before « : » is in the published text, and counted."""
    from oep_build.model import Project
    from oep_build.model.content import Post

    project = Project(root=Path("."))
    project.canaux["x"] = Canal(id="x", libelle="X", comptage=Comptage.x_pondere, texte_max=280)
    post = Post(id="p", titre="t", declinaisons={"x": "Rendez-vous : {lien}"}, lien="https://e.org/?c={canal}")
    v = publish(project, post, "x")
    assert v.text == "Rendez-vous\u00a0: https://e.org/?c=x"
    assert v.count == count_text(project.canaux["x"], v.text)
    assert v.count.value == len("Rendez-vous\u00a0: ") + 23
    assert v.label == f"{v.count.value} sur 280 caractères pondérés"


def test_caption_limit_applies_when_a_visual_is_attached() -> None:
    from oep_build.model import Project
    from oep_build.model.content import Post

    project = Project(root=Path("."))
    project.canaux["telegram"] = Canal(id="telegram", libelle="Telegram", texte_max=4096, legende_max=1024)
    post = Post(id="p", titre="t", declinaisons={"telegram": "a" * 1372}, visuels=["v"])
    v = publish(project, post, "telegram")
    assert (v.count.value, v.count.limit, v.over) == (1372, 1024, True)
    assert v.label == "1\u202f372 sur 1\u202f024 graphèmes : trop long pour ce réseau"


def test_sms_label() -> None:
    from oep_build.counting import Count

    assert count_label(Count(2, 3, "SMS", "GSM-7", 2, (), 306), sms=True) == "2 SMS sur 3 au plus (306 caractères, codage GSM-7)"


def test_a_post_written_from_the_contract_needs_no_titre(tmp_path: Path) -> None:
    """DESIGN.md lists a post's fields without titre: its id stands in for it."""
    from test_site_support import example_copy

    root = example_copy(tmp_path / "projet")
    post = next((root / "campaigns").glob("*/posts/*.yml"))
    text = post.read_text(encoding="utf-8")
    assert re.search(r"(?m)^titre: ", text)
    post.write_text(re.sub(r"(?m)^titre: .*\n", "", text, count=1), encoding="utf-8")
    checked = check_project(root, TODAY)
    assert not checked.report.failed(), checked.report.format_text()
    assert checked.project.posts[post.stem].titre == post.stem
