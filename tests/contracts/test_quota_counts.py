"""Contract: what rules/aws_quotas.py counts is what `terraform plan` builds (issue 19): the task
role's inline policy character for character (as IAM counts it), the ECS Exec policy within
the reserve the rule adds, and one ALB ingress rule per CIDR and listener port."""

from __future__ import annotations

from pathlib import Path

from ecs_wizard.aws import limits
from ecs_wizard.validation.rules.aws_quotas import listener_ports, policy_chars, task_policy_json
from tests.conftest import TF
from tests.test_render_terraform import example_data, render_to

V4 = ["10.0.0.0/16", "192.168.0.0/24", "172.16.0.0/12"]
V6 = ["2001:db8::/32", "2001:db8:1::/48"]


def test_counts_match_the_plan(tf: TF, tmp_path: Path) -> None:
    data = example_data("minimal")
    service = data["services"][0]
    service["enable_execute_command"] = True
    service["task_role"] = {
        "statements": [
            {"actions": ["s3:GetObject", "s3:List*"], "resources": ["arn:aws:s3:::b/*", "*"]},
            {
                "effect": "Deny",
                "actions": ["sqs:DeleteQueue"],
                "resources": ["arn:aws:sqs:eu-west-1:123456789012:q-<&>"],
            },
        ]
    }
    data.setdefault("alb", {})["ingress_cidrs"] = V4 + V6
    answers, root = render_to(tmp_path / "p", data)
    plan = tf.plan_json(root)
    policies = {
        rc["name"]: rc["change"]["after"].get("policy")
        for rc in plan["resource_changes"]
        if rc["type"] == "aws_iam_role_policy"
    }
    # The ECS Exec policy names the cluster's log group, known only after apply: its size is
    # bounded from the module source instead (below).
    assert isinstance(policies["task"], str), policies
    ours = task_policy_json(answers.services[0])
    assert ours is not None
    assert policy_chars(policies["task"]) == policy_chars(ours)
    exec_policy = policies.get("task_exec")
    if isinstance(exec_policy, str):
        assert policy_chars(exec_policy) <= limits.ECS_EXEC_POLICY_CHARS_MAX
    ingress = [
        rc for rc in plan["resource_changes"] if rc["type"] == "aws_vpc_security_group_ingress_rule"
    ]
    alb_v4 = [rc for rc in ingress if rc["name"] == "ipv4" and "module.alb" in rc["address"]]
    alb_v6 = [rc for rc in ingress if rc["name"] == "ipv6" and "module.alb" in rc["address"]]
    ports = listener_ports(answers)
    assert len(alb_v4) == len(V4) * len(ports)
    assert len(alb_v6) == len(V6) * len(ports)
