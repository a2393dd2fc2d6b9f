"""The issues panel keeps showing the step's errors through every structural change (#11):
adding or removing a rule, a service or a container, a capacity toggle, switching the selected
service. The form is composed again on each of those; the panel must not come back blank (an
empty red bar) while the same errors still block Next."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from textual.widgets import Static

from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import DraftStore
from ecs_wizard.screens.widgets.ids import path_id
from tests.tui.helpers import SIZE, choose, focus, toggle

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"
CLUSTER, SERVICES, ROUTING = 1, 2, 4


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


def _draft() -> dict:
    draft = yaml.safe_load((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"))
    draft["cluster"] = {"log_retention_days": 8}  # not a CloudWatch retention: an error
    web = draft["services"][0]
    web["desired_count"] = -1  # an error on the services step
    web["containers"].append({"name": "side", "image": "busybox:1"})
    draft["services"].append(copy.deepcopy(web) | {"name": "api", "desired_count": 1})
    draft["routing"] = [
        {"name": "a", "priority": 10, "service": "web", "paths": ["/a/*"]},
        {"name": "b", "priority": 0, "service": "web", "paths": ["/b/*"]},  # an error
    ]
    return draft


def _app(tmp_path: Path, step: int) -> WizardApp:
    app = WizardApp(_draft(), store=DraftStore(tmp_path / "state"), start_step=step)
    app.animation_level = "none"
    return app


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


def _assert_panel_shows(app: WizardApp, needle: str) -> None:
    panel = app.screen.query_one("#issues", Static)
    text = str(panel.render())
    assert panel.display, "the issues panel is hidden"
    assert text.strip(), "the issues panel is blank"
    assert needle in text, text
    assert panel.has_class("-errors")


async def test_panel_survives_service_and_container_changes(tmp_path):
    app = _app(tmp_path, SERVICES)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        _assert_panel_shows(app, "Service web › Desired count")
        await choose(pilot, "#service-picker", 1)  # switch the selected service
        await _settle(pilot)
        _assert_panel_shows(app, "Service web › Desired count")
        await choose(pilot, "#service-picker", 0)
        await _settle(pilot)
        await pilot.press("f5")  # add a container
        await _settle(pilot)
        _assert_panel_shows(app, "Service web › Desired count")
        await pilot.press("f6")  # remove a container
        await _settle(pilot)
        _assert_panel_shows(app, "Service web › Desired count")
        await pilot.press("f2")  # add a service
        await _settle(pilot)
        _assert_panel_shows(app, "Service web › Desired count")
        await pilot.press("f4")  # remove it again (confirmed)
        await _settle(pilot)
        await pilot.click("#choice-remove")
        await _settle(pilot)
        assert len(app.draft["services"]) == 2
        _assert_panel_shows(app, "Service web › Desired count")


async def test_panel_survives_a_capacity_toggle(tmp_path):
    app = _app(tmp_path, CLUSTER)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        _assert_panel_shows(app, "Cluster › Log retention (days)")
        await toggle(pilot, "#" + path_id("cluster.capacity.fargate_spot"), True)
        await _settle(pilot)
        assert "fargate_spot" in app.draft["cluster"]["capacity"]
        _assert_panel_shows(app, "Cluster › Log retention (days)")
        await toggle(pilot, "#" + path_id("cluster.capacity.fargate_spot"), False)
        await _settle(pilot)
        _assert_panel_shows(app, "Cluster › Log retention (days)")


async def test_panel_survives_rule_changes(tmp_path):
    app = _app(tmp_path, ROUTING)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        _assert_panel_shows(app, "Rule b › Priority")
        await focus(pilot, "#rules")
        await pilot.press("f2")  # add a rule
        await _settle(pilot)
        assert len(app.draft["routing"]) == 3
        _assert_panel_shows(app, "Rule b › Priority")
        await pilot.press("f4")  # remove it again (confirmed)
        await _settle(pilot)
        await pilot.click("#choice-remove")
        await _settle(pilot)
        assert len(app.draft["routing"]) == 2
        _assert_panel_shows(app, "Rule b › Priority")
