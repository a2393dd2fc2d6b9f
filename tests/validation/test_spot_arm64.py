"""Fargate Spot runs X86_64 tasks only (issue 10). A task that is ARM64 because it runs on
Graviton EC2 capacity cannot meet Fargate Spot (Fargate and EC2 providers cannot share a
strategy): these tests pin that down. An explicit `services[].cpu_architecture: ARM64` with
Fargate Spot is E-SERVICES-ARM64-SPOT (tests/validation/rules/test_cpu_arch.py). The
ecs-service module refuses it too, with a precondition (tests/validation.tftest.hcl, run
rejects_arm64_on_fargate_spot)."""

from __future__ import annotations

from typing import Any

from tests.validation.helpers import data, rule_ids


def _graviton(**service: Any) -> dict[str, Any]:
    d = data()
    d["cluster"] = {
        "capacity": {
            "fargate_spot": {"weight": 1},
            "ec2": {"instance_type": "m7g.large", "weight": 1},
        }
    }
    d["services"][0].update(service)
    return d


def test_a_service_cannot_list_graviton_ec2_with_fargate_spot() -> None:
    found = rule_ids(_graviton(capacity=["ec2", "fargate_spot"]))
    assert ("services[0].capacity", "E-CAPACITY-SERVICE") in found, found


def test_a_default_strategy_cannot_mix_graviton_ec2_with_fargate_spot() -> None:
    found = {rule for _, rule in rule_ids(_graviton())}
    assert "E-CAPACITY-DEFAULT-STRATEGY" in found, found
