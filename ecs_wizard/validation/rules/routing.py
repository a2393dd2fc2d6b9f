"""Routing rules on the HTTPS listener: priorities, service references, the quotas on
conditions and the format of each condition value."""

from __future__ import annotations

from collections.abc import Iterator

from ecs_wizard.aws import catalog
from ecs_wizard.aws.limits import VALUES_PER_CONDITION_MAX
from ecs_wizard.model.answers import Answers, Rule
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.patterns import (
    HEADER_NAME_RE,
    HOST_PATTERN_RE,
    METHOD_RE,
    PATH_PATTERN_RE,
    cidr_issue,
    has_control,
)
from ecs_wizard.validation.registry import check, finding
from ecs_wizard.validation.rules.alb import service_ref_issue

_ELB = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application"
_RULES = f"{_ELB}/listener-update-rules.html"
_CONDITIONS = f"{_ELB}/rule-condition-types.html"
_QUOTAS = f"{_ELB}/load-balancer-limits.html"
_SERVICE_LB = (
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-load-balancing.html"
)


@check(
    id="E-ROUTING-UNROUTED-SERVICE",
    severity="error",
    title="Every load-balanced service receives traffic from a rule or the default action",
    doc=_SERVICE_LB,
    tags=("routing", "services"),
)
def unrouted_services(a: Answers) -> Iterator[Issue]:
    """A target group that no listener forwards to makes ECS refuse to create the service.

    Reported at `routing`: it is fixed by routing (a rule or the default action), and the
    wizard asks for routing after services, so the services step must not be blocked by it.
    """
    routed = {r.service for r in a.routing}
    if a.alb.default_action.forward is not None:
        routed.add(a.alb.default_action.forward)
    for i, s in enumerate(a.services):
        if s.load_balancer is not None and s.name not in routed:
            yield finding(
                "routing",
                f"no listener sends traffic to service `{s.name}` (services[{i}]): it is neither "
                "alb.default_action.forward nor the service of a routing rule, and ECS refuses "
                "to create a service whose target group has no associated load balancer",
                f"add a routing rule with service: {s.name}, make it the default action "
                f"(alb.default_action.forward: {s.name}), or remove load_balancer",
                s.name,
            )


@check(
    id="W-ROUTING-RULE-QUOTA",
    severity="warning",
    title="No more rules than the default quota per load balancer",
    doc=_QUOTAS,
    tags=("routing", "quotas"),
)
def rule_quota(a: Answers) -> Iterator[Issue]:
    if len(a.routing) > catalog.RULES_PER_ALB:
        yield finding(
            "routing",
            f"{len(a.routing)} rules exceed the default quota of {catalog.RULES_PER_ALB} "
            "rules per load balancer",
            "request a quota increase (Elastic Load Balancing) or merge rules",
            len(a.routing),
        )


@check(
    id="E-ROUTING-PRIORITY",
    severity="error",
    title="Rule priorities are 1-50000 and unique",
    doc=_RULES,
    tags=("routing",),
)
def priorities(a: Answers) -> Iterator[Issue]:
    prios: dict[int, int] = {}
    for i, r in enumerate(a.routing):
        path = f"routing[{i}].priority"
        if not catalog.RULE_PRIORITY_MIN <= r.priority <= catalog.RULE_PRIORITY_MAX:
            yield finding(path, "must be 1-50000", "e.g. 10, 20, 30", r.priority)
        elif r.priority in prios:
            yield finding(
                path,
                f"priority {r.priority} is already used by rule "
                f"`{a.routing[prios[r.priority]].name}`",
                "give every rule a different priority",
                r.priority,
            )
        prios.setdefault(r.priority, i)


@check(
    id="E-ROUTING-SERVICE",
    severity="error",
    title="Rules forward to a load-balanced service",
    doc=_SERVICE_LB,
    tags=("routing", "services"),
)
def references(a: Answers) -> Iterator[Issue]:
    for i, r in enumerate(a.routing):
        issue = service_ref_issue(a, f"routing[{i}].service", r.service)
        if issue:
            yield issue


def _value_count(r: Rule) -> int:
    return (
        len(r.hosts)
        + len(r.paths)
        + len(r.source_ips)
        + len(r.methods)
        + sum(len(v) for v in r.http_headers.values())
        + len(r.query_strings)
    )


def _wildcards(value: str) -> int:
    return value.count("*") + value.count("?")


@check(
    id="E-ROUTING-NO-CONDITION",
    severity="error",
    title="Every rule has a condition (the catch-all is the default action)",
    doc=_CONDITIONS,
    tags=("routing",),
)
def no_condition(a: Answers) -> Iterator[Issue]:
    for i, r in enumerate(a.routing):
        if _value_count(r) == 0:
            yield finding(
                f"routing[{i}]",
                "has no condition, so it would match every request",
                "add hosts, paths, source_ips, http_headers, query_strings or methods "
                "(use alb.default_action for the catch-all)",
            )


