"""One day-2 step that every applied example can take cheaply: a new image for the first
service is a new task definition revision of that service alone and an in-place update of its
ECS service (none when the service ignores image changes), and the re-plan after it is empty.

test_lifecycle runs it on the minimal and ec2 examples after their first apply (the same apply
serves the idempotency, access-wiring and day-2 checks); test_day2_random on random answers in
the deep profile."""

from __future__ import annotations

import copy

from .harness import E2EProject, validated
from .idempotency import idempotency_report
from .test_day2 import SVC, UPDATE, assert_changes

NEW_IMAGE = "public.ecr.aws/nginx/nginx:1.28-day2"


def replan_is_empty(project: E2EProject) -> None:
    features = {"ec2"} if project.answers.cluster.capacity.ec2 else set()
    problems = idempotency_report(project.plan(), features)
    assert problems == [], "post-apply plan is not empty:\n" + "\n".join(problems)


def apply_new_image(project: E2EProject) -> None:
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
    replan_is_empty(project)
