"""End to end: answers → render → apply against the strict emulator → AWS API checks →
the re-plan is empty → a new image (day2_image.py) → destroy leaves nothing behind. The full
example's day 2 (changes of every kind) is in test_day2.py.

Emulator gaps are handled explicitly (ecs_wizard.emulator.EMULATOR_QUIRKS); a post-apply
plan is checked by idempotency.idempotency_report (no replacement, no difference that is not
a justified quirk, no stale quirk).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ecs_wizard.emulator import Emulator, emulator_provider_override
from ecs_wizard.model.yamlio import load_answers_file

from . import checks
from .day2_image import apply_new_image
from .idempotency import idempotency_report

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"

pytestmark = [pytest.mark.emulator, pytest.mark.terraform, pytest.mark.slow]


def example(name: str) -> dict:
    return load_answers_file(EXAMPLES / f"{name}.yaml")


def assert_idempotent(project, features: set[str]) -> None:
    problems = idempotency_report(project.plan(), features)
    assert problems == [], "post-apply plan is not empty:\n" + "\n".join(problems)


def assert_destroyed(project, baseline: dict[str, set[str]]) -> None:
    project.destroy()
    left = checks.inventory(project.emu, project.answers.project.region)
    assert checks.leftovers(baseline, left) == {}


def test_emulator_lifecycle_and_loopback_only(fresh_emulator: Emulator) -> None:
    ec2 = fresh_emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    fresh_emulator.reset()
    assert vpc not in {v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"]}
    text = emulator_provider_override("eu-west-1", fresh_emulator.endpoint)
    assert f'ecs                  = "{fresh_emulator.endpoint}"' in text
    assert (
        "max_retries                 = 3" in text and 'access_key                  = "test"' in text
    )
    with pytest.raises(Exception, match="non-loopback"):
        emulator_provider_override("eu-west-1", "https://ecs.eu-west-1.amazonaws.com")


@pytest.mark.parametrize("name", ["ec2", "minimal"])
def test_example_apply_check_destroy(e2e_project, name: str) -> None:
    data = example(name)
    data["alb"] = {**data.get("alb", {}), "deletion_protection": False}
    project = e2e_project(data)
    baseline = checks.inventory(project.emu, project.answers.project.region)
    project.apply()
    names = checks.check_all(project.emu, project.answers, project.outputs())
    checks.check_service_settings(project.emu, project.answers, project.outputs(), names)
    assert_idempotent(project, {"ec2"} if name == "ec2" else set())
    apply_new_image(project)  # day 2 on the same apply: a new revision, updated in place
    assert_destroyed(project, baseline)
