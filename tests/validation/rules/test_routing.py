"""rules/routing.py: priorities, references, quotas and formats of routing rules."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.validation import (
    validate_data,
)
from tests.validation.helpers import Change, check_rule_ids, data, error_at, errors, is_ok


def test_rule_priorities():
    assert "routing[1].priority" in errors(data(**{"routing[1].priority": 10}))
    assert "routing[1].priority" in errors(data(**{"routing[1].priority": 0}))
    assert "routing[1].priority" in errors(data(**{"routing[1].priority": 50001}))
    assert validate_data(data(**{"routing[1].priority": 50000})).ok


def test_rule_needs_a_condition():
    d = data()
    d["routing"][1] = {"name": "all", "priority": 20, "service": "web"}
    assert "routing[1]" in errors(d)


def test_rule_quotas():
    paths = [f"/p{i}/*" for i in range(4)]
    ok = data(**{"routing[0].paths": paths[:3], "routing[0].hosts": ["a.example.com", "b.x"]})
    assert validate_data(ok).ok
    too_many = data(**{"routing[0].paths": paths, "routing[0].hosts": ["a.example.com", "b.x"]})
    assert any("condition values" in m for m in errors(too_many)["routing[0]"])
    wild = data(**{"routing[0].paths": ["/*/*/*"], "routing[0].hosts": ["*.*.*.example.com"]})
    assert any("wildcards" in m for m in errors(wild)["routing[0]"])


def test_rule_condition_formats():
    d = data(
        **{
            "routing[0].paths": ["api/*"],
            "routing[0].hosts": ["bad host"],
            "routing[1].methods": ["get"],
            "routing[1].http_headers": {"X Env": ["blue"]},
        }
    )
    assert {"routing[0].paths[0]", "routing[0].hosts[0]", "routing[1].methods[0]",
            "routing[1].http_headers.X Env"} <= set(errors(d))  # fmt: skip
    good = data(**{"routing[1].methods": ["GET", "HEAD"],
                   "routing[1].http_headers": {"X-Env": ["blue"]},
                   "routing[1].query_strings": {"version": 2}})  # fmt: skip
    assert validate_data(good).ok


def test_rule_and_default_action_reference_lb_services():
    e = errors(data(**{"routing[0].service": "apii", "routing[1].service": "worker"}))
    typo = validate_data(data(**{"routing[0].service": "apii"}))
    assert "`api`" in typo.at("routing[0].service")[0].fix
    assert "routing[0].service" in e and "routing[1].service" in e
    assert "alb.default_action.forward" in errors(data(**{"alb.default_action": {"forward": "x"}}))
    both = {"forward": "web", "fixed_response": {"status_code": 404}}
    assert "alb.default_action" in errors(data(**{"alb.default_action": both}))
    fixed = {"fixed_response": {"status_code": 302}}
    assert "alb.default_action.fixed_response.status_code" in errors(
        data(**{"alb.default_action": fixed})
    )


@pytest.mark.parametrize(
    ("key", "values"),
    [
        ("hosts", ["a.example.com", "b.example.com", "c.example.com", "d.example.com"]),
        ("paths", ["/a", "/b", "/c", "/d"]),
        ("source_ips", ["10.0.0.0/8", "10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16"]),
        ("methods", ["GET", "HEAD", "POST", "PUT"]),
        ("http_headers", {"X-Env": ["a", "b", "c", "d"]}),
    ],
)
def test_at_most_three_values_per_condition(key, values):
    path = "routing[0]." + ("http_headers.X-Env" if key == "http_headers" else key)
    e = error_at(data(**{f"routing[0].{key}": values}), path)
    assert "at most 3 per condition" in e.message and e.value == 4
    three = {"X-Env": values["X-Env"][:3]} if key == "http_headers" else values[:3]
    assert is_ok(data(**{"routing[0].paths": ["/api/*"], f"routing[0].{key}": three}))


def test_host_pattern_needs_a_dot():
    e = error_at(data(**{"routing[1].hosts": ["localhost"]}), "routing[1].hosts[0]")
    assert "dot" in e.message and "localhost.example.com" in e.fix
    assert is_ok(data(**{"routing[1].hosts": ["*.example"]}))


def test_load_balanced_service_must_be_routed():
    d = data()
    d["routing"] = [r for r in d["routing"] if r["service"] != "api"]
    e = error_at(d, "routing")
    assert "`api`" in e.message and "target group" in e.message
    assert "routing rule" in e.fix and "default_action" in e.fix and "remove load_balancer" in e.fix
    d["alb"]["default_action"] = {"forward": "api"}  # web keeps its `admin` rule
    assert is_ok(d)


def _many_rules(d: dict[str, Any]) -> None:
    d["routing"] += [
        {"name": f"r{i}", "priority": 100 + i, "service": "web", "paths": [f"/r{i}"]}
        for i in range(100)
    ]


# (change to the base answers, expected (path, rule id) issues): one row per check at least.
RULE_IDS: list[tuple[Change, list[tuple[str, str]]]] = [
    (lambda d: d["routing"].pop(0), [("routing", "E-ROUTING-UNROUTED-SERVICE")]),
    (_many_rules, [("routing", "W-ROUTING-RULE-QUOTA")]),
    ({"routing[1].priority": 10}, [("routing[1].priority", "E-ROUTING-PRIORITY")]),
    ({"routing[0].service": "worker"}, [("routing[0].service", "E-ROUTING-SERVICE")]),
    ({"routing[0].paths": []}, [("routing[0]", "E-ROUTING-NO-CONDITION")]),
    ({"routing[0].paths": ["/a", "/b", "/c", "/d"]}, [("routing[0].paths", "E-ROUTING-QUOTA")]),
    ({"routing[1].methods": ["get"]}, [("routing[1].methods[0]", "E-ROUTING-FORMAT")]),
    (
        {"routing[1].http_headers": {"X-Env": [""]}},
        [("routing[1].http_headers.X-Env[0]", "E-ROUTING-FORMAT")],
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), RULE_IDS, ids=[",".join(r for _, r in exp) for _, exp in RULE_IDS]
)
def test_rule_ids(change, expected):
    check_rule_ids(change, expected)


@pytest.mark.parametrize(
    ("query_strings", "ok"),
    [({"a*": "b*c*d*"}, True), ({"a**": "b*c*d*"}, False), ({"k?*?": "v??"}, False)],
)
def test_query_string_keys_count_towards_the_wildcard_quota(query_strings, ok):
    """AWS counts * and ? in query string keys too (the alb-rule module does)."""
    d = data(**{"routing[0].query_strings": query_strings})
    found = [i for i in validate_data(d).errors if i.path == "routing[0]"]
    assert (not found) is ok, found
    if not ok:
        assert "6 wildcards" in found[0].message or "7 wildcards" in found[0].message
