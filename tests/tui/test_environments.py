"""The wizard with environments: the review step switches the answers the steps edit, the
steps show that environment's merged answers and write its overlay, overridden fields say so,
and a new environment starts with the base's network to fill in."""

from __future__ import annotations

import copy

import pytest
from textual.widgets import Input, Select

from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import DraftStore
from ecs_wizard.screens.widgets.field import Field
from ecs_wizard.validation import validate_data
from tests.answers_fixtures import base_answers
from tests.tui.helpers import SIZE, type_field, type_input

REVIEW, SERVICES, PROJECT = 5, 2, 0


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


def _app(tmp_path, draft) -> WizardApp:
    app = WizardApp(draft, store=DraftStore(tmp_path / "state"), start_step=REVIEW)
    app.animation_level = "none"
    return app


def _field(app, path: str) -> Field:
    return next(f for f in app.screen.query(Field) if path in f.paths)


async def test_editing_an_environment_writes_its_overlay(tmp_path) -> None:
    draft = base_answers()
    draft["environments"] = {"staging": {"services": {"web": {"desired_count": 1}}}, "prod": {}}
    base_before = copy.deepcopy({k: v for k, v in draft.items() if k != "environments"})
    app = _app(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#env-select", Select).value = "staging"
        await pilot.pause()
        assert app.ui.environment == "staging"
        assert app.draft["services"][0]["desired_count"] == 1  # the merged view

        app.goto(SERVICES)
        await pilot.pause()
        assert _field(app, "services[0].desired_count").has_class("-override")
        image = "services[0].containers[0].image"
        assert not _field(app, image).has_class("-override")
        await type_field(pilot, image, "nginx:1.28")
        await pilot.pause()
        field = _field(app, image)
        assert field.has_class("-override") and "nginx:1.27" in str(field.tooltip)

        # a shared value (the service's name) is refused, nothing written
        await type_field(pilot, "services[0].name", "www")
        await pilot.pause()

    file = app.file_draft
    container = dict(base_before["services"][0]["containers"][0], image="nginx:1.28")
    assert file["environments"]["staging"]["services"]["web"] == {
        "desired_count": 1,
        "containers": [container],
    }
    assert {k: v for k, v in file.items() if k != "environments"} == base_before
    result = validate_data(file)
    assert result.ok, result.errors
    assert result.environments["staging"].services[0].containers[0].image == "nginx:1.28"
    assert result.environments["prod"].services[0].containers[0].image == "nginx:1.27"
    assert result.environments["staging"].services[0].name == "web"  # the rename was refused


async def test_an_environment_error_is_shown_at_its_field(tmp_path) -> None:
    draft = base_answers()
    draft["environments"] = {"prod": {"services": {"api": {"cpu": 300}}}}
    app = _app(tmp_path, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any(i.path == "environments.prod.services.api.cpu" for i in app.file_errors), (
            app.file_errors
        )
        app.switch_environment("prod")
        app.ui.service = 1
        app.goto(SERVICES)
        await pilot.pause()
        assert _field(app, "services[1].cpu").has_class("-invalid")
        app.switch_environment(None)
        app.goto(SERVICES)
        await pilot.pause()
        assert not _field(app, "services[1].cpu").has_class("-invalid")


async def test_adding_an_environment_copies_the_network_and_edits_it(tmp_path) -> None:
    app = _app(tmp_path, base_answers())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_input(pilot, "#env-new", "staging")
        await pilot.press("enter")
        await pilot.pause()
        assert app.ui.environment == "staging"
        assert app.file_draft["environments"]["staging"]["network"] == base_answers()["network"]
        app.goto(PROJECT)
        await pilot.pause()
        await type_field(pilot, "network.vpc_id", "vpc-0ffffffffffffffff")
        await pilot.pause()
    assert app.file_draft["network"] == base_answers()["network"]
    assert app.file_draft["environments"]["staging"]["network"]["vpc_id"] == "vpc-0ffffffffffffffff"


async def test_the_state_bucket_is_set_on_the_review_step(tmp_path) -> None:
    app = _app(tmp_path, base_answers())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_field(pilot, "state.bucket", "shop-tfstate-123456789012")
        await pilot.pause()
        assert app.file_draft["state"] == {"bucket": "shop-tfstate-123456789012"}
        assert validate_data(app.file_draft).ok
        app.screen.query_one("#f-state-lock", Select).value = "dynamodb"
        await pilot.pause()
        assert ("state.dynamodb_table", "E-STATE-LOCK-TABLE") in {
            (i.path, i.rule) for i in app.file_errors
        }
        await type_field(pilot, "state.dynamodb_table", "shop-tflock")
        await pilot.pause()
        assert validate_data(app.file_draft).ok
        await type_field(pilot, "state.bucket", "")
        await pilot.pause()
        assert "state" not in app.file_draft  # an empty bucket: local state
        assert isinstance(app.screen.query_one("#env-new", Input), Input)
