"""State keys (issue 19): the key holds the project, so two projects sharing a bucket never
share a state; a project rendered with the old key keeps it; a re-render never moves a state
silently."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from ecs_wizard.cli import main
from ecs_wizard.model.answers import Answers
from ecs_wizard.model.yamlio import dump_answers
from ecs_wizard.render import StateKeyMoved, render_files, write_project
from ecs_wizard.rendering import hcl

from .test_render_teams import team_answers


def keys(files: dict[str, str]) -> dict[str, str]:
    return {
        name: hcl.loads_tfvars(text)["key"]
        for name, text in files.items()
        if name.endswith(".s3.tfbackend")
    }


def test_new_projects_get_the_project_in_the_key() -> None:
    shop = render_files(Answers.model_validate(team_answers()))
    other = team_answers()
    other["project"]["name"] = "blog"
    blog = render_files(Answers.model_validate(other))
    assert keys(shop)["envs/prod.s3.tfbackend"] == "ecs-wizard/shop/prod/terraform.tfstate"
    assert keys(blog)["envs/prod.s3.tfbackend"] == "ecs-wizard/blog/prod/terraform.tfstate"
    # same bucket, distinct keys for every environment of the two projects
    assert not set(keys(shop).values()) & set(keys(blog).values())


def _legacy_render(out: Path) -> dict[str, Any]:
    """A directory as ecs-wizard wrote it before: the key without the project."""
    data = team_answers()
    data["state"]["key_includes_project"] = False
    write_project(Answers.model_validate(copy.deepcopy(data)), out)
    data["state"].pop("key_includes_project")  # the answers file of an older version
    return data


def test_a_project_rendered_with_the_old_key_keeps_it(tmp_path: Path) -> None:
    out = tmp_path / "p"
    data = _legacy_render(out)
    write_project(Answers.model_validate(data), out)
    text = (out / "envs/prod.s3.tfbackend").read_text()
    assert hcl.loads_tfvars(text)["key"] == "ecs-wizard/prod/terraform.tfstate"
    assert "key_includes_project: false" in (out / "answers.yaml").read_text()


def test_moving_a_state_is_refused_with_the_migrate_steps(tmp_path: Path, capsys) -> None:
    out = tmp_path / "p"
    data = _legacy_render(out)
    data["state"]["key_includes_project"] = True  # asks for the new key explicitly
    with pytest.raises(StateKeyMoved) as info:
        write_project(Answers.model_validate(data), out)
    message = str(info.value)
    assert "ecs-wizard/prod/terraform.tfstate -> ecs-wizard/shop/prod/terraform.tfstate" in message
    assert "terraform init -migrate-state -backend-config=envs/prod.s3.tfbackend" in message
    assert "ecs-wizard/prod" in (out / "envs/prod.s3.tfbackend").read_text()  # nothing written
    answers = tmp_path / "answers.yaml"
    answers.write_text(dump_answers(Answers.model_validate(data)), encoding="utf-8")
    code = main(["render", str(answers), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and "-migrate-state" in err and "Traceback" not in err
    assert main(["render", str(answers), "-o", str(out), "--force"]) == 0
    key = hcl.loads_tfvars((out / "envs/prod.s3.tfbackend").read_text())["key"]
    assert key == "ecs-wizard/shop/prod/terraform.tfstate"
