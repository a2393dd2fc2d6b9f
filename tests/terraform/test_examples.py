"""The examples plan offline with the resources they declare, in an order AWS accepts.

Expected counts are derived from what each example declares (number of services, rules,
certificate names, CIDRs x listener ports...), written out below next to the derivation, and
the declaration itself is cross-checked against the example's main.tf so the two cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import EXAMPLES_DIR, count_by_type
from ..tools.aws_schema import parse_hcl
from .conftest import (
    EXAMPLE_NAMES,
    Graph,
    PlannedExample,
    config_address,
    module_of,
    resource_type,
)

pytestmark = [pytest.mark.terraform, pytest.mark.slow]


@dataclass(frozen=True)
class Declared:
    """What an example declares, in the terms that drive resource counts."""

    services: int  # ecs-service module calls
    lb_services: int  # ...of which behind the load balancer (the rest are workers)
    rules: int  # alb-rule module calls
    listeners: int  # HTTP + HTTPS
    ingress_cidrs: int  # IPv4 CIDRs allowed to the listener ports
    new_certificates: int
    validation_names: int  # distinct DNS names validated through Route 53
    existing_certificates: int
    extra_route53_records: int  # records the example itself declares (aliases)
    ec2_capacity: bool
    autoscaled_services: int
    scaling_policies: int  # target-tracking policies over all services
    services_with_secrets: int
    task_egress_ports: int = 1  # ecs-service default egress: 443 to the egress CIDRs

    def expected_counts(self) -> dict[str, int]:
        ec2 = 1 if self.ec2_capacity else 0
        certificates = self.new_certificates + self.existing_certificates
        return {
            "aws_ecs_cluster": 1,
            "aws_ecs_cluster_capacity_providers": 1,
            # one service and one task definition per ecs-service call
            "aws_ecs_service": self.services,
            "aws_ecs_task_definition": self.services,
            # a target group only for load-balanced services
            "aws_lb_target_group": self.lb_services,
            "aws_lb_listener_rule": self.rules,
            "aws_lb": 1,
            "aws_lb_listener": self.listeners,
            "aws_acm_certificate": self.new_certificates,
            "aws_acm_certificate_validation": self.new_certificates,
            # the first certificate is the listener default, the others are SNI attachments
            "aws_lb_listener_certificate": max(0, certificates - 1),
            "aws_route53_record": self.validation_names + self.extra_route53_records,
            # ALB SG + one task SG per service (+ the EC2 instance SG)
            "aws_security_group": 1 + self.services + ec2,
            # ALB: CIDR x listener port; tasks: only from the ALB SG, one rule per LB service
            "aws_vpc_security_group_ingress_rule": self.ingress_cidrs * self.listeners
            + self.lb_services,
            # ALB -> each LB service's task SG on its port; tasks -> egress ports; EC2
            # instances -> HTTPS to their one default egress CIDR (0.0.0.0/0)
            "aws_vpc_security_group_egress_rule": self.lb_services
            + self.services * self.task_egress_ports
            + ec2,
            # execution role + task role per service (+ the EC2 instance role)
            "aws_iam_role": 2 * self.services + ec2,
            "aws_iam_role_policy": self.services_with_secrets,
            "aws_iam_instance_profile": ec2,
            "aws_launch_template": ec2,
            "aws_autoscaling_group": ec2,
            "aws_ecs_capacity_provider": ec2,
            # cluster (ECS Exec audit) log group + one per service
            "aws_cloudwatch_log_group": 1 + self.services,
            "aws_appautoscaling_target": self.autoscaled_services,
            "aws_appautoscaling_policy": self.scaling_policies,
        }


DECLARED = {
    # web + api behind the ALB; api_rule (host api.<domain>) and web_rule (path /*);
    # HTTP (redirect) + HTTPS; one CIDR (0.0.0.0/0); one new certificate for <domain> and
    # api.<domain>, validated in Route 53 (2 records) plus 2 alias records; web autoscales on
    # CPU and requests per target; api reads one secret.
    "fargate-https": Declared(
        services=2,
        lb_services=2,
        rules=2,
        listeners=2,
        ingress_cidrs=1,
        new_certificates=1,
        validation_names=2,
        existing_certificates=0,
        extra_route53_records=2,
        ec2_capacity=False,
        autoscaled_services=1,
        scaling_policies=2,
        services_with_secrets=1,
    ),
    # web on the EC2 capacity provider behind the ALB (default action forwards to it, no rules);
    # worker on FARGATE_SPOT without a load balancer; HTTP (redirect) + HTTPS with one existing
    # certificate ARN; one CIDR; worker autoscales on CPU.
    "ec2-capacity": Declared(
        services=2,
        lb_services=1,
        rules=0,
        listeners=2,
        ingress_cidrs=1,
        new_certificates=0,
        validation_names=0,
        existing_certificates=1,
        extra_route53_records=0,
        ec2_capacity=True,
        autoscaled_services=1,
        scaling_policies=1,
        services_with_secrets=0,
    ),
}


def test_every_example_has_a_declaration() -> None:
    assert set(DECLARED) == set(EXAMPLE_NAMES)


def _module_calls(name: str) -> dict[str, dict]:
    calls: dict[str, dict] = {}
    for tf in sorted((EXAMPLES_DIR / name).glob("*.tf")):
        for block in parse_hcl(tf.read_text(encoding="utf-8")).get("module", []):
            for label, body in block.items():
                calls[label.strip('"')] = body
    return calls


def _source(body: dict) -> str:
    return str(body.get("source", "")).strip('"').rstrip("/").rsplit("/", 1)[-1]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_declaration_matches_the_example_code(name: str) -> None:
    calls = _module_calls(name)
    declared = DECLARED[name]
    services = {k: v for k, v in calls.items() if _source(v) == "ecs-service"}
    assert len(services) == declared.services
    with_lb = [k for k, v in services.items() if "load_balancer" in v]
    assert len(with_lb) == declared.lb_services
    assert sum(1 for v in calls.values() if _source(v) == "alb-rule") == declared.rules
    assert sum(1 for v in services.values() if "autoscaling" in v) == declared.autoscaled_services
    cluster = [v for v in calls.values() if _source(v) == "ecs-cluster"]
    assert len(cluster) == 1 and ("ec2" in cluster[0]) == declared.ec2_capacity
    assert sum(1 for v in calls.values() if _source(v) == "alb") == 1


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_plans_expected_resource_counts(planned_example, name: str) -> None:
    example: PlannedExample = planned_example(name)
    managed = {
        **example.plan,
        "resource_changes": [
            rc for rc in example.plan.get("resource_changes", []) if rc["mode"] == "managed"
        ],
    }
    counts = count_by_type(managed)
    expected = DECLARED[name].expected_counts()
    diff = {t: (counts.get(t, 0), n) for t, n in expected.items() if counts.get(t, 0) != n}
    assert not diff, (
        f"examples/{name}: resource counts differ (type: (planned, expected)):\n"
        + "\n".join(f"  {t}: {p}" for t, p in sorted(diff.items()))
    )
    # A fresh plan only creates: nothing to update, replace or delete.
    others = [
        rc["address"]
        for rc in example.plan.get("resource_changes", [])
        if rc["change"]["actions"] not in (["create"], ["no-op"], ["read"])
    ]
    assert not others, others


def _planned(example: PlannedExample, rtype: str) -> list[str]:
    """Graph nodes of `rtype` that the plan creates (the graph also lists count = 0 resources)."""
    created = {
        config_address(rc["address"])
        for rc in example.plan.get("resource_changes", [])
        if rc["mode"] == "managed" and "create" in rc["change"]["actions"]
    }
    return [n for n in example.graph.of_type(rtype) if n in created]


def _forwards(example: PlannedExample, node: str) -> bool:
    """Whether the planned listener/rule `node` has a forward action (a redirect does not route)."""
    for rc in example.plan.get("resource_changes", []):
        if rc["mode"] == "managed" and config_address(rc["address"]) == node:
            after = rc["change"]["after"] or {}
            actions = after.get("default_action") or after.get("action") or []
            if any(a.get("type") == "forward" for a in actions):
                return True
    return False


def _after(example: PlannedExample, rtype: str) -> list[tuple[str, dict]]:
    return [
        (rc["address"], rc["change"]["after"] or {})
        for rc in example.plan.get("resource_changes", [])
        if rc["type"] == rtype and rc["mode"] == "managed"
    ]


def ordering_problems(example: PlannedExample) -> tuple[list[str], int]:
    """The ordering trap: "target group does not have an associated load balancer".

    A listener or listener rule "routes to" a target group when it depends on it directly (its
    action references the group) and its planned action is a forward. Every aws_ecs_service
    resource (all lifecycle variants, count = 0 ones included: whichever is chosen must wait) of
    the module holding a target group must depend, transitively, on each of those routers.
    Returns (problems, number of target groups checked).
    """
    graph = example.graph
    routers = _planned(example, "aws_lb_listener") + _planned(example, "aws_lb_listener_rule")
    target_groups = _planned(example, "aws_lb_target_group")
    problems: list[str] = []
    for tg in target_groups:
        routes = [r for r in routers if tg in graph.edges[r] and _forwards(example, r)]
        if not routes:
            problems.append(f"nothing forwards to {tg}")
        services = [s for s in graph.of_type("aws_ecs_service") if module_of(s) == module_of(tg)]
        if not services:
            problems.append(f"no aws_ecs_service next to {tg}")
        for service in services:
            missing = [r for r in routes if r not in graph.depends_on(service)]
            if missing:
                problems.append(
                    f"{service} does not depend on {missing}, which forward(s) to {tg}: ECS "
                    "would reject the service (target group without a load balancer)"
                )
    return problems, len(target_groups)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_ecs_service_waits_for_the_listener_that_routes_to_it(
    planned_example, name: str
) -> None:
    example: PlannedExample = planned_example(name)
    problems, checked = ordering_problems(example)
    assert not problems, f"{name}:\n" + "\n".join(problems)
    assert checked == DECLARED[name].lb_services
    # Workers have no target group and need no listener.
    assert len(_planned(example, "aws_ecs_service")) == DECLARED[name].services


def _synthetic(edges: dict[str, set[str]], creates: list[tuple[str, dict]]) -> PlannedExample:
    changes = [
        {
            "address": addr,
            "mode": "managed",
            "type": resource_type(addr),
            "change": {"actions": ["create"], "after": after},
        }
        for addr, after in creates
    ]
    graph = Graph({k: set(v) for k, v in edges.items()})
    for deps in edges.values():
        for d in deps:
            graph.edges.setdefault(d, set())
    return PlannedExample("synthetic", Path("."), Path("."), {"resource_changes": changes}, graph)


def test_ordering_check_catches_a_service_created_before_its_rule() -> None:
    svc, tg = "module.web.aws_ecs_service.this", "module.web.aws_lb_target_group.this"
    rule, gate = "module.rule.aws_lb_listener_rule.this", "module.web.terraform_data.deps"
    creates = [
        (svc, {}),
        (tg + "[0]", {}),
        (rule, {"action": [{"type": "forward"}]}),
    ]
    good = _synthetic({svc: {gate}, gate: {rule}, rule: {tg}, tg: set()}, creates)
    assert ordering_problems(good) == ([], 1)
    bad = _synthetic({svc: {tg}, rule: {tg}, tg: set()}, creates)
    problems, _ = ordering_problems(bad)
    assert len(problems) == 1 and "does not depend on" in problems[0]
    # A redirect does not attach the target group: no router left.
    redirect = [(a, {"action": [{"type": "redirect"}]} if a == rule else v) for a, v in creates]
    problems, _ = ordering_problems(_synthetic({svc: {tg}, rule: {tg}, tg: set()}, redirect))
    assert problems == [f"nothing forwards to {tg}"]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_https_listener_waits_for_certificate_validation(planned_example, name: str) -> None:
    example: PlannedExample = planned_example(name)
    https = [
        config_address(addr)
        for addr, after in _after(example, "aws_lb_listener")
        if after.get("protocol") == "HTTPS"
    ]
    assert len(https) == 1, f"{name}: expected one HTTPS listener, got {https}"
    depends = example.graph.depends_on(https[0])
    validations = _planned(example, "aws_acm_certificate_validation")
    if DECLARED[name].new_certificates:
        assert validations, f"{name}: no aws_acm_certificate_validation in the graph"
        for validation in validations:
            assert validation in depends, f"{https[0]} does not wait for {validation}"
    else:
        # Existing certificates only: nothing requested, nothing to wait for.
        assert not _after(example, "aws_acm_certificate")
        assert not validations


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_is_secure_by_default(planned_example, name: str) -> None:
    example: PlannedExample = planned_example(name)
    listeners = dict(_after(example, "aws_lb_listener"))
    for addr, after in listeners.items():
        if after.get("protocol") == "HTTPS":
            assert after["ssl_policy"] == "ELBSecurityPolicy-TLS13-1-2-2021-06", addr
        else:
            action = after["default_action"][0]
            assert action["type"] == "redirect", f"{addr}: HTTP must redirect to HTTPS"
            assert action["redirect"][0]["protocol"] == "HTTPS"
            assert action["redirect"][0]["status_code"] == "HTTP_301"
    for addr, after in _after(example, "aws_ecs_service"):
        network = after["network_configuration"][0]
        assert network["assign_public_ip"] is False, f"{addr} must not get a public IP"
    for addr, after in _after(example, "aws_lb"):
        assert after["drop_invalid_header_fields"] is True, addr
    for addr, after in _after(example, "aws_cloudwatch_log_group"):
        assert after.get("retention_in_days"), f"{addr} keeps logs forever / has no retention"
    for addr, after in _after(example, "aws_launch_template"):
        assert after["metadata_options"][0]["http_tokens"] == "required", f"{addr}: IMDSv2"
    # Task security groups accept traffic only from another security group (the ALB's).
    for addr, after in _after(example, "aws_vpc_security_group_ingress_rule"):
        if "module.alb." not in addr:
            assert after.get("cidr_ipv4") is None and after.get("cidr_ipv6") is None, addr
