"""Routing rules on the wizard's routing step (#11): "Priorities: follow the order" stays on
through adding, moving and selecting rules; F7/F8 change which rule wins (not only where it
is drawn); the table lists the rules in evaluation order (lower priority first)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.widgets import Checkbox, DataTable

from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import DraftStore
from tests.tui.helpers import SIZE, focus, toggle

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"
ROUTING = 4


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


def _app(tmp_path: Path, rules: list[dict]) -> WizardApp:
    draft = yaml.safe_load((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"))
    draft["routing"] = rules
    app = WizardApp(draft, store=DraftStore(tmp_path / "state"), start_step=ROUTING)
    app.animation_level = "none"
    return app


def _rule(name: str, priority: int) -> dict:
    return {"name": name, "priority": priority, "service": "web", "paths": [f"/{name}/*"]}


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


def _table_names(app: WizardApp) -> list[str]:
    table = app.screen.query_one("#rules", DataTable)
    return [str(table.get_row_at(r)[2]) for r in range(table.row_count)]


def _winner_order(app: WizardApp) -> list[str]:
    """Rule names as the load balancer evaluates them: lowest priority first."""
    rules = sorted(app.draft["routing"], key=lambda r: r["priority"])
    return [r["name"] for r in rules]


async def test_follow_the_order_stays_on(tmp_path):
    app = _app(tmp_path, [_rule("a", 10), _rule("b", 20)])
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        box = app.screen.query_one("#auto-priority", Checkbox)
        assert box.value  # 10, 20: the priorities follow the order
        await focus(pilot, "#rules")
        await pilot.press("f2")  # add a rule
        await _settle(pilot)
        assert app.ui.auto_priority is True
        assert app.screen.query_one("#auto-priority", Checkbox).value
        await focus(pilot, "#rules")
        await pilot.press("f7")  # move the new rule up: it now wins over b
        await _settle(pilot)
        assert app.ui.auto_priority is True
        assert app.screen.query_one("#auto-priority", Checkbox).value
        assert [r["priority"] for r in app.draft["routing"]] == [10, 20, 30]
        assert _winner_order(app) == ["a", "rule", "b"]
        assert _table_names(app) == ["a", "rule", "b"]


async def test_turning_follow_the_order_on_renumbers_and_stays_on(tmp_path):
    app = _app(tmp_path, [_rule("a", 5), _rule("b", 7)])
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        assert not app.screen.query_one("#auto-priority", Checkbox).value
        await toggle(pilot, "#auto-priority", True)
        await _settle(pilot)
        assert [r["priority"] for r in app.draft["routing"]] == [10, 20]
        assert app.ui.auto_priority is True
        assert app.screen.query_one("#auto-priority", Checkbox).value


async def test_moving_a_rule_by_hand_changes_which_rule_wins(tmp_path):
    # priorities set by hand, listed out of evaluation order
    app = _app(tmp_path, [_rule("a", 30), _rule("b", 5), _rule("c", 17)])
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        assert not app.screen.query_one("#auto-priority", Checkbox).value
        assert _table_names(app) == ["b", "c", "a"]  # the table shows evaluation order
        table = await focus(pilot, "#rules")
        assert table.cursor_row == 2  # rule 1 (a) is selected: last in evaluation order
        await pilot.press("up", "up", "enter")  # select b (first in evaluation order)
        await _settle(pilot)
        assert app.draft["routing"][app.ui.rule]["name"] == "b"
        await _settle(pilot)
        await focus(pilot, "#rules")
        await pilot.press("f8")  # b goes below c: c wins first now
        await _settle(pilot)
        assert _winner_order(app) == ["c", "b", "a"]
        assert _table_names(app) == ["c", "b", "a"]
        assert sorted(r["priority"] for r in app.draft["routing"]) == [5, 17, 30]
        table = app.screen.query_one("#rules", DataTable)
        assert table.cursor_row == 1  # the moved rule stays selected
        assert app.draft["routing"][app.ui.rule]["name"] == "b"
