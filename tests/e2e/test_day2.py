"""Day 2 on the strict emulator: apply the full example, re-plan (empty), then three applies
that make one change of each kind, re-plan (empty), destroy.

Changes are combined into few applies to stay within the CI budget (each apply is a minute or
two). Every plan is checked resource by resource: each change must be one the answers asked
for, shown as an in-place update, a `moved` resource (same AWS resource, new address) or a
create/delete that follows from the change itself; the only replacement allowed is a task
definition, which AWS never updates (a new revision is registered). Changes AWS cannot make in
one apply are made in the steps that work: a service rename is "add the new one, then remove
the old one" (an ECS service's name is its identity), and a priority swap takes three applies,
each giving a rule a priority no rule holds at that time (otherwise SetRulePriorities fails
with PriorityInUse, which the strict emulator enforces).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from ecs_wizard.aws.naming import service_name
from ecs_wizard.model.yamlio import load_answers_file

from . import checks
from .harness import validated
from .idempotency import idempotency_report

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"

pytestmark = [pytest.mark.emulator, pytest.mark.terraform, pytest.mark.slow]

UPDATE, CREATE, DELETE, MOVE = "update", "create", "delete", "move"
TASK_DEF_REVISION = "replace"  # aws_ecs_task_definition: a new revision, the old one retired


def _kind(rc: dict) -> str | None:
    actions = rc["change"]["actions"]
    if rc.get("previous_address") and actions in (["no-op"], ["update"]):
        return MOVE
    if actions in (["no-op"], ["read"]):
        return None
    if actions == ["update"]:
        return UPDATE
    if actions in (["create"], ["delete"]):
        return actions[0]
    return "replace"


def assert_changes(plan: dict, expected: list[tuple[str, set[str], str]]) -> None:
    """Every change in `plan` must match an (address regex, allowed kinds, why) entry, and
    every entry must match at least one change. Task definitions may be replaced (a new
    revision); nothing else may."""
    seen: dict[str, str] = {}
    problems = []
    for rc in plan.get("resource_changes", []):
        kind = _kind(rc)
        if kind is None:
            continue
        seen[rc["address"]] = kind
        if kind == TASK_DEF_REVISION and rc["type"] == "aws_ecs_task_definition":
            continue
        if kind == "replace" and rc["address"].endswith("terraform_data.service_variant"):
            # the ecs-service module's ordering gate (no AWS resource): replaced exactly when
            # the service moves to another variant, so that the old one is destroyed first
            module = rc["address"].rsplit(".terraform_data.", 1)[0]
            if any(
                other["address"].startswith(module + ".aws_ecs_service.")
                and _kind(other) in (MOVE, CREATE, DELETE)
                for other in plan.get("resource_changes", [])
            ):
                continue
        if not any(re.fullmatch(rx, rc["address"]) and kind in kinds for rx, kinds, _ in expected):
            replace = rc["change"].get("replace_paths")
            problems.append(f"unexpected {kind} of {rc['address']} (replace_paths {replace})")
    for rx, kinds, why in expected:
        if not any(re.fullmatch(rx, a) and k in kinds for a, k in seen.items()):
            problems.append(f"expected {sorted(kinds)} of {rx} ({why}) did not show")
    assert problems == [], "\n".join(
        problems + ["-- all changes:"] + [f"{k} {a}" for a, k in seen.items()]
    )


def _svc(data: dict, name: str) -> dict:
    return next(s for s in data["services"] if s["name"] == name)


def _rule(data: dict, name: str) -> dict:
    return next(r for r in data["routing"] if r["name"] == name)


def _check(project, features: set[str], *, replan: bool) -> None:
    """API checks; with `replan`, the next plan must be empty. (Between two applies the
    next change's plan is checked resource by resource, which catches drift as well.)"""
    names = checks.check_all(project.emu, project.answers, project.outputs())
    checks.check_service_settings(project.emu, project.answers, project.outputs(), names)
    if replan:
        problems = idempotency_report(project.plan(), features)
        assert problems == [], "post-apply plan is not empty:\n" + "\n".join(problems)


SVC = r'module\.service\["{}"\]\.'
RULE = r'module\.rule\["{}"\]\.aws_lb_listener_rule\.this'


def test_full_example_day2(e2e_project) -> None:
    data = load_answers_file(EXAMPLES / "full.yaml")
    project = e2e_project(data)
    region = project.answers.project.region
    baseline = checks.inventory(project.emu, region)
    features = {"ec2"}

    # A: apply, everything is there, the re-plan is empty.
    project.apply()
    _check(project, features, replan=True)

    # B: weights, root volume size (instance refresh), desired count, image, task size, two new
    # rules, autoscaling off, deletion
    # protection lifted (so that destroy can run); a service "rename" done without an outage
    # (add `jobs` next to `worker` here, remove `worker` in C: the name is an ECS service's
    # identity); the first step of a priority swap (api 10 -> 15, a free priority).
    data = copy.deepcopy(project.localized.data)
    data["cluster"]["capacity"]["fargate_spot"]["weight"] = 2
    # A launch template change (new version): the group starts an instance refresh.
    data["cluster"]["capacity"]["ec2"]["root_volume_gb"] = 40
    _svc(data, "api")["desired_count"] = 3
    _svc(data, "api")["cpu"], _svc(data, "api")["memory"] = 512, 1024
    web = _svc(data, "web")
    web["containers"][0]["image"] = "public.ecr.aws/nginx/nginx:1.28"
    web.pop("autoscaling")
    jobs = copy.deepcopy(_svc(data, "worker"))
    jobs["name"] = "jobs"
    jobs["containers"][0]["image"] = jobs["containers"][0]["image"].replace("1.4.2", "1.4.3")
    data["services"].append(jobs)
    data["routing"] += [
        {"name": "docs", "priority": 30, "service": "web", "paths": ["/docs/*"]},
        {"name": "status", "priority": 40, "service": "api", "paths": ["/status"]},
    ]
    _rule(data, "api")["priority"] = 15
    data["alb"]["deletion_protection"] = False
    project.render(validated(data))
    assert_changes(
        project.apply(),
        [
            (r"module\.cluster\..*", {UPDATE}, "cluster weights, launch template"),
            (SVC.format("web") + r"aws_ecs_service\.\w+\[0\]", {MOVE}, "autoscaling off: moved"),
            (
                SVC.format("web") + r"aws_appautoscaling_\w+\.\w+(\[.*\])?",
                {DELETE},
                "autoscaling off",
            ),
            (SVC.format("(api|worker)") + r"aws_ecs_service\.\w+\[0\]", {UPDATE}, "weights"),
            (SVC.format("jobs") + ".*", {CREATE}, "new service"),
            (RULE.format("(docs|status)"), {CREATE}, "new rules"),
            (RULE.format("api"), {UPDATE}, "priority swap, step 1"),
            (
                SVC.format("(web|api)") + r"terraform_data\.listener_dependencies",
                {UPDATE},
                "new rules",
            ),
            (r"module\.alb\.aws_lb\.this", {UPDATE}, "deletion protection off"),
        ],
    )
    _check(project, features, replan=False)

    # C: rename a rule, remove a rule, remove `worker` (rename, step 2), autoscaling on, the
    # second step of the swap (admin 20 -> 10, freed in B).
    data = copy.deepcopy(data)
    _rule(data, "docs")["name"] = "guide"
    data["routing"].remove(_rule(data, "status"))
    data["services"].remove(_svc(data, "worker"))
    _svc(data, "api")["autoscaling"] = {"min": 2, "max": 4, "cpu_percent": 70}
    _rule(data, "admin")["priority"] = 10
    project.render(validated(data))
    assert_changes(
        project.apply(),
        [
            (RULE.format("(docs|guide)"), {MOVE, CREATE, DELETE}, "rule renamed"),
            (RULE.format("status"), {DELETE}, "rule removed"),
            (RULE.format("admin"), {UPDATE}, "priority swap, step 2"),
            (SVC.format("worker") + ".*", {DELETE}, "service removed"),
            (SVC.format("(web|api)") + r"terraform_data\.listener_dependencies", {UPDATE}, "rules"),
            (SVC.format("api") + r"aws_ecs_service\.\w+\[0\]", {MOVE}, "autoscaling on: moved"),
            (
                SVC.format("api") + r"aws_appautoscaling_\w+\.\w+(\[.*\])?",
                {CREATE},
                "autoscaling on",
            ),
        ],
    )
    _check(project, features, replan=False)

    # D: the last step of the swap (api 15 -> 20); then the re-plan is empty.
    data = copy.deepcopy(data)
    _rule(data, "api")["priority"] = 20
    project.render(validated(data))
    assert_changes(project.apply(), [(RULE.format("api"), {UPDATE}, "priority swap, step 3")])
    _check(project, features, replan=True)

    # Destroy: deletion protection was lifted in B, so nothing is left behind, except the task
    # definition revisions, kept ACTIVE on purpose (skip_destroy): api's first revision (task
    # size changed in B) is still there for a rollback.
    project.destroy()
    left = checks.inventory(project.emu, region)
    assert checks.leftovers(baseline, left) == {}
    kept = sorted(left["task_definitions"] - baseline.get("task_definitions", set()))
    p = project.answers.project
    api_family = service_name(p.name, p.environment, "api")
    api_revisions = [a for a in kept if a.rsplit("/", 1)[1].rsplit(":", 1)[0] == api_family]
    assert len(api_revisions) >= 2, kept
