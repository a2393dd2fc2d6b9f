"""rules/routing.py, edge by edge: each rule reports at its bounds and not inside them, and
its message and fix read exactly (issue 14: the mutation run of routing.py)."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.validation import validate_data
from tests.validation.helpers import data


def found(d: dict[str, Any], rule: str) -> list[tuple[str, str, str, Any]]:
    """(path, message, fix, value) of each issue of `rule`, in the report's order (by path)."""
    return [(i.path, i.message, i.fix, i.value) for i in validate_data(d).issues if i.rule == rule]


def rule0(**conditions: Any) -> dict[str, Any]:
    """The base answers whose first rule (`api`, to service api) has exactly `conditions`."""
    return data(**{"routing[0]": {"name": "api", "priority": 10, "service": "api", **conditions}})


# --- E-ROUTING-UNROUTED-SERVICE -------------------------------------------------------------


def test_an_unrouted_service_is_named_with_its_index_and_both_fixes():
    d = data()
    d["routing"].pop(0)  # nothing forwards to api (services[1]) any more
    assert found(d, "E-ROUTING-UNROUTED-SERVICE") == [
        (
            "routing",
            "no listener sends traffic to service `api` (services[1]): it is neither "
            "alb.default_action.forward nor the service of a routing rule, and ECS refuses "
            "to create a service whose target group has no associated load balancer",
            "add a routing rule with service: api, make it the default action "
            "(alb.default_action.forward: api), or remove load_balancer",
            "api",
        )
    ]
    d["alb"]["default_action"] = {"forward": "api"}  # the default action routes it
    assert found(d, "E-ROUTING-UNROUTED-SERVICE") == []


def test_a_service_without_load_balancer_needs_no_route():
    d = data()
    d["routing"].pop(0)
    d["services"][1].pop("load_balancer")
    assert found(d, "E-ROUTING-UNROUTED-SERVICE") == []


# --- W-ROUTING-RULE-QUOTA and E-ROUTING-PRIORITY ----------------------------------------------


def _rules(n: int) -> list[dict[str, Any]]:
    return [
        {"name": f"r{i}", "priority": i + 1, "service": "web", "paths": [f"/p{i}"]}
        for i in range(n)
    ]


def test_the_rule_quota_is_a_warning_above_100_rules_only():
    assert found(data(routing=_rules(100)), "W-ROUTING-RULE-QUOTA") == []
    quota = [i for i in validate_data(data(routing=_rules(101))).issues if i.rule.endswith("QUOTA")]
    assert [(i.rule, i.severity) for i in quota] == [("W-ROUTING-RULE-QUOTA", "warning")]
    assert found(data(routing=_rules(101)), "W-ROUTING-RULE-QUOTA") == [
        (
            "routing",
            "101 rules exceed the default quota of 100 rules per load balancer",
            "request a quota increase (Elastic Load Balancing) or merge rules",
            101,
        )
    ]


@pytest.mark.parametrize(("priority", "ok"), [(0, False), (1, True), (50000, True), (50001, False)])
def test_priority_bounds(priority, ok):
    issues = found(data(**{"routing[0].priority": priority}), "E-ROUTING-PRIORITY")
    expected = [("routing[0].priority", "must be 1-50000", "e.g. 10, 20, 30", priority)]
    assert issues == ([] if ok else expected)


def test_a_repeated_priority_names_the_first_rule_that_has_it():
    rules = _rules(3)
    for r in rules:
        r["priority"] = 7
    assert found(data(routing=rules), "E-ROUTING-PRIORITY") == [
        (
            f"routing[{i}].priority",
            "priority 7 is already used by rule `r0`",
            "give every rule a different priority",
            7,
        )
        for i in (1, 2)
    ]


def test_an_out_of_range_priority_is_not_also_a_repeat():
    rules = _rules(2)
    rules[0]["priority"] = rules[1]["priority"] = 0
    assert [p for p, *_ in found(data(routing=rules), "E-ROUTING-PRIORITY")] == [
        "routing[0].priority",
        "routing[1].priority",
    ]
    assert {m for _, m, *_ in found(data(routing=rules), "E-ROUTING-PRIORITY")} == {
        "must be 1-50000"
    }


def test_rule_service_references():
    assert found(data(**{"routing[0].service": "worker"}), "E-ROUTING-SERVICE") == [
        (
            "routing[0].service",
            "service `worker` has no load_balancer, so the ALB cannot send traffic to it",
            "add a load_balancer to `worker` or route to one of: web, api",
            "worker",
        )
    ]
    assert found(data(**{"routing[1].service": "wbe"}), "E-ROUTING-SERVICE") == [
        ("routing[1].service", "no service named `wbe`", "did you mean `web`?", "wbe")
    ]
    assert found(data(), "E-ROUTING-SERVICE") == []


