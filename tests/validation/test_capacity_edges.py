"""rules/capacity.py, edge by edge: each rule at its bounds (one in, one out), with the exact
message and fix (issue 14: the mutation run of capacity.py)."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.validation import validate_data
from ecs_wizard.validation.rules.capacity import nearest
from tests.validation.helpers import data


def found(d: dict[str, Any], rule: str) -> list[tuple[str, str, str, Any]]:
    """(path, message, fix, value) of each issue of `rule`, in the report's order (by path)."""
    return [(i.path, i.message, i.fix, i.value) for i in validate_data(d).issues if i.rule == rule]


def paths(d: dict[str, Any], rule: str) -> list[str]:
    return [p for p, *_ in found(d, rule)]


def with_cluster(providers: dict[str, Any], **services: Any) -> dict[str, Any]:
    """The base answers with cluster.capacity `providers`; `services` set on services[0]."""
    d = data()
    d["cluster"] = {"capacity": providers}
    for key, value in services.items():
        d["services"][0][key] = value
    return d


def ec2_only(**ec2: Any) -> dict[str, Any]:
    """EC2 as the only provider (the default strategy), m6i.large unless given."""
    return with_cluster({"ec2": {"instance_type": "m6i.large", **ec2}})


def test_nearest_orders_by_distance_then_value():
    assert nearest([10, 20, 30, 40], 26) == [20, 30, 40]
    assert nearest([1, 3, 5], 2, 1) == [1]  # a tie goes to the smaller option
    assert nearest([5, 3, 1], 4, 2) == [3, 5]
    assert nearest([1, 2], 9, 5) == [1, 2]


def test_only_one_provider_may_have_a_base():
    one = with_cluster({"fargate": {"weight": 1, "base": 1}, "fargate_spot": {"weight": 1}})
    assert found(one, "E-CAPACITY-BASE") == []
    two = with_cluster({"fargate": {"weight": 1, "base": 1}, "fargate_spot": {"base": 2}})
    assert found(two, "E-CAPACITY-BASE") == [
        (
            "cluster.capacity",
            "only one capacity provider may have base > 0 (found: fargate, fargate_spot)",
            "set base: 0 on all but one provider",
            ["fargate", "fargate_spot"],
        )
    ]


def test_ec2_group_sizes_at_their_bounds():
    assert found(ec2_only(min_size=2, max_size=2, desired_capacity=2), "E-CAPACITY-EC2") == []
    assert found(ec2_only(min_size=1, max_size=3, desired_capacity=1), "E-CAPACITY-EC2") == []
    assert found(ec2_only(min_size=1, max_size=3, desired_capacity=3), "E-CAPACITY-EC2") == []
    assert found(ec2_only(min_size=3, max_size=2), "E-CAPACITY-EC2") == [
        (
            "cluster.capacity.ec2.min_size",
            "min_size (3) is greater than max_size (2)",
            "make min_size ≤ max_size",
            3,
        )
    ]
    assert found(ec2_only(min_size=0, max_size=0), "E-CAPACITY-EC2") == [
        ("cluster.capacity.ec2.max_size", "must be at least 1", "set max_size ≥ 1", 0)
    ]
    assert found(ec2_only(min_size=0, max_size=1), "E-CAPACITY-EC2") == []
    desired = (
        "cluster.capacity.ec2.desired_capacity",
        "must be between min_size (1) and max_size (3)",
        "adjust desired_capacity, min_size or max_size",
    )
    assert found(ec2_only(min_size=1, max_size=3, desired_capacity=0), "E-CAPACITY-EC2") == [
        (*desired, 0)
    ]
    assert found(ec2_only(min_size=1, max_size=3, desired_capacity=4), "E-CAPACITY-EC2") == [
        (*desired, 4)
    ]


