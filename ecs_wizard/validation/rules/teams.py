"""Team settings: the S3 state backend and the CI pipeline (see README, Teams)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from typing import Any

from ecs_wizard.aws import catalog
from ecs_wizard.model.answers import Answers
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.patterns import BUCKET_RE
from ecs_wizard.validation.registry import check, finding
from ecs_wizard.validation.shape import suggest

_S3_NAMING = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html"
_BACKEND_DOC = "https://developer.hashicorp.com/terraform/language/backend/s3"
_DDB_NAMING = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html"
_OIDC_DOC = (
    "https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-"
    "deployments/configuring-openid-connect-in-amazon-web-services"
)

# \Z, not $: Python's $ also matches before a final line break (see validation/patterns.py).
KEY_PREFIX_RE = re.compile(r"^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*\Z")
DDB_TABLE_RE = re.compile(r"^[A-Za-z0-9_.-]{3,255}\Z")
# A key id is a UUID, or `mrk-` and 32 hex digits for a multi-Region key (KMS key ids).
_KEY_ID = r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})"
KMS_KEY_RE = re.compile(
    rf"^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{{12}}:(key/{_KEY_ID}|alias/[A-Za-z0-9/_-]+)"
    rf"|{_KEY_ID}|alias/[A-Za-z0-9/_-]+)\Z",
    re.ASCII,
)
KMS_KEY_ARN_RE = re.compile(rf"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{{12}}:key/{_KEY_ID}\Z", re.ASCII)
_DDB_SSE = (
    "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_SSESpecification.html"
)
ROLE_ARN_RE = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}\Z", re.ASCII)


def bucket_name_problem(name: str) -> str | None:
    """Why `name` is not a valid general-purpose S3 bucket name (None when it is)."""
    if not 3 <= len(name) <= 63:
        return "must be 3 to 63 characters long"
    if not BUCKET_RE.match(name):
        return (
            "may hold only lower-case letters, digits, dots and hyphens, and must start and "
            "end with a letter or digit"
        )
    if ".." in name:
        return "must not contain two dots in a row"
    try:
        ipaddress.IPv4Address(name)
    except ValueError:
        pass
    else:
        return "must not look like an IP address"
    for prefix in ("xn--", "sthree-", "amzn-s3-demo-"):
        if name.startswith(prefix):
            return f"must not start with {prefix}"
    for suffix in ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"):
        if name.endswith(suffix):
            return f"must not end with {suffix}"
    return None


@check(
    id="E-STATE-BUCKET",
    severity="error",
    title="The state bucket name is a valid S3 bucket name",
    doc=_S3_NAMING,
    tags=("state",),
)
def state_bucket(a: Answers) -> Iterator[Issue]:
    if a.state is None:
        return
    problem = bucket_name_problem(a.state.bucket)
    if problem:
        yield finding(
            "state.bucket",
            f"the bucket name {problem}",
            "use e.g. <project>-tfstate-<account id>, in lower case",
            a.state.bucket,
        )


@check(
    id="E-ACCOUNT-ID",
    severity="error",
    title="The project's AWS account id is 12 digits",
    doc="https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html",
    tags=("project",),
)
def account_id(a: Answers) -> Iterator[Issue]:
    value = a.project.account_id
    if value is not None and not re.fullmatch(r"\d{12}", value, re.ASCII):
        yield finding(
            "project.account_id",
            "is not an AWS account id (12 digits)",
            "e.g. account_id: '123456789012' (quoted: YAML drops leading zeros from a number)",
            value,
        )


@check(
    id="E-STATE-REGION",
    severity="error",
    title="The state bucket's region is a known AWS region code",
    doc=_BACKEND_DOC,
    tags=("state",),
)
def state_region(a: Answers) -> Iterator[Issue]:
    if a.state is None or a.state.region is None or a.state.region in catalog.REGIONS:
        return
    best = suggest(a.state.region, catalog.REGIONS)
    yield finding(
        "state.region",
        "is not a known AWS region",
        f"did you mean {best}?" if best else "use a region code such as eu-west-1",
        a.state.region,
    )


@check(
    id="E-STATE-KEY-PREFIX",
    severity="error",
    title="The state key prefix is a plain S3 key path",
    doc=_BACKEND_DOC,
    tags=("state",),
)
def state_key_prefix(a: Answers) -> Iterator[Issue]:
    if a.state is None:
        return
    prefix = a.state.key_prefix
    if not KEY_PREFIX_RE.match(prefix) or len(prefix) > 900:
        yield finding(
            "state.key_prefix",
            "must be path segments of letters, digits and !_.*'()- separated by single slashes, "
            "with no slash at either end",
            "e.g. ecs-wizard or teams/shop",
            prefix,
        )


@check(
    id="E-STATE-LOCK-TABLE",
    severity="error",
    title="A DynamoDB lock table is named exactly when lock is dynamodb",
    doc=_DDB_NAMING,
    tags=("state",),
)
def state_lock_table(a: Answers) -> Iterator[Issue]:
    if a.state is None:
        return
    table = a.state.dynamodb_table
    if a.state.lock == "dynamodb":
        if table is None:
            yield finding(
                "state.dynamodb_table",
                "is required when lock is dynamodb",
                "name the lock table (bootstrap/ creates it), or use lock: lockfile "
                "(Terraform >= 1.10)",
            )
        elif not DDB_TABLE_RE.match(table):
            yield finding(
                "state.dynamodb_table",
                "must be 3 to 255 letters, digits, underscores, dots or hyphens",
                "e.g. shop-tfstate-lock",
                table,
            )
    elif table is not None:
        yield finding(
            "state.dynamodb_table",
            "is only used when lock is dynamodb",
            "remove it, or set lock: dynamodb",
            table,
        )


@check(
    id="E-STATE-KMS-KEY",
    severity="error",
    title="The state's KMS key is a key id, key ARN or alias",
    doc=_BACKEND_DOC,
    tags=("state",),
)
def state_kms_key(a: Answers) -> Iterator[Issue]:
    if a.state is None or a.state.kms_key_id is None:
        return
    if not KMS_KEY_RE.match(a.state.kms_key_id):
        yield finding(
            "state.kms_key_id",
            "is not a KMS key id, key ARN or alias",
            "e.g. arn:aws:kms:eu-west-1:123456789012:key/<uuid> or alias/tfstate",
            a.state.kms_key_id,
        )


@check(
    id="E-STATE-LOCK-KMS-ARN",
    severity="error",
    title="The DynamoDB lock table is encrypted with a KMS key ARN",
    doc=_DDB_SSE,
    tags=("state",),
)
def lock_table_kms_arn(a: Answers) -> Iterator[Issue]:
    # bootstrap/ encrypts the lock table with state.kms_key_id: aws_dynamodb_table's
    # server_side_encryption.kms_key_arn takes a key ARN (an alias or a bare id fails at
    # apply), while the S3 bucket and the backend also take an id or alias.
    s = a.state
    if s is None or s.lock != "dynamodb" or s.kms_key_id is None:
        return
    if KMS_KEY_RE.match(s.kms_key_id) and not KMS_KEY_ARN_RE.match(s.kms_key_id):
        yield finding(
            "state.kms_key_id",
            "is an alias or a bare key id, but the DynamoDB lock table needs the key's ARN",
            "give the key ARN, e.g. arn:aws:kms:eu-west-1:123456789012:key/<uuid> "
            "(aws kms describe-key --key-id alias/NAME shows it)",
            s.kms_key_id,
        )


def ci_role_paths(github: Any) -> Iterator[tuple[str, str]]:
    """(path, ARN) of every CI role the answers name."""
    yield "ci.github.aws_role_arn", github.aws_role_arn
    if github.plan_role_arn is not None:
        yield "ci.github.plan_role_arn", github.plan_role_arn
    for env, pair in github.roles.items():
        yield f"ci.github.roles.{env}.aws_role_arn", pair.aws_role_arn
        if pair.plan_role_arn is not None:
            yield f"ci.github.roles.{env}.plan_role_arn", pair.plan_role_arn


def role_account(arn: str) -> str | None:
    match = ROLE_ARN_RE.match(arn)
    return arn.split(":")[4] if match else None


def ci_account_issues(github: Any, accounts: dict[str, str | None]) -> Iterator[Issue]:
    """Each environment's CI roles live in its account (`accounts`: environment -> account id
    or None). Shared by the single-environment rule and the environments' file checks."""
    for env, account in accounts.items():
        if account is None:
            continue
        pair = github.roles.get(env)
        used = (
            [(f"ci.github.roles.{env}.aws_role_arn", pair.aws_role_arn)]
            if pair
            else [("ci.github.aws_role_arn", github.aws_role_arn)]
        )
        plan = pair.plan_role_arn if pair else github.plan_role_arn
        if plan is not None:
            where = f"ci.github.roles.{env}.plan_role_arn" if pair else "ci.github.plan_role_arn"
            used.append((where, plan))
        for path, arn in used:
            other = role_account(arn)
            if other is not None and other != account:
                yield Issue(
                    path,
                    f"environment {env} deploys to account {account}, but this role is in "
                    f"account {other}: its plan would fail on allowed_account_ids",
                    f"give {env} its own roles: ci.github.roles.{env}: {{aws_role_arn: "
                    f"arn:aws:iam::{account}:role/..., plan_role_arn: ...}}",
                    arn,
                    rule="E-CI-ACCOUNT-ROLES",
                )


