"""PDF/UA structure of the example kits, read from the produced PDFs' structure tree.

What a screen reader walks: table headers carry a scope, a table of contents entry is
one link (not three nested ones) and its leader dots are not read, headings never jump
a level, and each figure's box lies on its page. Every kit and committee edition of
both audiences is rendered once per session and opened with pikepdf; the text of the
tree comes from poppler (``pdfinfo -struct-text``).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pikepdf = pytest.importorskip("pikepdf")

from oep_build.pipeline import check_project  # noqa: E402
from oep_build.render.kits import render_kits  # noqa: E402

pytestmark = pytest.mark.pdf

TODAY = dt.date(2026, 11, 27)
PROJECT_DIRS = ("content", "campaigns", "kits", "overrides")


@dataclass
class Node:
    """A structure element: its type, its attributes' dictionaries, its children."""

    tag: str
    attributes: list[dict]
    page: object
    obj: object
    children: list[Node]

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


def _attributes(elem: object) -> list[dict]:
    a = elem.get("/A")  # type: ignore[attr-defined]
    if a is None:
        return []
    items = list(a) if isinstance(a, pikepdf.Array) else [a]
    return [{str(k): v for k, v in item.items()} for item in items if isinstance(item, pikepdf.Dictionary)]


def _node(elem: object) -> Node:
    kids = elem.get("/K")  # type: ignore[attr-defined]
    kids = [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    children = [_node(k) for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]
    return Node(str(elem["/S"]), _attributes(elem), elem.get("/Pg"), elem, children)  # type: ignore[index, attr-defined]


def structure(pdf: object) -> Node:
    root = pdf.Root.StructTreeRoot  # type: ignore[attr-defined]
    kids = root.K if isinstance(root.K, pikepdf.Array) else [root.K]
    return Node("/StructTreeRoot", [], None, root, [_node(k) for k in kids])


@pytest.fixture(scope="session", params=["public", "interne"])
def kit_pdfs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, repo: Path) -> list[Path]:
    root = tmp_path_factory.mktemp(f"structure-{request.param}") / "projet"
    for name in PROJECT_DIRS:
        if (repo / name).is_dir():
            shutil.copytree(repo / name, root / name)
    checked = check_project(root, TODAY)
    result = render_kits(checked.context, request.param, root / "site", use_cache=False)
    assert [d.text() for d in result.diagnostics if d.level.value != "info"] == []
    paths = [root / "site" / o.path for o in result]
    assert len(paths) >= 12  # kits and their committee editions, booklets and one-page tracts
    return paths


def booklets(paths: list[Path]) -> list[Path]:
    return [p for p in paths if not p.name.endswith("-tract.pdf")]


def _open(path: Path) -> tuple[object, Node]:
    pdf = pikepdf.open(path)
    return pdf, structure(pdf)


def test_every_table_header_has_a_scope(kit_pdfs: list[Path]) -> None:
    seen = 0
    for path in kit_pdfs:
        _, tree = _open(path)
        for node in tree.walk():
            if node.tag != "/TH":
                continue
            seen += 1
            scopes = [str(a["/Scope"]) for a in node.attributes if "/Scope" in a]
            assert scopes in (["/Column"], ["/Row"]), f"{path.name}: TH without /Scope"
    assert seen >= 3  # the back cover's table of versions at least


def test_no_link_inside_a_link(kit_pdfs: list[Path]) -> None:
    for path in kit_pdfs:
        _, tree = _open(path)
        links = [n for n in tree.walk() if n.tag == "/Link"]
        assert len(links) >= (2 if path.name.endswith("-tract.pdf") else 10), path.name
        nested = [n for link in links for n in link.walk() if n is not link and n.tag == "/Link"]
        assert nested == [], f"{path.name}: {len(nested)} Link elements inside another Link"


def test_table_of_contents_entries_are_one_link_and_read_without_dots(kit_pdfs: list[Path]) -> None:
    for path in booklets(kit_pdfs):
        text = subprocess.run(
            ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
        ).stdout
        toc = text.split('"Sommaire"', 1)[1].split("H1 (block)", 1)[0]
        # Each entry: a Link holding the title only, then the page number as plain text.
        titles = re.findall(r"Link \(inline\)\n\s+Object \d+ \d+\n\s+\"([^\"]+)\"", toc)
        assert len(titles) >= 4 and toc.count("Link (inline)") == len(titles), path.name
        assert re.findall(r'^\s+"(\d+)"$', toc, flags=re.M), f"{path.name}: no page number in the tree"
        assert not re.search(r'"[ .\u00a0]*\.[ .\u00a0]*"', toc), f"{path.name}: leader dots read as text"
        # The dots are drawn once and tiled: a dotted border (one path per dot) made this page 570 kB.
        with pikepdf.open(path) as pdf:
            contents = pdf.pages[1].obj.Contents.read_bytes()
        assert len(contents) < 60_000, f"{path.name}: contents page drawn in {len(contents)} bytes"


def test_headings_never_skip_a_level(kit_pdfs: list[Path]) -> None:
    for path in kit_pdfs:
        _, tree = _open(path)
        levels = [int(n.tag[2]) for n in tree.walk() if re.fullmatch(r"/H[1-6]", n.tag)]
        assert levels[0] == 1 and (levels.count(1) >= 3 or path.name.endswith("-tract.pdf")), path.name
        jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        assert jumps == [], f"{path.name}: heading levels jump {jumps}"


def test_every_figure_box_lies_on_its_page(kit_pdfs: list[Path]) -> None:
    for path in kit_pdfs:
        pdf, tree = _open(path)
        figures = [n for n in tree.walk() if n.tag == "/Figure"]
        assert len(figures) >= 2, path.name  # the logo and the code QR of the cover at least
        for node in figures:
            boxes = [a["/BBox"] for a in node.attributes if "/BBox" in a]
            assert len(boxes) == 1, f"{path.name}: Figure without /BBox"
            x1, y1, x2, y2 = (float(v) for v in boxes[0])
            mx1, my1, mx2, my2 = (float(v) for v in node.page.MediaBox)  # type: ignore[attr-defined]
            assert mx1 <= x1 < x2 <= mx2 and my1 <= y1 < y2 <= my2, f"{path.name}: {boxes[0]} off {[mx1, my1, mx2, my2]}"
        if path.name.endswith("-tract.pdf"):
            continue
        # The cover's code QR sits at the foot of the page: low y in PDF space.
        qr = next(n for n in figures if str(n.obj.get("/Alt", "")).startswith("Code QR"))  # type: ignore[attr-defined]
        assert float(qr.attributes[0]["/BBox"][1]) < float(qr.page.MediaBox[3]) / 3, path.name  # type: ignore[attr-defined]


def page_fill(pdf: Path) -> list[float]:
    """Per page, how far down the body text goes, as a share of the page height (footers left out)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    fills = []
    for width, height, body in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, flags=re.S):
        h = float(height)
        lowest = [float(y) for y in re.findall(r'yMax="([\d.]+)"', body) if float(y) < h - 20 * 72 / 25.4]
        fills.append(max(lowest, default=0.0) / h)
    return fills


def test_no_half_empty_page_where_content_can_flow(kit_pdfs: list[Path]) -> None:
    # Cover, contents, the last page of content and the back cover may end where they end;
    # every page between is filled at least halfway (the Duplomb kit had five that were not).
    for path in booklets(kit_pdfs):
        fills = page_fill(path)
        assert len(fills) >= 5, path.name
        thin = [(n, round(f, 2)) for n, f in enumerate(fills[2:-2], 3) if f < 0.55]
        assert thin == [], f"{path.name}: pages (number, fill) {thin}"
