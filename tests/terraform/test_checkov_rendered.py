"""checkov on the plan of the rendered full example, which uses every application-access
feature (issue 10 section 3: egress rules to CIDRs and security groups, extra security groups,
task role policies, Service Connect, the ALB's alias records and WAF association). The
hand-written examples (test_checkov.py) do not use them, so without this test the new
resources would never be scanned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecs_wizard import render
from ecs_wizard.model.answers import Answers
from ecs_wizard.model.yamlio import load_answers_file

from ..conftest import TF, write_offline_override
from ..tools import checkov
from .test_checkov import _problems, _report

pytestmark = [pytest.mark.terraform, pytest.mark.slow]

ACCESS_TYPES = {
    "aws_service_discovery_http_namespace",
    "aws_route53_record",
    "aws_wafv2_web_acl_association",
    "aws_vpc_security_group_egress_rule",
    "aws_iam_role_policy_attachment",
    "aws_iam_role_policy",
}

# checks on the ALB about its web ACL (association and the ACL's rules)
WAF_CHECKS = ("CKV2_AWS_28", "CKV2_AWS_76")


def test_checkov_passes_on_the_rendered_full_example(tf: TF, tmp_path: Path) -> None:
    data = load_answers_file(render.PACKAGE_DIR / "examples" / "full.yaml")
    data["cluster"]["capacity"]["ec2"]["ami_id"] = "ami-0123456789abcdef0"  # no SSM look-up
    answers = Answers.model_validate(data)
    root = tmp_path / "full"
    render.write_project(answers, root)
    write_offline_override(root, answers.project.region)
    tf.init(root)
    plan = tf.plan_json(root)
    planned = {rc["type"] for rc in plan["resource_changes"]}
    assert planned >= ACCESS_TYPES, ACCESS_TYPES - planned
    plan_file = root / "plan.json"
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    report = _report(plan_file)
    verdict = checkov.apply_skips(report, plan, root, root)
    # Only what the access features add: the other findings follow from full.yaml's own
    # choices (a writable root filesystem, a wildcard SAN, 30-day log retention), which the
    # hand-written examples' checkov test covers at the module level.
    problems = [
        p
        for p in _problems(report, verdict)
        if any(f".{t}." in p for t in ACCESS_TYPES) or any(c in p for c in WAF_CHECKS)
    ]
    assert not problems, f"checkov on the rendered full example ({report.passed} passed):\n" + (
        "\n".join(problems)
    )
