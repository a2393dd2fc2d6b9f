"""Dialogs show names as written (#11, markup in user text): a draft can hold any name while it
is being typed, and a confirmation dialog that read `[b]` as markup would restyle it, or raise
MarkupError on a lone `[/]` and lose the question."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import DraftStore
from ecs_wizard.screens.dialogs import ChoiceDialog
from tests.tui.helpers import SIZE

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"
CLUSTER, SERVICES, ROUTING = 1, 2, 4
HOSTILE = "[b]api[/b][/]"


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


def _app(tmp_path: Path, step: int) -> WizardApp:
    draft = yaml.safe_load((EXAMPLES / "full.yaml").read_text(encoding="utf-8"))
    draft["services"][0]["name"] = HOSTILE
    draft["routing"][0]["name"] = HOSTILE
    app = WizardApp(draft, store=DraftStore(tmp_path / "state"), start_step=step)
    app.animation_level = "none"
    return app


@pytest.mark.parametrize(
    ("step", "title"), [(SERVICES, "Remove service?"), (ROUTING, "Remove rule?")]
)
async def test_remove_dialog_shows_a_markup_name_as_written(tmp_path, step, title):
    app = _app(tmp_path, step)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.pause()
        await pilot.press("f4")
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert str(app.screen.query_one("#dialog-title").render()) == title
        assert repr(HOSTILE) in str(app.screen.query_one("#dialog-body").render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)


def _everywhere() -> dict:
    """full.yaml with markup in every name and free text a step shows."""
    draft = yaml.safe_load((EXAMPLES / "full.yaml").read_text(encoding="utf-8"))
    draft["project"]["name"] = HOSTILE
    draft["project"]["tags"] = {HOSTILE: HOSTILE}
    for service in draft["services"]:
        service["name"] = f"{service['name']}{HOSTILE}"
        for container in service["containers"]:
            container["name"] = f"{container['name']}{HOSTILE}"
            container["environment"] = {HOSTILE: HOSTILE}
    for rule in draft["routing"]:
        rule["name"] = f"{rule['name']}{HOSTILE}"
        rule["paths"] = [f"/{HOSTILE}"]
        rule["service"] = f"{rule['service']}{HOSTILE}"
    draft["alb"]["default_action"] = {"forward": draft["services"][0]["name"]}
    draft["environments"] = {HOSTILE: {"project": {"region": "eu-west-2"}}}
    return draft


@pytest.mark.parametrize("step", range(6))
async def test_every_step_shows_markup_in_names_as_written(tmp_path, step):
    """Each step mounts, validates and shows its issues with `[…]` and `[/]` in the names."""
    app = WizardApp(_everywhere(), store=DraftStore(tmp_path / "state"), start_step=step)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.pause()
        assert app.step == step
        assert app.errors  # the names are invalid
        shown = [str(w.render()) for w in app.screen.query("Static")]
        shown += [w.value for w in app.screen.query("Input")]
        if step != CLUSTER:  # the cluster step names no service, rule or container
            assert any(HOSTILE in text for text in shown)


async def test_notifications_show_markup_in_names_as_written(tmp_path):
    """Ctrl+N on a step with errors notifies the first one, which quotes the value: with `[/]`
    in a service name that notification ended the wizard with MarkupError. (run_test turns
    notifications off unless asked, which is how the earlier tests missed it.)"""
    app = _app(tmp_path, SERVICES)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for _ in range(3):
            await pilot.pause()
        await pilot.press("ctrl+n")
        for _ in range(3):
            await pilot.pause()
        assert app.step == SERVICES  # blocked by the errors
        messages = [n.message for n in app._notifications]
        assert any(HOSTILE in m for m in messages), messages
        assert app.is_running
