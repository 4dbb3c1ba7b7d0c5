"""Code QR of a URL for the kits: an SVG data URI, black on white, with its quiet zone."""

from __future__ import annotations

from functools import lru_cache

import segno

__all__ = ["QUIET_ZONE", "qr_data_uri"]

QUIET_ZONE = 4
"""Modules of white around the code: what ISO/IEC 18004 asks for, drawn in the image itself
so that no page colour or frame can eat it."""


@lru_cache(maxsize=256)
def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=QUIET_ZONE, dark="#000", light="#fff")
