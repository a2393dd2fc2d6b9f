"""The services step's CPU architecture pick list: ARM64 or X86_64 is written to
services[].cpu_architecture, "from capacity" removes the key, and an ARM64 service on a
Fargate Spot default strategy shows E-SERVICES-ARM64-SPOT on the field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import DraftStore
from ecs_wizard.screens.widgets.field import Field
from ecs_wizard.screens.widgets.ids import path_id
from tests.tui.helpers import SIZE, choose

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"
SERVICES = 2
ARCH = "#" + path_id("services[0].cpu_architecture")


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


async def test_cpu_architecture_is_chosen_from_a_pick_list(tmp_path):
    draft = yaml.safe_load((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"))
    draft.setdefault("cluster", {})["capacity"] = {
        "fargate": {"weight": 1},
        "fargate_spot": {"weight": 1},
    }
    app = WizardApp(draft, store=DraftStore(tmp_path / "state"), start_step=SERVICES)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one(ARCH).value == "-"
        await choose(pilot, ARCH, "ARM64")
        assert app.draft["services"][0]["cpu_architecture"] == "ARM64"
        app.ensure_validated()
        await pilot.pause()
        assert [e.rule for e in app.errors if e.path == "services[0].cpu_architecture"] == [
            "E-SERVICES-ARM64-SPOT"
        ]
        field = next(f for f in app.screen.query(Field) if f.label == "CPU architecture")
        assert "Fargate Spot" in str(field.query_one(".field-error").render())

        await choose(pilot, ARCH, "X86_64")
        assert app.draft["services"][0]["cpu_architecture"] == "X86_64"
        await choose(pilot, ARCH, "-")
        assert "cpu_architecture" not in app.draft["services"][0]
        app.ensure_validated()
        assert not [e for e in app.errors if e.path.startswith("services[0].cpu_arch")]
