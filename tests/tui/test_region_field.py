"""The region field on the first step: typed text completed from catalog.REGIONS, an
unknown region reported on the field with a suggestion."""

from __future__ import annotations

import pytest

from ecs_wizard.app import WizardApp
from ecs_wizard.screens.widgets.field import Field
from tests.tui.helpers import SIZE, focus, type_field


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


async def test_region_completes_from_the_catalog_and_unknown_ones_are_flagged():
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        region = await focus(pilot, "#f-project-region")
        assert region.value == app.draft["project"]["region"]
        await pilot.press("end", "ctrl+u")  # clear the line
        await pilot.press(*"AP-SOUTHEA")
        await pilot.pause()
        await pilot.press("right")  # accept the suggestion
        await pilot.pause()
        assert region.value == "ap-southeast-1"
        assert app.draft["project"]["region"] == "ap-southeast-1"
        app.ensure_validated()
        assert not [e for e in app.errors if e.path == "project.region"]

        await type_field(pilot, "project.region", "eu-wset-1")
        app.ensure_validated()
        await pilot.pause()
        field = next(f for f in app.screen.query(Field) if f.widget is region)
        assert field.has_class("-invalid")
        shown = str(field.query_one(".field-error").render())
        assert "not a known AWS region" in shown and "eu-west-1" in shown