@check(
    id="E-CI-ROLE-ARN",
    severity="error",
    title="The CI roles are IAM role ARNs",
    doc=_OIDC_DOC,
    tags=("ci",),
)
def ci_role(a: Answers) -> Iterator[Issue]:
    if a.ci is None or a.ci.github is None:
        return
    for path, arn in ci_role_paths(a.ci.github):
        if not ROLE_ARN_RE.match(arn):
            yield finding(
                path,
                "is not an IAM role ARN",
                "e.g. arn:aws:iam::123456789012:role/ecs-wizard-ci (a role trusting GitHub's "
                "OIDC provider)",
                arn,
            )


@check(
    id="W-CI-ONE-ROLE",
    severity="warning",
    title="Pull-request plans use a read-only role, not the apply role",
    doc=_OIDC_DOC,
    tags=("ci",),
)
def ci_one_role(a: Answers) -> Iterator[Issue]:
    github = a.ci.github if a.ci else None
    if github is None or github.plan_role_arn is not None:
        return
    if github.roles and all(r.plan_role_arn for r in github.roles.values()):
        return
    yield finding(
        "ci.github.plan_role_arn",
        "is not set: the plan jobs assume aws_role_arn, so anyone who can push a branch gets "
        "credentials that can apply, without the environment's reviewers",
        "add plan_role_arn: a read-only role trusting the pull_request subject (README, Teams)",
        None,
    )


