"""Issue 10: every ECS service in every shipped example has an explicit capacity strategy (or
launch type) and force_new_deployment, so a cluster weight change updates it in place and the
strategy ECS copies from the cluster default never shows up as a difference on the next plan.
(The rendered answers examples are covered by tests/test_service_capacity_plan.py.)"""

from __future__ import annotations

import pytest

from .conftest import example_params

pytestmark = [pytest.mark.terraform, pytest.mark.slow]


@pytest.mark.parametrize("name", example_params())
def test_every_example_service_states_its_strategy(planned_example, name: str) -> None:
    plan = planned_example(name).plan
    services = [rc for rc in plan["resource_changes"] if rc["type"] == "aws_ecs_service"]
    assert services, f"{name}: no aws_ecs_service planned"
    for rc in services:
        after, unknown = rc["change"]["after"], rc["change"]["after_unknown"]
        assert after["force_new_deployment"] is True, rc["address"]
        explicit = bool(after.get("capacity_provider_strategy")) or bool(
            unknown.get("capacity_provider_strategy")
        )
        assert explicit or after.get("launch_type"), (
            f"{rc['address']}: neither a capacity provider strategy nor a launch type"
        )
