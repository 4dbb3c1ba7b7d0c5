"""Logging policy, in one place.

- ``oep_build`` logs under the ``oep_build`` logger and never configures
  handlers or levels itself: the CLI does, once.
- ERROR: the run cannot finish (an engine failed). Content problems are never
  logged: they are diagnostics in the :class:`~oep_build.diagnostics.Report`.
- WARNING: something the user should know that is not about content
  (an optional tool is missing).
- INFO: stages as they run. DEBUG: details for developers (cache hits, timings).
"""

from __future__ import annotations

import logging

LOGGER = logging.getLogger("oep_build")

__all__ = ["LOGGER"]
