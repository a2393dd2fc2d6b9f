"""The engine: the base answers are clean, every rule reports at once, live field validation."""

from __future__ import annotations

from ecs_wizard.validation import (
    validate_data,
    validate_field,
)
from tests.validation.helpers import data, errors


def test_base_is_valid_and_warning_free():
    r = validate_data(data())
    assert r.ok and not r.warnings, r.issues


def test_all_rule_errors_are_reported_together():
    d = data(
        **{
            "network.vpc_id": "vpc-1",
            "services[0].memory": 100,
            "routing[1].priority": 10,
            "project.region": "mars-1",
        }
    )
    assert {"network.vpc_id", "services[0].memory", "routing[1].priority", "project.region"} <= set(
        errors(d)
    )


def test_validate_field_and_result_filtering():
    issues = validate_field("services[0].containers[0].port", 0, data())
    assert [i.path for i in issues] == ["services[0].containers[0].port"]
    assert validate_field("services[0].containers[0].port", 8080, data()) == []
    r = validate_data(data(**{"services[1].containers[0].port": 0, "network.vpc_id": "x"}))
    assert [i.path for i in r.at("services[1]")] == ["services[1].containers[0].port"]
    assert r.at("services[10]") == []
