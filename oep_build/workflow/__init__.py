"""Staff workflow through pull requests: ``oep diff`` (public effect of a change) and ``oep new`` (scaffolding)."""

from __future__ import annotations

from .diff import PublicDiff, public_diff
from .diff_report import render_markdown
from .git import GitError

__all__ = ["GitError", "PublicDiff", "public_diff", "render_markdown"]
