"""Day 2 on hypothesis-generated answers (issue 10): apply, re-plan (empty), one change (a
new image for the first service: a new task definition revision and an in-place service
update), apply it, re-plan (empty), destroy (nothing left but the task definition revisions
kept on purpose), on the strict emulator.

Bounded for CI: small answers (up to two services and two rules) and `budget(ci=1, deep=...)`
examples; in CI the draw is derandomized (the same answers every run), under
ECS_WIZARD_HYPOTHESIS=deep they are random. Each example is an init, three applies, three plans
and a destroy.

Measured 2026-11-29 on a shared 2-CPU machine at load average 8-16: CI profile (2 examples)
888 s wall; deep profile (4 random examples) passed in 1079 s wall with 311 s of CPU (user +
system, terraform, the provider and the emulator included), about 78 s of CPU per example. On
an idle runner that is roughly 1.5-2.5 minutes for the CI profile. Cut to one CI example on
2026-11-30, when the whole CI run reached 31 minutes under load (this test: 415 s of it); the
deep profile keeps four random examples.
"""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from ..profiles import budget, current
from ..strategies import valid_answers
from . import checks
from .harness import E2EProject, validated
from .idempotency import idempotency_report
from .test_day2 import SVC, UPDATE, assert_changes

pytestmark = [pytest.mark.emulator, pytest.mark.terraform, pytest.mark.slow]

DEEP = current() == "deep"
NEW_IMAGE = "public.ecr.aws/nginx/nginx:1.28-day2"
MOTO_AMI = "ami-12c6146b"  # in moto's default images (moto/ec2/resources/amis.json), every region


def _replan_is_empty(project: E2EProject) -> None:
    features = {"ec2"} if project.answers.cluster.capacity.ec2 else set()
    problems = idempotency_report(project.plan(), features)
    assert problems == [], "post-apply plan is not empty:\n" + "\n".join(problems)


def test_random_answers_day2(tf, emulator, tmp_path_factory) -> None:
    """(The hypothesis test is inner so that a failure prints the answers, not the fixtures.)"""

    @given(valid_answers(max_services=2, max_rules=2))
    @settings(
        max_examples=budget(ci=1, deep=4),
        deadline=None,
        derandomize=not DEEP,
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
        _replan_is_empty(project)

        changed = copy.deepcopy(project.localized.data)
        first = changed["services"][0]
        first["containers"][0]["image"] = NEW_IMAGE
        project.render(validated(changed))
        ignores_image = project.answers.services[0].deployment.ignore_image_changes
        expected = [] if ignores_image else [
            (SVC.format(first["name"]) + r"aws_ecs_service\.\w+\[0\]", {UPDATE}, "new revision")
        ]  # fmt: skip
        plan = project.apply()
        assert_changes(plan, expected)
        revisions = [
            rc["address"]
            for rc in plan["resource_changes"]
            if rc["type"] == "aws_ecs_task_definition" and rc["change"]["actions"] != ["no-op"]
        ]
        name = first["name"]
        assert revisions == [f'module.service["{name}"].aws_ecs_task_definition.this']
        _replan_is_empty(project)

        project.destroy()
        left = checks.inventory(emulator, region)
        assert checks.leftovers(baseline, left) == {}

    check()
