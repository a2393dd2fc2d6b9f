"""Canaries for the emulator quirks the end-to-end suite works around.

Each test pins one moto behaviour that ecs_wizard.emulator.EMULATOR_QUIRKS or
checks.IDEMPOTENCY_QUIRKS relies on. When a moto upgrade fixes one, its canary fails: drop the
workaround (e.g. keep autoscaling in the e2e projects) and the canary with it.
"""

from __future__ import annotations

import botocore.exceptions
import pytest

from ecs_wizard.emulator import EMULATOR_QUIRKS, Emulator

from .checks import IDEMPOTENCY_QUIRKS

pytestmark = pytest.mark.emulator


def _network(emu: Emulator):
    ec2 = emu.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.7.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.7.1.0/24")["Subnet"]["SubnetId"]
    return ec2, vpc, subnet


def test_appautoscaling_tag_listing_is_missing(fresh_emulator: Emulator) -> None:
    assert "appautoscaling-tags" in EMULATOR_QUIRKS
    aas = fresh_emulator.client("application-autoscaling")
    arn = "arn:aws:application-autoscaling:eu-west-1:123456789012:scalable-target/0123456789abcdef"
    with pytest.raises(botocore.exceptions.ClientError) as err:
        aas.list_tags_for_resource(ResourceARN=arn)
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500


def test_ecs_service_drops_capacity_strategy_and_grace_period(fresh_emulator: Emulator) -> None:
    assert "capacity_provider_strategy" in IDEMPOTENCY_QUIRKS["aws_ecs_service"]
    ec2, vpc, subnet = _network(fresh_emulator)
    sg = ec2.create_security_group(GroupName="t", Description="t", VpcId=vpc)["GroupId"]
    ecs = fresh_emulator.client("ecs")
    ecs.create_cluster(clusterName="c")
    ecs.register_task_definition(
        family="f",
        networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"],
        cpu="256",
        memory="512",
        containerDefinitions=[{"name": "x", "image": "nginx"}],
    )
    ecs.create_service(
        cluster="c",
        serviceName="s",
        taskDefinition="f",
        desiredCount=1,
        capacityProviderStrategy=[{"capacityProvider": "FARGATE", "weight": 1, "base": 1}],
        healthCheckGracePeriodSeconds=60,
        networkConfiguration={"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [sg]}},
    )
    (svc,) = ecs.describe_services(cluster="c", services=["s"])["services"]
    assert not svc.get("capacityProviderStrategy")
    assert not svc.get("healthCheckGracePeriodSeconds")


def test_override_lets_the_provider_look_up_the_account(fresh_emulator: Emulator) -> None:
    from ecs_wizard.emulator import emulator_provider_override

    assert "account-id" in EMULATOR_QUIRKS
    text = emulator_provider_override("eu-west-1", fresh_emulator.endpoint)
    assert "skip_requesting_account_id  = false" in text
    ident = fresh_emulator.client("sts").get_caller_identity()
    assert ident["Account"] == "123456789012"


def test_route53_zone_ids_need_retrying_for_the_z_prefix(fresh_emulator: Emulator) -> None:
    from ecs_wizard.emulator import create_hosted_zone

    assert "route53-zone-id-format" in EMULATOR_QUIRKS
    zone = create_hosted_zone(fresh_emulator, "example.org", "eu-west-1")
    assert zone.startswith("Z") and len(zone) > 10
    r53 = fresh_emulator.client("route53")
    assert [z["Id"].split("/")[-1] for z in r53.list_hosted_zones()["HostedZones"]] == [zone]


def test_acm_certificates_issue_immediately(fresh_emulator: Emulator) -> None:
    acm = fresh_emulator.client("acm")
    arn = acm.request_certificate(DomainName="example.net", ValidationMethod="DNS")[
        "CertificateArn"
    ]
    import time

    time.sleep(1.1)  # moto compares "seconds waited > MOTO_ACM_VALIDATION_WAIT" (0 here)
    assert acm.describe_certificate(CertificateArn=arn)["Certificate"]["Status"] == "ISSUED"
