"""The check stage run in a forked child while ``oep build`` prepares the pages."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from test_site_support import REPO, TODAY, example_copy

from oep_build import build as build_module
from oep_build.background import PARALLEL_ENV, BackgroundChecks, can_fork
from oep_build.build import build
from oep_build.checks import CHECKS, run_checks
from oep_build.diagnostics import Level
from oep_build.pipeline import check_project, load_project

BROKEN = REPO / "tests" / "fixtures" / "broken"


def test_forks_wherever_it_safely_can() -> None:
    # The CI machine has two processors; a thread left by another test would forbid the fork.
    if os.environ.get("CI") == "true" and threading.active_count() == 1:
        assert can_fork()
    checks = BackgroundChecks(load_project(REPO, TODAY).context)
    assert checks.forked == can_fork()
    checks.result()


def test_forked_checks_find_what_inline_checks_find() -> None:
    cases = [REPO, *sorted(p for p in BROKEN.iterdir() if p.is_dir())]
    for root in cases:
        ctx = load_project(root, TODAY).context
        inline = list(run_checks(ctx))
        assert BackgroundChecks(ctx).result() == inline, root.name


def test_checks_leave_the_project_as_they_found_it() -> None:
    # What makes running them in a child safe: nothing the pages read is set by a check.
    ctx = load_project(REPO, TODAY).context
    before = pickle.dumps(ctx.project)
    list(run_checks(ctx))
    assert pickle.dumps(ctx.project) == before


def test_a_failing_child_falls_back_on_running_the_checks_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_check(ctx: object) -> list:
        raise RuntimeError("bogue dans un contrôle")

    monkeypatch.setattr("oep_build.checks.base.CHECKS", [*CHECKS, broken_check])
    ctx = load_project(REPO, TODAY).context
    with pytest.raises(RuntimeError, match="bogue dans un contrôle"):
        BackgroundChecks(ctx).result()


def test_switched_off_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PARALLEL_ENV, "0")
    assert not can_fork()
    assert not BackgroundChecks(load_project(REPO, TODAY).context).forked


def _break_a_reference(root: Path) -> None:
    # Valid for the model, caught by the cross-object checks: an unknown pilot.
    campagne = root / "campaigns" / "loi-duplomb" / "campagne.yml"
    text = campagne.read_text(encoding="utf-8")
    campagne.write_text(text.replace("pilote: camille-r", "pilote: personne-inconnue", 1), encoding="utf-8")


def test_a_check_error_stops_the_build_before_anything_is_written(tmp_path: Path) -> None:
    root = example_copy(tmp_path / "projet")
    _break_a_reference(root)
    assert not load_project(root, TODAY).report.failed()
    out = root / "site"
    out.mkdir()
    (out / "index.html").write_text("site précédent")
    result = build(root, out=out, today=TODAY, kits=False)
    assert not result.ok
    assert result.report.sorted() == check_project(root, TODAY).report.sorted()
    assert any(d.id == "reference-inconnue" and d.level is Level.ERREUR for d in result.report)
    assert (out / "index.html").read_text() == "site précédent"
    assert not (root / "build").exists()


def test_pages_failing_on_bad_content_give_the_diagnostics_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pages are prepared before the checks have answered: on content they reject,
    # whatever the pages stumble on is the content's fault and the report says it.
    root = example_copy(tmp_path / "projet")
    _break_a_reference(root)

    def stumbles(*args: object) -> None:
        raise KeyError("personne-inconnue")

    monkeypatch.setattr(build_module, "_render_pages", stumbles)
    result = build(root, today=TODAY, kits=False)
    assert not result.ok and result.report.errors
    assert not (root / "build").exists()


def test_pages_failing_on_clean_content_is_a_bug_and_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = example_copy(tmp_path / "projet")

    def stumbles(*args: object) -> None:
        raise KeyError("bogue")

    monkeypatch.setattr(build_module, "_render_pages", stumbles)
    with pytest.raises(KeyError, match="bogue"):
        build(root, today=TODAY, kits=False)


def test_the_command_line_build_says_only_what_it_built(tmp_path: Path) -> None:
    # The forked checks and the engine warm-up run in a real `oep build`: nothing of theirs shows.
    root = example_copy(tmp_path / "projet")
    env = {**os.environ, "OEP_TODAY": TODAY.isoformat()}
    run = subprocess.run(
        [sys.executable, "-m", "oep_build", "build", str(root), "--sans-kits"],
        capture_output=True, text=True, env=env, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout.startswith("Site public construit dans ") and run.stdout.count("\n") == 1


def test_a_refused_fork_means_checking_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = load_project(REPO, TODAY).context

    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    monkeypatch.setattr("oep_build.background.can_fork", lambda: True)
    checks = BackgroundChecks(ctx)
    assert not checks.forked
    assert checks.result() == list(run_checks(ctx))


def _no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_an_interrupted_build_leaves_no_child_behind(tmp_path: Path) -> None:
    root = example_copy(tmp_path / "projet")

    def interrupted(stage: str) -> None:
        if stage == "kits":  # after the fork, before the checks are collected
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(root, today=TODAY, kits=False, progress=interrupted)
    assert _no_child_left()
    assert not (root / "build").exists() and not (root / "site").exists()
    checks = BackgroundChecks(load_project(REPO, TODAY).context)
    checks.close()
    assert _no_child_left() and not checks.forked


_ORPHAN_SCRIPT = """
import sys, time
from pathlib import Path
import oep_build.checks.base as base
from oep_build.background import BackgroundChecks
from oep_build.pipeline import load_project

def slow(ctx):
    time.sleep(60)
    return []

base.CHECKS.append(slow)
checks = BackgroundChecks(load_project(Path(sys.argv[1]), None).context)
print(checks.pid, flush=True)
time.sleep(60)
"""


def test_the_child_does_not_outlive_a_killed_build() -> None:
    # SIGKILL (or a SIGTERM without handler) leaves the parent no time to stop the child.
    env = {**os.environ, "OEP_TODAY": TODAY.isoformat()}
    parent = subprocess.Popen(
        [sys.executable, "-c", _ORPHAN_SCRIPT, str(REPO)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        line = parent.stdout.readline() if parent.stdout else ""
        if line.strip() == "None":
            pytest.skip("no fork on this machine (one processor or not Linux)")
        child = int(line)
        os.kill(child, 0)  # alive
    finally:
        parent.kill()
        parent.wait()
    for _ in range(100):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    pytest.fail(f"le processus des contrôles {child} survit à oep build")
