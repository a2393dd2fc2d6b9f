"""IAM role names of a service (issue 10): shortened instead of refused, region-qualified.

IAM role names are global per account and at most 64 characters; the ecs-service module names
the roles `<base>-exec` / `<base>-task` with base = `<project>-<environment>-<service>-<region>`
cut to 59 with a hash when longer. Python (naming.iam_role_base) and HCL must agree: the plan
test below reads the names Terraform computes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ecs_wizard.aws import naming

from .conftest import TF
from .test_render_terraform import example_data, render_to

LONG_SERVICE = "settlement-reconciliation-worker"  # 32 characters


def test_short_names_keep_service_and_region_readable() -> None:
    assert naming.iam_role_names("hello", "prod", "web", "eu-west-1") == (
        "hello-prod-web-eu-west-1-exec",
        "hello-prod-web-eu-west-1-task",
    )


def test_long_names_are_shortened_within_the_iam_limit() -> None:
    assert len(LONG_SERVICE) == 32
    for region in ("eu-west-1", "ap-southeast-2", "us-gov-west-1"):
        for name in naming.iam_role_names("payments-platform", "production", LONG_SERVICE, region):
            assert len(name) <= naming.IAM_ROLE_NAME_MAX, name
            assert "--" not in name and name.startswith("payments-platform-production-")


def test_the_same_service_in_two_regions_gets_different_roles() -> None:
    for service in ("web", LONG_SERVICE, "x" * 64):
        a = naming.iam_role_names("payments-platform", "production", service, "eu-west-1")
        b = naming.iam_role_names("payments-platform", "production", service, "eu-central-1")
        assert set(a).isdisjoint(b), (a, b)


def test_shortening_is_deterministic_and_keeps_distinct_names_distinct() -> None:
    names = {
        naming.iam_role_base(
            "payments-platform", "production", f"{LONG_SERVICE[:-1]}{c}", "eu-west-1"
        )
        for c in "abcdefgh"
    }
    assert len(names) == 8
    assert naming.iam_role_base("p", "e", LONG_SERVICE, "eu-west-1") == naming.iam_role_base(
        "p", "e", LONG_SERVICE, "eu-west-1"
    )


@pytest.mark.terraform
@pytest.mark.slow
def test_a_32_character_service_in_payments_platform_production_plans(
    tf: TF, tmp_path: Path
) -> None:
    data = example_data("minimal")
    data["project"].update(name="payments-platform", environment="production")
    data["services"][0]["name"] = LONG_SERVICE
    answers, root = render_to(tmp_path / "long", data)
    plan = tf.plan_json(root)
    roles = sorted(
        rc["change"]["after"]["name"]
        for rc in plan["resource_changes"]
        if rc["type"] == "aws_iam_role"
        and rc["change"]["actions"] == ["create"]
        and rc["address"].startswith("module.service[")
    )
    expected = sorted(
        naming.iam_role_names(
            answers.project.name, answers.project.environment, LONG_SERVICE, answers.project.region
        )
    )
    assert roles == expected
    assert all(len(r) <= naming.IAM_ROLE_NAME_MAX for r in roles), roles
    [service] = [rc for rc in plan["resource_changes"] if rc["type"] == "aws_ecs_service"]
    assert service["change"]["after"]["name"] == f"payments-platform-production-{LONG_SERVICE}"