@check(
    id="E-CI-ACCOUNT-ROLES",
    severity="error",
    title="An environment's CI roles are in its AWS account",
    doc=_OIDC_DOC,
    tags=("ci",),
)
def ci_account_roles(a: Answers) -> Iterator[Issue]:
    github = a.ci.github if a.ci else None
    if github is None or a.environments:
        return  # with environments: validation/environments.py checks each one
    yield from ci_account_issues(github, {a.project.environment: a.project.account_id})


@check(
    id="E-CI-STATE",
    severity="error",
    title="CI keeps the state in a shared backend",
    doc=_BACKEND_DOC,
    tags=("ci", "state"),
)
def ci_needs_state(a: Answers) -> Iterator[Issue]:
    # A GitHub runner is thrown away after each job: with local state, every apply forgets
    # what the last one made and the next push creates everything again (or fails on names).
    if a.ci is None or a.ci.github is None or a.state is not None:
        return
    yield finding(
        "ci.github",
        "the workflow would apply with local state on a throw-away runner: the state is lost "
        "after each run and the next push creates everything again",
        "add state: {bucket: <an S3 bucket>} (bootstrap/ can create it), or remove ci:",
        None,
    )


@check(
    id="E-CI-WORKING-DIRECTORY",
    severity="error",
    title="The CI working directory is a relative path inside the repository",
    doc=_OIDC_DOC,
    tags=("ci",),
)
def ci_working_directory(a: Answers) -> Iterator[Issue]:
    if a.ci is None or a.ci.github is None:
        return
    wd = a.ci.github.working_directory
    parts = wd.strip("/").split("/")
    if wd.startswith("/") or ".." in parts or not re.fullmatch(r"[A-Za-z0-9_.\-/]+", wd, re.ASCII):
        yield finding(
            "ci.github.working_directory",
            "must be a relative path inside the repository (letters, digits, . _ - /, no ..)",
            "e.g. infra/shop, or . when the rendered directory is the repository root",
            wd,
        )
