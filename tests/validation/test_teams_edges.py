"""rules/teams.py, edge by edge: each state and CI rule with its exact message, fix and value,
and bucket_name_problem's every reason (issue 14: the mutation run of teams.py)."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.validation import validate_data
from ecs_wizard.validation.rules.teams import bucket_name_problem
from tests.validation.helpers import data

OK_STATE = {"bucket": "shop-tfstate-123456789012"}
ROLE = "arn:aws:iam::123456789012:role/ci"


def found(d: dict[str, Any], rule: str) -> list[tuple[str, str, str, Any]]:
    return [(i.path, i.message, i.fix, i.value) for i in validate_data(d).issues if i.rule == rule]


def state(**fields: Any) -> dict[str, Any]:
    return data(state={**OK_STATE, **fields})


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("ab", "must be 3 to 63 characters long"),
        ("a" * 64, "must be 3 to 63 characters long"),
        ("a..b", "must not contain two dots in a row"),
        ("192.168.1.10", "must not look like an IP address"),
        ("xn--abc", "must not start with xn--"),
        ("sthree-abc", "must not start with sthree-"),
        ("amzn-s3-demo-abc", "must not start with amzn-s3-demo-"),
        ("abc-s3alias", "must not end with -s3alias"),
        ("abc--ol-s3", "must not end with --ol-s3"),
        ("abc.mrap", "must not end with .mrap"),
        ("abc--x-s3", "must not end with --x-s3"),
        ("abc--table-s3", "must not end with --table-s3"),
        (
            "Abc",
            "may hold only lower-case letters, digits, dots and hyphens, and must start and "
            "end with a letter or digit",
        ),
        ("abc", None),
        ("a" * 63, None),
        ("192.168.1", None),  # not an IPv4 address
    ],
)
def test_bucket_name_problem(name, problem):
    assert bucket_name_problem(name) == problem


def test_state_bucket_issue():
    assert found(state(bucket="ab"), "E-STATE-BUCKET") == [
        (
            "state.bucket",
            "the bucket name must be 3 to 63 characters long",
            "use e.g. <project>-tfstate-<account id>, in lower case",
            "ab",
        )
    ]
    assert found(state(), "E-STATE-BUCKET") == []
    assert found(data(), "E-STATE-BUCKET") == []


def test_state_region():
    assert found(state(region="eu-wset-1"), "E-STATE-REGION") == [
        ("state.region", "is not a known AWS region", "did you mean eu-west-1?", "eu-wset-1")
    ]
    assert found(state(region="mars"), "E-STATE-REGION") == [
        ("state.region", "is not a known AWS region", "use a region code such as eu-west-1", "mars")
    ]
    assert found(state(region="us-east-1"), "E-STATE-REGION") == []
    assert found(state(), "E-STATE-REGION") == []  # default: the project's region


KEY_PREFIX = (
    "state.key_prefix",
    "must be path segments of letters, digits and !_.*'()- separated by single slashes, with "
    "no slash at either end",
    "e.g. ecs-wizard or teams/shop",
)


@pytest.mark.parametrize(
    ("prefix", "ok"),
    [
        ("teams/shop", True),
        ("a" * 900, True),
        ("a" * 901, False),
        ("/abs/", False),
        ("a//b", False),
        ("a b", False),
    ],
)
def test_state_key_prefix(prefix, ok):
    expected = [(*KEY_PREFIX, prefix)]
    assert found(state(key_prefix=prefix), "E-STATE-KEY-PREFIX") == ([] if ok else expected)


def test_state_lock_table():
    assert found(state(lock="dynamodb"), "E-STATE-LOCK-TABLE") == [
        (
            "state.dynamodb_table",
            "is required when lock is dynamodb",
            "name the lock table (bootstrap/ creates it), or use lock: lockfile "
            "(Terraform >= 1.10)",
            None,
        )
    ]
    assert found(state(lock="dynamodb", dynamodb_table="ab"), "E-STATE-LOCK-TABLE") == [
        (
            "state.dynamodb_table",
            "must be 3 to 255 letters, digits, underscores, dots or hyphens",
            "e.g. shop-tfstate-lock",
            "ab",
        )
    ]
    assert found(state(lock="dynamodb", dynamodb_table="abc"), "E-STATE-LOCK-TABLE") == []
    assert found(state(dynamodb_table="t-lock"), "E-STATE-LOCK-TABLE") == [
        (
            "state.dynamodb_table",
            "is only used when lock is dynamodb",
            "remove it, or set lock: dynamodb",
            "t-lock",
        )
    ]
    assert found(state(), "E-STATE-LOCK-TABLE") == []


def test_state_kms_key():
    assert found(state(kms_key_id="my key"), "E-STATE-KMS-KEY") == [
        (
            "state.kms_key_id",
            "is not a KMS key id, key ARN or alias",
            "e.g. arn:aws:kms:eu-west-1:123456789012:key/<uuid> or alias/tfstate",
            "my key",
        )
    ]
    assert found(state(kms_key_id="alias/tfstate"), "E-STATE-KMS-KEY") == []
    assert found(state(), "E-STATE-KMS-KEY") == []


def ci(**github: Any) -> dict[str, Any]:
    return data(ci={"github": {"aws_role_arn": ROLE, **github}})


def test_ci_role_arn():
    assert found(ci(aws_role_arn="nope"), "E-CI-ROLE-ARN") == [
        (
            "ci.github.aws_role_arn",
            "is not an IAM role ARN",
            "e.g. arn:aws:iam::123456789012:role/ecs-wizard-ci (a role trusting GitHub's OIDC "
            "provider)",
            "nope",
        )
    ]
    assert found(ci(), "E-CI-ROLE-ARN") == []
    assert found(data(), "E-CI-ROLE-ARN") == []


@pytest.mark.parametrize(
    ("wd", "ok"),
    [
        (".", True),
        ("infra/shop", True),
        ("infra/shop/", True),
        ("../x", False),
        ("a/../b", False),
        ("/abs", False),
        ("a b", False),
        ("..x", True),  # a name, not a parent reference
        ("..X", True),
        ("Infra/Shop", True),
    ],
)
def test_ci_working_directory(wd, ok):
    expected = (
        "ci.github.working_directory",
        "must be a relative path inside the repository (letters, digits, . _ - /, no ..)",
        "e.g. infra/shop, or . when the rendered directory is the repository root",
        wd,
    )
    assert found(ci(working_directory=wd), "E-CI-WORKING-DIRECTORY") == ([] if ok else [expected])
