"""rules/shadowing.py, edge by edge: the glob cover relation, each condition kind's cover (case,
families, subsets) and the warning's wording (issue 14: the mutation run of shadowing.py)."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.model.answers import Rule
from ecs_wizard.validation import validate_data
from ecs_wizard.validation.rules.shadowing import _literal_prefix, glob_subsumes, rule_covers
from tests.validation.helpers import data


def rule(**conditions: Any) -> Rule:
    return Rule(name="r", priority=1, service="web", **conditions)


def test_literal_prefix():
    assert _literal_prefix("ab*c") == "ab"
    assert _literal_prefix("ab?c*") == "ab"
    assert _literal_prefix("abc") == "abc"
    assert _literal_prefix("*abc") == ""
    assert _literal_prefix("aXb*") == "aXb"  # only * and ? are wildcards


@pytest.mark.parametrize(
    ("broad", "narrow", "covers"),
    [
        ("a?c", "abc", True),
        ("a?c", "a?c", True),
        ("a?c", "a*c", False),  # `?` is one character, `*` may be none or many
        ("abc", "a?c", False),  # a literal does not cover a wildcard
        ("a?c", "ac", False),
        ("*", "", True),
        ("?", "", False),
        ("a*", "a", True),
        ("*a*", "bab", True),
        ("a*b", "ab", True),
        ("a*b*c", "axbyc", True),
        ("a*b*c", "axbyd", False),
        ("a*c", "a*b*c", True),
        ("a**", "a", True),
        ("*x", "ay", False),  # suffix
        ("x*", "ya", False),  # prefix
        ("a*z", "abz", True),
        ("a*z", "a", False),
        ("ab", "abc", False),
        ("abc", "ab", False),
        ("a?", "a?", True),
        ("??", "a", False),
        ("*?", "a", True),
        ("*?", "", False),
        ("a*b?", "axbyb?", True),
        ("a*?c", "a*c", False),
        ("*.example.com", "api.example.com", True),
        ("*.example.com", "example.com", False),
    ],
)
def test_glob_subsumes_edges(broad, narrow, covers):
    glob_subsumes.cache_clear()
    assert glob_subsumes(broad, narrow) is covers


def test_hosts_fold_case_and_paths_do_not():
    assert rule_covers(rule(hosts=["API.example.com"]), rule(hosts=["api.EXAMPLE.com"]))
    assert rule_covers(rule(hosts=["api.example.com"]), rule(hosts=["API.example.com"]))
    assert not rule_covers(rule(paths=["/API/*"]), rule(paths=["/api/x"]))
    assert not rule_covers(rule(paths=["/api/*"]), rule(paths=["/API/x"]))
    assert rule_covers(rule(paths=["/api/*"]), rule(paths=["/api/x"]))


def test_an_empty_condition_covers_and_an_absent_one_is_not_covered():
    anything = rule(paths=["/a"])
    assert rule_covers(anything, rule(paths=["/a"], hosts=["x.example.com"]))
    assert not rule_covers(rule(paths=["/a"], hosts=["x.example.com"]), anything)
    assert not rule_covers(rule(paths=["/a"], source_ips=["10.0.0.0/8"]), anything)
    assert not rule_covers(rule(paths=["/a"], methods=["GET"]), anything)


def test_every_narrow_pattern_must_be_covered_by_some_broad_one():
    broad = rule(paths=["/a/*", "/b/*"])
    assert rule_covers(broad, rule(paths=["/a/x", "/b/y"]))
    assert not rule_covers(broad, rule(paths=["/a/x", "/c/y"]))
    assert not rule_covers(rule(paths=["/a/*"]), rule(paths=["/a/x", "/b/y"]))


def test_source_ips_cover_by_subnet_and_family():
    assert rule_covers(rule(source_ips=["10.0.0.0/8"]), rule(source_ips=["10.1.0.0/16"]))
    assert rule_covers(rule(source_ips=["10.0.0.0/8"]), rule(source_ips=["10.0.0.0/8"]))
    assert not rule_covers(rule(source_ips=["10.1.0.0/16"]), rule(source_ips=["10.0.0.0/8"]))
    assert rule_covers(
        rule(source_ips=["10.0.0.0/8", "2001:db8::/32"]),
        rule(source_ips=["10.2.0.0/16", "2001:db8:1::/48"]),
    )
    assert not rule_covers(rule(source_ips=["10.0.0.0/8"]), rule(source_ips=["2001:db8::/32"]))
    assert not rule_covers(rule(source_ips=["::/0"]), rule(source_ips=["10.0.0.0/8"]))
    # host bits set are read as their network (strict=False), on both sides
    assert rule_covers(rule(source_ips=["10.0.0.1/8"]), rule(source_ips=["10.9.0.1/16"]))
    # a value that is no network proves nothing
    assert not rule_covers(rule(source_ips=["10.0.0.0/8"]), rule(source_ips=["nonsense"]))
    assert not rule_covers(rule(source_ips=["nonsense"]), rule(source_ips=["10.0.0.0/8"]))


def test_methods_cover_by_subset():
    broad = rule(paths=["/a"], methods=["GET", "POST"])
    assert rule_covers(broad, rule(paths=["/a"], methods=["GET"]))
    assert rule_covers(broad, rule(paths=["/a"], methods=["POST", "GET"]))
    assert not rule_covers(broad, rule(paths=["/a"], methods=["GET", "PUT"]))
    assert rule_covers(rule(paths=["/a"]), rule(paths=["/a"], methods=["PUT"]))


def test_headers_names_fold_case_and_values_fold_case():
    broad = rule(http_headers={"X-Env": ["Blue*"]})
    assert rule_covers(broad, rule(http_headers={"x-env": ["blue-1"]}))
    assert rule_covers(broad, rule(http_headers={"X-ENV": ["BLUE"], "X-Other": ["1"]}))
    assert not rule_covers(broad, rule(http_headers={"X-Env": ["green"]}))
    assert not rule_covers(broad, rule(http_headers={"X-Other": ["blue"]}))
    assert not rule_covers(broad, rule(paths=["/a"]))
    both = rule(http_headers={"X-A": ["1"], "X-B": ["2"]})
    assert not rule_covers(both, rule(http_headers={"X-A": ["1"]}))
    assert rule_covers(both, rule(http_headers={"X-B": ["2"], "x-a": ["1"]}))


def test_query_strings_keys_are_exact_and_values_fold_case():
    broad = rule(query_strings={"v": "A*"})
    assert rule_covers(broad, rule(query_strings={"v": "a1"}))
    assert rule_covers(broad, rule(query_strings={"v": "A1", "w": "x"}))
    assert not rule_covers(broad, rule(query_strings={"V": "a1"}))
    assert not rule_covers(broad, rule(query_strings={"v": "b1"}))
    assert not rule_covers(broad, rule(paths=["/a"]))
    two = rule(query_strings={"v": "*", "w": "1"})
    assert not rule_covers(two, rule(query_strings={"v": "x"}))
    assert not rule_covers(two, rule(query_strings={"v": "x", "w": "2"}))
    assert rule_covers(two, rule(query_strings={"v": "x", "w": "1"}))


def _rules(*specs: tuple[str, int, dict[str, Any]]) -> dict[str, Any]:
    return data(
        routing=[
            {"name": name, "priority": prio, "service": "web", **cond} for name, prio, cond in specs
        ]
    )


def shadow(d: dict[str, Any]) -> list[tuple[str, str, str, Any, str]]:
    return [
        (i.path, i.message, i.fix, i.value, i.severity)
        for i in validate_data(d).issues
        if i.rule == "W-ROUTING-SHADOW"
    ]


def test_the_warning_names_both_rules_and_the_fix():
    d = _rules(
        ("api", 10, {"paths": ["/v1/*"]}),
        ("narrow", 20, {"paths": ["/v1/x"]}),
        ("other", 30, {"paths": ["/v2/*"]}),
    )
    d["routing"][0]["service"] = "api"
    assert shadow(d) == [
        (
            "routing[1]",
            "rule `narrow` (priority 20) can never match: rule `api` (priority 10) already "
            "matches every request it matches",
            "give `narrow` a lower priority number than `api`, or narrow `api`",
            "narrow",
            "warning",
        )
    ]


def test_one_warning_per_shadowed_rule_naming_the_first_cover():
    d = _rules(
        ("all", 5, {"paths": ["/*"]}),
        ("v1", 10, {"paths": ["/v1/*"]}),
        ("x", 20, {"paths": ["/v1/x"]}),
    )
    d["routing"][0]["service"] = "api"
    found = shadow(d)
    assert [(p, v) for p, _, _, v, _ in found] == [("routing[1]", "v1"), ("routing[2]", "x")]
    assert "rule `all` (priority 5)" in found[1][1]


def test_equal_priorities_do_not_shadow_each_other():
    d = _rules(("a", 10, {"paths": ["/v1/*"]}), ("b", 10, {"paths": ["/v1/x"]}))
    d["routing"][0]["service"] = "api"
    assert shadow(d) == []
