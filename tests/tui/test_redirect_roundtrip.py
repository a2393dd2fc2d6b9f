"""An "auto" default stays auto through export and re-edit (#11): "Redirect to HTTPS: auto"
(the key left out) used to be written back as `redirect_to_https: true` after an export with
HTTPS, and then turning HTTPS off in `edit DIR` was an error."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ecs_wizard.app import WizardApp
from ecs_wizard.commands._common import load_for_edit
from ecs_wizard.model.answers import Answers
from ecs_wizard.model.draft import DraftStore
from ecs_wizard.model.yamlio import dump_answers
from ecs_wizard.render import tfvars_data
from ecs_wizard.screens.widgets.ids import path_id
from tests.tui.helpers import SIZE, focus, toggle, type_input

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"
ALB, REVIEW = 3, 5
CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


def _with_https() -> dict:
    draft = yaml.safe_load((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"))
    draft["alb"] = {"https": {"certificates": [{"arn": CERT}]}}
    return draft


def test_auto_redirect_is_not_written_back_but_reaches_terraform():
    a = Answers.model_validate(_with_https())
    assert a.alb.http.redirect_to_https is True  # what it means: HTTPS is on
    assert "redirect_to_https" not in yaml.safe_load(dump_answers(a))["alb"].get("http", {})
    assert tfvars_data(a)["alb"]["http"]["redirect_to_https"] is True
    plain = yaml.safe_load((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"))
    assert tfvars_data(Answers.model_validate(plain))["alb"]["http"]["redirect_to_https"] is False
    pinned = _with_https()
    pinned["alb"]["http"] = {"redirect_to_https": True}  # written by the user: kept
    data = yaml.safe_load(dump_answers(Answers.model_validate(pinned)))
    assert data["alb"]["http"]["redirect_to_https"] is True


async def test_auto_redirect_survives_export_and_turning_https_off(tmp_path):
    out = tmp_path / "out"
    app = WizardApp(_with_https(), store=DraftStore(tmp_path / "state"), start_step=REVIEW)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await type_input(pilot, "#export-dir", str(out))
        await pilot.press("f5")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.exported_to == out
    answers = yaml.safe_load((out / "answers.yaml").read_text(encoding="utf-8"))
    assert "redirect_to_https" not in (answers["alb"].get("http") or {})

    data, source = load_for_edit(str(out))
    app = WizardApp(data, source=source, store=DraftStore(tmp_path / "state"), start_step=ALB)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        select = await focus(pilot, "#" + path_id("alb.http.redirect_to_https"))
        assert select.value == "auto"
        await toggle(pilot, "#" + path_id("alb.https"), False)
        await pilot.pause()
        assert app.draft["alb"].get("https") is None
        app.ensure_validated()
        assert not app.errors, [(e.path, e.message) for e in app.errors]
