"""Fixtures for the plan tests: the crafted scenario applied with real terraform, fake
terraform binaries for the error paths."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest

from tests.conftest import TF, copy_tree

FIXTURES = Path(__file__).parent / "fixtures"
SECRET_VALUES = ("hunter2-v1", "hunter2-v2")


def scenario_project(tf: TF, root: Path) -> Path:
    """Apply scenario/v1 (terraform_data only: works offline), then switch to v2.

    Returns the project directory; planning it yields creates, an update, a replacement with
    replace_paths, a delete, a move, sensitive and unknown values and module instances.
    """
    copy_tree(FIXTURES / "scenario", root / "scenario")
    work = root / "scenario" / "work"
    work.mkdir()
    shutil.copy(root / "scenario" / "v1" / "main.tf", work / "main.tf")
    tf.run(work, "init", "-input=false", "-no-color")
    tf.run(work, "apply", "-auto-approve", "-input=false", "-no-color")
    shutil.copy(root / "scenario" / "v2" / "main.tf", work / "main.tf")
    return work


@pytest.fixture(scope="session")
def scenario_dir(tf: TF, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scenario_project(tf, tmp_path_factory.mktemp("plan-scenario"))


@pytest.fixture(scope="session")
def scenario_plan(tf: TF, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The scenario's plan JSON, produced by plain terraform (independent of our runner)."""
    work = scenario_project(tf, tmp_path_factory.mktemp("plan-json"))
    tf.run(work, "plan", "-input=false", "-no-color", "-out=tfplan")
    return json.loads(tf.run(work, "show", "-json", "tfplan").stdout)


@pytest.fixture
def fake_terraform(tmp_path: Path):
    """Write a fake terraform: a shell script whose body dispatches on "$1" (the command)."""

    def _make(body: str, name: str = "terraform") -> Path:
        bindir = tmp_path / "fakebin"
        bindir.mkdir(exist_ok=True)
        path = bindir / name
        path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return path

    return _make


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A minimal project directory (one .tf file) for fake-terraform runs."""
    d = tmp_path / "project"
    d.mkdir()
    (d / "main.tf").write_text('output "x" {\n  value = 1\n}\n', encoding="utf-8")
    return d
