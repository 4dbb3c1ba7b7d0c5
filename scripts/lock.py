"""Write constraints.txt: every package oep-build and its ``dev`` extra need, pinned to the installed version.

Run it in an environment where ``scripts/setup.sh --dev`` succeeded and the suite passes
(``make lock`` does both steps' last part): the file then pins exactly what was tested.
Dependabot proposes updates to it as pull requests (.github/dependabot.yml).
"""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
HEADER = """\
# Versions exactes testées d'oep-build et de ses outils de test (dépendances comprises).
# Utilisé par scripts/setup.sh (make site, make test), la CI et les deux workflows :
#   pip install -c constraints.txt -e ".[dev]"
# Pour le mettre à jour : installez les nouvelles versions, lancez make test, puis
#   python scripts/lock.py
# Dependabot propose aussi les mises à jour en pull request (.github/dependabot.yml).
"""


def _applies(req: Requirement, extras: set[str]) -> bool:
    """``req`` is needed here (this platform and Python), for the package or one of ``extras``."""
    if req.marker is None:
        return True
    env = default_environment()
    return any(req.marker.evaluate({**env, "extra": e}) for e in extras | {""})


def closure(roots: list[Requirement]) -> dict[str, str]:
    """name -> installed version, for ``roots`` and everything they require."""
    pinned: dict[str, str] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [r for r in roots if _applies(r, set())]
    while todo:
        req = todo.pop()
        key = (canonicalize_name(req.name), frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        dist = metadata.distribution(req.name)
        pinned[key[0]] = dist.version
        todo.extend(sub for sub in map(Requirement, dist.requires or []) if _applies(sub, set(req.extras)))
    return pinned


def main() -> int:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    roots = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]]
    pinned = closure(roots)
    lines = [f"{name}=={version}" for name, version in sorted(pinned.items())]
    (ROOT / "constraints.txt").write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"constraints.txt : {len(lines)} paquets épinglés", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
