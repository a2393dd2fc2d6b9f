"""The hand-written Terraform examples (examples/*) on the strict emulator: apply, the re-plan
is empty, destroy leaves nothing behind.

Their variables are written as a terraform.tfvars pointing at stand-ins created in the
emulator (network, Route 53 zone, imported certificate, an AMI moto knows, the access-log
bucket); the modules are copied next to the example as in the repository.
"""

from __future__ import annotations

import json

import pytest

from ecs_wizard.emulator import Emulator, create_hosted_zone, write_emulator_override
from ecs_wizard.emulator.localize import create_network, import_certificate

from . import checks
from .harness import PARALLELISM
from .idempotency import idempotency_report

pytestmark = [pytest.mark.emulator, pytest.mark.terraform, pytest.mark.slow]

REGION = "eu-west-1"


def _tfvars(emu: Emulator, name: str) -> dict:
    net = create_network(emu, REGION)
    bucket = f"{name}-alb-logs"
    emu.client("s3", REGION).create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    common = {
        "region": REGION,
        **net,
        "access_logs_bucket": bucket,
        "web_image": "public.ecr.aws/example/web:1.0.0",
    }
    if name == "fargate-https":
        return {
            **common,
            "domain": "example.com",
            "route53_zone_id": create_hosted_zone(emu, "example.com", REGION),
            "api_image": "public.ecr.aws/example/api:1.0.0",
            "api_secrets": {
                "DATABASE_URL": "arn:aws:ssm:eu-west-1:123456789012:parameter/demo/api/db-url"
            },
        }
    ec2 = emu.client("ec2", REGION)
    ami = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    return {
        **common,
        "ami_id": ami,
        "certificate_arn": import_certificate(emu, REGION),
        "worker_image": "public.ecr.aws/example/worker:1.0.0",
    }


@pytest.mark.parametrize("name", ["fargate-https", "ec2-capacity"])
def test_examples_dir_apply_replan_destroy(tf, fresh_emulator: Emulator, example_copy, name):
    root = example_copy(name)
    variables = _tfvars(fresh_emulator, name)
    baseline = checks.inventory(fresh_emulator, REGION)
    (root / "terraform.tfvars.json").write_text(json.dumps(variables), encoding="utf-8")
    write_emulator_override(root, REGION, fresh_emulator.endpoint)
    tf.init(root)

    def plan(*extra: str) -> dict:
        tf.run(root, "plan", "-input=false", "-no-color", PARALLELISM, "-out=tfplan", *extra)
        return json.loads(tf.run(root, "show", "-json", "tfplan").stdout)

    plan()
    tf.run(root, "apply", "-input=false", "-no-color", PARALLELISM, "tfplan")
    problems = idempotency_report(plan(), {"ec2"} if name == "ec2-capacity" else set())
    assert problems == [], f"examples/{name}: post-apply plan is not empty:\n" + "\n".join(problems)

    # Deletion protection (on by default) is lifted in place first, then destroy works.
    lift = plan("-var=deletion_protection=false")
    changed = {
        rc["address"]: rc["change"]["actions"]
        for rc in lift["resource_changes"]
        if rc["change"]["actions"] not in (["no-op"], ["read"])
    }
    assert changed == {"module.alb.aws_lb.this": ["update"]}
    tf.run(root, "apply", "-input=false", "-no-color", PARALLELISM, "tfplan")
    tf.run(
        root,
        "destroy",
        "-auto-approve",
        "-input=false",
        "-no-color",
        PARALLELISM,
        "-var=deletion_protection=false",
    )
    left = checks.inventory(fresh_emulator, REGION)
    assert checks.leftovers(baseline, left) == {}
