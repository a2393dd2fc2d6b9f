"""rules/network.py, edge by edge: ids, subnet counts at their bounds, the single-AZ and overlap
warnings and the region, with the exact message, fix and value (issue 14: the mutation run of
network.py)."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.validation import validate_data
from tests.validation.helpers import data


def found(d: dict[str, Any], rule: str) -> list[tuple[str, str, str, Any]]:
    return [(i.path, i.message, i.fix, i.value) for i in validate_data(d).issues if i.rule == rule]


def subnet(n: int, kind: str = "b") -> str:
    return f"subnet-0{kind * 14}{n:02x}"


def net(**fields: Any) -> dict[str, Any]:
    return data(**{f"network.{k}": v for k, v in fields.items()})


@pytest.mark.parametrize(
    ("vpc", "ok"),
    [
        ("vpc-0a1b2c3d", True),
        ("vpc-0a1b2c3d4e5f60718", True),
        ("vpc-0a1b2c3", False),
        ("vpc-0a1b2c3d4e5f6071", False),
        ("vpc-0A1B2C3D", False),
    ],
)
def test_vpc_id(vpc, ok):
    expected = (
        "network.vpc_id",
        "is not a VPC id",
        "use `vpc-` followed by 8 or 17 hex digits, e.g. vpc-0a1b2c3d4e5f60718",
        vpc,
    )
    assert found(net(vpc_id=vpc), "E-NETWORK-VPC-ID") == ([] if ok else [expected])


def test_subnet_ids_and_repeats_in_both_lists():
    d = net(
        public_subnet_ids=[subnet(1, "a"), "subnet-x", subnet(1, "a")],
        private_subnet_ids=[subnet(1), subnet(1), "bad"],
    )
    bad_id = ("is not a subnet id", "use `subnet-` + 8 or 17 hex digits")
    twice = ("is listed twice", "remove the duplicate")
    assert found(d, "E-NETWORK-SUBNETS") == [
        ("network.private_subnet_ids[1]", *twice, subnet(1)),
        ("network.private_subnet_ids[2]", *bad_id, "bad"),
        ("network.public_subnet_ids[1]", *bad_id, "subnet-x"),
        ("network.public_subnet_ids[2]", *twice, subnet(1, "a")),
    ]


def test_two_distinct_public_subnets_are_needed():
    one = [subnet(1, "a")]
    assert found(net(public_subnet_ids=one), "E-NETWORK-SUBNETS") == [
        (
            "network.public_subnet_ids",
            "an Application Load Balancer needs subnets in at least two Availability Zones",
            "list at least two public subnets in different AZs (or, for a load balancer "
            "reachable only inside the VPC, set alb.internal: true: it uses the private subnets)",
            one,
        )
    ]
    two = [subnet(1, "a"), subnet(2, "a")]
    assert found(net(public_subnet_ids=two), "E-NETWORK-SUBNETS") == []


@pytest.mark.parametrize("public", [[], [subnet(1, "a")]])
def test_an_internal_load_balancer_needs_no_public_subnet(public):
    """It goes in the private subnets (E-ALB-INTERNAL-SUBNETS checks those): a VPC without
    public subnets can hold it, and the answers may leave the key out. Public ids listed anyway
    are unused (the root module passes the alb module only the private ones, and the alb module
    checks that it gets two)."""
    d = net(public_subnet_ids=public)
    d["alb"] = {**d.get("alb", {}), "internal": True}
    assert found(d, "E-NETWORK-SUBNETS") == []
    del d["network"]["public_subnet_ids"]
    assert validate_data(d).ok, [i.path for i in validate_data(d).errors]
    d["alb"]["internal"] = False
    assert [p for p, *_ in found(d, "E-NETWORK-SUBNETS")] == ["network.public_subnet_ids"]


@pytest.mark.parametrize(("count", "ok"), [(1, True), (16, True), (17, False)])
def test_private_subnet_count(count, ok):
    ids = [subnet(k) for k in range(count)]
    expected = (
        "network.private_subnet_ids",
        f"lists {count} subnets; ECS places awsvpc tasks in at most 16 subnets",
        "keep at most 16 private subnets (one or two per AZ)",
        count,
    )
    assert found(net(private_subnet_ids=ids), "E-NETWORK-SUBNETS") == ([] if ok else [expected])


def test_no_private_subnet():
    assert found(net(private_subnet_ids=[]), "E-NETWORK-SUBNETS") == [
        (
            "network.private_subnet_ids",
            "tasks and instances need at least one private subnet",
            "list one private subnet or more (two AZs recommended)",
            [],
        )
    ]
    assert found(net(private_subnet_ids=[]), "W-NETWORK-SINGLE-AZ") == []


def test_single_az_warning():
    expected = (
        "network.private_subnet_ids",
        "a single private subnet puts every task in one Availability Zone",
        "add a private subnet in a second AZ",
    )
    assert found(net(private_subnet_ids=[subnet(1)]), "W-NETWORK-SINGLE-AZ") == [
        (*expected, [subnet(1)])
    ]
    # the same subnet twice is still one AZ (and an error of its own)
    assert found(net(private_subnet_ids=[subnet(1)] * 2), "W-NETWORK-SINGLE-AZ") == [
        (*expected, [subnet(1)] * 2)
    ]
    assert found(net(private_subnet_ids=[subnet(1), subnet(2)]), "W-NETWORK-SINGLE-AZ") == []
    assert found(net(private_subnet_ids=[subnet(1)] * 16), "W-NETWORK-SINGLE-AZ") == [
        (*expected, [subnet(1)] * 16)
    ]
    # past the 16-subnet error no warning is added
    assert found(net(private_subnet_ids=[subnet(1)] * 17), "W-NETWORK-SINGLE-AZ") == []


def test_subnet_overlap_lists_the_shared_ones_sorted():
    shared = [subnet(3, "a"), subnet(2, "a")]
    d = net(public_subnet_ids=shared, private_subnet_ids=[*shared, subnet(1)])
    assert found(d, "W-NETWORK-SUBNET-OVERLAP") == [
        (
            "network.private_subnet_ids",
            f"subnets used as both public and private: {subnet(2, 'a')}, {subnet(3, 'a')}",
            "run tasks in private subnets only",
            sorted(shared),
        )
    ]
    assert found(data(), "W-NETWORK-SUBNET-OVERLAP") == []


def test_region():
    d = data(**{"project.region": "eu-west1"})
    assert found(d, "E-PROJECT-REGION") == [
        ("project.region", "is not a known AWS region", "did you mean `eu-west-1`?", "eu-west1")
    ]
    d = data(**{"project.region": "mars"})
    assert found(d, "E-PROJECT-REGION") == [
        (
            "project.region",
            "is not a known AWS region",
            "use a region code such as eu-west-1",
            "mars",
        )
    ]
    assert found(data(**{"project.region": "us-east-1"}), "E-PROJECT-REGION") == []
