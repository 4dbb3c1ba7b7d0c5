"""PDF/UA structure fixes WeasyPrint 70 leaves to us, applied as a ``write_pdf`` finisher.

WeasyPrint tags the document but (1) writes no ``/Scope`` on table headers, which
PDF/UA-1 requires for a screen reader to announce a cell's header, and (2) writes a
figure's ``/BBox`` in CSS pixels from the top of the page, where PDF wants points
from the bottom: the box of a code QR at the foot of an A4 page ended up above the
page. Both are mended on the PDF objects just before they are written, from the
boxes WeasyPrint laid out; the rest of the tree is left as WeasyPrint made it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["mend_structure"]

# WeasyPrint draws CSS pixels at 0.75 pt (96 px per inch, 72 pt per inch) when zoom is 1.
PT_PER_PX = 0.75


def mend_structure(document: Any, pdf: Any) -> None:
    """``write_pdf(finisher=…)``: table header scopes and figure boxes in page space."""
    if "StructTreeRoot" not in pdf.catalog:
        return  # an untagged variant: nothing to mend
    _scope_headers(document)
    _figure_boxes(pdf)


def _scope_headers(document: Any) -> None:
    # WeasyPrint keeps each cell's structure element on its box (``mark``); the header's
    # direction is the HTML's: ``scope="row"`` for row headers, a column otherwise.
    # Placeholders too: the back cover's table of versions is in a positioned block.
    for page in document.pages:
        for box in page._page_box.descendants(placeholders=True):
            mark = getattr(box, "mark", None)
            if mark is None or getattr(box, "element_tag", None) != "th":
                continue
            scope = (box.element.get("scope") or "").lower() if box.element is not None else ""
            mark["A"]["Scope"] = "/Row" if scope == "row" else "/Column"


def _figure_boxes(pdf: Any) -> None:
    heights = {page.reference: float(page["MediaBox"][3]) for page in _pages(pdf)}
    for obj in pdf.objects:
        if not isinstance(obj, dict) or obj.get("S") != "/Figure":
            continue
        attributes = obj.get("A")
        height = heights.get(obj.get("Pg"))
        if not isinstance(attributes, dict) or "BBox" not in attributes or height is None:
            continue
        x1, y1, x2, y2 = (float(v) * PT_PER_PX for v in attributes["BBox"])
        attributes["BBox"] = type(attributes["BBox"])(
            (round(x1, 3), round(height - y2, 3), round(x2, 3), round(height - y1, 3))
        )


def _pages(pdf: Any) -> list[Any]:
    return [obj for obj in pdf.objects if isinstance(obj, dict) and obj.get("Type") == "/Page"]
