"""Issue 10: wizard fields for answers keys that had none (read-only root filesystem,
certificate zones per name, access-log bucket creation, secrets KMS keys)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import default_draft
from ecs_wizard.model.paths import get_path
from ecs_wizard.model.yamlio import load_answers_file
from ecs_wizard.screens.alb import AlbScreen
from ecs_wizard.screens.services import ServicesScreen
from ecs_wizard.screens.widgets.field import Field
from ecs_wizard.screens.widgets.ids import path_id
from tests.tui.helpers import SIZE, toggle, type_field, type_input

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"
RO = "services[0].containers[0].readonly_root_filesystem"


@pytest.fixture(autouse=True)
def state_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


def _field_error(app: WizardApp, widget_id: str) -> str:
    widget = app.screen.query_one(f"#{widget_id}")
    field = next(f for f in app.screen.query(Field) if f.widget is widget)
    return str(field.query_one(".field-error").render()) if field.has_class("-invalid") else ""


async def test_new_containers_start_read_only_and_the_question_turns_it_off():
    app = WizardApp(default_draft(), offer_resume=False, start_step=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ServicesScreen)
        box = app.screen.query_one("#" + path_id(RO))
        assert (
            box.value is True
            and app.draft["services"][0]["containers"][0]["readonly_root_filesystem"]
        )
        await toggle(pilot, "#" + path_id(RO), False)
        assert app.draft["services"][0]["containers"][0]["readonly_root_filesystem"] is False
        # A container added with F5 starts read-only too.
        await pilot.press("f5")
        await pilot.pause()
        assert app.draft["services"][0]["containers"][1]["readonly_root_filesystem"] is True


async def test_existing_answers_without_the_key_stay_writable_and_exec_conflict_is_explained():
    data = load_answers_file(EXAMPLES / "minimal.yaml")
    assert "readonly_root_filesystem" not in data["services"][0]["containers"][0]
    app = WizardApp(copy.deepcopy(data), offer_resume=False, start_step=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#" + path_id(RO))
        assert box.value is False  # the model's default: nothing changes for old answers
        assert "readonly_root_filesystem" not in app.draft["services"][0]["containers"][0]
        # Read-only with ECS Exec is refused, at the container's field, with the fix in the
        # form's words (the CLI says `readonly_root_filesystem: false`).
        await toggle(pilot, "#" + path_id("services[0].enable_execute_command"), True)
        await toggle(pilot, "#" + path_id(RO), True)
        error = _field_error(app, path_id(RO))
        assert "set “Read-only root” to no" in error and "“ECS Exec” to no" in error


ZONE_ORG = "Z9876543210ZYXWVUTSRQ"
CERT = "alb.https.certificates[0]"


async def test_alb_step_zones_per_name_and_access_log_bucket_creation():
    data = load_answers_file(EXAMPLES / "full.yaml")
    cert = data["alb"]["https"]["certificates"][0]
    cert["subject_alternative_names"] = ["www.example.org"]
    cert["zones"] = {"www.example.org": ZONE_ORG}
    app = WizardApp(copy.deepcopy(data), offer_resume=False, start_step=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AlbScreen)
        zones = app.screen.query_one("#cert-zones")
        assert zones.value == f"www.example.org={ZONE_ORG}"  # the file's zones are shown
        # Editing another certificate input keeps the zones (they were dropped before).
        await type_input(pilot, "#cert-domain", "example.net")
        assert get_path(app.draft, f"{CERT}.zones") == {"www.example.org": ZONE_ORG}
        await type_input(pilot, "#cert-zones", f"www.example.org={ZONE_ORG}, api.example.io=Z1")
        assert get_path(app.draft, f"{CERT}.zones") == {
            "www.example.org": ZONE_ORG,
            "api.example.io": "Z1",
        }
        # The answers model checks the zone id: the error shows at the field.
        assert any(e.path.startswith(f"{CERT}.zones") for e in app.errors)

        box = "#" + path_id("alb.access_logs.create_bucket")
        assert app.screen.query_one(box).value is False
        await toggle(pilot, box, True)
        assert app.draft["alb"]["access_logs"] == {
            "bucket": "shop-alb-logs",
            "prefix": "prod",
            "create_bucket": True,
        }


async def test_services_step_secrets_kms_keys():
    key = "arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-1111-2222-3333-444455556666"
    app = WizardApp(load_answers_file(EXAMPLES / "full.yaml"), offer_resume=False, start_step=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_field(pilot, "services[0].secrets_kms_key_arns", key)
        assert app.draft["services"][0]["secrets_kms_key_arns"] == [key]
        await type_field(pilot, "services[0].secrets_kms_key_arns", "alias/app")
        assert "services[0].secrets_kms_key_arns[0]" in {e.path for e in app.errors}


async def test_services_step_wait_for_steady_state():
    app = WizardApp(load_answers_file(EXAMPLES / "minimal.yaml"), offer_resume=False, start_step=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = "#" + path_id("services[0].deployment.wait_for_steady_state")
        assert app.screen.query_one(box).value is False
        await toggle(pilot, box, True)
        assert app.draft["services"][0]["deployment"]["wait_for_steady_state"] is True
