"""Shape errors: the model's errors at exact paths, with a fix (E-SHAPE-*)."""

from __future__ import annotations

from ecs_wizard.validation import (
    validate_data,
)
from tests.validation.helpers import data, errors


def test_unknown_keys_suggest_the_closest_key_at_the_exact_path():
    d = data()
    d["services"][1]["containers"][0]["prot"] = 8080
    d["alb"]["htps"] = {}
    r = validate_data(d)
    by_path = {i.path: i for i in r.errors}
    assert "did you mean `port`?" in by_path["services[1].containers[0].prot"].fix
    assert "did you mean `https`?" in by_path["alb.htps"].fix
    assert by_path["services[1].containers[0].prot"].value == 8080


def test_all_shape_errors_are_reported_at_once():
    d = data(**{"project.region": 5, "services[0].cpu": "big", "cluster": {"x": 1}})
    del d["network"]["vpc_id"]
    e = errors(d)
    assert set(e) >= {
        "project.region",
        "services[0].cpu",
        "cluster.x",
        "network.vpc_id",
    }
    assert e["network.vpc_id"] == ["`vpc_id` is required"]


def test_literal_suggestion_and_non_mapping_top_level():
    r = validate_data(data(**{"cluster": {"container_insights": "enable"}}))
    (issue,) = r.errors
    assert issue.path == "cluster.container_insights" and "`enabled`" in issue.fix
    assert validate_data(None).errors[0].path == "(top level)"
    assert not validate_data([1, 2]).ok
