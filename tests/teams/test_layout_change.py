"""A change of layout leaves no generated file that Terraform (or CI) would still read (issue
19): single -> environments removes terraform.tfvars (auto-loaded into every environment's
plan), environments -> single removes envs/*.tfvars (`plan` would ask for --env and plan old
values), S3 -> local state removes the .s3.tfbackend files, no more `ci:` removes the
workflow. A file the user edited is named and kept: the render stops until --force, which
backs it up and removes it."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from ecs_wizard.commands.plan import _environment
from ecs_wizard.model.answers import Answers
from ecs_wizard.render import write_project
from ecs_wizard.rendering.writer import RenderConflict

from .test_render_teams import team_answers


def single(**extra: Any) -> dict[str, Any]:
    data = team_answers()
    data.pop("environments")
    data.update(extra)
    return data


def render(data: dict[str, Any], out: Path, force: bool = False):
    return write_project(Answers.model_validate(copy.deepcopy(data)), out, force=force)


def tree(out: Path) -> set[str]:
    return {
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and ".ecs-wizard" not in p.parts
    }


def test_single_to_environments_removes_terraform_tfvars(tmp_path: Path) -> None:
    out = tmp_path / "p"
    render(single(), out)
    assert "terraform.tfvars" in tree(out) and "backend.s3.tfbackend" in tree(out)
    report = render(team_answers(), out)
    files = tree(out)
    assert "terraform.tfvars" not in files and "backend.s3.tfbackend" not in files
    assert {"envs/staging.tfvars", "envs/prod.tfvars"} <= files
    assert {"terraform.tfvars", "backend.s3.tfbackend"} <= set(report.removed)


def test_environments_to_single_removes_the_environment_files(tmp_path: Path) -> None:
    out = tmp_path / "p"
    render(team_answers(), out)
    assert _environment(out, None)[1] is not None  # `plan` asks for --env
    render(single(), out)
    files = tree(out)
    assert not [f for f in files if f.startswith("envs/")], files
    assert _environment(out, None) == (None, None)  # plans the single environment again
    assert "terraform.tfvars" in files


def test_s3_to_local_state_removes_the_backend_files(tmp_path: Path) -> None:
    out = tmp_path / "p"
    render(team_answers(), out)
    assert "envs/prod.s3.tfbackend" in tree(out)
    local = team_answers()
    local.pop("state")
    local.pop("ci")  # CI needs a shared state
    report = render(local, out)
    files = tree(out)
    assert not [f for f in files if f.endswith(".s3.tfbackend")], files
    assert {"envs/prod.local.tfbackend", "envs/staging.local.tfbackend"} <= files
    assert ".github/workflows/ecs-wizard.yml" not in files
    assert "envs/prod.s3.tfbackend" in report.removed


def test_an_edited_stale_file_is_named_then_backed_up_and_removed_with_force(
    tmp_path: Path,
) -> None:
    out = tmp_path / "p"
    render(single(), out)
    tfvars = out / "terraform.tfvars"
    tfvars.write_text(tfvars.read_text() + "\n# my note\n", encoding="utf-8")
    with pytest.raises(RenderConflict) as info:
        render(team_answers(), out)
    assert "terraform.tfvars" in info.value.paths
    assert tfvars.is_file() and "# my note" in tfvars.read_text()  # kept
    report = render(team_answers(), out, force=True)
    assert not tfvars.exists()
    assert "terraform.tfvars" in report.backed_up and report.backup_dir is not None
    assert "# my note" in (report.backup_dir / "terraform.tfvars").read_text()


def test_a_hand_written_file_at_a_layout_path_is_never_removed(tmp_path: Path) -> None:
    """Only a file with ecs-wizard's header is ours: a manifest edited to list a user's own
    envs/extra.tfvars cannot make a render delete it."""
    import json

    out = tmp_path / "p"
    render(team_answers(), out)
    mine = out / "envs" / "extra.tfvars"
    mine.write_text('project = { name = "mine" }\n', encoding="utf-8")
    manifest = out / ".ecs-wizard" / "manifest.json"
    data = json.loads(manifest.read_text())
    import hashlib

    data["files"]["envs/extra.tfvars"] = hashlib.sha256(mine.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(data))
    render(team_answers(), out)
    assert mine.is_file()
