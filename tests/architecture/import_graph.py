"""The import graph of a Python package, read from its source with `ast`, and its cycles.

Why not a tool (pydeps, import-linter, ruff)? The rule "no import cycle" should rest on what the
source says, with no third party's notion of which imports count. Here every import counts that
can run: module-level and inside functions alike (a function-level import only defers the
cycle, it does not remove it). Only imports under `if TYPE_CHECKING:` are left out, since they
never run.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ImportGraph:
    """Modules of one package and, per importing module, the modules it imports with the lines."""

    modules: set[str]
    edges: dict[str, dict[str, list[int]]] = field(default_factory=lambda: defaultdict(dict))

    def add(self, source: str, target: str, line: int) -> None:
        self.edges[source].setdefault(target, []).append(line)


def module_names(package_dir: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of the package (packages by __init__)."""
    root = package_dir.parent
    names: dict[str, Path] = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement that can run: all but the body of `if TYPE_CHECKING:`."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
            continue
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def _known(name: str, modules: set[str]) -> str | None:
    """NAME if it is a module of the package, else its longest prefix that is; None if none."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def build_graph(package_dir: Path) -> ImportGraph:
    """The import graph among the modules of the package at PACKAGE_DIR."""
    files = module_names(package_dir)
    graph = ImportGraph(modules=set(files))
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _imports(tree):
            for target in _targets(node, name, is_package, graph.modules):
                if target != name:  # a package importing its own names is no cycle
                    graph.add(name, target, node.lineno)
    return graph


def _targets(
    node: ast.Import | ast.ImportFrom, importer: str, is_package: bool, modules: set[str]
) -> Iterator[str]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            target = _known(alias.name, modules)
            if target is not None:
                yield target
        return
    if node.level:
        base_parts = importer.split(".")
        if not is_package:
            base_parts.pop()
        if node.level > 1:
            base_parts = base_parts[: len(base_parts) - (node.level - 1)]
        base = ".".join([*base_parts, node.module] if node.module else base_parts)
    else:
        base = node.module or ""
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        if submodule in modules:
            yield submodule
        else:
            target = _known(base, modules)
            if target is not None:
                yield target


def strongly_connected(graph: ImportGraph) -> list[list[str]]:
    """Tarjan's strongly connected components, each sorted, the list sorted too."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.edges.get(node, {})):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            components.append(sorted(component))

    for node in sorted(graph.modules):
        if node not in index:
            visit(node)
    return sorted(components)


def _shortest_path(graph: ImportGraph, start: str, goal: str, within: set[str]) -> list[str]:
    """Breadth-first shortest path START -> GOAL through modules of WITHIN."""
    previous: dict[str, str | None] = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        if node == goal:
            path = [node]
            while previous[path[-1]] is not None:
                path.append(previous[path[-1]])  # type: ignore[arg-type]
            return path[::-1]
        for succ in sorted(graph.edges.get(node, {})):
            if succ in within and succ not in previous:
                previous[succ] = node
                queue.append(succ)
    raise AssertionError(f"{goal} not reachable from {start}: not one component")


def cycles(graph: ImportGraph) -> list[list[str]]:
    """Cycles that together cover every import edge lying on a cycle.

    One per such edge (the edge, then the shortest way back), rotated to start at the smallest
    module and deduplicated; a component of N edges gives at most N cycles, so this stays short
    where listing every elementary cycle could explode.
    """
    found: set[tuple[str, ...]] = set()
    for component in strongly_connected(graph):
        members = set(component)
        for source in component:
            for target in graph.edges.get(source, {}):
                if target not in members:
                    continue
                loop = [source, *_shortest_path(graph, target, source, members)[:-1]]
                start = loop.index(min(loop))
                found.add(tuple(loop[start:] + loop[:start]))
    return sorted(list(loop) for loop in found)


def describe(graph: ImportGraph, loop: list[str]) -> str:
    """`a (line 3) -> b (lines 7, 40) -> a`: who imports whom, and where."""
    steps = []
    for i, module in enumerate(loop):
        nxt = loop[(i + 1) % len(loop)]
        lines = sorted(set(graph.edges[module][nxt]))
        where = f"line {lines[0]}" if len(lines) == 1 else f"lines {', '.join(map(str, lines))}"
        steps.append(f"{module} ({where})")
    return " -> ".join([*steps, loop[0]])
