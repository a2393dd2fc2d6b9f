"""rules/aws_quotas.py: sizes and counts AWS refuses at apply (issue 19), at their bounds."""

from __future__ import annotations

import pytest

from ecs_wizard.aws import limits
from ecs_wizard.model.answers import Answers
from ecs_wizard.validation.rules.aws_quotas import policy_chars, task_policy_json
from tests.validation.helpers import Change, check_rule_ids, data, errors, mutated

ZONE = "Z0123456789ABCDEFGHIJ"
KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
MRK = "mrk-1234abcd12ab34cd56ef1234567890ab"


def statements(n: int, resource_len: int = 200) -> list[dict]:
    return [
        {"actions": ["s3:GetObject"], "resources": [f"arn:aws:s3:::{'b' * resource_len}/{i}"]}
        for i in range(n)
    ]


def cidrs(n: int, v6: bool = False) -> list[str]:
    return [f"2001:db8:{i:x}::/48" if v6 else f"10.{i // 256}.{i % 256}.0/24" for i in range(n)]


def long_name(n: int) -> str:
    labels, left = [], n - len(".example.com")
    while left > 0:
        take = min(63, left)
        labels.append("a" * take)
        left -= take + 1
    name = ".".join(labels) + ".example.com"
    return name[len(name) - n :].lstrip(".")


def kms_state(key: str, lock: str = "dynamodb") -> dict:
    extra = {"dynamodb_table": "shop-lock"} if lock == "dynamodb" else {}
    return {"bucket": "shop-tfstate-123456789012", "lock": lock, "kms_key_id": key, **extra}


RULE_IDS: list[tuple[Change, list[tuple[str, str]]]] = [
    (
        {"services[0].task_role": {"statements": statements(60)}},
        [("services[0].task_role.statements", "E-IAM-POLICY-SIZE")],
    ),
    (
        {"services[0].containers[0].environment": {f"V{i}": "x" * 1000 for i in range(70)}},
        [("services[0].containers", "E-TASKDEF-SIZE")],
    ),
    ({"alb.ingress_cidrs": cidrs(31)}, [("alb.ingress_cidrs", "E-SG-RULES")]),
    (
        {"alb.dns_records": [{"name": long_name(256), "zone_id": ZONE}]},
        [("alb.dns_records[0].name", "E-DNS-NAME-LENGTH")],
    ),
    ({"state": kms_state("alias/tfstate")}, [("state.kms_key_id", "E-STATE-LOCK-KMS-ARN")]),
]


@pytest.mark.parametrize(
    ("change", "expected"), RULE_IDS, ids=[",".join(r for _, r in exp) for _, exp in RULE_IDS]
)
def test_rule_ids(change, expected):
    check_rule_ids(change, expected)


def _policy_size(n: int, resource_len: int) -> int:
    d = data(**{"services[0].task_role": {"statements": statements(n, resource_len)}})
    doc = task_policy_json(Answers.model_validate(d).services[0])
    assert doc is not None
    return policy_chars(doc)


def test_policy_size_at_the_bound():
    """The largest policy that fits is accepted; one character more is refused."""
    # Find a policy just under the limit by growing the last resource.
    base = _policy_size(30, 200)
    assert base < limits.IAM_ROLE_INLINE_POLICY_CHARS
    grow = limits.IAM_ROLE_INLINE_POLICY_CHARS - base
    sts = statements(30, 200)
    sts[-1]["resources"][0] += "x" * grow
    at = data(**{"services[0].task_role": {"statements": sts}})
    size = policy_chars(task_policy_json(Answers.model_validate(at).services[0]) or "")
    assert size == limits.IAM_ROLE_INLINE_POLICY_CHARS
    assert "services[0].task_role.statements" not in errors(at)
    sts[-1]["resources"][0] += "x"
    over = data(**{"services[0].task_role": {"statements": sts}})
    assert "services[0].task_role.statements" in errors(over)
    # ECS Exec adds its own inline policy to the same role: the same policy no longer fits.
    at["services"][0]["enable_execute_command"] = True
    assert "services[0].task_role.statements" in errors(at)


def test_white_space_is_not_counted():
    assert policy_chars('{"a": [ "b",\n "c" ]}') == len('{"a":["b","c"]}')


@pytest.mark.parametrize(("n", "refused"), [(30, False), (31, True)])
def test_ipv4_rules_per_direction(n, refused):
    """31 CIDRs x 2 ports (80 and 443) = 62 rules: refused; 30 x 2 = 60 fits."""
    d = data(**{"alb.ingress_cidrs": cidrs(n)})
    d["alb"]["https"] = {"certificates": [{"domain": "shop.example.com"}]}
    assert ("alb.ingress_cidrs" in errors(d)) is refused


def test_ipv4_and_ipv6_are_counted_apart():
    d = mutated({"alb.ingress_cidrs": cidrs(30) + cidrs(30, v6=True)})
    d["alb"]["https"] = {"certificates": [{"domain": "shop.example.com"}]}
    assert "alb.ingress_cidrs" not in errors(d)
    d["alb"]["ingress_cidrs"] = cidrs(30) + cidrs(31, v6=True)
    found = errors(d)["alb.ingress_cidrs"]
    assert any("IPv6" in m and "62" in m for m in found), found


@pytest.mark.parametrize(("n", "refused"), [(255, False), (256, True)])
def test_dns_record_name_length(n, refused):
    name = long_name(n)
    assert len(name) == n
    d = data(**{"alb.dns_records": [{"name": name, "zone_id": ZONE}]})
    assert ("alb.dns_records[0].name" in errors(d)) is refused


def test_task_definition_under_64_kib_is_accepted():
    d = data(**{"services[0].containers[0].environment": {f"V{i}": "x" * 1000 for i in range(60)}})
    assert "services[0].containers" not in errors(d)


@pytest.mark.parametrize(
    ("key", "lock", "ok"),
    [
        ("alias/tfstate", "dynamodb", False),
        ("0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", "dynamodb", False),
        (KEY_ARN, "dynamodb", True),
        (f"arn:aws:kms:eu-west-1:123456789012:key/{MRK}", "dynamodb", True),
        ("alias/tfstate", "lockfile", True),
        (MRK, "lockfile", True),
    ],
)
def test_kms_keys_for_the_state(key, lock, ok):
    """The lock table needs a key ARN; a multi-Region key (mrk-) is valid everywhere."""
    found = errors(data(state=kms_state(key, lock)))
    assert ("state.kms_key_id" not in found) is ok, found
