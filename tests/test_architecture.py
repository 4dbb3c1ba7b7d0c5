"""Architecture gates: no import cycle between oep_build modules, and the stages
downstream of the checks (views, render, monitoring, planning) do not import
the checks package.

Imports are read statically (ast), module level and function level alike: a
deferred import inside a function still ties the two modules together. Only
``if TYPE_CHECKING:`` blocks are left out: they name a type, Python never runs them.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "oep_build"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph() -> dict[str, set[str]]:
    """module -> the oep_build modules it imports (a package's ``__init__`` counts as the package)."""
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for mod, path in mods.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for block in ast.walk(tree):
            if isinstance(block, ast.If) and ast.unparse(block.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
                block.body = []
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(mod, is_package, node)
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names]
            for t in targets:
                if t in mods and t != mod:
                    graph[mod].add(t)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _without_package_parents(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Drop a submodule's edge to its own package ``__init__``: Python loads the parent first anyway."""
    return {m: {t for t in targets if not m.startswith(t + ".")} for m, targets in graph.items()}


def test_import_graph_sees_known_edges() -> None:
    graph = import_graph()
    assert "oep_build.context" in graph["oep_build.checks.base"]
    assert "oep_build.diagnostics" in graph["oep_build.context"]


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle() -> None:
    cycles = _cycles(_without_package_parents(import_graph()))
    assert not cycles, "import cycles: " + "; ".join(" ↔ ".join(c) for c in cycles)


def test_downstream_stages_do_not_import_checks() -> None:
    downstream = ("oep_build.views", "oep_build.render", "oep_build.monitoring", "oep_build.planning")
    bad = {
        m: sorted(t for t in targets if t == "oep_build.checks" or t.startswith("oep_build.checks."))
        for m, targets in import_graph().items()
        if m.startswith(downstream)
    }
    bad = {m: t for m, t in bad.items() if t}
    assert not bad, f"these modules import the checks package: {bad}"


# A comparison of a visibilite field, of the published statuts, or of a content statut's value.
_VISIBILITY_DECISION = re.compile(
    r"visibilite\w*(?:\.value)?\s*(?:==|!=|\bis\b|\bin\b|\bnot\s+in\b)"
    r"|(?:==|!=)\s*[\w.]*visibilite"
    r"|STATUTS_PUBLIES"
    r"|(?:==|!=|\bis\b)\s*Statut\.(?:brouillon|en_relecture|valide|publie)\b"
    r"|==\s*\"(?:brouillon|en_relecture|valide|publie)\""
)


def test_visibility_is_decided_only_in_visibility_py() -> None:
    """Every sub-object visibility decision goes through oep_build/visibility.py (grep finds no other)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "oep_build/visibility.py" or rel.startswith("oep_build/model/"):
            continue  # the decisions, and the model that defines the values
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if _VISIBILITY_DECISION.search(code):
                found.append(f"{rel}:{n}: {line.strip()}")
    assert not found, "decide visibility in oep_build/visibility.py:\n" + "\n".join(found)


def test_visibility_grep_sees_the_three_styles() -> None:
    for line in ('if tf.visibilite == "public":', "if p.visibilite.value != 'public':",
                 "if partner.visibilite is Visibilite.public:", "if s not in STATUTS_PUBLIES:",
                 "if obj.statut is Statut.publie:"):
        assert _VISIBILITY_DECISION.search(line), line
    assert not _VISIBILITY_DECISION.search('fix="passez le visuel en visibilite: interne"')
    assert not _VISIBILITY_DECISION.search("Statut.publie: StatutLivrable.publie,")  # a mapping, not a decision
