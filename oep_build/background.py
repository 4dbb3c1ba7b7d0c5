"""The check stage in a forked child process, while the build goes on preparing pages.

Checks only read the project (a test holds them to it), so a child forked once
the model is built can run them on its copy and send back the diagnostics while
the parent renders the feeds and pages in memory. The build writes nothing
before :meth:`BackgroundChecks.result` says the content is clean.

Forking is used only where it is safe and useful: on Linux, with at least two
processors, and with no other thread running (forking a threaded process may
deadlock the child). Anywhere else, and whenever the child fails, the checks run
in the calling process, exactly as without this module.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading

from .checks import run_checks
from .context import Context
from .diagnostics import Diagnostic

__all__ = ["PARALLEL_ENV", "BackgroundChecks", "can_fork"]

PARALLEL_ENV = "OEP_PARALLELE"
"""Set to ``0`` (or ``non``) to run the checks in the main process (same diagnostics, one processor)."""

_OFF = ("0", "non", "no", "false", "faux")


def can_fork() -> bool:
    """Whether forking a checks child is both safe and worth it here."""
    if os.environ.get(PARALLEL_ENV, "").strip().lower() in _OFF:
        return False
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    if threading.active_count() != 1:
        return False
    return len(os.sched_getaffinity(0)) >= 2


def _die_with(parent: int) -> None:
    """Have the kernel kill this child if ``parent`` dies first (SIGTERM, SIGKILL: no cleanup runs)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    if os.getppid() != parent:  # it died before the request took effect
        os._exit(1)


class BackgroundChecks:
    """Every check of ``ctx``, run in a forked child when :func:`can_fork` allows it."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.pid: int | None = None
        self._read_fd: int | None = None
        if can_fork():
            self._start()

    @property
    def forked(self) -> bool:
        return self.pid is not None

    def _start(self) -> None:
        try:
            read_fd, write_fd = os.pipe()
        except OSError:  # out of file descriptors: the checks run in place
            return
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:  # process limit, memory: the checks run in place
            os.close(read_fd)
            os.close(write_fd)
            return
        if pid == 0:  # child: run the checks, send the pickled list, leave without cleanup
            os.close(read_fd)
            code = 1
            try:
                _die_with(parent)
                data = pickle.dumps(list(run_checks(self.ctx)), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_fd, "wb") as out:
                    out.write(data)
                code = 0
            except BaseException:
                pass
            finally:
                os._exit(code)
        os.close(write_fd)
        self.pid, self._read_fd = pid, read_fd

    def result(self) -> list[Diagnostic]:
        """The diagnostics of every check, in check order (waits for the child)."""
        if self.pid is None:
            return list(run_checks(self.ctx))
        pid, fd = self.pid, self._read_fd
        assert fd is not None
        try:
            with os.fdopen(fd, "rb", closefd=False) as data_in:  # to the end first: a full pipe blocks the child
                data = data_in.read()
            _, status = os.waitpid(pid, 0)
        except BaseException:  # interrupted while waiting: leave no child behind
            self.close()
            raise
        os.close(fd)
        self.pid = self._read_fd = None
        if os.waitstatus_to_exitcode(status) == 0:
            try:
                return pickle.loads(data)
            except Exception:
                pass
        # The child failed (a bug in a check, a signal): run the checks here, so the
        # failure shows exactly as it would without the child.
        return list(run_checks(self.ctx))

    def close(self) -> None:
        """Stop and reap the child if :meth:`result` was never called (an interrupted build)."""
        if self.pid is None:
            return
        pid, fd = self.pid, self._read_fd
        self.pid = self._read_fd = None
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        if fd is not None:
            os.close(fd)
