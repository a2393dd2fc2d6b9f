"""Names two environments would both create (issue 19): the access-log bucket, a Route 53
record, the Service Connect namespace. Each is refused, naming both environments, at the path
to change; and the namespace can now be set per environment."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.validation import validate_data
from tests.answers_fixtures import base_answers, cert_arn

ZONE = "Z0123456789ABCDEFGHIJ"


def with_envs(base: dict[str, Any] | None = None, **envs: Any) -> dict[str, Any]:
    data = base_answers()
    data.update(base or {})
    data["environments"] = envs
    return data


def found(data: dict[str, Any], rule: str) -> list[tuple[str, str, str]]:
    result = validate_data(data)
    return [(i.path, i.message, i.fix) for i in result.errors if i.rule == rule]


LOGS = {"alb": {"access_logs": {"bucket": "shop-alb-logs", "create_bucket": True}}}


def test_a_created_access_log_bucket_from_the_base_is_refused():
    # Two accounts, two regions: an S3 name is global all the same.
    data = with_envs(
        LOGS,
        staging={"account_id": "111111111111"},
        prod={"account_id": "222222222222", "region": "us-east-1"},
    )
    assert found(data, "E-ENV-SHARED-BUCKET") == [
        (
            "alb.access_logs.bucket",
            "environments staging and prod would both create the access-log bucket "
            "'shop-alb-logs' (S3 bucket names are global)",
            "give each its own: alb.access_logs.bucket in environments.prod, "
            "e.g. shop-alb-logs-prod",
        )
    ]


def test_an_overlay_that_names_the_same_bucket_is_reported_at_the_overlay():
    data = with_envs(
        LOGS,
        staging={"alb": {"access_logs": {"bucket": "shop-logs-staging"}}},
        qa={"alb": {"access_logs": {"bucket": "shop-logs-staging"}}},
        prod={},
    )
    [(path, message, _fix)] = found(data, "E-ENV-SHARED-BUCKET")
    assert path == "environments.qa.alb.access_logs.bucket"
    assert message.startswith("environments staging and qa would both")


def test_buckets_of_their_own_or_not_created_pass():
    own = with_envs(
        LOGS,
        staging={"alb": {"access_logs": {"bucket": "shop-logs-staging"}}},
        prod={},
    )
    assert found(own, "E-ENV-SHARED-BUCKET") == []
    shared_existing = with_envs(
        {"alb": {"access_logs": {"bucket": "shop-alb-logs"}}}, staging={}, prod={}
    )
    assert found(shared_existing, "E-ENV-SHARED-BUCKET") == []  # writing to one bucket is fine


def record(name: str, zone: str = ZONE) -> dict[str, Any]:
    return {"name": name, "zone_id": zone}


def test_the_same_record_in_one_zone_is_refused_whatever_its_case():
    data = with_envs(
        {"alb": {"dns_records": [record("shop.example.com")]}},
        staging={"alb": {"dns_records": [record("Shop.Example.com.")]}},
        prod={},
        qa={},
    )
    [(path, message, fix)] = found(data, "E-ENV-SHARED-RECORD")
    assert path == "alb.dns_records[0].name"  # qa, the last, inherits it from the base
    assert message.startswith("environments staging, prod and qa would all own the Route 53")
    assert "environments.qa" in fix


def test_records_of_their_own_pass():
    data = with_envs(
        {"alb": {"dns_records": [record("shop.example.com")]}},
        staging={"alb": {"dns_records": [record("staging.shop.example.com")]}},
        other_zone={"alb": {"dns_records": [record("shop.example.com", "Z9999999999999999999")]}},
        prod={},
    )
    assert found(data, "E-ENV-SHARED-RECORD") == []


NAMESPACE = {"service_connect": {"namespace": "shop.internal"}}


def test_one_namespace_in_one_account_and_region_is_refused():
    data = with_envs(NAMESPACE, staging={}, prod={})
    [(path, message, fix)] = found(data, "E-ENV-SHARED-NAMESPACE")
    assert path == "service_connect.namespace"
    assert "staging and prod" in message and "'shop.internal'" in message
    assert "service_connect.namespace in environments.prod" in fix


@pytest.mark.parametrize(
    "prod",
    [
        {"service_connect": {"namespace": "prod.shop.internal"}},  # now overlayable
        {
            "region": "us-east-1",
            "alb": {"https": {"certificates": [{"arn": cert_arn("us-east-1")}]}},
        },
        {"account_id": "222222222222"},
    ],
)
def test_a_namespace_of_its_own_or_elsewhere_passes(prod):
    data = with_envs(NAMESPACE, staging={"account_id": "111111111111"}, prod=prod)
    if "account_id" not in prod:
        data["environments"]["prod"]["account_id"] = "111111111111"
    result = validate_data(data)
    assert result.ok, result.errors  # both validate, so both were compared
    if "service_connect" in prod:
        assert result.environments["prod"].service_connect.namespace == "prod.shop.internal"
        assert result.environments["staging"].service_connect.namespace == "shop.internal"
