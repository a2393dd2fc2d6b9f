"""Everything the package reads at run time is declared as package data.

An editable install hides a missing `package-data` glob; a real `pip install .` would ship
a wizard that cannot render. This checks the globs in pyproject.toml against the files.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "ecs_wizard"


def declared() -> set[Path]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    globs = config["tool"]["setuptools"]["package-data"]["ecs_wizard"]
    return {p.resolve() for g in globs for p in PKG.glob(g) if p.is_file()}


def test_runtime_data_files_are_package_data() -> None:
    needed = [
        p
        for p in PKG.rglob("*")
        if p.is_file()
        and p.suffix in {".tf", ".tcss", ".yaml", ".json", ".tfrc", ".md", ".hcl"}
        and ".terraform" not in p.parts
    ]
    assert needed, "no data files found"
    missing = sorted(str(p.relative_to(ROOT)) for p in needed if p.resolve() not in declared())
    assert not missing, f"add these to [tool.setuptools.package-data]: {missing}"


def test_render_reads_only_declared_files() -> None:
    from ecs_wizard import render

    files = declared()
    for name in render.ROOT_FILES:
        assert (render.ROOT_TEMPLATE_DIR / name).resolve() in files
    for module in render.MODULE_NAMES:
        assert (render.MODULES_DIR / module / "main.tf").resolve() in files
