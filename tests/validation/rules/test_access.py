"""rules/access.py: egress, extra security groups, the task role, Service Connect, the ALB's
DNS records and WAF web ACL (issue 10 section 3)."""

from __future__ import annotations

import pytest

from ecs_wizard.validation import validate_data
from tests.validation.helpers import Change, check_rule_ids, data, error_at, errors

SG = "sg-0123456789abcdef0"
PL = "pl-0123456789abcdef0"
WAF = (
    "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/"
    + "0" * 8
    + "-0000-0000-0000-"
    + "0" * 12
)
ZONE = "Z0123456789ABCDEFGHIJ"


def connect(d: dict) -> None:
    d["service_connect"] = {"namespace": "shop.internal"}
    d["services"][0]["service_connect"] = {"client": True}
    d["services"][1]["service_connect"] = {"server": {"port_name": "api-8080"}}


GOOD = {
    "services[1].egress": [
        {"port": 5432, "to": ["10.0.0.0/16", SG, PL]},
        {"port": 8000, "to_port": 8100, "protocol": "udp", "to": ["2001:db8::/32"]},
        {"protocol": "all", "to": [SG]},
    ],
    "services[1].security_group_ids": [SG],
    "services[1].task_role": {
        "policy_arns": ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
        "statements": [
            {"actions": ["sqs:SendMessage", "s3:Get*"], "resources": ["arn:aws:sqs:*:*:q", "*"]},
            {"effect": "Deny", "actions": ["*"], "resources": ["arn:aws:s3:::b/*"]},
        ],
    },
    "alb.dns_records": [{"name": "shop.example.com", "zone_id": ZONE}],
    "alb.waf_web_acl_arn": WAF,
}


def test_good_answers_pass():
    d = data(**GOOD)
    connect(d)
    r = validate_data(d)
    assert r.ok, r.errors


def test_egress_default_rule_repeated_is_refused():
    issue = error_at(
        data(**{"services[1].egress": [{"port": 443, "to": ["0.0.0.0/0"]}]}),
        "services[1].egress[0].to[0]",
    )
    assert "default rule" in issue.message


@pytest.mark.parametrize(
    ("rule", "path"),
    [
        ({"port": 5432, "to": ["10.0.0.1/16"]}, "services[1].egress[0].to[0]"),
        ({"port": 5432, "to": ["sg-12"]}, "services[1].egress[0].to[0]"),
        ({"port": 5432, "to": ["pl-xyz"]}, "services[1].egress[0].to[0]"),
        ({"port": 5432, "to": ["db.example.com"]}, "services[1].egress[0].to[0]"),
        ({"to": ["10.0.0.0/8"]}, "services[1].egress[0].port"),
        ({"port": 70000, "to": ["10.0.0.0/8"]}, "services[1].egress[0].port"),
        ({"port": 10, "to_port": 5, "to": ["10.0.0.0/8"]}, "services[1].egress[0].to_port"),
        ({"protocol": "all", "port": 1, "to": ["10.0.0.0/8"]}, "services[1].egress[0].port"),
    ],
)
def test_egress_errors(rule, path):
    assert path in errors(data(**{"services[1].egress": [rule]}))


def test_security_groups_and_task_role_errors():
    e = errors(
        data(
            **{
                "services[1].security_group_ids": [
                    SG,
                    SG,
                    "sg-x",
                    *[f"sg-{i:08x}" for i in range(3)],
                ],
                "services[1].task_role": {
                    "policy_arns": ["AmazonS3ReadOnlyAccess"],
                    "statements": [{"actions": ["s3 GetObject"], "resources": ["bucket"]}],
                },
            }
        )
    )
    for path in (
        "services[1].security_group_ids[1]",
        "services[1].security_group_ids[2]",
        "services[1].security_group_ids",
        "services[1].task_role.policy_arns[0]",
        "services[1].task_role.statements[0].actions[0]",
        "services[1].task_role.statements[0].resources[0]",
    ):
        assert path in e, e


def test_effect_is_allow_or_deny():
    d = data(
        **{
            "services[1].task_role": {
                "statements": [{"effect": "allow", "actions": ["*"], "resources": ["*"]}]
            }
        }
    )
    assert not validate_data(d).ok


def test_service_connect_needs_a_namespace_and_a_known_port():
    d = data()
    connect(d)
    d.pop("service_connect")
    assert "services[0].service_connect" in errors(d)
    d = data()
    connect(d)
    d["services"][1]["service_connect"]["server"]["port_name"] = "http"
    issue = error_at(d, "services[1].service_connect.server.port_name")
    assert "api-8080" in issue.fix
    d = data()
    connect(d)
    d["services"][1]["containers"][0]["port_name"] = "http"
    d["services"][1]["service_connect"]["server"]["port_name"] = "http"
    assert validate_data(d).ok


RULE_IDS: list[tuple[Change, list[tuple[str, str]]]] = [
    (
        {"services[1].egress": [{"port": 5432, "to": ["db"]}]},
        [("services[1].egress[0].to[0]", "E-SERVICES-EGRESS")],
    ),
    (
        {"services[1].security_group_ids": ["sg-1"]},
        [("services[1].security_group_ids[0]", "E-SERVICES-SECURITY-GROUPS")],
    ),
    (
        {"services[1].task_role": {"policy_arns": ["x"]}},
        [("services[1].task_role.policy_arns[0]", "E-SERVICES-TASK-ROLE")],
    ),
    (
        {"services[1].containers[0].port_name": "Http"},
        [("services[1].containers[0].port_name", "E-SERVICES-PORT-NAME")],
    ),
    (
        {"services[1].service_connect": {"client": True}},
        [("services[1].service_connect", "E-SERVICES-CONNECT")],
    ),
    (
        {"alb.dns_records": [{"name": "shop.example.com", "zone_id": "zone"}]},
        [("alb.dns_records[0].zone_id", "E-ALB-DNS-RECORDS")],
    ),
    (
        {"alb.waf_web_acl_arn": WAF.replace("eu-west-1", "us-east-1")},
        [("alb.waf_web_acl_arn", "E-ALB-WAF")],
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), RULE_IDS, ids=[",".join(r for _, r in exp) for _, exp in RULE_IDS]
)
def test_rule_ids(change, expected):
    check_rule_ids(change, expected)


def test_an_unset_discovery_name_is_the_port_name_and_must_fit_cloud_map():
    """A port name may hold `_` (container names do); unset, the discovery name is that port
    name, which Cloud Map (and the module's validation) refuse: reported at validate, with
    the fix, instead of at plan."""
    d = data()
    connect(d)
    d["services"][1]["containers"][0]["port_name"] = "my_api"
    d["services"][1]["service_connect"]["server"]["port_name"] = "my_api"
    issue = error_at(d, "services[1].service_connect.server.discovery_name")
    assert "unset, it is the port name my_api" in issue.message
    assert issue.fix.startswith("set discovery_name")
    d["services"][1]["service_connect"]["server"]["discovery_name"] = "api"
    assert validate_data(d).ok
