"""`show-plan -o FILE` and `plan -o FILE` never overwrite FILE silently: an existing file
needs --force (plan checks before running terraform), and the write is atomic."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecs_wizard.cli import main
from tests.plan.conftest import FIXTURES

PLAN_JSON = FIXTURES / "scenario_plan.json"


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_show_plan_refuses_to_overwrite_without_force(tmp_path: Path, fmt: str, capsys) -> None:
    out = tmp_path / "report.txt"
    out.write_text("my report\n")
    assert main(["show-plan", str(PLAN_JSON), "--format", fmt, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err
    assert out.read_text() == "my report\n"
    assert main(["show-plan", str(PLAN_JSON), "--format", fmt, "-o", str(out), "--force"]) == 0
    assert out.read_text() != "my report\n"


def test_show_plan_to_a_directory_is_a_message(tmp_path: Path, capsys) -> None:
    assert main(["show-plan", str(PLAN_JSON), "-o", str(tmp_path), "--force"]) == 1
    assert "is a directory" in capsys.readouterr().err


def test_plan_refuses_before_running_terraform(tmp_path: Path, fake_terraform, capsys) -> None:
    ran = tmp_path / "ran"
    fake = fake_terraform(f"touch {ran}; exit 1\n")
    project = tmp_path / "proj"
    project.mkdir()
    (project / "main.tf").write_text("")
    out = tmp_path / "plan.md"
    out.write_text("keep\n")
    code = main(["plan", str(project), "--terraform-bin", str(fake), "-o", str(out)])
    assert code == 1
    assert "already exists" in capsys.readouterr().err
    assert not ran.exists() and out.read_text() == "keep\n"