def test_ec2_ami_and_instance_type_formats():
    assert found(ec2_only(ami_id="ami-0123456789abcdef0"), "E-CAPACITY-EC2") == []
    assert found(ec2_only(ami_id="ami-xyz"), "E-CAPACITY-EC2") == [
        (
            "cluster.capacity.ec2.ami_id",
            "is not an AMI id",
            "use ami- followed by 8 or 17 hex digits, or remove it to use the latest "
            "ECS-optimized Amazon Linux 2023 AMI",
            "ami-xyz",
        )
    ]
    assert found(ec2_only(instance_type="large"), "E-CAPACITY-EC2") == [
        (
            "cluster.capacity.ec2.instance_type",
            "is not an EC2 instance type",
            "use a type such as m6i.large or m7g.large",
            "large",
        )
    ]
    # a malformed type is an error only, never also "not in the catalog"
    assert found(ec2_only(instance_type="large"), "W-CAPACITY-INSTANCE-TYPE") == []


def test_an_uncatalogued_instance_type_suggests_the_closest():
    message = "is not in the built-in catalog, so task sizes cannot be checked against it"
    path = "cluster.capacity.ec2.instance_type"
    assert found(ec2_only(instance_type="m6i.lage"), "W-CAPACITY-INSTANCE-TYPE") == [
        (path, message, "did you mean `m6i.large`?", "m6i.lage")
    ]
    assert found(ec2_only(instance_type="zz9q.metal"), "W-CAPACITY-INSTANCE-TYPE") == [
        (path, message, "double-check the type name", "zz9q.metal")
    ]
    assert found(ec2_only(), "W-CAPACITY-INSTANCE-TYPE") == []
    assert found(data(), "W-CAPACITY-INSTANCE-TYPE") == []  # no EC2 group at all


MIX = (
    "cluster.capacity",
    "the default strategy (providers with weight or base > 0) mixes Fargate and EC2, "
    "which ECS does not allow",
    "set weight: 0 and base: 0 on ec2 (or on fargate/fargate_spot) and list "
    "`capacity` on the services that use it",
    None,
)
NOWHERE = (
    "cluster.capacity",
    "no provider has weight > 0, so services without `capacity` cannot be placed",
    "give at least one provider weight ≥ 1",
    None,
)


@pytest.mark.parametrize(
    ("capacity", "expected"),
    [
        ({"fargate": {"weight": 1}, "ec2": {"instance_type": "m6i.large", "weight": 1}}, [MIX]),
        ({"fargate_spot": {"weight": 1}, "ec2": {"instance_type": "m6i.large", "base": 1}}, [MIX]),
        ({"fargate": {"weight": 1}, "ec2": {"instance_type": "m6i.large", "weight": 0}}, []),
        ({"fargate": {"weight": 0, "base": 1}}, []),  # a base alone places services
        ({"fargate": {"weight": 0}}, [NOWHERE]),
    ],
)
def test_the_default_strategy(capacity, expected):
    assert found(with_cluster(capacity), "E-CAPACITY-DEFAULT-STRATEGY") == expected


def test_no_default_is_fine_when_every_service_names_its_capacity():
    d = with_cluster({"fargate": {"weight": 0}})
    for s in d["services"]:
        s["capacity"] = ["fargate"]
    assert found(d, "E-CAPACITY-DEFAULT-STRATEGY") == []


def test_a_service_capacity_list():
    cluster = {"fargate": {"weight": 1}, "ec2": {"instance_type": "m6i.large", "weight": 0}}
    assert found(with_cluster(cluster, capacity=[]), "E-CAPACITY-SERVICE") == [
        (
            "services[0].capacity",
            "is empty",
            "list providers or remove the key to use the default",
            None,
        )
    ]
    assert found(
        with_cluster(cluster, capacity=["fargate", "fargate_spot"]), "E-CAPACITY-SERVICE"
    ) == [
        (
            "services[0].capacity[1]",
            "the cluster has no `fargate_spot` capacity provider",
            "add cluster.capacity.fargate_spot, or use one of: fargate, ec2",
            "fargate_spot",
        )
    ]
    assert found(with_cluster(cluster, capacity=["ec2", "ec2"]), "E-CAPACITY-SERVICE") == [
        ("services[0].capacity", "lists a provider twice", "remove the duplicate", ["ec2", "ec2"])
    ]
    assert found(with_cluster(cluster, capacity=["fargate", "ec2"]), "E-CAPACITY-SERVICE") == [
        (
            "services[0].capacity",
            "a capacity provider strategy cannot mix Fargate and EC2",
            "use either fargate/fargate_spot or ec2",
            ["fargate", "ec2"],
        )
    ]
    assert found(with_cluster(cluster, capacity=["ec2"]), "E-CAPACITY-SERVICE") == []
    assert found(with_cluster(cluster, capacity=["fargate"]), "E-CAPACITY-SERVICE") == []


