"""Faults: a killed build leaves no worker, the site swap has no gap, the machine's failures are named."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from oep_build import output
from oep_build.cli import main
from oep_build.output import environment_problem, file_mode, swap_into, write_file

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
linux_only = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")


# -- a build killed during the kits stage ------------------------------------------------


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie is dead, waiting for whoever adopted it to reap it


@linux_only
def test_kit_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    root = tmp_path / "projet"
    for name in ("content", "campaigns", "kits", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root)
    env = {**os.environ, "OEP_PARALLELE": "0"}  # only the kit pool forks
    build = subprocess.Popen(
        [sys.executable, "-m", "oep_build", "build", str(root), "--audience", "interne"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and build.poll() is None:
            workers = _children(build.pid)
            if len(workers) >= 2:  # the pool of two kit workers is up
                break
            time.sleep(0.05)
        assert len(workers) >= 2, "the build never started its kit workers"
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=30)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.1)
        left = [w for w in workers if _alive(w)]
        assert left == [], f"kit workers still running after their build was killed: {left}"
    finally:
        if build.poll() is None:
            build.kill()
        for w in workers:
            if _alive(w):
                os.kill(w, signal.SIGKILL)


# -- the site swap ------------------------------------------------------------------------


def _site(path: Path, text: str) -> Path:
    path.mkdir(parents=True)
    (path / "index.html").write_text(text, encoding="utf-8")
    return path


def test_swap_replaces_the_site_and_leaves_no_staging(tmp_path: Path) -> None:
    out = _site(tmp_path / "site", "ancien")
    swap_into(_site(tmp_path / ".site-nouveau-1", "nouveau"), out)
    assert (out / "index.html").read_text(encoding="utf-8") == "nouveau"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    swap_into(_site(tmp_path / ".site-nouveau-2", "premier"), tmp_path / "autre")  # no previous site
    assert (tmp_path / "autre" / "index.html").read_text(encoding="utf-8") == "premier"


@linux_only
def test_swap_is_one_exchange_on_linux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class NoTwoStep:
        def replace(self, *args: object) -> None:
            raise AssertionError("site/ moved aside: a window without site/")

        def __getattr__(self, name: str) -> object:
            return getattr(os, name)

    monkeypatch.setattr(output, "os", NoTwoStep())
    out = _site(tmp_path / "site", "ancien")
    swap_into(_site(tmp_path / ".site-nouveau-1", "nouveau"), out)
    assert (out / "index.html").read_text(encoding="utf-8") == "nouveau"


@pytest.mark.parametrize("exchange", [True, False], ids=["echange", "repli"])
def test_swap_fallback_keeps_a_whole_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool) -> None:
    if not exchange:
        monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    out = _site(tmp_path / "site", "v0")
    for i in range(1, 4):
        swap_into(_site(tmp_path / f".site-nouveau-{i}", f"v{i}"), out)
    assert (out / "index.html").read_text(encoding="utf-8") == "v3"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@linux_only
def test_a_reader_never_finds_the_site_missing(tmp_path: Path) -> None:
    out = _site(tmp_path / "site", "v0")
    missing = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            if not (out / "index.html").is_file():
                missing.append(time.monotonic())

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for i in range(1, 200):
            swap_into(_site(tmp_path / f".site-nouveau-{i}", f"v{i}"), out)
    finally:
        stop.set()
        reader.join()
    assert missing == []
    assert (out / "index.html").read_text(encoding="utf-8") == "v199"


# -- one writer, one mode -----------------------------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_write_file_mode_follows_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        write_file(tmp_path / "a" / "kit.pdf", b"%PDF")
        plain = tmp_path / "ouvert.txt"
        plain.write_bytes(b"x")  # what MkDocs' open() gives the rest of the site
        assert (tmp_path / "a" / "kit.pdf").stat().st_mode & 0o777 == mode == plain.stat().st_mode & 0o777
        assert file_mode() == mode
    finally:
        os.umask(old)
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["kit.pdf"]  # no temporary file left


# -- the machine's failures ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "what"),
    [
        (errno.ENOSPC, "plus de place sur le disque (ENOSPC)"),
        (errno.EROFS, "le système de fichiers est en lecture seule (EROFS)"),
        (errno.EACCES, "permission refusée (EACCES)"),
    ],
)
def test_environment_failures_exit_2_with_the_path_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, what: str
) -> None:
    root = tmp_path / "projet"
    shutil.copytree(FIXTURES / "base", root)
    real_fdopen = os.fdopen

    class Failing:
        def __init__(self, fd: int, mode: str) -> None:
            self.fh = real_fdopen(fd, mode)

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            raise OSError(code, os.strerror(code))  # as a write() on a full disk: no file name

    class OsOfTheWriter:  # only the writer's view of os: WeasyPrint's own temporary files still work
        fdopen = Failing

        def __getattr__(self, name: str) -> object:
            return getattr(os, name)

    monkeypatch.setattr(output, "os", OsOfTheWriter())
    result = CliRunner().invoke(main, ["kits", str(root), "--out", str(tmp_path / "sortie")])
    assert result.exit_code == 2, result.output
    err = result.output
    assert f"erreur : oep n'a pas pu accéder à « {tmp_path / 'sortie' / 'kits'}" in err
    assert what in err and "Ce n'est pas votre contenu" in err
    assert "interne" not in err and "signalez" not in err and "Traceback" not in err


def test_environment_problem_names_errors_the_user_can_fix() -> None:
    full = environment_problem(OSError(errno.ENOSPC, "No space left on device", "site/kits/kit.pdf"))
    assert full == (
        "oep n'a pas pu accéder à « site/kits/kit.pdf » : plus de place sur le disque (ENOSPC). "
        "Ce n'est pas votre contenu : libérez de la place (ou choisissez un autre dossier avec --out), "
        "puis relancez."
    )
    assert environment_problem(OSError(errno.EBADF, "Bad file descriptor")) is None  # a bug, not the machine
    assert environment_problem(ValueError("x")) is None


def test_engine_warnings_are_collected_once_each_and_not_printed(caplog: pytest.LogCaptureFixture) -> None:
    """WeasyPrint logged the same missing glyph half a million times, in English, over oep's French report."""
    import logging

    from oep_build.logger import engine_warnings

    engine = logging.getLogger("weasyprint")
    with caplog.at_level(logging.WARNING), engine_warnings("weasyprint") as warnings:
        for _ in range(1000):
            engine.warning(".notdef glyph rendered for Unicode string %r", "💧")
        engine.warning("autre chose")
    assert warnings == [".notdef glyph rendered for Unicode string '💧'", "autre chose"]
    assert [r for r in caplog.records if r.name == "weasyprint"] == []  # not passed on to the terminal
    assert engine.propagate  # as it was


def test_an_out_folder_under_a_file_is_the_machines_failure_not_an_internal_error(tmp_path: Path) -> None:
    root = tmp_path / "projet"
    shutil.copytree(FIXTURES / "base", root)
    shutil.copy(FIXTURES.parent.parent / "mkdocs.yml", root)  # the theme: the site is built
    shutil.copytree(FIXTURES.parent.parent / "overrides", root / "overrides")
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    got = CliRunner().invoke(main, ["build", str(root), "--sans-kits", "--out", str(tmp_path / "fichier" / "site"), "--today", "2026-11-27"])
    assert got.exit_code == 2, got.output
    assert "un fichier est là où il faut un dossier" in got.output and "erreur interne" not in got.output
