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
from collections.abc import Iterator
from contextlib import contextmanager

LOGGER = logging.getLogger("oep_build")
_MAX_MESSAGES = 200

__all__ = ["LOGGER", "engine_warnings"]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self._seen: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        # Each distinct message once, and not without end: a 30 MB body of emojis made
        # WeasyPrint log the same missing glyph half a million times.
        message = record.getMessage()
        if len(self.messages) < _MAX_MESSAGES and message not in self._seen:
            self._seen.add(message)
            self.messages.append(message)


@contextmanager
def engine_warnings(name: str) -> Iterator[list[str]]:
    """The WARNING-and-above messages an engine (``mkdocs``, ``weasyprint``) logs in the block.

    A handler is added to that logger only for the block, and its messages do not
    reach the terminal meanwhile (English, and said again by oep in its report);
    its levels and other handlers are left as the user set them.
    """
    handler = _Collect()
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield handler.messages
    finally:
        logger.propagate = propagate
        logger.removeHandler(handler)
