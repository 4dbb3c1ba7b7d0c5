"""The one Jinja set-up of every renderer (site pages, kits, reports, ``oep new``).

Undefined names are errors (a typo in a template must not print an empty
string), and block tags leave no blank lines behind.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

__all__ = ["environment"]


def environment(*folders: Path, autoescape: bool = False) -> jinja2.Environment:
    """Templates looked up in ``folders`` in order (an override folder goes first)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
