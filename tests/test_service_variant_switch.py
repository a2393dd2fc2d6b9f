"""Issue 10: switching a service's variant (autoscaling / ignore_image_changes toggled) without
the `moved` block render writes (hand-edited tfvars, module used directly) must destroy the old
service before it creates the new one: ECS refuses to create a service whose name is still
ACTIVE or DRAINING ("Creation of service was not idempotent").

The ecs-service module replaces `terraform_data.service_variant` whenever the variant changes
and every aws_ecs_service variant depends on it. The first test shows, by applying plain
terraform_data resources with local-exec logs (no AWS), the ordering Terraform gives such a
gate and the one it gives without it. The others plan the module against a state holding the
service at its old address and read `terraform graph -type=apply`: the new service's create
waits (transitively) for the old service's destroy.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import MODULES_DIR, TF, copy_tree, write_offline_override
from .test_service_capacity_plan import CLUSTER_ARN, SERVICE, _service_state

pytestmark = [pytest.mark.terraform, pytest.mark.slow]

GATE_DEMO = """\
variable "variant" {{ type = string }}
{gate}
resource "terraform_data" "a" {{
  count = var.variant == "a" ? 1 : 0
  {depends}
  provisioner "local-exec" {{ command = "echo create-a >> order.log" }}
  provisioner "local-exec" {{
    when    = destroy
    command = "sleep 2; echo destroy-a >> order.log"
  }}
}}
resource "terraform_data" "b" {{
  count = var.variant == "b" ? 1 : 0
  {depends}
  provisioner "local-exec" {{ command = "echo create-b >> order.log" }}
  provisioner "local-exec" {{
    when    = destroy
    command = "sleep 2; echo destroy-b >> order.log"
  }}
}}
"""
GATE = """\
resource "terraform_data" "gate" {
  input            = var.variant
  triggers_replace = var.variant
}
"""


def _switch_order(tf: TF, root: Path, *, gated: bool) -> list[str]:
    root.mkdir()
    (root / "main.tf").write_text(
        GATE_DEMO.format(
            gate=GATE if gated else "",
            depends="depends_on = [terraform_data.gate]" if gated else "",
        ),
        encoding="utf-8",
    )
    tf.run(root, "init", "-no-color")
    tf.run(root, "apply", "-auto-approve", "-no-color", "-var", "variant=a")
    (root / "order.log").write_text("", encoding="utf-8")
    tf.run(root, "apply", "-auto-approve", "-no-color", "-var", "variant=b")
    return (root / "order.log").read_text(encoding="utf-8").split()


def test_a_replaced_gate_orders_destroy_before_create(tf: TF, tmp_path: Path) -> None:
    # Without the gate both run at once: the (quick) create finishes before the destroy.
    assert _switch_order(tf, tmp_path / "plain", gated=False) == ["create-b", "destroy-a"]
    assert _switch_order(tf, tmp_path / "gated", gated=True) == ["destroy-a", "create-b"]


# --- the ecs-service module ----------------------------------------------------------------

VARIANT_INPUTS = {
    "this": "",
    "ignore_task_definition": "ignore_task_definition_changes = true",
    "autoscaled": "autoscaling = { min_capacity = 1, max_capacity = 2, cpu_target = 50 }",
    "autoscaled_ignore_task_definition": (
        "ignore_task_definition_changes = true\n"
        "  autoscaling = { min_capacity = 1, max_capacity = 2, cpu_target = 50 }"
    ),
}
MODULE = """\
module "svc" {{
  source      = "./modules/ecs-service"
  name        = "{name}"
  cluster_arn = "{cluster}"
  region      = "eu-west-1"
  vpc_id      = "vpc-0a1b2c3d4e5f60718"
  subnet_ids  = ["subnet-0bbbbbbbbbbbbbbb1"]
  containers  = [{{ name = "app", image = "public.ecr.aws/nginx/nginx:1.27" }}]
  capacity_provider_strategy = [{{ capacity_provider = "FARGATE", weight = 1, base = 0 }}]
  {inputs}
}}
"""
_EDGE = re.compile(r'"((?:[^"\\]|\\.)*)"\s*->\s*"((?:[^"\\]|\\.)*)"')


def _state_at(variant: str) -> dict:
    """The service deployed at `variant`, as the module's last apply recorded it."""
    state = _service_state([("FARGATE", 1, 0)], True)
    [service] = state["resources"]
    service["name"] = variant
    service["instances"][0]["dependencies"] = ["module.svc.terraform_data.service_variant"]
    state["resources"].append(
        {
            "module": "module.svc",
            "mode": "managed",
            "type": "terraform_data",
            "name": "service_variant",
            "provider": 'provider["terraform.io/builtin/terraform"]',
            "instances": [
                {
                    "schema_version": 0,
                    "attributes": {
                        "id": "00000000-0000-0000-0000-000000000001",
                        "input": {"value": variant, "type": "string"},
                        "output": {"value": variant, "type": "string"},
                        "triggers_replace": {"value": variant, "type": "string"},
                    },
                }
            ],
        }
    )
    return state


