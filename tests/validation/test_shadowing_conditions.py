"""W-ROUTING-SHADOW, one condition kind at a time: methods, HTTP headers, query strings and
source IPs.

Each case is a pair of rules on the same path; the earlier one (priority 10) is evaluated
first. In the negative cases the later rule differs *only* by the condition under test in a
way that lets some request reach it, so it must not be reported. In the positive cases the
earlier rule matches every request the later one matches, so it must be. Dropping one
condition kind from `rule_covers` (e.g. ignoring query strings or methods) turns a negative
case of that kind into a false warning.
"""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.validation import validate_data
from tests.validation.helpers import data

PATH = "/app/*"


def _pair(earlier: dict[str, Any], later: dict[str, Any]) -> dict[str, Any]:
    d = data()
    del d["services"][1]["load_balancer"]  # every rule routes to web; api would be unrouted
    d["routing"] = [
        {"name": "early", "priority": 10, "service": "web", "paths": [PATH], **earlier},
        {"name": "late", "priority": 20, "service": "web", "paths": [PATH], **later},
    ]
    return d


def _shadow_warnings(d: dict[str, Any]) -> list[str]:
    result = validate_data(d)
    assert result.ok, [(i.path, i.message) for i in result.errors]
    return [i.path for i in result.warnings if i.rule == "W-ROUTING-SHADOW"]


# (earlier, later): the later rule can still match some request.
NOT_SHADOWED: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {
    "methods": [
        ({"methods": ["GET"]}, {"methods": ["POST"]}),
        ({"methods": ["GET"]}, {}),  # later matches every method
        ({"methods": ["GET"]}, {"methods": ["GET", "HEAD"]}),  # HEAD is not covered
        ({"methods": ["GET", "PUT"]}, {"methods": ["PUT", "DELETE"]}),
    ],
    "http_headers": [
        ({"http_headers": {"X-Env": ["blue"]}}, {"http_headers": {"X-Env": ["green"]}}),
        ({"http_headers": {"X-Env": ["blue"]}}, {}),  # later matches without the header
        ({"http_headers": {"X-Env": ["blue"]}}, {"http_headers": {"X-Other": ["blue"]}}),
        ({"http_headers": {"X-Env": ["blue"]}}, {"http_headers": {"X-Env": ["blue", "green"]}}),
        ({"http_headers": {"X-Env": ["b*"]}}, {"http_headers": {"X-Env": ["*"]}}),
        (
            {"http_headers": {"X-Env": ["blue"], "X-Team": ["a"]}},
            {"http_headers": {"X-Env": ["blue"]}},  # later does not require X-Team
        ),
    ],
    "query_strings": [
        ({"query_strings": {"version": "1"}}, {"query_strings": {"version": "2"}}),
        ({"query_strings": {"version": "1"}}, {}),  # later matches without the parameter
        ({"query_strings": {"version": "1"}}, {"query_strings": {"lang": "1"}}),
        ({"query_strings": {"version": "1*"}}, {"query_strings": {"version": "*"}}),
        (
            {"query_strings": {"version": "1", "lang": "en"}},
            {"query_strings": {"version": "1"}},  # later does not require lang
        ),
    ],
    "source_ips": [
        ({"source_ips": ["10.0.0.0/8"]}, {"source_ips": ["192.168.0.0/16"]}),
        ({"source_ips": ["10.0.0.0/8"]}, {}),  # later matches every client
        ({"source_ips": ["10.1.0.0/16"]}, {"source_ips": ["10.0.0.0/8"]}),  # later is wider
        ({"source_ips": ["10.0.0.0/8"]}, {"source_ips": ["10.1.0.0/16", "172.16.0.0/12"]}),
        ({"source_ips": ["0.0.0.0/0"]}, {"source_ips": ["2001:db8::/32"]}),  # IPv6 client
    ],
}

# (earlier, later): every request the later rule matches, the earlier one matches first.
SHADOWED: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {
    "methods": [
        ({"methods": ["GET"]}, {"methods": ["GET"]}),
        ({"methods": ["GET", "POST"]}, {"methods": ["POST"]}),
        ({}, {"methods": ["DELETE"]}),  # earlier matches every method
    ],
    "http_headers": [
        ({"http_headers": {"X-Env": ["blue"]}}, {"http_headers": {"X-Env": ["blue"]}}),
        ({"http_headers": {"X-Env": ["b*"]}}, {"http_headers": {"X-Env": ["blue", "black"]}}),
        ({"http_headers": {"X-Env": ["blue"]}}, {"http_headers": {"x-env": ["BLUE"]}}),
        (
            {"http_headers": {"X-Env": ["blue"]}},
            {"http_headers": {"X-Env": ["blue"], "X-Team": ["a"]}},  # later is narrower
        ),
        ({}, {"http_headers": {"X-Env": ["blue"]}}),
    ],
    "query_strings": [
        ({"query_strings": {"version": "2"}}, {"query_strings": {"version": "2"}}),
        ({"query_strings": {"version": "*"}}, {"query_strings": {"version": "2"}}),
        (
            {"query_strings": {"version": "2"}},
            {"query_strings": {"version": "2", "lang": "en"}},  # later is narrower
        ),
        ({}, {"query_strings": {"version": "2"}}),
    ],
    "source_ips": [
        ({"source_ips": ["10.0.0.0/8"]}, {"source_ips": ["10.1.2.0/24"]}),
        (
            {"source_ips": ["10.0.0.0/8", "192.168.0.0/16"]},
            {"source_ips": ["10.1.0.0/16", "192.168.1.0/24"]},
        ),
        ({"source_ips": ["2001:db8::/32"]}, {"source_ips": ["2001:db8:1::/48"]}),
        ({}, {"source_ips": ["10.0.0.0/8"]}),
    ],
}


def _cases(table: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]) -> list[Any]:
    return [
        pytest.param(earlier, later, id=f"{kind}-{n}")
        for kind, pairs in table.items()
        for n, (earlier, later) in enumerate(pairs)
    ]


def test_every_condition_kind_has_negative_and_positive_cases():
    kinds = {"methods", "http_headers", "query_strings", "source_ips"}
    assert set(NOT_SHADOWED) == kinds and set(SHADOWED) == kinds


@pytest.mark.parametrize(("earlier", "later"), _cases(NOT_SHADOWED))
def test_rule_that_differs_by_one_condition_is_not_shadowed(earlier, later):
    assert _shadow_warnings(_pair(earlier, later)) == []


@pytest.mark.parametrize(("earlier", "later"), _cases(SHADOWED))
def test_rule_covered_by_an_earlier_rule_is_shadowed(earlier, later):
    assert _shadow_warnings(_pair(earlier, later)) == ["routing[1]"]


# SHADOWED cases whose two rules match exactly the same requests (header names and values
# compare case-insensitively): they shadow each other in either order.
EQUIVALENT = {"methods-0", "http_headers-0", "http_headers-2", "query_strings-0"}


@pytest.mark.parametrize(("earlier", "later"), _cases(SHADOWED))
def test_the_reverse_order_is_not_shadowed_unless_equivalent(earlier, later, request):
    """Swap the priorities: the narrower rule now comes first and hides nothing."""
    case = request.node.callspec.id
    expected = ["routing[1]"] if case in EQUIVALENT else []
    assert _shadow_warnings(_pair(later, earlier)) == expected