def test_fargate_sizes_name_the_nearest_valid_ones():
    assert found(data(**{"services[0].cpu": 300}), "E-CAPACITY-TASK-SIZE") == [
        (
            "services[0].cpu",
            "is not a valid Fargate task CPU size",
            "use one of 256, 512, 1024, 2048, 4096, 8192, 16384 (1024 = 1 vCPU); nearest: 256, 512",
            300,
        )
    ]
    big = data(**{"services[0].cpu": 16384, "services[0].memory": 36864})
    assert found(big, "E-CAPACITY-TASK-SIZE") == [
        (
            "services[0].memory",
            "is not a valid Fargate memory size for cpu 16384 "
            "(allowed: 32768-122880 MiB in steps of 8192)",
            "use one of: 32768, 40960, 49152",
            36864,
        )
    ]
    small = data(**{"services[0].cpu": 256, "services[0].memory": 4096})
    assert found(small, "E-CAPACITY-TASK-SIZE")[0][1:3] == (
        "is not a valid Fargate memory size for cpu 256 (allowed: 512-2048 MiB in steps of 512)",
        "use one of: 512, 1024, 2048",
    )
    fits = data(**{"services[0].cpu": 256, "services[0].memory": 2048})
    assert found(fits, "E-CAPACITY-TASK-SIZE") == []


@pytest.mark.parametrize(
    ("cpu", "memory", "bad"),
    [
        (128, 128, []),
        (127, 128, ["cpu"]),
        (128, 127, ["memory"]),
        (196608, 983040, []),
        (196609, 983041, ["cpu", "memory"]),
    ],
)
def test_ec2_task_size_range(cpu, memory, bad):
    # no instance fit is checked: the cluster's EC2 type is not in the catalog
    d = ec2_only(instance_type="zz9q.metal")
    d["services"][0].update(cpu=cpu, memory=memory)
    for s in d["services"][1:]:
        s.update(cpu=256, memory=512)
    expected = {
        "cpu": (
            "services[0].cpu",
            "task cpu must be 128-196608 CPU units on EC2 (1024 = 1 vCPU)",
            "use a value between 128 and 196608, e.g. 256",
            cpu,
        ),
        "memory": (
            "services[0].memory",
            "task memory must be 128-983040 MiB on EC2",
            "use a value between 128 and 983040, e.g. 512",
            memory,
        ),
    }
    got = [i for i in found(d, "E-CAPACITY-TASK-SIZE")]
    assert got == [expected[k] for k in bad]


def test_a_task_fits_its_instance_up_to_the_schedulable_size():
    # m6i.large: 2048 CPU units and 7444 MiB schedulable
    fits = ec2_only()
    fits["services"][0].update(cpu=2048, memory=7444)
    assert found(fits, "E-CAPACITY-TASK-SIZE") == []
    too_big = ec2_only()
    too_big["services"][0].update(cpu=2049, memory=7445)
    assert found(too_big, "E-CAPACITY-TASK-SIZE") == [
        (
            "services[0].cpu",
            "does not fit on m6i.large (2048 CPU units)",
            "use cpu ≤ 2048 or a larger instance type",
            2049,
        ),
        (
            "services[0].memory",
            "does not fit on m6i.large (about 7444 MiB usable after the OS and ECS agent reserve)",
            "use memory ≤ 7444 or a larger instance type",
            7445,
        ),
    ]


