"""Issue 10: every ECS service gets an explicit capacity strategy and force_new_deployment, so
a second plan against what AWS reads back is no replacement, and a weight change updates the
service in place.

Background (hashicorp/terraform-provider-aws, internal/service/ecs/service.go,
capacityProviderStrategyCustomizeDiff): provider 5.x forces a new service whenever
capacity_provider_strategy changes, unless force_new_deployment is true *and* neither the old
nor the new strategy is empty; 6.x refuses the plan when the strategy changes without
force_new_deployment. ECS copies the cluster's default strategy onto a service created without
one, so an empty strategy in the configuration is a change on every plan.

The day-2 runs below plan the ecs-service module against a state that holds the service as
DescribeServices returns it (hand-written, the same attributes the provider stores), with the
real provider (5.100) and -refresh=false, so the provider's own CustomizeDiff decides between
update and replace.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import MODULES_DIR, REPO_ROOT, TF, copy_tree, write_offline_override
from .test_render_terraform import example_data, render_to

pytestmark = [pytest.mark.terraform, pytest.mark.slow]

PROVIDER_NAMES = {"fargate": "FARGATE", "fargate_spot": "FARGATE_SPOT"}


def services_in(plan: dict) -> dict[str, dict]:
    return {
        rc["address"]: rc["change"]
        for rc in plan["resource_changes"]
        if rc["type"] == "aws_ecs_service"
    }


def _strategy(items: list[dict]) -> list[tuple[str, int, int]]:
    return sorted((i["capacity_provider"], i["weight"], i["base"]) for i in items)


@pytest.mark.parametrize("name", ["minimal", "full", "ec2"])
def test_every_rendered_service_has_an_explicit_strategy(tf: TF, tmp_path: Path, name: str) -> None:
    answers, root = render_to(tmp_path / name, example_data(name))
    plan = tf.plan_json(root)
    planned = services_in(plan)
    assert len(planned) == len(answers.services)
    for service in answers.services:
        [change] = [c for a, c in planned.items() if f'module.service["{service.name}"]' in a]
        after, unknown = change["after"], change["after_unknown"]
        assert after["force_new_deployment"] is True, service.name
        assert not after.get("launch_type"), service.name
        expected = answers.capacity_strategy(service)
        assert expected, f"{service.name}: the answers give no strategy"
        got = after["capacity_provider_strategy"]
        assert len(got) == len(expected), (service.name, got)
        if any(e["provider"] == "ec2" for e in expected):
            # The EC2 capacity provider's name is known after apply; weights are not.
            assert unknown.get("capacity_provider_strategy"), service.name
            continue
        assert _strategy(got) == _strategy(
            [
                {
                    "capacity_provider": PROVIDER_NAMES[e["provider"]],
                    "weight": e["weight"],
                    "base": e["base"],
                }
                for e in expected
            ]
        ), service.name


def test_fargate_https_example_passes_the_cluster_default(tf: TF, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    copy_tree(MODULES_DIR, root / "ecs_wizard" / "modules")
    example = copy_tree(REPO_ROOT / "examples" / "fargate-https", root / "examples" / "x")
    write_offline_override(example)
    tfvars = (example / "terraform.tfvars.example").read_text(encoding="utf-8")
    (example / "terraform.tfvars").write_text(tfvars, encoding="utf-8")
    plan = tf.plan_json(example)
    planned = services_in(plan)
    assert len(planned) == 2
    for address, change in planned.items():
        after = change["after"]
        assert after["force_new_deployment"] is True, address
        assert not after.get("launch_type"), address
        # The cluster's default strategy (FARGATE base 1 weight 1, FARGATE_SPOT weight 3),
        # known at plan time or computed by the cluster, never empty.
        got = after.get("capacity_provider_strategy")
        assert got or change["after_unknown"].get("capacity_provider_strategy"), address
        if got:
            assert _strategy(got) == [("FARGATE", 1, 1), ("FARGATE_SPOT", 3, 0)], address


# --- day 2: plan against the state AWS would give back --------------------------------------

CLUSTER_ARN = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop-prod"
SERVICE = "shop-prod-worker"
MODULE_CALL = """\
module "svc" {{
  source      = "./modules/ecs-service"
  name        = "{name}"
  cluster_arn = "{cluster}"
  region      = "eu-west-1"
  vpc_id      = "vpc-0a1b2c3d4e5f60718"
  subnet_ids  = ["subnet-0bbbbbbbbbbbbbbb1"]
  containers  = [{{ name = "app", image = "public.ecr.aws/nginx/nginx:1.27" }}]
  capacity_provider_strategy = {strategy}
  force_new_deployment       = {force}
}}
"""


def _hcl_strategy(items: list[tuple[str, int, int]]) -> str:
    return (
        "["
        + ", ".join(
            f'{{ capacity_provider = "{p}", weight = {w}, base = {b} }}' for p, w, b in items
        )
        + "]"
    )


def _service_state(strategy: list[tuple[str, int, int]], force: bool) -> dict:
    """terraform.tfstate with the service as the provider stores it after Create + Read."""
    attributes = {
        "id": f"arn:aws:ecs:eu-west-1:123456789012:service/shop-prod/{SERVICE}",
        "name": SERVICE,
        "cluster": CLUSTER_ARN,
        "task_definition": f"arn:aws:ecs:eu-west-1:123456789012:task-definition/{SERVICE}:1",
        "desired_count": 1,
        "launch_type": "",
        "platform_version": "LATEST",
        "scheduling_strategy": "REPLICA",
        "deployment_maximum_percent": 200,
        "deployment_minimum_healthy_percent": 100,
        "enable_ecs_managed_tags": True,
        "enable_execute_command": False,
        "propagate_tags": "SERVICE",
        "wait_for_steady_state": False,
        "force_new_deployment": force,
        "health_check_grace_period_seconds": 0,
        "iam_role": "",
        "availability_zone_rebalancing": "DISABLED",
        "triggers": {},
        "tags": {},
        "tags_all": {},
        "capacity_provider_strategy": [
            {"capacity_provider": p, "weight": w, "base": b} for p, w, b in strategy
        ],
        "deployment_circuit_breaker": [{"enable": True, "rollback": True}],
        "deployment_controller": [{"type": "ECS"}],
        "network_configuration": [
            {
                "subnets": ["subnet-0bbbbbbbbbbbbbbb1"],
                "security_groups": ["sg-0aaaaaaaaaaaaaaa1"],
                "assign_public_ip": False,
            }
        ],
    }
    return {
        "version": 4,
        "terraform_version": "1.11.4",
        "serial": 1,
        "lineage": "00000000-0000-0000-0000-000000000010",
        "outputs": {},
        "resources": [
            {
                "module": "module.svc",
                "mode": "managed",
                "type": "aws_ecs_service",
                "name": "this",
                "provider": 'provider["registry.terraform.io/hashicorp/aws"]',
                "instances": [{"index_key": 0, "schema_version": 1, "attributes": attributes}],
            }
        ],
    }


def day2_actions(
    tf: TF,
    root: Path,
    *,
    state: list[tuple[str, int, int]],
    config: list[tuple[str, int, int]],
    force: bool = True,
    state_force: bool | None = None,
) -> list[str]:
    """The planned actions on the existing service for this configuration."""
    if not (root / "modules").exists():
        copy_tree(MODULES_DIR / "ecs-service", root / "modules" / "ecs-service")
        write_offline_override(root)
        tf.init(root)
    (root / "main.tf").write_text(
        MODULE_CALL.format(
            name=SERVICE,
            cluster=CLUSTER_ARN,
            strategy=_hcl_strategy(config),
            force=str(force).lower(),
        ),
        encoding="utf-8",
    )
    persisted = force if state_force is None else state_force
    (root / "terraform.tfstate").write_text(json.dumps(_service_state(state, persisted)), "utf-8")
    plan = tf.plan_json(root)
    [change] = services_in(plan).values()
    return change["actions"]


def test_explicit_default_strategy_is_not_replaced_on_the_next_plan(tf: TF, tmp_path: Path) -> None:
    """AWS returns the strategy the service was created with: the same strategy, stated
    explicitly, is no replacement."""
    default = [("FARGATE", 1, 1), ("FARGATE_SPOT", 3, 0)]
    actions = day2_actions(tf, tmp_path, state=default, config=default)
    assert "delete" not in actions, actions


def test_cluster_weight_change_updates_the_service_in_place(tf: TF, tmp_path: Path) -> None:
    before = [("FARGATE", 1, 1), ("FARGATE_SPOT", 3, 0)]
    after = [("FARGATE", 1, 1), ("FARGATE_SPOT", 5, 0)]
    assert day2_actions(tf, tmp_path, state=before, config=after) == ["update"]
    # A deployment rendered before this fix (force_new_deployment unset = false in state)
    # still updates in place: the provider reads the new value from the configuration.
    assert day2_actions(tf, tmp_path, state=before, config=after, state_force=False) == ["update"]


def test_without_force_new_deployment_the_provider_replaces_the_service(
    tf: TF, tmp_path: Path
) -> None:
    """Why force_new_deployment is on: the provider's rule this module relies on."""
    before = [("FARGATE", 1, 0)]
    after = [("FARGATE", 2, 0)]
    actions = day2_actions(tf, tmp_path, state=before, config=after, force=False)
    assert sorted(actions) == ["create", "delete"], actions
