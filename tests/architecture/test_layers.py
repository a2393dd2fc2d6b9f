"""The package's folders are its layers (ARCHITECTURE.md): a module imports only from its own
layer or the layers below it. Read from the source like the cycle check, function-level
imports included, so a deferred import cannot hide an upward one."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.architecture.import_graph import build_graph

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "ecs_wizard"

# Lowest first. The key is the first part under `ecs_wizard.` (a subpackage or a top module);
# "" is the package itself (`__version__`).
LAYERS: dict[str, int] = {
    "": 0,
    "aws": 0,  # static AWS facts, derived names: standard library only
    "model": 1,  # the answers, environments, paths, the draft, YAML and file writes
    "terraform": 2,  # services: finding terraform, validating, rendering, planning, importing
    "validation": 2,
    "render": 2,
    "rendering": 2,
    "plan": 2,
    "emulator": 2,
    "copilot": 2,
    "ui": 3,  # what the front ends draw with (no Textual)
    "prompt": 4,  # front ends
    "screens": 4,
    "app": 4,
    "commands": 4,
    "cli": 4,
    "__main__": 4,
}


def _top(module: str, package: str) -> str:
    rest = module[len(package) + 1 :] if module != package else ""
    return rest.split(".", 1)[0]


def upward_imports(package_dir: Path, layers: dict[str, int]) -> list[str]:
    """Every import of a module from a higher layer, as `importer (line N) -> imported`."""
    package = package_dir.name
    graph = build_graph(package_dir)
    unknown = sorted({_top(m, package) for m in graph.modules} - set(layers))
    assert not unknown, f"no layer for {unknown}: add them to LAYERS (and ARCHITECTURE.md)"
    found = []
    for source, targets in sorted(graph.edges.items()):
        for target, lines in sorted(targets.items()):
            if layers[_top(target, package)] > layers[_top(source, package)]:
                found.append(f"{source} (line {min(lines)}) -> {target}")
    return found


def test_every_module_imports_only_its_own_layer_or_below() -> None:
    found = upward_imports(PACKAGE_DIR, LAYERS)
    assert not found, "imports from a higher layer (move the code down, or pass it in):\n" + (
        "\n".join(f"  {line}" for line in found)
    )


def test_the_check_finds_an_upward_function_level_import(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    files = {
        "__init__.py": "",
        "low/__init__.py": "",
        "low/a.py": "def f():\n    from pkg.high import b\n    return b\n",
        "high/__init__.py": "",
        "high/b.py": "from pkg.low import a\n",
    }
    for rel, text in files.items():
        (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
        (pkg / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    assert upward_imports(pkg, {"": 0, "low": 0, "high": 1}) == ["pkg.low.a (line 2) -> pkg.high.b"]
