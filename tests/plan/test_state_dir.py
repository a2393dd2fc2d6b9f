"""`ecs-wizard plan` never writes outside DIR through DIR/.ecs-wizard: links there are
refused (the saved plan, init.fingerprint and .gitignore are written there), and a
.ecs-wizard that is a file is a message, not a traceback."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from ecs_wizard.cli import main
from ecs_wizard.plan.diagnostics import ErrorKind
from ecs_wizard.plan.runner import PlanRunner, Status
from tests.conftest import REPO_ROOT

# Writes the saved plan where -out= says, like terraform.
FAKE = (
    'case "$1" in init) exit 0;;\n'
    'plan) for a in "$@"; do case "$a" in -out=*) echo plan > "${a#-out=}";; esac; done;'
    " exit 0;;\n"
    'show) echo \'{"format_version":"1.2","terraform_version":"1.11.4"}\'; exit 0;;\n'
    "esac\n"
)


@pytest.mark.parametrize("name", ["tfplan", "init.fingerprint", ".gitignore"])
def test_symlink_in_state_dir_is_refused_by_plan(
    project: Path, fake_terraform, tmp_path: Path, name: str
) -> None:
    fake = fake_terraform(FAKE)
    victim = tmp_path / "victim"
    victim.write_text("keep\n")
    (project / ".ecs-wizard").mkdir()
    os.symlink(victim, project / ".ecs-wizard" / name)
    result = PlanRunner(project, terraform_bin=str(fake)).run()
    assert result.status is Status.ERROR
    assert result.error.kind is ErrorKind.NOT_A_PROJECT
    assert "symbolic link" in result.error.message
    assert victim.read_text() == "keep\n"


def test_symlinked_state_dir_is_refused_by_plan(
    project: Path, fake_terraform, tmp_path: Path
) -> None:
    fake = fake_terraform(FAKE)
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, project / ".ecs-wizard")
    result = PlanRunner(project, terraform_bin=str(fake)).run()
    assert result.status is Status.ERROR and "symbolic link" in result.error.message
    assert list(outside.iterdir()) == []


def test_plan_writes_through_no_hard_link(project: Path, fake_terraform, tmp_path: Path) -> None:
    fake = fake_terraform(FAKE)
    victim = tmp_path / "victim"
    victim.write_text("keep\n")
    (project / ".ecs-wizard").mkdir()
    os.link(victim, project / ".ecs-wizard" / "tfplan")
    result = PlanRunner(project, terraform_bin=str(fake)).run()
    assert result.status is Status.ERROR and "hard link" in result.error.message
    assert victim.read_text() == "keep\n"


def test_state_dir_that_is_a_file_is_a_message(project: Path, fake_terraform) -> None:
    fake = fake_terraform(FAKE)
    (project / ".ecs-wizard").write_text("a file\n")
    proc = subprocess.run(
        [sys.executable, "-m", "ecs_wizard", "plan", str(project), "--terraform-bin", str(fake)],
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "is not a directory" in proc.stderr and "Delete or move" in proc.stderr


def test_next_hint_is_shell_quoted(tmp_path: Path, capsys) -> None:
    out = tmp_path / "my infra $(touch pwned)"
    example = REPO_ROOT / "ecs_wizard" / "examples" / "minimal.yaml"
    assert main(["render", str(example), "-o", str(out)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("Next:"))
    first, alternative = line.split("   (or: ")
    assert shlex.split(first) == ["Next:", "ecs-wizard", "plan", str(out)]
    assert shlex.split(alternative.removesuffix(")"))[:2] == ["cd", str(out)]
