"""`ecs-wizard plan DIR --local [--apply]`: an emulator run in a temporary copy of DIR."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ecs_wizard import emulator
from ecs_wizard.cli import main
from ecs_wizard.model.yamlio import load_answers_file
from ecs_wizard.render import write_project

from .harness import validated

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"


def _snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def rendered(tmp_path: Path) -> Path:
    out = tmp_path / "proj"
    write_project(validated(load_answers_file(EXAMPLES / "minimal.yaml")), out)
    return out


def test_apply_needs_local(rendered: Path, capsys) -> None:
    assert main(["plan", str(rendered), "--apply"]) == 1
    assert "--apply only works with --local" in capsys.readouterr().err


def test_local_needs_a_rendered_project(tmp_path: Path, capsys) -> None:
    (tmp_path / "main.tf").write_text("", encoding="utf-8")
    assert main(["plan", str(tmp_path), "--local"]) == 1
    err = capsys.readouterr().err
    assert "terraform.tfvars" in err and "Traceback" not in err


def test_missing_moto_says_how_to_install(rendered: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(emulator.server, "moto_available", lambda: False)
    assert main(["plan", str(rendered), "--local"]) == 1
    assert "pip install 'ecs-wizard[local]'" in capsys.readouterr().err


@pytest.mark.emulator
@pytest.mark.terraform
@pytest.mark.slow
def test_local_plan_and_apply_leave_the_project_untouched(
    tf, rendered: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    import tempfile

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("AWS_PROFILE", "must-not-be-used")
    before = _snapshot(rendered)
    code = main(["plan", str(rendered), "--local", "--apply", "-q", "--format", "text"])
    out, err = capsys.readouterr()
    assert code == 0, err[-3000:]
    assert "EMULATOR RUN" in err and "127.0.0.1" in err
    assert "network: created VPC" in err
    assert "Applied in the emulator" in err
    assert "aws_ecs_service" in out  # the diff view of the plan
    assert _snapshot(rendered) == before  # no state, no .terraform, no edits in DIR
    assert not (rendered / ".terraform").exists()
    assert list(scratch.iterdir()) == []  # the temporary copy is gone
