"""Dependency cycles on generated graphs: a DAG has none; one back edge gives exactly its cycles."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from oep_build.planning import find_cycles


@st.composite
def dags(draw: st.DrawFn) -> dict[str, list[str]]:
    """A random DAG whose declaration order is shuffled (not a topological order)."""
    n = draw(st.integers(min_value=1, max_value=9))
    names = [f"l{i}" for i in range(n)]
    # Edges only go « forward » in ``names``: acyclic by construction.
    graph = {
        a: draw(st.lists(st.sampled_from(names[i + 1 :]), max_size=3)) if i + 1 < n else []
        for i, a in enumerate(names)
    }
    order = draw(st.permutations(names))
    return {a: graph[a] for a in order}


def simple_paths(graph: dict[str, list[str]], src: str, dst: str) -> list[list[str]]:
    out: list[list[str]] = []

    def walk(path: list[str]) -> None:
        if path[-1] == dst:
            out.append(list(path))
            return
        for nxt in dict.fromkeys(graph[path[-1]]):
            if nxt not in path:
                walk(path + [nxt])

    walk([src])
    return out


def canonical(cycle: list[str], order: dict[str, int]) -> tuple[str, ...]:
    i = min(range(len(cycle)), key=lambda k: order[cycle[k]])
    return tuple(cycle[i:] + cycle[:i])


@settings(max_examples=200, deadline=None)
@given(dags())
def test_dag_has_no_cycle(graph: dict[str, list[str]]) -> None:
    assert find_cycles(graph) == []


@settings(max_examples=200, deadline=None)
@given(dags(), st.data())
def test_back_edge_yields_exactly_its_cycles(graph: dict[str, list[str]], data: st.DataObject) -> None:
    names = list(graph)
    u = data.draw(st.sampled_from(names))
    reachable = sorted({p[-1] for p in simple_paths_from(graph, u)})
    v = data.draw(st.sampled_from(reachable))
    expected_paths = simple_paths(graph, u, v)
    graph = {k: list(vs) for k, vs in graph.items()}
    graph[v].append(u)  # the back edge closes every path u -> … -> v
    order = {n: i for i, n in enumerate(graph)}
    found = find_cycles(graph, limit=10_000)
    assert len(found) == len({tuple(c) for c in found}), "a cycle is reported once"
    assert {tuple(c) for c in found} == {canonical(p, order) for p in expected_paths}
    for cycle in found:  # listed from its first declared node, following the edges
        assert order[cycle[0]] == min(order[n] for n in cycle)
        for a, b in zip(cycle, cycle[1:] + cycle[:1]):
            assert b in graph[a]


def simple_paths_from(graph: dict[str, list[str]], src: str) -> list[list[str]]:
    return [p for dst in graph for p in simple_paths(graph, src, dst)]


def test_single_back_edge_in_a_chain_names_the_cycle_in_order() -> None:
    graph = {"a": ["b"], "b": ["c"], "c": ["d"], "d": ["b"]}
    assert find_cycles(graph) == [["b", "c", "d"]]


def test_self_dependency_and_unknown_ids() -> None:
    assert find_cycles({"a": ["a", "inconnu"], "b": ["a"]}) == [["a"]]


def test_long_chain_does_not_recurse() -> None:
    n = 5000
    graph = {f"l{i}": [f"l{i + 1}"] for i in range(n)}
    graph[f"l{n}"] = ["l0"]
    (cycle,) = find_cycles(graph)
    assert len(cycle) == n + 1 and cycle[0] == "l0"
