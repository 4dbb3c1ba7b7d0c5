"""The GitHub workflows of the content repository: their shape, and every ``run:`` step executed.

A tiny runner plays the jobs in a temporary copy of the example project (a real
git repository with a ``main`` and a proposed change): action steps are skipped
(with fake outputs where later steps read them), ``if:`` conditions and
``${{ }}`` expressions are evaluated for the few forms the workflows use, and
``gh``, ``pip`` and ``sudo`` are stubs on PATH that record their arguments.
The public site is built once per session (the PR job); the publish job reuses
that workspace and skips a command already executed there.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from oep_build.pipeline import check_project
from oep_build.workflow.diff import snapshot

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
EXAMPLE = ("content", "campaigns", "kits", "mkdocs.yml", "overrides", "schemas")
TODAY = "2026-11-27"
PR_NUMBER = "7"
FAKE_ACTION_OUTPUTS = {"actions/upload-artifact": {"artifact-url": "https://example.org/artefact/1"}}
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
STUB = '#!/bin/sh\necho "$(basename "$0") $*" >> "$STUB_LOG"\n'


def load(name: str) -> dict[str, Any]:
    # ruamel reads YAML 1.2: ``on`` stays a key (PyYAML would turn it into True)
    return YAML(typ="safe").load((WORKFLOWS / name).read_text(encoding="utf-8"))


# -- shape ------------------------------------------------------------------------


def test_verifier_runs_on_pull_requests() -> None:
    wf = load("verifier.yml")
    assert set(wf["on"]) == {"pull_request"}
    assert wf["permissions"]["pull-requests"] == "write"
    assert wf["env"]["NO_MKDOCS_2_WARNING"] == "1"
    steps = wf["jobs"]["verifier"]["steps"]
    uses = {s["uses"].split("@")[0]: s for s in steps if "uses" in s}
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0
    assert uses["actions/upload-artifact"]["with"]["path"] == "site/"
    runs = "\n".join(s.get("run", "") for s in steps)
    for command in ("oep check . --format github", "oep build . --audience public --out site",
                    "oep diff .", "GITHUB_STEP_SUMMARY", "gh pr comment", "SOURCE_DATE_EPOCH="):
        assert command in runs


def test_publier_deploys_main_and_runs_hourly() -> None:
    wf = load("publier.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    (cron,) = [s["cron"] for s in wf["on"]["schedule"]]
    minute, *rest = cron.split()
    assert minute.isdigit() and rest == ["*", "*", "*", "*"]  # once an hour
    assert "workflow_dispatch" in wf["on"]
    assert wf["env"]["NO_MKDOCS_2_WARNING"] == "1"
    build, deploy = wf["jobs"]["construire"], wf["jobs"]["deployer"]
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"])
    assert deploy["needs"] == "construire"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


@pytest.mark.parametrize("name", ["verifier.yml", "publier.yml"])
def test_actions_are_pinned_to_a_major_version(name: str) -> None:
    for job in load(name)["jobs"].values():
        for step in job["steps"]:
            assert "name" in step
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]


# -- a tiny runner ------------------------------------------------------------------


@dataclass
class StepRun:
    name: str
    command: str
    returncode: int
    stdout: str
    stderr: str


@dataclass
class JobRun:
    steps: list[StepRun] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: bool = False

    def step(self, name: str) -> StepRun:
        return next(s for s in self.steps if s.name == name)


class Runner:
    """Plays the ``run:`` steps of a job in ``workspace``, like a GitHub runner would."""

    def __init__(self, workspace: Path, tmp: Path) -> None:
        self.workspace = workspace
        self.tmp = tmp
        self.summary = tmp / "summary.md"
        self.stub_log = tmp / "stubs.log"
        self.executed: set[str] = set()
        self.exported: dict[str, str] = {}
        stubs = tmp / "stubs"
        stubs.mkdir(exist_ok=True)
        for name in ("gh", "pip", "sudo"):
            (stubs / name).write_text(STUB, encoding="utf-8")
            (stubs / name).chmod(0o755)
        self.path = f"{stubs}{os.pathsep}{os.environ['PATH']}"

    def run_job(self, workflow: dict[str, Any], job_id: str, *, reuse: str = "") -> JobRun:
        """Run ``job_id``; a command containing ``reuse`` that already ran here is not run again."""
        job = workflow["jobs"][job_id]
        out = JobRun()
        steps_ctx: dict[str, dict[str, Any]] = {}
        env_base = {**workflow.get("env", {}), **job.get("env", {})}
        for i, step in enumerate(job["steps"]):
            ctx = {"steps": steps_ctx, "failed": out.failed}
            if not _condition(step.get("if", "success()"), ctx):
                out.skipped.append(step["name"])
                if "id" in step:
                    steps_ctx[step["id"]] = {"outcome": "skipped", "outputs": {}}
                continue
            if "uses" in step:  # actions are GitHub's to test; later steps may read their outputs
                outputs = FAKE_ACTION_OUTPUTS.get(step["uses"].split("@")[0], {})
                if "id" in step:
                    steps_ctx[step["id"]] = {"outcome": "success", "outputs": dict(outputs)}
                continue
            command = step["run"]
            if reuse and reuse in command and command in self.executed:
                out.skipped.append(step["name"])
                if "id" in step:
                    steps_ctx[step["id"]] = {"outcome": "success", "outputs": {}}
                continue
            env = {k: _expand(str(v), ctx) for k, v in {**env_base, **step.get("env", {})}.items()}
            result, outputs = self._execute(i, command, env)
            self.executed.add(command)
            out.steps.append(StepRun(step["name"], command, result.returncode, result.stdout, result.stderr))
            outcome = "success" if result.returncode == 0 else "failure"
            if "id" in step:
                steps_ctx[step["id"]] = {"outcome": outcome, "outputs": outputs}
            if outcome == "failure" and not step.get("continue-on-error"):
                out.failed = True
        return out

    def _execute(self, i: int, command: str, env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
        output, github_env = self.tmp / f"output-{i}", self.tmp / f"env-{i}"
        output.write_text("", encoding="utf-8")
        github_env.write_text("", encoding="utf-8")
        script = self.tmp / f"step-{i}.sh"
        script.write_text(command, encoding="utf-8")
        full = {
            **os.environ,
            **GIT_ENV,
            **self.exported,
            **env,
            "PATH": self.path,
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "GITHUB_OUTPUT": str(output),
            "GITHUB_ENV": str(github_env),
            "STUB_LOG": str(self.stub_log),
            # the example content is dated: judge it on the tests' day, like every other test
            "OEP_TODAY": TODAY,
        }
        full.pop("SOURCE_DATE_EPOCH", None)  # the workflow sets it from the commit
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=self.workspace, env=full, capture_output=True, text=True, timeout=900, check=False,
        )
        self.exported.update(_key_values(github_env))
        return result, _key_values(output)


def _key_values(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)


GITHUB_CONTEXT = {
    "github.base_ref": "main",
    "github.token": "jeton-factice",
    "github.repository": "on-est-pret/contenus",
    "github.event.pull_request.number": PR_NUMBER,
    "github.event.pull_request.head.repo.full_name": "on-est-pret/contenus",
}


def _lookup(path: str, ctx: dict[str, Any]) -> str:
    if path in GITHUB_CONTEXT:
        return GITHUB_CONTEXT[path]
    parts = path.split(".")
    if parts[0] == "steps" and len(parts) >= 3:
        step = ctx["steps"].get(parts[1], {"outcome": "", "outputs": {}})
        if parts[2] == "outcome":
            return step["outcome"]
        if parts[2] == "outputs" and len(parts) == 4:
            return step["outputs"].get(parts[3], "")
    raise AssertionError(f"expression the test runner does not know: {path}")


_CONTEXT_PATH = re.compile(r"\b(?:github|steps)(?:\.[A-Za-z0-9_-]+)+")


def _condition(expr: str, ctx: dict[str, Any]) -> bool:
    """``always() && steps.x.outputs.y == '0'``-style conditions, evaluated in Python."""
    expr = expr.strip().removeprefix("${{").removesuffix("}}")
    py = _CONTEXT_PATH.sub(lambda m: repr(_lookup(m.group(0), ctx)), expr)
    py = py.replace("&&", " and ").replace("||", " or ")
    py = py.replace("always()", "True").replace("success()", "(not failed)").replace("failure()", "failed")
    return bool(eval(py, {"__builtins__": {}}, {"failed": ctx["failed"]}))


def _expand(value: str, ctx: dict[str, Any]) -> str:
    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: _lookup(m.group(1), ctx), value)


# -- the example project as a content repository ------------------------------------------


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, check=True, capture_output=True)


def make_content_repo(dest: Path) -> Path:
    """The example project on ``main`` (also ``origin/main``), then a proposed change on a branch."""
    dest.mkdir()
    for name in EXAMPLE:
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "--no-gpg-sign", "-m", "Contenu initial")
    git(dest, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(dest, "switch", "-q", "-c", "proposition")
    return dest


def propose(root: Path, rel: str, text: str) -> None:
    (root / rel).write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "--no-gpg-sign", "-m", "Proposition")


@pytest.fixture(scope="session")
def pull_request(tmp_path_factory: pytest.TempPathFactory) -> tuple[Runner, JobRun, Path]:
    """The PR job on a valid change: the one full site build of this test module."""
    tmp = tmp_path_factory.mktemp("ci")
    root = make_content_repo(tmp / "contenus")
    page = root / "content/pages/agir.md"
    propose(root, "content/pages/agir.md", page.read_text(encoding="utf-8") + "\nUne phrase de plus.\n")
    runner = Runner(root, tmp)
    return runner, runner.run_job(load("verifier.yml"), "verifier"), root


def test_pull_request_job_runs_every_step(pull_request) -> None:  # type: ignore[no-untyped-def]
    _runner, job, root = pull_request
    failures = [(s.name, s.returncode, s.stdout[-2000:], s.stderr[-2000:]) for s in job.steps if s.returncode]
    assert failures == []
    assert not job.failed
    assert job.skipped == []  # every run step ran
    check = job.step("Contrôler le contenu")
    assert "::error" not in check.stdout
    assert (root / "site/index.html").is_file()
    assert list((root / "site/kits").glob("*.pdf"))
    assert "Contenu valide, site et kits construits." in job.step("Verdict").stdout


def test_pull_request_summary_and_comment(pull_request) -> None:  # type: ignore[no-untyped-def]
    runner, _job, root = pull_request
    summary = runner.summary.read_text(encoding="utf-8")
    assert summary.startswith("<!-- oep-diff -->")
    assert "Comparaison avec `origin/main`" in summary
    assert "### Modifié (déjà public) (1)" in summary and "`agir`" in summary
    assert "- modifié : `pages/agir/`" in summary
    assert "[télécharger le site et les kits](https://example.org/artefact/1)" in summary
    assert (root / "resume.md").read_text(encoding="utf-8") == summary
    calls = runner.stub_log.read_text(encoding="utf-8").splitlines()
    assert f"gh pr comment {PR_NUMBER} --body-file resume.md --edit-last" in calls
    assert "pip install -c constraints.txt ." in calls  # the tested versions (constraints.txt)
    assert "sudo apt-get install -y -qq poppler-utils" in calls


def test_every_diff_path_exists_in_the_built_site(pull_request) -> None:  # type: ignore[no-untyped-def]
    """``oep diff`` names pages and files by the paths the site builder really writes."""
    _runner, _job, root = pull_request
    checked = check_project(root)
    snap = snapshot(checked, checked.context.now)
    assert snap.pages
    missing = [
        url for url in snap.pages
        if not ((root / "site" / url / "index.html") if url.endswith("/") else (root / "site" / url)).is_file()
    ]
    assert missing == []


def test_publish_job_runs_every_step(pull_request) -> None:  # type: ignore[no-untyped-def]
    runner, _pr, _root = pull_request
    job = runner.run_job(load("publier.yml"), "construire", reuse="oep build")
    assert [(s.name, s.returncode) for s in job.steps if s.returncode] == []
    # the build command is the PR job's own: already exercised, not rebuilt
    assert job.skipped == ["Construire le site public et les kits"]
    assert {s.name for s in job.steps} >= {"Installer oep-build", "Dater la construction (date du commit)", "Contrôler le contenu"}
    assert "SOURCE_DATE_EPOCH" in runner.exported


def test_pull_request_with_errors_still_reports_then_fails(tmp_path: Path) -> None:
    root = make_content_repo(tmp_path / "contenus")
    propose(root, "kits/kit-loi-duplomb.yml", "titre: Kit sans campagne\n")
    runner = Runner(root, tmp_path)
    job = runner.run_job(load("verifier.yml"), "verifier")
    assert "::error file=kits/kit-loi-duplomb.yml" in job.step("Contrôler le contenu").stdout
    assert job.skipped == ["Construire le site public et les kits", "Déposer l'aperçu"]
    summary = runner.summary.read_text(encoding="utf-8")
    assert "❌ **Contrôle : " in summary
    assert "pas de site construit" in summary
    assert f"gh pr comment {PR_NUMBER} --body-file resume.md --edit-last" in runner.stub_log.read_text(encoding="utf-8")
    verdict = job.step("Verdict")
    assert verdict.returncode == 1 and "::error::Le contrôle a trouvé des erreurs" in verdict.stdout
    assert job.failed


# -- pre-commit ----------------------------------------------------------------------


def _hook_command(entry: str, *files: str) -> list[str]:
    """The hook's entry as pre-commit runs it, with this tree's oep (not an installed one)."""
    words = entry.split()
    assert words[0] == "oep"
    return [sys.executable, "-m", "oep_build", *words[1:], *files]


def test_pre_commit_hooks_fix_then_check_staged_content(tmp_path: Path) -> None:
    config = YAML(typ="safe").load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    fix, check = repo["hooks"]
    assert repo["repo"] == "local"
    assert (fix["id"], fix["language"], fix["pass_filenames"]) == ("oep-fix", "system", True)
    assert (check["id"], check["language"], check["pass_filenames"]) == ("oep-check", "system", True)
    for hook in (fix, check):
        pattern = re.compile(hook["files"])
        assert all(pattern.search(p) for p in ("content/site.yml", "campaigns/x/campagne.yml", "kits/k.yml"))
        assert not any(pattern.search(p) for p in ("oep_build/cli.py", "README.md", "tests/fixtures/base/kits/demo.yml"))
    # the entries, as pre-commit runs them from the repository root, with the commit's files
    ok = tmp_path / "ok"
    shutil.copytree(REPO / "tests/fixtures/base", ok)
    done = subprocess.run(_hook_command(check["entry"], "kits/demo.yml"), cwd=ok, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    kit = ok / "kits/demo.yml"
    kit.write_text(kit.read_text(encoding="utf-8").replace('version: "1.0"', "version: 1.10"), encoding="utf-8")
    site = ok / "content/site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "langue: 01\n", encoding="utf-8")
    done = subprocess.run(_hook_command(fix["entry"], "kits/demo.yml"), cwd=ok, capture_output=True, text=True)
    assert 'version: "1.10"' in kit.read_text(encoding="utf-8"), done.stdout + done.stderr
    assert done.returncode == 0, done.stdout  # fixed; the unstaged site.yml is not its business
    assert site.read_text(encoding="utf-8").endswith("langue: 01\n")  # only the commit's files are fixed
    site.write_text(site.read_text(encoding="utf-8").replace("langue: 01\n", ""), encoding="utf-8")
    kit.write_text("titre: Kit sans campagne\n", encoding="utf-8")
    done = subprocess.run(_hook_command(check["entry"], "kits/demo.yml"), cwd=ok, capture_output=True, text=True)
    assert done.returncode == 1 and "kits/demo.yml" in done.stdout
    # a commit that does not touch the broken kit is not refused for it
    done = subprocess.run(_hook_command(check["entry"], "content/site.yml"), cwd=ok, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
