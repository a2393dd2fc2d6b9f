"""Shared fixtures: the real terraform binary, run offline against the provider mirror.

Terraform-level tests never skip: if terraform or the mirror is missing, the fixture fails
with the message that says what to install.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from ecs_wizard.terraform import tfenv

from . import profiles

profiles.register()

REPO_ROOT = Path(__file__).resolve().parent.parent
MODULES_DIR = REPO_ROOT / "ecs_wizard" / "modules"
EXAMPLES_DIR = REPO_ROOT / "examples"
MODULE_NAMES = ("ecs-cluster", "ecs-service", "alb", "alb-rule")


@dataclass
class TF:
    """A terraform runner bound to the offline CLI config."""

    binary: Path
    env: dict[str, str]

    def run(
        self, cwd: Path, *args: str, check: bool = True, timeout: float = 600
    ) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.binary), *args]
        proc = subprocess.run(
            cmd, cwd=cwd, env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if check and proc.returncode != 0:
            pytest.fail(
                f"`terraform {' '.join(args)}` failed in {cwd} (exit {proc.returncode}):\n"
                f"{proc.stdout[-6000:]}\n{proc.stderr[-6000:]}",
                pytrace=False,
            )
        return proc

    def init(self, cwd: Path) -> None:
        self.run(cwd, "init", "-input=false", "-no-color", "-backend=false")

    def plan_json(self, cwd: Path, *extra: str) -> dict:
        """init + plan -refresh=false + show -json; returns the plan JSON."""
        self.init(cwd)
        self.run(cwd, "plan", "-refresh=false", "-input=false", "-no-color", "-out=tfplan", *extra)
        return json.loads(self.run(cwd, "show", "-json", "tfplan").stdout)


@pytest.fixture(scope="session")
def tf(tmp_path_factory: pytest.TempPathFactory) -> TF:
    """Terraform configured for offline use. Fails (never skips) when something is missing."""
    workdir = tmp_path_factory.mktemp("tfcli")
    try:
        found = tfenv.offline_terraform(workdir)
    except (tfenv.TerraformNotFound, tfenv.MirrorNotFound) as exc:
        pytest.fail(str(exc), pytrace=False)
    return TF(binary=found.binary, env=found.env)


def write_offline_override(root: Path, region: str = "eu-west-1") -> Path:
    """Drop the fake-credentials provider override into a root module directory."""
    path = root / "offline_provider_override.tf"
    path.write_text(tfenv.offline_provider_override(region), encoding="utf-8")
    return path


def copy_tree(
    src: Path, dst: Path, ignore: Sequence[str] = (".terraform", "*.tfstate*", "tfplan")
) -> Path:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(*ignore))
    return dst


@pytest.fixture
def example_copy(tmp_path: Path):
    """Copy an example plus the modules it references (../../ecs_wizard/modules) into tmp."""

    def _copy(name: str) -> Path:
        root = tmp_path / "repo"
        copy_tree(MODULES_DIR, root / "ecs_wizard" / "modules")
        dst = copy_tree(EXAMPLES_DIR / name, root / "examples" / name)
        return dst

    return _copy


def resource_changes(plan: dict, action: str = "create") -> list[dict]:
    return [rc for rc in plan.get("resource_changes", []) if action in rc["change"]["actions"]]


def count_by_type(plan: dict, action: str = "create") -> dict[str, int]:
    counts: dict[str, int] = {}
    for rc in resource_changes(plan, action):
        counts[rc["type"]] = counts.get(rc["type"], 0) + 1
    return counts


def _expected_cost(item: pytest.Item) -> int:
    """Lower runs first: applies on the emulator (minutes each), then other slow tests, then
    tests that run terraform (seconds), then the rest."""
    for rank, marker in enumerate(("emulator", "slow", "terraform")):
        if item.get_closest_marker(marker) is not None:
            return rank
    return 3


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Longest first. With scripts/test's `--dist load --maxschedchunk 2` each worker takes the
    next test when it is done, so the applies start at once on every worker and the short
    tests fill the gaps; in collection order they came last, and the run's last ten minutes
    were four workers finishing one long test each. The sort is stable: within a rank the
    collection order stays."""
    items.sort(key=_expected_cost)
