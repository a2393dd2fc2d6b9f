"""Canaries for the emulator quirks the end-to-end suite works around.

Each test pins one moto behaviour that ecs_wizard.emulator.EMULATOR_QUIRKS or
idempotency.IDEMPOTENCY_QUIRKS relies on (each IDEMPOTENCY_QUIRKS entry names its canary
here). When a moto upgrade fixes one, its canary fails: drop the workaround and the canary
with it. What moto lacked and the strict layer now adds is shown in test_strict_emulator.py.
"""

from __future__ import annotations

import pytest

from ecs_wizard.emulator import EMULATOR_QUIRKS, Emulator

pytestmark = pytest.mark.emulator


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
