"""`ecs-wizard plan DIR --env NAME --tui`: the plan screen plans that environment (its values,
its own data directory and state file) and says which one it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from ecs_wizard import render
from ecs_wizard.plan.runner import PlanOptions, Status
from ecs_wizard.screens.plan import PlanRunApp, PlanScreen
from ecs_wizard.validation import validate_data
from tests.answers_fixtures import minimal_answers
from tests.conftest import TF, write_offline_override

pytestmark = pytest.mark.terraform


def env_project(root: Path) -> Path:
    data = minimal_answers()
    data["environments"] = {
        "staging": {"services": {"web": {"desired_count": 1}}},
        "prod": {"services": {"web": {"desired_count": 5}}},
    }
    result = validate_data(data)
    assert result.ok and result.answers is not None, result.errors
    render.write_project(result.answers, root)
    write_offline_override(root)
    return root


async def test_plan_tui_plans_the_chosen_environment(tf: TF, tmp_path: Path) -> None:
    root = env_project(tmp_path / "project")
    app = PlanRunApp(root, options=PlanOptions(environment="prod"), env=tf.env)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = None
        for _ in range(1200):
            await pilot.pause(0.1)
            if isinstance(app.screen, PlanScreen) and app.screen.result is not None:
                screen = app.screen
                break
        assert screen is not None, "the plan did not finish"
        title = str(screen.query_one("#plan-title", Static).render())
        assert "environment prod" in title
        result = screen.result
        assert result.status is Status.CHANGES, result.error and result.error.text()
        services = {
            rc["change"]["after"]["name"]: rc["change"]["after"]["desired_count"]
            for rc in result.plan_json["resource_changes"]
            if rc["type"] == "aws_ecs_service"
        }
        assert services == {"hello-prod-web": 5}
        assert result.plan_file == root / ".ecs-wizard" / "envs" / "prod" / "tfplan"
        assert (root / ".terraform" / "envs" / "prod").is_dir()
        assert not (root / ".terraform" / "envs" / "staging").exists()
        await pilot.press("escape")
    assert app.return_value == 2


def test_environments_with_local_state_keep_one_state_file_each(tmp_path: Path) -> None:
    root = env_project(tmp_path / "project")
    versions = (root / "versions.tf").read_text()
    assert 'backend "local" {}' in versions
    for env in ("staging", "prod"):
        text = (root / "envs" / f"{env}.local.tfbackend").read_text()
        assert f'path = "state/{env}/terraform.tfstate"' in text