def _depends_on(dot: str, node: str) -> set[str]:
    edges: dict[str, set[str]] = {}
    for src, dst in _EDGE.findall(dot):
        edges.setdefault(src, set()).add(dst)
    seen: set[str] = set()
    stack = [node]
    while stack:
        for nxt in edges.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("this", "autoscaled"),
        ("autoscaled", "this"),
        ("this", "ignore_task_definition"),
        ("autoscaled", "autoscaled_ignore_task_definition"),
    ],
)
def test_switching_variant_destroys_the_old_service_before_creating_the_new(
    tf: TF, tmp_path: Path, old: str, new: str
) -> None:
    root = tmp_path / "root"
    copy_tree(MODULES_DIR / "ecs-service", root / "modules" / "ecs-service")
    write_offline_override(root)
    (root / "main.tf").write_text(
        MODULE.format(name=SERVICE, cluster=CLUSTER_ARN, inputs=VARIANT_INPUTS[new]), "utf-8"
    )
    (root / "terraform.tfstate").write_text(json.dumps(_state_at(old)), encoding="utf-8")
    plan = tf.plan_json(root)
    actions = {
        rc["address"]: rc["change"]["actions"]
        for rc in plan["resource_changes"]
        if rc["type"] == "aws_ecs_service"
    }
    assert actions == {
        f"module.svc.aws_ecs_service.{old}[0]": ["delete"],
        f"module.svc.aws_ecs_service.{new}[0]": ["create"],
    }
    dot = tf.run(root, "graph", "-type=apply", "-plan=tfplan").stdout
    create = f"[root] module.svc.aws_ecs_service.{new}[0]"
    destroy = f"[root] module.svc.aws_ecs_service.{old}[0] (destroy)"
    assert destroy in _depends_on(dot, create), (
        f"the create of {new}[0] does not wait for the destroy of {old}[0]"
    )


def test_with_the_rendered_moved_block_the_service_is_moved_not_replaced(
    tf: TF, tmp_path: Path
) -> None:
    """The gate is replaced, but that only orders things: the moved service stays."""
    root = tmp_path / "root"
    copy_tree(MODULES_DIR / "ecs-service", root / "modules" / "ecs-service")
    write_offline_override(root)
    (root / "main.tf").write_text(
        MODULE.format(name=SERVICE, cluster=CLUSTER_ARN, inputs=VARIANT_INPUTS["autoscaled"])
        + "moved {\n"
        + "  from = module.svc.aws_ecs_service.this[0]\n"
        + "  to   = module.svc.aws_ecs_service.autoscaled[0]\n}\n",
        "utf-8",
    )
    (root / "terraform.tfstate").write_text(json.dumps(_state_at("this")), encoding="utf-8")
    plan = tf.plan_json(root)
    [service] = [rc for rc in plan["resource_changes"] if rc["type"] == "aws_ecs_service"]
    assert service["address"] == "module.svc.aws_ecs_service.autoscaled[0]"
    assert service["previous_address"] == "module.svc.aws_ecs_service.this[0]"
    assert "delete" not in service["change"]["actions"], service["change"]["actions"]
