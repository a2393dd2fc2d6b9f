"""Property-based tests: random valid answers have no errors; a targeted mutation produces an
error at exactly the mutated path."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecs_wizard.model.paths import format_path, put_path
from ecs_wizard.validation import validate_data
from tests.strategies import valid_answers

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # count: profile


@SETTINGS
@given(valid_answers())
def test_generated_answers_are_valid(data):
    result = validate_data(data)
    assert result.ok, [(i.path, i.message, i.value) for i in result.errors]


MUTATIONS = [
    (lambda k: ["services", k, "containers", 0, "port"], 70000),
    (lambda k: ["services", k, "containers", 0, "image"], "Not An Image"),
    (lambda k: ["services", k, "memory"], 100),
    (lambda k: ["services", k, "name"], "Bad_Name"),
    (lambda k: ["services", k, "desired_count"], -1),
    (lambda k: ["services", k, "containers", 0, "secrets"], {"X": "not-an-arn"}),
    (lambda k: ["network", "vpc_id"], "vpc-12"),
    (lambda k: ["project", "region"], "moon-1"),
    (lambda k: ["alb", "ingress_cidrs", 0], "300.0.0.0/8"),
    (lambda k: ["cluster", "log_retention_days"], 42),
]


def _expected_path(parts: list[str | int], value: Any) -> str:
    if parts[-1] == "secrets":
        return format_path([*parts, "X"])
    return format_path(parts)


@SETTINGS
@given(valid_answers(), st.data())
def test_mutation_yields_an_error_at_exactly_that_path(data, draw):
    make, value = draw.draw(st.sampled_from(MUTATIONS))
    k = draw.draw(st.integers(0, len(data["services"]) - 1))
    parts = make(k)
    mutated = copy.deepcopy(data)
    if parts[0] == "alb" and "ingress_cidrs" not in mutated["alb"]:
        mutated["alb"]["ingress_cidrs"] = ["0.0.0.0/0"]
    if parts[0] == "cluster":
        mutated.setdefault("cluster", {})
    put_path(mutated, format_path(parts), value)
    result = validate_data(mutated)
    expected = _expected_path(parts, value)
    assert expected in {i.path for i in result.errors}, (expected, result.errors)


@SETTINGS
@given(valid_answers(), st.sampled_from(["prot", "imgae", "nmae"]))
def test_unknown_key_is_reported_at_its_path_with_a_suggestion(data, key):
    mutated = copy.deepcopy(data)
    mutated["services"][-1]["containers"][0][key] = 1
    result = validate_data(mutated)
    (issue,) = result.errors
    k = len(data["services"]) - 1
    assert issue.path == f"services[{k}].containers[0].{key}"
    assert "did you mean" in issue.fix


@SETTINGS
@given(valid_answers(max_rules=3))
def test_duplicate_priority_is_an_error_on_the_later_rule(data):
    if len(data["routing"]) < 2:
        data["routing"].append({**data["routing"][0], "name": "extra", "paths": ["/extra/*"]}
                               if data["routing"] else
                               {"name": "x", "priority": 7, "service": data["alb"]
                                ["default_action"]["forward"], "paths": ["/x/*"]})  # fmt: skip
    if len(data["routing"]) < 2:
        data["routing"].append({**data["routing"][0], "name": "y", "paths": ["/y/*"]})
    data["routing"][1]["priority"] = data["routing"][0]["priority"]
    paths = {i.path for i in validate_data(data).errors}
    assert "routing[1].priority" in paths
