"""The wizard opens answers whose base has no `network:` (each environment sets its own, issue
19): the base view shows the network fields empty, an environment shows its own VPC, and
nothing is written into the base."""

from __future__ import annotations

import copy

from textual.widgets import Input, Select

from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import DraftStore
from ecs_wizard.validation import validate_data
from tests.teams.test_base_network import per_environment
from tests.teams.test_render_teams import OTHER_NETWORK
from tests.tui.helpers import SIZE, path_id, type_field

REVIEW, PROJECT = 5, 0


async def test_environments_with_their_own_networks(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))
    draft = per_environment()
    before = copy.deepcopy(draft)
    app = WizardApp(draft, store=DraftStore(tmp_path / "state"), start_step=REVIEW)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#env-select", Select).value = "staging"
        await pilot.pause()
        app.goto(PROJECT)
        await pilot.pause()
        vpc = app.screen.query_one("#" + path_id("network.vpc_id"), Input)
        assert vpc.value == OTHER_NETWORK["vpc_id"]
        await type_field(pilot, "network.vpc_id", "vpc-0aaaaaaaaaaaaaaaa")
        await pilot.pause()
    after = copy.deepcopy(before)
    after["environments"]["staging"]["network"]["vpc_id"] = "vpc-0aaaaaaaaaaaaaaaa"
    assert app.file_draft == after  # the overlay changed; the base still has no network
    assert validate_data(app.file_draft).ok
