"""rules/shadowing.py: rules that can never match."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.validation import (
    glob_subsumes,
    validate_data,
)
from tests.validation.helpers import Change, check_rule_ids, data, warnings


@pytest.mark.parametrize(
    ("broad", "narrow", "expected"),
    [
        ("/api/*", "/api/v2/*", True),
        ("/api/v2/*", "/api/*", False),
        ("*", "/anything", True),
        ("/a?c", "/abc", True),
        ("/a?c", "/a*c", False),
        ("/a*", "/a?", True),
        ("/a/*/x", "/a/b/c/x", True),
        ("/a/b", "/a/b", True),
        ("/a/b", "/a/c", False),
        ("*.example.com", "api.example.com", True),
        ("*.example.com", "example.com", False),
    ],
)
def test_glob_subsumes(broad, narrow, expected):
    assert glob_subsumes(broad, narrow) is expected


def _rules(*rules: dict[str, Any]) -> dict[str, Any]:
    d = data()
    del d["services"][1]["load_balancer"]  # every rule routes to web; api would be unrouted
    d["routing"] = [
        {"name": f"r{i}", "service": "web", **r} for i, r in enumerate(rules)
    ]  # fmt: skip
    return d


def test_shadowed_rule_warning_names_both_rules():
    d = _rules(
        {"priority": 10, "paths": ["/api/*"], "hosts": ["api.example.com"]},
        {"priority": 20, "paths": ["/api/v2/*"], "hosts": ["API.example.com"]},
    )
    r = validate_data(d)
    assert r.ok
    (w,) = [i for i in r.warnings if i.path == "routing[1]"]
    assert "`r1`" in w.message and "`r0`" in w.message


def test_shadowing_follows_priority_not_list_order():
    d = _rules({"priority": 20, "paths": ["/api/v2/*"]}, {"priority": 10, "paths": ["/api/*"]})
    assert "routing[0]" in warnings(d)


@pytest.mark.parametrize(
    "later",
    [
        {"paths": ["/api/v2/*"], "hosts": ["other.example.com"]},  # earlier host is narrower
        {"paths": ["/api/v2/*"]},  # later has no host condition: matches more hosts
        {"paths": ["/api/v2/*", "/web/*"], "hosts": ["api.example.com"]},
        {"paths": ["/apiv2"], "hosts": ["api.example.com"]},
    ],
)
def test_no_shadow_warning_when_not_provable(later):
    d = _rules(
        {"priority": 10, "paths": ["/api/*"], "hosts": ["api.example.com"]},
        {"priority": 20, **later},
    )
    assert "routing[1]" not in warnings(d)


def test_shadowing_with_methods_headers_queries_and_source_ips():
    d = _rules(
        {"priority": 1, "paths": ["/x/*"], "methods": ["GET", "POST"],
         "source_ips": ["10.0.0.0/8"]},
        {"priority": 2, "paths": ["/x/y"], "methods": ["GET"], "source_ips": ["10.1.0.0/16"]},
    )  # fmt: skip
    assert "routing[1]" in warnings(d)
    d = _rules(
        {"priority": 1, "http_headers": {"X-Env": ["blue"]}},
        {"priority": 2, "http_headers": {"x-env": ["BLUE"]}, "paths": ["/a"]},
        {"priority": 3, "paths": ["/a"]},
        {"priority": 4, "query_strings": {"v": "2"}},
        {"priority": 5, "query_strings": {"v": "2", "w": "1"}},
    )
    w = warnings(d)
    assert "routing[1]" in w and "routing[2]" not in w and "routing[4]" in w


def test_host_only_rule_shadowing_a_host_and_path_rule():
    # the case found in a wizard run: a host-only rule before a host+path rule
    d = _rules(
        {"priority": 10, "hosts": ["www.example.com"]},
        {"priority": 20, "hosts": ["www.example.com"], "paths": ["/api/*"]},
    )
    r = validate_data(d)
    (w,) = [i for i in r.warnings if i.path.startswith("routing[1]")]
    assert w.rule == "W-ROUTING-SHADOW" and "`r0`" in w.message


def test_host_only_rule_shadowing_one_host_of_a_rule():
    d = _rules(
        {"priority": 10, "hosts": ["WWW.example.com"]},
        {"priority": 20, "hosts": ["www.example.com", "api.example.com"], "paths": ["/api/*"]},
    )
    r = validate_data(d)
    assert r.ok
    (w,) = [i for i in r.warnings if i.path.startswith("routing[1]")]
    assert w.rule == "W-ROUTING-PARTIAL-SHADOW" and w.path == "routing[1].hosts"
    assert "never matches host `www.example.com`" in w.message
    assert "`r0` (priority 10)" in w.message
    assert "remove `www.example.com` from `r1`'s hosts" in w.fix


def test_path_rule_shadowing_one_path_of_a_rule():
    d = _rules(
        {"priority": 10, "paths": ["/api/*"]},
        {"priority": 20, "paths": ["/api/v2/*", "/web/*"]},
    )
    (w,) = [i for i in validate_data(d).warnings if i.path.startswith("routing[1]")]
    assert w.rule == "W-ROUTING-PARTIAL-SHADOW" and w.path == "routing[1].paths"
    assert "never matches path `/api/v2/*`" in w.message


@pytest.mark.parametrize(
    "earlier",
    [
        {"priority": 30, "hosts": ["www.example.com"]},  # evaluated after: no shadow
        {"priority": 10, "hosts": ["www.example.com"], "methods": ["GET"]},  # narrower
        {"priority": 10, "hosts": ["other.example.com"]},
    ],
)
def test_no_partial_shadow_warning_when_not_provable(earlier):
    d = _rules(earlier, {"priority": 20, "hosts": ["www.example.com", "api.example.com"]})
    assert not [i for i in validate_data(d).warnings if i.path.startswith("routing[1]")]


# (change to the base answers, expected (path, rule id) issues): one row per check at least.
RULE_IDS: list[tuple[Change, list[tuple[str, str]]]] = [
    (
        {"routing[1]": {"name": "v2", "priority": 20, "service": "web", "paths": ["/api/v2/*"]}},
        [("routing[1]", "W-ROUTING-SHADOW")],
    ),
    (
        {
            "routing[1]": {
                "name": "www",
                "priority": 20,
                "service": "web",
                "hosts": ["admin.example.com", "www.example.com"],
                "paths": ["/x/*"],
            },
            "routing[0]": {"name": "a", "priority": 10, "service": "api", "hosts": ["admin.*"]},
        },
        [("routing[1].hosts", "W-ROUTING-PARTIAL-SHADOW")],
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), RULE_IDS, ids=[",".join(r for _, r in exp) for _, exp in RULE_IDS]
)
def test_rule_ids(change, expected):
    check_rule_ids(change, expected)