# --- E-ROUTING-NO-CONDITION and the value count ----------------------------------------------

ONE_OF_EACH = {
    "hosts": ["a.example.com"],
    "paths": ["/a"],
    "source_ips": ["10.0.0.0/8"],
    "methods": ["GET"],
    "http_headers": {"X-Env": ["blue"]},
    "query_strings": {"v": "1"},
}


@pytest.mark.parametrize("kind", sorted(ONE_OF_EACH))
def test_any_one_condition_is_a_condition(kind):
    assert found(rule0(**{kind: ONE_OF_EACH[kind]}), "E-ROUTING-NO-CONDITION") == []


def test_a_rule_with_no_condition():
    assert found(rule0(http_headers={}, query_strings={}), "E-ROUTING-NO-CONDITION") == [
        (
            "routing[0]",
            "has no condition, so it would match every request",
            "add hosts, paths, source_ips, http_headers, query_strings or methods "
            "(use alb.default_action for the catch-all)",
            None,
        )
    ]


@pytest.mark.parametrize("left_out", sorted(ONE_OF_EACH))
def test_every_kind_counts_towards_the_five_values_per_rule(left_out):
    five = {k: v for k, v in ONE_OF_EACH.items() if k != left_out}
    assert found(rule0(**five), "E-ROUTING-QUOTA") == []
    assert found(rule0(**five), "E-ROUTING-NO-CONDITION") == []
    six = {**five, left_out: ONE_OF_EACH[left_out]}
    assert found(rule0(**six), "E-ROUTING-QUOTA") == [
        (
            "routing[0]",
            "has 6 condition values; AWS allows 5 per rule",
            "split it into several rules with the same service",
            6,
        )
    ]


def test_header_values_count_one_by_one():
    headers = {"X-A": ["1", "2"], "X-B": ["3", "4"]}
    assert found(rule0(http_headers=headers, paths=["/a"]), "E-ROUTING-QUOTA") == []
    assert found(rule0(http_headers=headers, paths=["/a", "/b"]), "E-ROUTING-QUOTA")[0][3] == 6


# --- E-ROUTING-QUOTA: values per condition, wildcards --------------------------------------


@pytest.mark.parametrize(
    ("key", "three", "four"),
    [
        ("hosts", ["a.x.com", "b.x.com", "c.x.com"], ["d.x.com"]),
        ("paths", ["/a", "/b", "/c"], ["/d"]),
        ("source_ips", ["10.0.0.0/8", "10.1.0.0/16", "10.2.0.0/16"], ["10.3.0.0/16"]),
        ("methods", ["GET", "PUT", "POST"], ["HEAD"]),
    ],
)
def test_at_most_three_values_per_condition_exactly(key, three, four):
    assert found(rule0(**{key: three}), "E-ROUTING-QUOTA") == []
    assert found(rule0(**{key: three + four}), "E-ROUTING-QUOTA") == [
        (
            f"routing[0].{key}",
            "has 4 values; AWS allows at most 3 per condition",
            "keep at most 3 here and move the rest to another rule with the same service",
            4,
        )
    ]


def test_at_most_three_values_per_header():
    assert found(rule0(http_headers={"X-A": ["1", "2", "3"]}), "E-ROUTING-QUOTA") == []
    issues = found(rule0(http_headers={"X-A": ["1", "2", "3", "4"]}), "E-ROUTING-QUOTA")
    assert [(p, v) for p, _, _, v in issues] == [("routing[0].http_headers.X-A", 4)]


@pytest.mark.parametrize(
    ("conditions", "wildcards"),
    [
        ({"hosts": ["*.a.com", "?.b.com"], "paths": ["/*/x?"]}, 4),
        ({"hosts": ["*.a.com", "?.b.com"], "paths": ["/*/x?", "/y*"]}, 5),
        ({"hosts": ["*.?.com"], "paths": ["/*?", "/*/*"]}, 6),
        ({"paths": ["/a"], "http_headers": {"X-A": ["*?*", "??"]}, "hosts": ["*.a.com"]}, 6),
        ({"paths": ["/**"], "query_strings": {"k*?": "v??"}}, 6),
        ({"paths": ["/*"], "query_strings": {"k*?": "v??"}}, 5),
        ({"paths": ["/a"], "query_strings": {"k": "v*****"}}, 5),
        ({"paths": ["/a"], "query_strings": {"k*": "v*****"}}, 6),
    ],
)
def test_wildcards_per_rule_count_every_star_and_question_mark(conditions, wildcards):
    issues = found(rule0(**conditions), "E-ROUTING-QUOTA")
    if wildcards <= 5:
        assert issues == []
    else:
        assert issues == [
            (
                "routing[0]",
                f"uses {wildcards} wildcards; AWS allows 5 per rule",
                "use fewer * and ? (hosts, paths, header values and query string keys and "
                "values all count) or split the rule",
                wildcards,
            )
        ]


