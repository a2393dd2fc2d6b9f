"""No import cycle among ecs_wizard's modules, and a check of the detector itself."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.architecture.import_graph import build_graph, cycles, describe, strongly_connected

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "ecs_wizard"


def test_no_import_cycle_in_ecs_wizard() -> None:
    graph = build_graph(PACKAGE_DIR)
    found = cycles(graph)
    assert not found, "import cycles (importer (its import lines) -> imported):\n" + "\n".join(
        f"  {describe(graph, loop)}" for loop in found
    )


def _package(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / "pkg" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root / "pkg"


def test_detector_finds_a_cycle_through_a_function_level_import(tmp_path: Path) -> None:
    pkg = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from pkg import b\n",
            "b.py": "def f():\n    from pkg.a import thing\n    return thing\n",
        },
    )
    graph = build_graph(pkg)
    assert cycles(graph) == [["pkg.a", "pkg.b"]]
    assert describe(graph, ["pkg.a", "pkg.b"]) == "pkg.a (line 1) -> pkg.b (line 2) -> pkg.a"


def test_detector_reports_no_false_cycle(tmp_path: Path) -> None:
    pkg = _package(
        tmp_path,
        {
            "__init__.py": "from pkg.a import A\n",
            "a.py": "import pkg.b\nfrom pkg.sub import c\nA = 1\n",
            "b.py": "from . import sub\n",
            "sub/__init__.py": "",
            "sub/c.py": "from ..b import x\nimport os\n",
        },
    )
    graph = build_graph(pkg)
    assert cycles(graph) == []
    assert all(len(component) == 1 for component in strongly_connected(graph))
    # edges resolve to submodules when the imported name is one, else to the package
    assert set(graph.edges["pkg.a"]) == {"pkg.b", "pkg.sub.c"}
    assert set(graph.edges["pkg.b"]) == {"pkg.sub"}
    assert set(graph.edges["pkg.sub.c"]) == {"pkg.b"}


def test_detector_ignores_type_checking_imports(tmp_path: Path) -> None:
    pkg = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from pkg.b import B\n",
            "b.py": (
                "from typing import TYPE_CHECKING\n"
                "import typing\n"
                "if TYPE_CHECKING:\n    from pkg.a import A\n"
                "if typing.TYPE_CHECKING:\n    import pkg.a\n"
                "B = 1\n"
            ),
        },
    )
    assert cycles(build_graph(pkg)) == []


def test_detector_follows_relative_imports_into_a_longer_cycle(tmp_path: Path) -> None:
    pkg = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from .b import x\n",
            "b.py": "\n\nfrom .sub import c\n",
            "sub/__init__.py": "",
            "sub/c.py": "from .. import a\n",
        },
    )
    graph = build_graph(pkg)
    (loop,) = cycles(graph)
    assert loop == ["pkg.a", "pkg.b", "pkg.sub.c"]
    assert describe(graph, loop) == (
        "pkg.a (line 1) -> pkg.b (line 3) -> pkg.sub.c (line 1) -> pkg.a"
    )
