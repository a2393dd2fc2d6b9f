"""The container editor sets what a sidecar needs (#11): essential, CPU units, memory,
command, entrypoint and a read-only root filesystem."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.widgets import Checkbox, Input

from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import DraftStore
from ecs_wizard.screens.widgets.ids import path_id
from ecs_wizard.ui.fields import format_value, parse_value
from ecs_wizard.validation import validate_data
from tests.tui.helpers import SIZE, toggle, type_field

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"
SERVICES = 2
C = "services[0].containers[1]"


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("serve --port 80", ["serve", "--port", "80"]),
        ('sh -c "echo hi && sleep 5"', ["sh", "-c", "echo hi && sleep 5"]),
        ("", None),
    ],
)
def test_argv_fields_split_like_a_shell_and_show_back(text, value):
    assert parse_value("argv", text) == value
    if value is not None:
        assert parse_value("argv", format_value("argv", value)) == value


def test_an_unclosed_quote_is_kept_as_typed():
    assert parse_value("argv", 'sh -c "oops') == 'sh -c "oops'


async def test_sidecar_fields_reach_the_answers(tmp_path):
    draft = yaml.safe_load((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"))
    app = WizardApp(draft, store=DraftStore(tmp_path / "state"), start_step=SERVICES)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f5")  # add a container: the sidecar
        await pilot.pause()
        await pilot.pause()
        await type_field(pilot, f"{C}.image", "public.ecr.aws/aws-observability/agent:1")
        await toggle(pilot, "#" + path_id(f"{C}.essential"), False)
        await type_field(pilot, f"{C}.cpu", "128")
        await type_field(pilot, f"{C}.memory", "256")
        await type_field(pilot, f"{C}.command", 'sh -c "run --fast"')
        await type_field(pilot, f"{C}.entrypoint", "/entry.sh")
        await toggle(pilot, "#" + path_id(f"{C}.readonly_root_filesystem"), True)
        await pilot.pause()
        side = app.draft["services"][0]["containers"][1]
        assert side["essential"] is False
        assert (side["cpu"], side["memory"]) == (128, 256)
        assert side["command"] == ["sh", "-c", "run --fast"]
        assert side["entrypoint"] == ["/entry.sh"]
        assert side["readonly_root_filesystem"] is True
        app.ensure_validated()
        assert not app.errors, [(e.path, e.message) for e in app.errors]
        result = validate_data(app.file_draft)
        assert result.ok, result.errors
        sidecar = result.answers.services[0].containers[1]
        assert sidecar.essential is False and sidecar.command == ["sh", "-c", "run --fast"]
        # shown back as typed when the form is built again
        await pilot.press("f5")
        await pilot.pause()
        await pilot.pause()
        shown = app.screen.query_one("#" + path_id(f"{C}.command"), Input).value
        assert shown == "sh -c 'run --fast'"
        assert not app.screen.query_one("#" + path_id(f"{C}.essential"), Checkbox).value