# --- E-ROUTING-FORMAT -------------------------------------------------------------------------


def test_host_path_and_method_formats_read_exactly():
    d = rule0(hosts=["bad host", "intranet"], paths=["api"], methods=["get"])
    assert found(d, "E-ROUTING-FORMAT") == [
        (
            "routing[0].hosts[0]",
            "is not a valid host pattern",
            "letters, digits, - . and the wildcards * ?, up to 128 characters",
            "bad host",
        ),
        (
            "routing[0].hosts[1]",
            "a host pattern must contain at least one dot",
            "use the full host name, e.g. `intranet.example.com` or `*.example.com`",
            "intranet",
        ),
        ("routing[0].methods[0]", "must be an upper-case HTTP method", "e.g. GET, POST", "get"),
        (
            "routing[0].paths[0]",
            "is not a valid path pattern",
            "start with /, up to 128 characters, e.g. /api/*",
            "api",
        ),
    ]
    assert found(rule0(hosts=["a.b"], paths=["/"], methods=["GET"]), "E-ROUTING-FORMAT") == []


def test_a_bad_source_ip_is_reported_at_its_index():
    d = rule0(source_ips=["10.0.0.0/8", "10.0.0.300/8"])
    assert [p for p, *_ in found(d, "E-ROUTING-FORMAT")] == ["routing[0].source_ips[1]"]
    assert found(rule0(source_ips=["10.0.0.0/8"]), "E-ROUTING-FORMAT") == []


def test_header_names_and_values():
    d = rule0(http_headers={"Bad Name": ["x"], "X-Empty": [], "X-Len": ["", "v" * 129, "w"]})
    assert found(d, "E-ROUTING-FORMAT") == [
        (
            "routing[0].http_headers.Bad Name",
            "is not a valid header name (up to 40 characters)",
            "e.g. X-Env",
            "Bad Name",
        ),
        ("routing[0].http_headers.X-Empty", "has no values", "add a value", []),
        (
            "routing[0].http_headers.X-Len[0]",
            "must be 1-128 characters",
            "write a value of 1 to 128 characters (* and ? match any characters)",
            "",
        ),
        (
            "routing[0].http_headers.X-Len[1]",
            "must be 1-128 characters",
            "write a value of 1 to 128 characters (* and ? match any characters)",
            "v" * 129,
        ),
    ]
    assert found(rule0(http_headers={"X-Ok": ["v" * 128, "w"]}), "E-ROUTING-FORMAT") == []


def test_query_string_keys_and_values():
    d = rule0(query_strings={"a\nb": "x", "k" * 129: "v", "empty": "", "long": "v" * 129})
    assert found(d, "E-ROUTING-FORMAT") == [
        (
            "routing[0].query_strings",
            "a query string key contains a line break or control character",
            "remove it",
            "a\nb",
        ),
        (
            "routing[0].query_strings.empty",
            "keys and values must be 1-128 characters",
            "shorten",
            "",
        ),
        (
            f"routing[0].query_strings.{'k' * 129}",
            "keys and values must be 1-128 characters",
            "shorten",
            "v",
        ),
        (
            "routing[0].query_strings.long",
            "keys and values must be 1-128 characters",
            "shorten",
            "v" * 129,
        ),
    ]
    ok = rule0(query_strings={"k" * 128: "v" * 128, "x": "y"})
    assert found(ok, "E-ROUTING-FORMAT") == []


def test_every_rule_is_checked_not_only_the_first():
    d = data(
        **{
            "routing[1].priority": 0,
            "routing[1].methods": ["get"],
            "routing[1].http_headers": {"X-A": ["1", "2", "3", "4"]},
        }
    )
    assert found(d, "E-ROUTING-PRIORITY")[0][0] == "routing[1].priority"
    assert found(d, "E-ROUTING-FORMAT")[0][0] == "routing[1].methods[0]"
    assert "routing[1].http_headers.X-A" in [p for p, *_ in found(d, "E-ROUTING-QUOTA")]
