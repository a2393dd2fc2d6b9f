"""rules/cpu_arch.py: services[].cpu_architecture against Fargate Spot and the EC2 instances."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.aws import catalog
from tests.validation.helpers import Change, check_rule_ids, data, error_at, is_ok, rule_ids

SPOT_DEFAULT = {"fargate": {"weight": 1}, "fargate_spot": {"weight": 3}}


def _capacity(providers: dict[str, Any], **service: Any) -> dict[str, Any]:
    d = data()
    d["cluster"] = {"capacity": providers}
    d["services"][0].update(service)
    return d


def _ec2(instance_type: str, **service: Any) -> dict[str, Any]:
    return _capacity(
        {"fargate": {"weight": 1}, "ec2": {"instance_type": instance_type, "weight": 0}},
        capacity=["ec2"],
        **service,
    )


def test_arm64_runs_on_on_demand_fargate() -> None:
    assert is_ok(data(**{"services[0].cpu_architecture": "ARM64"}))


def test_arm64_on_a_default_strategy_with_fargate_spot_names_the_field_and_the_fix() -> None:
    issue = error_at(
        _capacity(SPOT_DEFAULT, cpu_architecture="ARM64"), "services[0].cpu_architecture"
    )
    assert "Fargate Spot" in issue.message and "default strategy" in issue.message
    assert "services[0].capacity: [fargate]" in issue.fix and "X86_64" in issue.fix


def test_arm64_on_a_service_capacity_with_fargate_spot_is_refused() -> None:
    d = _capacity(SPOT_DEFAULT, cpu_architecture="ARM64", capacity=["fargate_spot"])
    assert ("services[0].cpu_architecture", "E-SERVICES-ARM64-SPOT") in rule_ids(d)


def test_arm64_passes_when_the_service_leaves_fargate_spot_out() -> None:
    assert is_ok(_capacity(SPOT_DEFAULT, cpu_architecture="ARM64", capacity=["fargate"]))
    # fargate_spot kept out of the default strategy (weight 0): not used by this service
    spot_opt_in = {"fargate": {"weight": 1}, "fargate_spot": {"weight": 0}}
    assert is_ok(_capacity(spot_opt_in, cpu_architecture="ARM64"))


def test_x86_on_fargate_spot_is_fine() -> None:
    assert is_ok(_capacity(SPOT_DEFAULT, cpu_architecture="X86_64"))


@pytest.mark.parametrize(
    ("instance_type", "arch", "ok"),
    [
        ("m7g.large", "ARM64", True),
        ("t4g.medium", "ARM64", True),
        ("c7g.large", "ARM64", True),
        ("m6i.large", "ARM64", False),
        ("t3.medium", "ARM64", False),
        ("m6i.large", "X86_64", True),
        ("m7g.large", "X86_64", False),
        ("r6g.large", "X86_64", False),
        ("m7g.large", None, True),  # the tasks follow the instances
        ("m6i.large", None, True),
    ],
)
def test_ec2_tasks_match_the_instance_architecture(instance_type, arch, ok) -> None:
    d = _ec2(instance_type, cpu_architecture=arch)
    found = rule_ids(d)
    assert (("services[0].cpu_architecture", "E-SERVICES-ARCH-EC2") not in found) is ok, found


def test_ec2_mismatch_messages_name_the_instance_type_and_a_fix() -> None:
    arm = error_at(_ec2("m6i.large", cpu_architecture="ARM64"), "services[0].cpu_architecture")
    assert "m6i.large" in arm.message and "cluster.capacity.ec2.instance_type" in arm.message
    assert "m7g.large" in arm.fix
    x86 = error_at(_ec2("m7g.large", cpu_architecture="X86_64"), "services[0].cpu_architecture")
    assert "m7g.large is arm64" in x86.message and "ARM64" in x86.fix


def test_fargate_services_ignore_the_ec2_instances() -> None:
    d = _capacity(
        {"fargate": {"weight": 1}, "ec2": {"instance_type": "m7g.large", "weight": 0}},
        cpu_architecture="X86_64",
    )
    assert is_ok(d)


@pytest.mark.parametrize(
    ("instance_type", "graviton"),
    [("m7g.large", True), ("c7gn.xlarge", True), ("x2gd.large", True), ("is4gen.large", True),
     ("a1.medium", True), ("t4g.micro", True), ("m6i.large", False), ("g4dn.xlarge", False),
     ("g5.xlarge", False), ("m5dn.large", False), ("t3a.small", False)],
)  # fmt: skip
def test_graviton_instance_types(instance_type, graviton) -> None:
    assert catalog.is_graviton(instance_type) is graviton


RULE_IDS: list[tuple[Change, list[tuple[str, str]]]] = [
    (
        {"cluster": {"capacity": SPOT_DEFAULT}, "services[0].cpu_architecture": "ARM64"},
        [("services[0].cpu_architecture", "E-SERVICES-ARM64-SPOT")],
    ),
    (
        _ec2("m6i.large", cpu_architecture="ARM64"),
        [("services[0].cpu_architecture", "E-SERVICES-ARCH-EC2")],
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), RULE_IDS, ids=[",".join(r for _, r in exp) for _, exp in RULE_IDS]
)
def test_rule_ids(change, expected):
    check_rule_ids(change, expected)
