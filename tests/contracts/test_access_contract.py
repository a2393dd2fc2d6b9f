"""Contract: the ids, names and ARNs the access rules accept (validation/rules/access.py) are
those the modules' new validations accept (ecs-service egress_rules, service_connect and
additional_security_group_ids / task_role_policy_arns; alb dns_records and waf_web_acl_arn;
the root namespace), read from the module source."""

from __future__ import annotations

import re

from ecs_wizard.validation import patterns
from ecs_wizard.validation.rules import access
from tests.contracts import tf_source as tf
from tests.contracts.probes import (
    around,
    disagreements,
    python_accepts_only_what_the_module_accepts,
)

IDS = ["sg-0123456789abcdef0", "sg-01234567", "sg-0123456789ABCDEF0", "sg-012345678", "sg-"]


def test_egress_destination_ids_match_ecs_service() -> None:
    expr = tf.condition("ecs-service", "egress_rules", "cidrhost")
    module = [
        re.compile(p.replace("\\\\", "\\")) for p in re.findall(r'regex\("([^"]+)", d\)', expr)
    ]
    assert len(module) == 2
    sg, pl = module
    assert not disagreements(access.SG_ID_RE, sg, IDS)
    assert not disagreements(access.PREFIX_LIST_RE, pl, [i.replace("sg-", "pl-") for i in IDS])


def test_additional_security_groups_and_policy_arns_match_ecs_service() -> None:
    expr = tf.condition("ecs-service", "additional_security_group_ids", "regex")
    assert not disagreements(access.SG_ID_RE, tf.regex_for(expr, "s"), IDS)
    assert tf.bounds(expr, "length(var.additional_security_group_ids)") == (
        None,
        access.SECURITY_GROUPS_MAX,
    )
    expr = tf.condition("ecs-service", "task_role_policy_arns", "regex")
    probes = [
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        "arn:aws:iam::123456789012:policy/team/app",
        "arn:aws-us-gov:iam::123456789012:policy/x",
        "arn:aws:iam::12345:policy/x",
        "arn:aws:iam::aws:role/x",
        "AmazonS3ReadOnlyAccess",
    ]
    module = tf.regex_for(expr, "v")
    assert not python_accepts_only_what_the_module_accepts(access.POLICY_ARN_RE, module, probes)


def test_service_connect_names_match_ecs_service() -> None:
    expr = tf.condition("ecs-service", "service_connect", "port_name")
    port_name = tf.regex_for(expr, "var.service_connect.server.port_name")
    probes = ["http", "api-8080", "a_b", "-x", "Http", *around(64), *around(65)]
    assert not disagreements(access.PORT_NAME_RE, port_name, probes)


def test_dns_records_and_waf_match_alb() -> None:
    expr = tf.condition("alb", "dns_records", "zone_id")
    zone = tf.regex_for(expr, "r.zone_id")
    assert not disagreements(patterns.ZONE_RE, zone, ["Z0123456789ABCDEFGHIJ", "z1", "Z" * 33])
    name = tf.regex_for(expr, "lower(r.name)")
    hosts = ["shop.example.com", "*.example.com", "a.b", "localhost", "-a.example.com"]
    assert not python_accepts_only_what_the_module_accepts(patterns.DOMAIN_RE, name, hosts)
    expr = tf.condition("alb", "waf_web_acl_arn", "regex")
    waf = tf.regex_for(expr, "var.waf_web_acl_arn")
    uuid = "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
    probes = [
        f"arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/{uuid}",
        f"arn:aws:wafv2:us-east-1:123456789012:global/webacl/shop/{uuid}",
        "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop",
    ]
    assert not python_accepts_only_what_the_module_accepts(access.WAF_ARN_RE, waf, probes)