@check(
    id="E-ROUTING-QUOTA",
    severity="error",
    title="Condition values per rule and per condition, and wildcards per rule, are in quota",
    doc=_QUOTAS,
    tags=("routing", "quotas"),
)
def condition_quotas(a: Answers) -> Iterator[Issue]:
    for i, r in enumerate(a.routing):
        base = f"routing[{i}]"
        values = _value_count(r)
        if values > catalog.CONDITION_VALUES_PER_RULE:
            yield finding(
                base,
                f"has {values} condition values; AWS allows {catalog.CONDITION_VALUES_PER_RULE} "
                "per rule",
                "split it into several rules with the same service",
                values,
            )
        per_condition = [
            (key, getattr(r, key)) for key in ("hosts", "paths", "source_ips", "methods")
        ]
        per_condition += [(f"http_headers.{name}", vals) for name, vals in r.http_headers.items()]
        for key, vals in per_condition:
            if len(vals) > VALUES_PER_CONDITION_MAX:
                yield finding(
                    f"{base}.{key}",
                    f"has {len(vals)} values; AWS allows at most {VALUES_PER_CONDITION_MAX} per "
                    "condition",
                    f"keep at most {VALUES_PER_CONDITION_MAX} here and move the rest to another "
                    "rule with the same service",
                    len(vals),
                )
        wild = (
            sum(map(_wildcards, r.hosts))
            + sum(map(_wildcards, r.paths))
            + sum(_wildcards(v) for vs in r.http_headers.values() for v in vs)
            + sum(_wildcards(k) + _wildcards(v) for k, v in r.query_strings.items())
        )
        if wild > catalog.WILDCARDS_PER_RULE:
            yield finding(
                base,
                f"uses {wild} wildcards; AWS allows {catalog.WILDCARDS_PER_RULE} per rule",
                "use fewer * and ? (hosts, paths, header values and query string keys and "
                "values all count) or split the rule",
                wild,
            )


def _pattern_issues(base: str, r: Rule) -> Iterator[Issue]:
    for j, h in enumerate(r.hosts):
        if not HOST_PATTERN_RE.match(h):
            yield finding(
                f"{base}.hosts[{j}]",
                "is not a valid host pattern",
                "letters, digits, - . and the wildcards * ?, up to 128 characters",
                h,
            )
        elif "." not in h:
            yield finding(
                f"{base}.hosts[{j}]",
                "a host pattern must contain at least one dot",
                f"use the full host name, e.g. `{h}.example.com` or `*.example.com`",
                h,
            )
    for j, p in enumerate(r.paths):
        if not PATH_PATTERN_RE.match(p):
            yield finding(
                f"{base}.paths[{j}]",
                "is not a valid path pattern",
                "start with /, up to 128 characters, e.g. /api/*",
                p,
            )
    for j, ip in enumerate(r.source_ips):
        issue = cidr_issue(f"{base}.source_ips[{j}]", ip)
        if issue:
            yield issue
    for j, m in enumerate(r.methods):
        if not METHOD_RE.match(m):
            yield finding(
                f"{base}.methods[{j}]", "must be an upper-case HTTP method", "e.g. GET, POST", m
            )


def _header_and_query_issues(base: str, r: Rule) -> Iterator[Issue]:
    for name, vals in r.http_headers.items():
        if not HEADER_NAME_RE.match(name):
            yield finding(
                f"{base}.http_headers.{name}",
                "is not a valid header name (up to 40 characters)",
                "e.g. X-Env",
                name,
            )
        if not vals:
            yield finding(f"{base}.http_headers.{name}", "has no values", "add a value", vals)
        for k, v in enumerate(vals):
            if not 1 <= len(v) <= catalog.HTTP_HEADER_VALUE_MAX_LEN:
                yield finding(
                    f"{base}.http_headers.{name}[{k}]",
                    "must be 1-128 characters",
                    "write a value of 1 to 128 characters (* and ? match any characters)",
                    v,
                )
    for key, v in r.query_strings.items():
        if has_control(key):
            yield finding(
                f"{base}.query_strings",
                "a query string key contains a line break or control character",
                "remove it",
                key,
            )
        elif len(key) > catalog.QUERY_STRING_MAX_LEN or not 1 <= len(v) <= 128:
            yield finding(
                f"{base}.query_strings.{key}",
                "keys and values must be 1-128 characters",
                "shorten",
                v,
            )


@check(
    id="E-ROUTING-FORMAT",
    severity="error",
    title="Hosts, paths, source IPs, methods, headers and query strings are well formed",
    doc=_CONDITIONS,
    tags=("routing",),
)
def condition_formats(a: Answers) -> Iterator[Issue]:
    for i, r in enumerate(a.routing):
        base = f"routing[{i}]"
        yield from _pattern_issues(base, r)
        yield from _header_and_query_issues(base, r)
