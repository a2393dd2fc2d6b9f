"""Shape errors: the model's errors at exact paths, with a fix (E-SHAPE-*)."""

from __future__ import annotations

import pytest

from ecs_wizard.validation import validate_data, validate_field
from tests.validation.helpers import check_rule_ids, data, errors


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


RULE_IDS = [
    ({"services[0].prot": 1}, [("services[0].prot", "E-SHAPE-UNKNOWN-KEY")]),
    (lambda d: d["network"].pop("vpc_id"), [("network.vpc_id", "E-SHAPE-MISSING")]),
    ({"cluster": {"container_insights": "on"}}, [("cluster.container_insights", "E-SHAPE-CHOICE")]),
    ({"services[0].desired_count": -1}, [("services[0].desired_count", "E-SHAPE-RANGE")]),
    ({"services": []}, [("services", "E-SHAPE-TOO-SHORT")]),
    ({"services[0].cpu": "big"}, [("services[0].cpu", "E-SHAPE-TYPE")]),
    ({"services[0].cpu": 1.5}, [("services[0].cpu", "E-SHAPE-TYPE")]),
]


@pytest.mark.parametrize(
    ("change", "expected"), RULE_IDS, ids=[",".join(r for _, r in exp) for _, exp in RULE_IDS]
)
def test_rule_ids(change, expected):
    check_rule_ids(change, expected)


def test_top_level_and_unsettable_paths_have_ids():
    assert validate_data(None).errors[0].rule == "E-SHAPE-TOP-LEVEL"
    (issue,) = validate_field("network.nope.x", 1, data())
    assert (issue.path, issue.rule, issue.message) == (
        "network.nope.x",
        "E-SHAPE-PATH",
        "cannot set this path",
    )
