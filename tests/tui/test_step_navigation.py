"""Ctrl+N / Ctrl+B move between steps only while a step screen is the active screen: with
a plan view pushed from the review step on top, they must not replace it with a step."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import DraftStore
from ecs_wizard.screens.plan import PlanScreen
from ecs_wizard.screens.review import ReviewScreen
from tests.tui.helpers import SIZE

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"
REVIEW = 5


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


def _app(tmp_path: Path) -> WizardApp:
    draft = yaml.safe_load((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"))
    app = WizardApp(draft, store=DraftStore(tmp_path / "state"), start_step=REVIEW)
    app.animation_level = "none"
    return app


def _footer_actions(screen) -> set[str]:
    return {key.action for key in screen.query("FooterKey")}


async def test_step_keys_do_nothing_on_a_plan_screen(tmp_path):
    project = tmp_path / "project"
    project.mkdir()  # no .tf files and no terraform binary: the plan fails fast
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert app.check_action("prev_step", ()) and app.check_action("next_step", ())
        plan = PlanScreen(project, terraform_bin=str(tmp_path / "no-terraform"))
        app.push_screen(plan)
        await pilot.pause()
        await pilot.pause()
        assert app.screen is plan
        assert app.check_action("prev_step", ()) is False
        assert app.check_action("next_step", ()) is False
        for key in ("ctrl+b", "ctrl+n", "ctrl+b"):
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            assert app.screen is plan, key
            assert app.screen_stack[-2] is review
            assert app.step == REVIEW
        assert not {"prev_step", "next_step"} & _footer_actions(plan)
        await pilot.press("escape")  # the plan has stopped: Escape closes it
        await pilot.pause()
        await pilot.pause()
        assert app.screen is review
        assert app.check_action("prev_step", ())
        assert {"prev_step", "next_step"} <= _footer_actions(review)
        await pilot.press("ctrl+b")  # back on a step screen, the key works again
        await pilot.pause()
        await pilot.pause()
        assert app.step == REVIEW - 1
        assert not isinstance(app.screen, ReviewScreen)
