"""Issue 10: wizard fields for day-2 answers keys (read-only root filesystem)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from ecs_wizard.app import WizardApp
from ecs_wizard.draft import default_draft
from ecs_wizard.screens.services import ServicesScreen
from ecs_wizard.screens.widgets.field import Field
from ecs_wizard.screens.widgets.ids import path_id
from ecs_wizard.yamlio import load_answers_file
from tests.tui.helpers import SIZE, toggle

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"
RO = "services[0].containers[0].readonly_root_filesystem"


@pytest.fixture(autouse=True)
def state_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


def _field_error(app: WizardApp, widget_id: str) -> str:
    widget = app.screen.query_one(f"#{widget_id}")
    field = next(f for f in app.screen.query(Field) if f.widget is widget)
    return str(field.query_one(".field-error").render()) if field.has_class("-invalid") else ""


async def test_new_containers_start_read_only_and_the_question_turns_it_off():
    app = WizardApp(default_draft(), offer_resume=False, start_step=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ServicesScreen)
        box = app.screen.query_one("#" + path_id(RO))
        assert (
            box.value is True
            and app.draft["services"][0]["containers"][0]["readonly_root_filesystem"]
        )
        await toggle(pilot, "#" + path_id(RO), False)
        assert app.draft["services"][0]["containers"][0]["readonly_root_filesystem"] is False
        # A container added with F5 starts read-only too.
        await pilot.press("f5")
        await pilot.pause()
        assert app.draft["services"][0]["containers"][1]["readonly_root_filesystem"] is True


async def test_existing_answers_without_the_key_stay_writable_and_exec_conflict_is_explained():
    data = load_answers_file(EXAMPLES / "minimal.yaml")
    assert "readonly_root_filesystem" not in data["services"][0]["containers"][0]
    app = WizardApp(copy.deepcopy(data), offer_resume=False, start_step=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#" + path_id(RO))
        assert box.value is False  # the model's default: nothing changes for old answers
        assert "readonly_root_filesystem" not in app.draft["services"][0]["containers"][0]
        # Read-only with ECS Exec is refused, at the container's field, with the fix.
        await toggle(pilot, "#" + path_id("services[0].enable_execute_command"), True)
        await toggle(pilot, "#" + path_id(RO), True)
        assert "readonly_root_filesystem: false" in _field_error(app, path_id(RO))
