"""Pick lists follow a rename at once (#11): the target container list after a container is
renamed, the service list (and its error markers) after a service is renamed or fixed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.widgets import Select

from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import DraftStore
from tests.tui.helpers import SIZE, choose, type_field

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"
SERVICES = 2


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


def _app(tmp_path: Path) -> WizardApp:
    draft = yaml.safe_load((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"))
    web = draft["services"][0]
    web["containers"].append({"name": "side", "image": "busybox:1"})
    draft["services"].append(
        {"name": "worker", "containers": [{"name": "worker", "image": "busybox:1"}]}
    )
    app = WizardApp(draft, store=DraftStore(tmp_path / "state"), start_step=SERVICES)
    app.animation_level = "none"
    return app


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


def _options(app: WizardApp, selector: str) -> list[tuple[str, object]]:
    select = app.screen.query_one(selector, Select)
    return [(str(label), value) for label, value in select._options]


def _shown(app: WizardApp, selector: str) -> str:
    """The text the closed pick list shows (its selected option's label)."""
    select = app.screen.query_one(selector, Select)
    return str(select.query_one("SelectCurrent").query_one("#label").render())


async def test_target_container_list_follows_a_container_rename(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        assert ("container web", "web") in _options(app, "#lb-target")
        await type_field(pilot, "services[0].containers[0].name", "nginx")
        await _settle(pilot)
        assert app.draft["services"][0]["load_balancer"]["container"] == "nginx"
        options = _options(app, "#lb-target")
        assert ("container nginx", "nginx") in options and ("container web", "web") not in options
        assert app.screen.query_one("#lb-target", Select).value == "nginx"
        assert "nginx" in _shown(app, "#lb-target")
        await type_field(pilot, "services[0].containers[1].name", "envoy")
        await _settle(pilot)
        assert ("container envoy", "envoy") in _options(app, "#lb-target")
        await choose(pilot, "#lb-target", "envoy")  # the renamed option can be picked
        await _settle(pilot)
        assert app.draft["services"][0]["load_balancer"]["container"] == "envoy"


async def test_service_list_follows_a_rename_and_its_error_marks(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        await type_field(pilot, "services[0].name", "shop")
        await _settle(pilot)
        labels = [label for label, _ in _options(app, "#service-picker")]
        assert labels[0] == "1. shop"
        assert "1. shop" in _shown(app, "#service-picker")
        await type_field(pilot, "services[0].desired_count", "-3")
        await _settle(pilot)
        assert _options(app, "#service-picker")[0][0] == "1. shop  ✗"
        assert "✗" in _shown(app, "#service-picker")
        await type_field(pilot, "services[0].desired_count", "3")
        await _settle(pilot)
        assert _options(app, "#service-picker")[0][0] == "1. shop"
        assert "✗" not in _shown(app, "#service-picker")
