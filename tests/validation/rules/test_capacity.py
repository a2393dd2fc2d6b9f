"""rules/capacity.py: capacity providers, the EC2 group, task sizes."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.validation import (
    validate_data,
)
from tests.validation.helpers import Change, check_rule_ids, data, error_at, errors, is_ok, warnings


@pytest.mark.parametrize(
    ("cpu", "memory"),
    [(256, 512), (256, 2048), (512, 4096), (1024, 8192), (2048, 16384), (4096, 30720),
     (8192, 61440), (16384, 122880), (16384, 32768)],
)  # fmt: skip
def test_fargate_pairs_valid(cpu, memory):
    assert validate_data(data(**{"services[0].cpu": cpu, "services[0].memory": memory})).ok


@pytest.mark.parametrize(
    ("cpu", "memory", "path"),
    [(256, 4096, "memory"), (512, 512, "memory"), (1024, 9216, "memory"), (300, 1024, "cpu"),
     (8192, 18432, "memory"), (16384, 36864, "memory"), (4096, 31744, "memory")],
)  # fmt: skip
def test_fargate_pairs_invalid(cpu, memory, path):
    e = errors(data(**{"services[0].cpu": cpu, "services[0].memory": memory}))
    assert f"services[0].{path}" in e


def test_container_sums_within_task():
    d = data()
    d["services"][0]["containers"] = [
        {"name": "web", "image": "nginx:1.27", "port": 80, "cpu": 384, "memory": 768},
        {"name": "side", "image": "envoy:1.0", "cpu": 256, "memory": 512},
    ]
    e = errors(d)
    assert len(e["services[0].containers"]) == 2
    d["services"][0]["containers"][1].update(cpu=128, memory=256)
    assert validate_data(d).ok


def _ec2(**ec2: Any) -> dict[str, Any]:
    d = data()
    d["cluster"] = {
        "capacity": {
            "fargate": {"weight": 1},
            "ec2": {"instance_type": "m6i.large", "weight": 0, **ec2},
        }
    }
    d["services"][0]["capacity"] = ["ec2"]
    return d


def test_ec2_task_must_fit_instance():
    d = _ec2()
    d["services"][0].update(cpu=2048, memory=7000)
    assert validate_data(d).ok, validate_data(d).errors
    d["services"][0].update(cpu=4096, memory=8192)
    e = errors(d)
    assert "services[0].cpu" in e and "services[0].memory" in e
    d["services"][0].update(cpu=1024, memory=1000)  # not a Fargate pair, fine on EC2
    assert validate_data(d).ok


def test_asg_min_desired_max():
    assert "cluster.capacity.ec2.desired_capacity" in errors(
        _ec2(min_size=2, max_size=4, desired_capacity=5)
    )
    assert "cluster.capacity.ec2.min_size" in errors(_ec2(min_size=5, max_size=4))
    assert validate_data(_ec2(min_size=1, max_size=4, desired_capacity=4)).ok


def test_unknown_instance_type_is_a_warning_and_bad_format_an_error():
    assert "cluster.capacity.ec2.instance_type" in warnings(_ec2(instance_type="m9z.large"))
    assert "cluster.capacity.ec2.instance_type" in errors(_ec2(instance_type="large"))


def test_capacity_rules():
    d = _ec2(weight=1)
    e = errors(d)
    assert any("mixes Fargate and EC2" in m for m in e["cluster.capacity"])
    d = _ec2()
    d["services"][0]["capacity"] = ["fargate", "ec2"]
    assert "services[0].capacity" in errors(d)
    d = data()
    d["services"][0]["capacity"] = ["fargate_spot"]
    assert "services[0].capacity[0]" in errors(d)
    d["cluster"] = {"capacity": {"fargate": {"base": 1}, "fargate_spot": {"base": 2}}}
    assert "cluster.capacity" in errors(d)
    d["cluster"] = {"capacity": {"fargate": {"weight": 0}}}
    d["services"][0]["capacity"] = ["fargate"]
    assert any("no provider has weight" in m for m in errors(d)["cluster.capacity"])


def test_ec2_task_size_minimum():
    cluster = {"capacity": {"ec2": {"instance_type": "m6i.large"}}}  # EC2 only
    d = data(**{"cluster": cluster, "services[2].cpu": 64, "services[2].memory": 100})
    assert error_at(d, "services[2].cpu").value == 64
    assert "128" in error_at(d, "services[2].memory").message
    d["services"][2].update(cpu=128, memory=128)
    assert is_ok(d)


# (change to the base answers, expected (path, rule id) issues): one row per check at least.
RULE_IDS: list[tuple[Change, list[tuple[str, str]]]] = [
    (
        {"cluster": {"capacity": {"fargate": {"base": 1}, "fargate_spot": {"base": 1}}}},
        [("cluster.capacity", "E-CAPACITY-BASE")],
    ),
    (_ec2(min_size=3, max_size=2), [("cluster.capacity.ec2.min_size", "E-CAPACITY-EC2")]),
    (
        _ec2(instance_type="zz9.large"),
        [("cluster.capacity.ec2.instance_type", "W-CAPACITY-INSTANCE-TYPE")],
    ),
    (
        {"cluster": {"capacity": {"fargate": {"weight": 0}}}},
        [("cluster.capacity", "E-CAPACITY-DEFAULT-STRATEGY")],
    ),
    ({"services[0].capacity": ["ec2"]}, [("services[0].capacity[0]", "E-CAPACITY-SERVICE")]),
    ({"services[0].cpu": 300}, [("services[0].cpu", "E-CAPACITY-TASK-SIZE")]),
    (
        {"services[0].containers[0].essential": False},
        [("services[0].containers", "E-CAPACITY-CONTAINERS")],
    ),
    (
        {"cluster": {"log_retention_days": 0}},
        [("cluster.log_retention_days", "E-CLUSTER-LOG-RETENTION")],
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), RULE_IDS, ids=[",".join(r for _, r in exp) for _, exp in RULE_IDS]
)
def test_rule_ids(change, expected):
    check_rule_ids(change, expected)
