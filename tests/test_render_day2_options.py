"""Issue 10, "also close these": day-2 options of the answers, rendered and planned.

Each test renders a shipped example with one answers change and reads the plan JSON of the
root module (offline, -refresh=false), so it fails when the answers key does not reach the
AWS resource.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import TF
from .test_render_terraform import example_data, render_to

pytestmark = [pytest.mark.terraform, pytest.mark.slow]


def _changes(plan: dict, type_: str) -> dict[str, dict]:
    return {rc["address"]: rc["change"] for rc in plan["resource_changes"] if rc["type"] == type_}


def test_wait_for_steady_state_reaches_only_its_service(tf: TF, tmp_path: Path) -> None:
    data = example_data("full")
    web = next(s for s in data["services"] if s["name"] == "web")
    web.setdefault("deployment", {})["wait_for_steady_state"] = True
    _answers, root = render_to(tmp_path, data)
    plan = tf.plan_json(root)
    waits = {
        addr.split('"')[1]: change["after"]["wait_for_steady_state"]
        for addr, change in _changes(plan, "aws_ecs_service").items()
    }
    assert waits == {"web": True, **{n: False for n in waits if n != "web"}}
    assert len(waits) == len(data["services"])
    # Superseded task definition revisions are kept for rollbacks (skip_destroy).
    tds = _changes(plan, "aws_ecs_task_definition")
    assert tds and all(c["after"]["skip_destroy"] is True for c in tds.values())


def test_instances_and_volumes_carry_the_project_tags(tf: TF, tmp_path: Path) -> None:
    """default_tags do not reach what the Auto Scaling group launches: the launch template
    tags instances and volumes with the project's tags, default tags included."""
    answers, root = render_to(tmp_path, example_data("ec2"))
    plan = tf.plan_json(root)
    (lt,) = _changes(plan, "aws_launch_template").values()
    specs = {s["resource_type"]: s["tags"] for s in lt["after"]["tag_specifications"]}
    wanted = {
        **answers.project.tags,
        "Project": answers.project.name,
        "Environment": answers.project.environment,
        "ManagedBy": "ecs-wizard",
    }
    for kind in ("instance", "volume"):
        assert wanted.items() <= specs[kind].items(), (kind, specs)
    # The group propagates the same tags to its instances at launch.
    (asg,) = _changes(plan, "aws_autoscaling_group").values()
    propagated = {t["key"]: t["value"] for t in asg["after"]["tag"] if t["propagate_at_launch"]}
    assert wanted.items() <= propagated.items()


@pytest.mark.parametrize("internal", [True, False])
def test_internal_load_balancer_is_placed_in_the_private_subnets(
    tf: TF, tmp_path: Path, internal: bool
) -> None:
    data = example_data("minimal")
    data.setdefault("alb", {})["internal"] = internal
    if internal:
        data["alb"]["ingress_cidrs"] = ["10.0.0.0/8"]
    answers, root = render_to(tmp_path, data)
    plan = tf.plan_json(root)
    (lb,) = _changes(plan, "aws_lb").values()
    net = answers.network
    assert lb["after"]["internal"] is internal
    wanted = net.private_subnet_ids if internal else net.public_subnet_ids
    assert sorted(lb["after"]["subnets"]) == sorted(wanted)


def test_an_internal_load_balancer_plans_in_a_vpc_without_public_subnets(
    tf: TF, tmp_path: Path
) -> None:
    """No public subnets at all (a private-only VPC): the answers leave the key out, the
    root module's `network` takes it as optional, and the plan places the ALB in the private
    subnets."""
    data = example_data("minimal")
    del data["network"]["public_subnet_ids"]
    data.setdefault("alb", {}).update(internal=True, ingress_cidrs=["10.0.0.0/8"])
    answers, root = render_to(tmp_path, data)
    plan = tf.plan_json(root)
    (lb,) = _changes(plan, "aws_lb").values()
    assert lb["after"]["internal"] is True
    assert sorted(lb["after"]["subnets"]) == sorted(answers.network.private_subnet_ids)
