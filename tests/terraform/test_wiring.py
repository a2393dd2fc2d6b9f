"""Routing wiring, read from real terraform plans (see tests/terraform/wiring.py):

- each service module instance waits for exactly the listeners and rules that forward to its
  target group (`listener_dependencies`, which its aws_ecs_service depends on);
- each rule forwards to the target group of the service it names, the default action to the
  default service.

Checked on the shipped answers examples, the hand-written Terraform examples and random
answers. Turning `r.service == each.key` into `!=` in ecs_wizard/root/main.tf fails every one.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, settings

from ecs_wizard import render
from ecs_wizard.model.answers import Answers

from ..conftest import TF, write_offline_override
from ..profiles import budget
from ..strategies import valid_answers
from ..test_render_terraform import TEST_AMI, example_data
from . import wiring
from .conftest import copy_example

pytestmark = pytest.mark.terraform


def answers_problems(w: wiring.Wiring, a: Answers) -> list[str]:
    """The wiring the answers ask for, against the planned one."""
    prefix = f"{a.project.name}-{a.project.environment}"
    problems: list[str] = []
    planned = {s.name: s for s in w.services.values()}
    if sorted(planned) != sorted(f"{prefix}-{s.name}" for s in a.services):
        problems.append(f"planned services {sorted(planned)} are not the answers' services")
    if sorted(w.rule_targets) != sorted(r.priority for r in a.routing):
        problems.append(f"planned rules {sorted(w.rule_targets)} are not the answers' rules")
    for r in a.routing:
        want = wiring.target_group_arn(f"{prefix}-{r.service}")
        if w.rule_targets.get(r.priority) != want:
            got = wiring.describe(w.rule_targets.get(r.priority))
            problems.append(f"rule {r.name} forwards to {got}, not to service {r.service}")
    default = a.alb.default_action.forward
    listeners = {wiring.HTTP_LISTENER} | ({wiring.HTTPS_LISTENER} if a.alb.https else set())
    forwarding = {arn for arn in listeners if arn not in w.redirects}
    for arn in forwarding:
        want = wiring.target_group_arn(f"{prefix}-{default}") if default else None
        if w.forwards.get(arn) != want:
            got = wiring.describe(w.forwards.get(arn))
            problems.append(f"{wiring.describe(arn)} forwards to {got}, not to {default}")
    for s in a.services:
        service = planned.get(f"{prefix}-{s.name}")
        if service is None:
            continue
        expected = {wiring.rule_arn(r.priority) for r in a.routing if r.service == s.name}
        if default == s.name:
            expected |= listeners  # the root waits for every listener of the default action
        if set(service.depends_on) != expected:
            got, want = wiring.names(service.depends_on), wiring.names(expected)
            problems.append(f"service {s.name} waits for {got}, expected {want}")
    return problems


def plan_rendered(tf: TF, root: Path, data: dict, *, init: bool = True) -> tuple[Answers, dict]:
    """Render `data` into `root` (root module files only after the first time), plan it."""
    a = Answers.model_validate(data)
    if init:
        render.write_project(a, root)
        write_offline_override(root, a.project.region)
        wiring.install_known_arns(root / "modules")
        tf.init(root)
    else:
        for stale in [*root.glob("*.tf"), *root.glob("*.tfvars"), root / "tfplan"]:
            stale.unlink(missing_ok=True)  # e.g. a moved.tf the new answers do not need
        for rel, text in render.render_files(a).items():
            if not rel.startswith("modules/"):
                (root / rel).write_text(text, encoding="utf-8")
        write_offline_override(root, a.project.region)
    tf.run(root, "plan", "-refresh=false", "-input=false", "-no-color", "-out=tfplan")
    return a, json.loads(tf.run(root, "show", "-json", "tfplan").stdout)


def check_all(plan: dict, a: Answers | None = None) -> None:
    problems = wiring.configuration_problems(plan)
    w = wiring.read_plan(plan)
    assert w.services, "no ECS service planned"
    problems += wiring.wiring_problems(w)
    if a is not None:
        problems += answers_problems(w, a)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["full", "minimal", "ec2"])
def test_rendered_example_wiring(tf: TF, tmp_path: Path, name: str) -> None:
    a, plan = plan_rendered(tf, tmp_path / name, example_data(name))
    check_all(plan, a)


@pytest.mark.parametrize("name", ["fargate-https", "ec2-capacity"])
def test_hand_written_example_wiring(tf: TF, tmp_path: Path, name: str) -> None:
    directory = copy_example(name, tmp_path / "repo")
    wiring.install_known_arns(tmp_path / "repo" / "ecs_wizard" / "modules")
    plan = tf.plan_json(directory)
    check_all(plan)


def test_random_answers_wiring(tf: TF, tmp_path_factory: pytest.TempPathFactory) -> None:
    """One project directory for every draw: init once, then re-render the root module only.
    (The hypothesis test is inner so that a failure prints the answers, not the fixtures.)"""
    root = tmp_path_factory.mktemp("wiring-random") / "p"
    ready: list[bool] = []

    @given(valid_answers(max_services=3, max_rules=4))
    @settings(max_examples=budget(ci=3, deep=25), deadline=None)
    def check(data: dict) -> None:
        data = copy.deepcopy(data)
        ec2 = data.get("cluster", {}).get("capacity", {}).get("ec2")
        if ec2 is not None and "ami_id" not in ec2:
            ec2["ami_id"] = TEST_AMI  # the SSM AMI look-up needs AWS
        a, plan = plan_rendered(tf, root, data, init=not ready)
        ready.append(True)
        check_all(plan, a)

    check()
