"""Day 2 on hypothesis-generated answers (issue 10): apply, re-plan (empty), one change (a
new image for the first service: a new task definition revision and an in-place service
update), apply it, re-plan (empty), destroy (nothing left but the task definition revisions
kept on purpose), on the strict emulator.

Deep profile only (ECS_WIZARD_HYPOTHESIS=deep: four random examples, small answers of up to
two services and two rules). Each example is an init, three applies, three plans and a
destroy: about 78 s of CPU, 415 s of a CI run under load for its one derandomized example.
Since issue 22 the CI runs the same day-2 step (day2_image.py) on the minimal and ec2
examples after the apply test_lifecycle makes anyway, so CI asserts all of it without a
project of its own; what only this test adds is random answers.
"""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from ..profiles import current
from ..strategies import valid_answers
from . import checks
from .day2_image import apply_new_image, replan_is_empty
from .harness import E2EProject

pytestmark = [pytest.mark.emulator, pytest.mark.terraform, pytest.mark.slow]

DEEP = current() == "deep"
MOTO_AMI = "ami-12c6146b"  # in moto's default images (moto/ec2/resources/amis.json), every region


@pytest.mark.skipif(
    not DEEP,
    reason="random day-2 answers run in the deep profile (ECS_WIZARD_HYPOTHESIS=deep); CI runs "
    "the same day-2 step on the shipped examples (test_lifecycle)",
)
def test_random_answers_day2(tf, emulator, tmp_path_factory) -> None:
    """(The hypothesis test is inner so that a failure prints the answers, not the fixtures.)"""

    @given(valid_answers(max_services=2, max_rules=2))
    @settings(
        max_examples=4,
        deadline=None,
        database=None,
        phases=[Phase.generate],  # no shrinking: each example takes minutes
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    def check(data: dict) -> None:
        emulator.reset()
        data = copy.deepcopy(data)
        data.setdefault("alb", {})["deletion_protection"] = False  # so that destroy runs
        ec2 = (data.get("cluster") or {}).get("capacity", {}).get("ec2")
        if ec2 is not None:
            # moto's SSM lacks the ECS-optimized AMI parameters in some regions (arm64 ones in
            # most): pin one of moto's own AMIs. test_day2 covers the SSM look-up (x86_64).
            ec2["ami_id"] = MOTO_AMI
        root = tmp_path_factory.mktemp("day2-random") / "project"
        project = E2EProject.create(tf, emulator, root, data)
        region = project.answers.project.region
        baseline = checks.inventory(emulator, region)

        project.apply()
        replan_is_empty(project)
        apply_new_image(project)

        project.destroy()
        left = checks.inventory(emulator, region)
        assert checks.leftovers(baseline, left) == {}

    check()
