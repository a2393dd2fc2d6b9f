"""rules/network.py: region, VPC and subnets."""

from __future__ import annotations

import pytest

from ecs_wizard.validation import (
    validate_data,
)
from tests.answers_fixtures import PRIVATE_SUBNETS, PUBLIC_SUBNETS
from tests.validation.helpers import Change, check_rule_ids, data, error_at, errors, is_ok, warnings

PUB, PRIV = PUBLIC_SUBNETS[0], PRIVATE_SUBNETS[0]  # one subnet: a single AZ


@pytest.mark.parametrize("vpc", ["vpc-0a1b2c3d", "vpc-0a1b2c3d4e5f60718"])
def test_vpc_id_valid(vpc):
    assert validate_data(data(**{"network.vpc_id": vpc})).ok


@pytest.mark.parametrize("vpc", ["vpc-123", "vpc-0A1B2C3D", "0a1b2c3d", "vpc-0a1b2c3d4e5f6071"])
def test_vpc_id_invalid(vpc):
    assert "network.vpc_id" in errors(data(**{"network.vpc_id": vpc}))


def test_subnets():
    e = errors(data(**{"network.public_subnet_ids": [PUB]}))
    assert "network.public_subnet_ids" in e
    e = errors(data(**{"network.private_subnet_ids": []}))
    assert "network.private_subnet_ids" in e
    e = errors(data(**{"network.private_subnet_ids": ["subnet-xyz", "subnet-xyz"]}))
    assert "network.private_subnet_ids[0]" in e and "network.private_subnet_ids[1]" in e
    w = warnings(data(**{"network.private_subnet_ids": [PRIV]}))
    assert "network.private_subnet_ids" in w


def test_region():
    r = validate_data(data(**{"project.region": "eu-west-9"}))
    (issue,) = [i for i in r.errors if i.path == "project.region"]
    assert "`eu-west-" in issue.fix
    # a valid region is accepted, but the eu-west-1 certificate no longer matches it
    assert set(errors(data(**{"project.region": "ap-southeast-2"}))) == {
        "alb.https.certificates[0].arn"
    }


def test_at_most_sixteen_private_subnets():
    subnets = [f"subnet-{i:017x}" for i in range(17)]
    e = error_at(data(**{"network.private_subnet_ids": subnets}), "network.private_subnet_ids")
    assert "at most 16" in e.message and e.value == 17
    assert is_ok(data(**{"network.private_subnet_ids": subnets[:16]}))


# (change to the base answers, expected (path, rule id) issues): one row per check at least.
RULE_IDS: list[tuple[Change, list[tuple[str, str]]]] = [
    ({"network.vpc_id": "vpc-1"}, [("network.vpc_id", "E-NETWORK-VPC-ID")]),
    ({"network.public_subnet_ids": [PUB]}, [("network.public_subnet_ids", "E-NETWORK-SUBNETS")]),
    (
        {"network.private_subnet_ids": [PRIV]},
        [("network.private_subnet_ids", "W-NETWORK-SINGLE-AZ")],
    ),
    (
        {"network.private_subnet_ids": [PUB, PRIV]},
        [("network.private_subnet_ids", "W-NETWORK-SUBNET-OVERLAP")],
    ),
    ({"project.region": "mars-1"}, [("project.region", "E-PROJECT-REGION")]),
]


@pytest.mark.parametrize(
    ("change", "expected"), RULE_IDS, ids=[",".join(r for _, r in exp) for _, exp in RULE_IDS]
)
def test_rule_ids(change, expected):
    check_rule_ids(change, expected)
