"""rules/teams.py: the S3 state backend and the CI settings."""

from __future__ import annotations

import pytest

from ecs_wizard.validation.rules.teams import bucket_name_problem
from tests.validation.helpers import Change, check_rule_ids, data, errors

OK_STATE = {"bucket": "shop-tfstate-123456789012"}
ROLE = "arn:aws:iam::123456789012:role/ci"

RULE_IDS: list[tuple[Change, list[tuple[str, str]]]] = [
    ({"state": {"bucket": "Shop_State"}}, [("state.bucket", "E-STATE-BUCKET")]),
    ({"state": {**OK_STATE, "region": "eu-wset-1"}}, [("state.region", "E-STATE-REGION")]),
    ({"state": {**OK_STATE, "key_prefix": "/abs/"}}, [("state.key_prefix", "E-STATE-KEY-PREFIX")]),
    (
        {"state": {**OK_STATE, "lock": "dynamodb"}},
        [("state.dynamodb_table", "E-STATE-LOCK-TABLE")],
    ),
    ({"state": {**OK_STATE, "kms_key_id": "my key"}}, [("state.kms_key_id", "E-STATE-KMS-KEY")]),
    (
        {
            "state": OK_STATE,
            "ci": {"github": {"aws_role_arn": "arn:aws:iam::123456789012:user/ci"}},
        },
        [("ci.github.aws_role_arn", "E-CI-ROLE-ARN")],
    ),
    (
        {
            "state": OK_STATE,
            "ci": {"github": {"aws_role_arn": ROLE, "working_directory": "../elsewhere"}},
        },
        [("ci.github.working_directory", "E-CI-WORKING-DIRECTORY")],
    ),
    ({"ci": {"github": {"aws_role_arn": ROLE}}}, [("ci.github", "E-CI-STATE")]),
    ({"project.account_id": "12345678901a"}, [("project.account_id", "E-ACCOUNT-ID")]),
    (
        {"state": OK_STATE, "ci": {"github": {"aws_role_arn": ROLE}}},
        [("ci.github.plan_role_arn", "W-CI-ONE-ROLE")],
    ),
    (
        {
            "project.account_id": "444455556666",
            "state": OK_STATE,
            "ci": {"github": {"aws_role_arn": ROLE, "plan_role_arn": ROLE}},
        },
        [
            ("ci.github.aws_role_arn", "E-CI-ACCOUNT-ROLES"),
            ("ci.github.plan_role_arn", "E-CI-ACCOUNT-ROLES"),
        ],
    ),
    (
        {"state": OK_STATE, "ci": {"github": {"aws_role_arn": ROLE, "plan_role_arn": "x"}}},
        [("ci.github.plan_role_arn", "E-CI-ROLE-ARN")],
    ),
]


def test_ci_without_shared_state_is_refused_with_the_fix():
    found = errors(data(ci={"github": {"aws_role_arn": ROLE}}))
    assert any("state is lost" in m for m in found["ci.github"]), found
    assert "ci.github" not in errors(data(state=OK_STATE, ci={"github": {"aws_role_arn": ROLE}}))


@pytest.mark.parametrize(
    ("change", "expected"), RULE_IDS, ids=[",".join(r for _, r in exp) for _, exp in RULE_IDS]
)
def test_rule_ids(change, expected):
    check_rule_ids(change, expected)


@pytest.mark.parametrize(
    "name",
    ["abc", "shop-tfstate-123456789012", "my.bucket.name", "a" * 63, "0bucket9"],
)
def test_valid_bucket_names(name):
    assert bucket_name_problem(name) is None
    assert "state.bucket" not in errors(data(state={"bucket": name}))


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("ab", "3 to 63"),
        ("a" * 64, "3 to 63"),
        ("Bucket", "lower-case"),
        ("-bucket", "start and end"),
        ("bucket-", "start and end"),
        ("my..bucket", "two dots"),
        ("10.0.0.1", "IP address"),
        ("xn--bucket", "xn--"),
        ("sthree-bucket", "sthree-"),
        ("bucket-s3alias", "-s3alias"),
        ("bucket--ol-s3", "--ol-s3"),
        ("bucket--x-s3", "--x-s3"),
    ],
)
def test_invalid_bucket_names(name, words):
    problem = bucket_name_problem(name)
    assert problem is not None and words in problem


def test_lock_table_only_with_dynamodb_locking():
    assert "state.dynamodb_table" in errors(data(state={**OK_STATE, "dynamodb_table": "t-lock"}))
    assert "state.dynamodb_table" in errors(
        data(state={**OK_STATE, "lock": "dynamodb", "dynamodb_table": "ab"})
    )
    assert "state.dynamodb_table" not in errors(
        data(state={**OK_STATE, "lock": "dynamodb", "dynamodb_table": "shop-lock"})
    )


@pytest.mark.parametrize(
    "key",
    [
        "alias/tfstate",
        "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        "arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        "arn:aws:kms:eu-west-1:123456789012:alias/tfstate",
    ],
)
def test_kms_key_forms(key):
    assert "state.kms_key_id" not in errors(data(state={**OK_STATE, "kms_key_id": key}))


@pytest.mark.parametrize("prefix", ["ecs-wizard", "teams/shop", "a/b/c"])
def test_key_prefixes(prefix):
    assert "state.key_prefix" not in errors(data(state={**OK_STATE, "key_prefix": prefix}))


@pytest.mark.parametrize("prefix", ["a//b", "a/", "with space", ""])
def test_bad_key_prefixes(prefix):
    assert "state.key_prefix" in errors(data(state={**OK_STATE, "key_prefix": prefix}))


@pytest.mark.parametrize("wd", [".", "infra/shop", "infra/shop/", "a_b-c.d"])
def test_ci_working_directories(wd):
    ci = {"github": {"aws_role_arn": ROLE, "working_directory": wd}}
    assert "ci.github.working_directory" not in errors(data(ci=ci))


@pytest.mark.parametrize("wd", ["/abs", "a/../b", "has space", "$(x)"])
def test_bad_ci_working_directories(wd):
    ci = {"github": {"aws_role_arn": ROLE, "working_directory": wd}}
    assert "ci.github.working_directory" in errors(data(ci=ci))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("key_prefix", "ecs-wizard\n"),
        ("dynamodb_table", "shop-lock\n"),
        ("kms_key_id", "alias/tfstate\n"),
    ],
)
def test_state_values_with_a_trailing_line_break_are_refused(field, value):
    state = {**OK_STATE, field: value}
    if field == "dynamodb_table":
        state["lock"] = "dynamodb"
    assert f"state.{field}" in errors(data(state=state))


def test_role_arn_with_a_trailing_line_break_is_refused():
    ci = {"github": {"aws_role_arn": ROLE + "\n"}}
    assert "ci.github.aws_role_arn" in errors(data(ci=ci))