def test_container_sums_and_essential():
    d = data()
    d["services"][0]["containers"] = [
        {"name": "web", "image": "nginx:1.27", "port": 80, "cpu": 256, "memory": 512},
        {"name": "side", "image": "side:1", "cpu": 256, "memory": 512},
    ]
    assert found(d, "E-CAPACITY-CONTAINERS") == []  # exactly the task's 512 / 1024
    d["services"][0]["containers"][1].update(cpu=257, memory=513)
    assert found(d, "E-CAPACITY-CONTAINERS") == [
        (
            "services[0].containers",
            "container cpu adds up to 513, more than the task's 512",
            "lower container cpu or raise the task cpu",
            513,
        ),
        (
            "services[0].containers",
            "container memory adds up to 1025 MiB, more than the task's 1024",
            "lower container memory or raise the task memory",
            1025,
        ),
    ]
    d = data()
    d["services"][2]["containers"][0]["essential"] = False
    assert found(d, "E-CAPACITY-CONTAINERS") == [
        (
            "services[2].containers",
            "a task needs at least one essential container",
            "set essential: true on the main container",
            None,
        )
    ]
    d["services"][2]["containers"].append({"name": "main", "image": "main:1"})
    assert found(d, "E-CAPACITY-CONTAINERS") == []


def test_log_retention():
    def retention(days: int) -> list[tuple[str, str, str, Any]]:
        return found(data(cluster={"log_retention_days": days}), "E-CLUSTER-LOG-RETENTION")

    assert retention(30) == []
    assert retention(1) == []
    assert retention(31) == [
        (
            "cluster.log_retention_days",
            "is not a CloudWatch Logs retention value",
            "use one of: 7, 14, 30",
            31,
        )
    ]
    assert retention(2) == [
        (
            "cluster.log_retention_days",
            "is not a CloudWatch Logs retention value",
            "use one of: 1, 3, 5",  # never 0, which is not allowed either
            2,
        )
    ]
    assert retention(0) == [
        (
            "cluster.log_retention_days",
            "0 (never expire) is not allowed: logs would grow without bound and the services' "
            "log groups need a retention",
            "set a retention such as 30, 90 or 365 days",
            0,
        )
    ]


def test_the_default_strategy_decides_fargate_or_ec2_sizing():
    # a provider with weight 0 and base 0 is not part of the default strategy
    d = with_cluster(
        {"fargate": {"weight": 0, "base": 0}, "ec2": {"instance_type": "zz9q.metal", "weight": 1}}
    )
    d["services"][0].update(cpu=300, memory=1024)  # fine on EC2, not a Fargate size
    assert found(d, "E-CAPACITY-TASK-SIZE") == []
    # a base of 1 alone puts Fargate in the default strategy
    d = with_cluster({"fargate": {"weight": 0, "base": 1}})
    d["services"][0].update(cpu=300, memory=1024)
    assert paths(d, "E-CAPACITY-TASK-SIZE") == ["services[0].cpu"]


def test_every_service_s_capacity_list_is_checked():
    cluster = {"fargate": {"weight": 1}, "ec2": {"instance_type": "m6i.large", "weight": 0}}
    d = with_cluster(cluster)  # services[0] uses the default strategy
    d["services"][1]["capacity"] = []
    d["services"][2]["capacity"] = ["ec2", "ec2"]
    assert paths(d, "E-CAPACITY-SERVICE") == ["services[1].capacity", "services[2].capacity"]


def test_a_container_without_cpu_or_memory_adds_nothing():
    d = data()
    d["services"][0]["containers"] = [
        {"name": "web", "image": "nginx:1.27", "port": 80, "cpu": 512, "memory": 1024},
        {"name": "side", "image": "side:1"},
    ]
    assert found(d, "E-CAPACITY-CONTAINERS") == []
