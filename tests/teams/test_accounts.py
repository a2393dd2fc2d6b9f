"""project.account_id / environments.<env>.account_id (issue 19): rendered as the provider's
allowed_account_ids, so credentials for another account fail before the plan reads anything.

The guard itself is the provider's: proven here against the emulator's STS (moto answers
GetCallerIdentity with account 123456789012), with a provider block that asks for the account
as it does against AWS (the usual offline override skips that request, and so the check)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecs_wizard.emulator import Emulator
from ecs_wizard.model.answers import Answers
from ecs_wizard.model.yamlio import load_answers_text
from ecs_wizard.render import render_files
from ecs_wizard.terraform import tfenv
from ecs_wizard.validation import validate_data
from tests.conftest import TF
from tests.test_render_terraform import example_data, render_to

from .test_render_teams import team_answers

MOTO_ACCOUNT = "123456789012"


def _emulator_provider(region: str, endpoint: str) -> str:
    text = tfenv.offline_provider_override(region, endpoint=endpoint)
    # As against AWS: ask STS for the account, and keep the answers' allowed_account_ids.
    text = text.replace("  skip_requesting_account_id  = true\n", "")
    return text.replace("  allowed_account_ids         = null\n", "")


@pytest.mark.terraform
@pytest.mark.parametrize(("account", "ok"), [(MOTO_ACCOUNT, True), ("111122223333", False)])
def test_credentials_of_another_account_fail_before_the_plan_reads(
    tf: TF, tmp_path: Path, emulator: Emulator, account: str, ok: bool
) -> None:
    data = example_data("minimal")
    data["project"]["account_id"] = account
    answers, root = render_to(tmp_path / "p", data)
    (root / "offline_provider_override.tf").write_text(
        _emulator_provider(answers.project.region, emulator.endpoint), encoding="utf-8"
    )
    tf.init(root)
    proc = tf.run(root, "plan", "-refresh=false", "-input=false", "-no-color", check=False)
    if ok:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    else:
        assert proc.returncode == 1
        assert "account ID not allowed" in proc.stderr, proc.stderr


def test_account_ids_render_per_environment() -> None:
    data: dict[str, Any] = team_answers()
    data["project"]["account_id"] = "111122223333"
    data["environments"]["prod"]["account_id"] = "444455556666"
    # prod's own account: the shared CI role (account 123456789012) cannot plan it
    found = [(i.path, i.rule) for i in validate_data(data).errors]
    assert ("ci.github.aws_role_arn", "E-CI-ACCOUNT-ROLES") in found, found
    data["project"]["account_id"] = "123456789012"
    data["ci"]["github"]["roles"] = {
        "prod": {
            "aws_role_arn": "arn:aws:iam::444455556666:role/apply",
            "plan_role_arn": "arn:aws:iam::444455556666:role/plan",
        }
    }
    result = validate_data(data)
    assert result.ok, result.errors
    files = render_files(Answers.model_validate(data))
    squeeze = {name: " ".join(text.split()) for name, text in files.items()}
    assert 'account_id = "123456789012"' in squeeze["envs/staging.tfvars"]
    assert 'account_id = "444455556666"' in squeeze["envs/prod.tfvars"]
    assert "allowed_account_ids = var.project.account_id == null" in files["versions.tf"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("account_id: 12345", "12 digits"),
        ("account_id: 12345678901", "write it in quotes"),  # a number: its 12th digit lost?
        ("account_id: '12345678901a'", "12 digits"),
    ],
)
def test_account_id_typing_from_yaml(text: str, message: str) -> None:
    data = example_data("minimal")
    head = json.dumps(data["project"])  # flow mapping: valid YAML
    doc = load_answers_text("project: " + head[:-1] + ", " + text.replace(": ", ": ", 1) + "}\n")
    data["project"] = doc["project"]
    result = validate_data(data)
    assert not result.ok
    found = [i for i in result.errors if i.path == "project.account_id"]
    assert found and any(message in (i.message + " " + i.fix) for i in found), result.errors


def test_a_leading_zero_account_id_stays_text_in_the_answers_loader() -> None:
    """The answers loader does not read 0-led digits as an (octal) number."""
    doc = load_answers_text("project: {name: x, account_id: 012345670123}\n")
    assert doc["project"]["account_id"] == "012345670123"


def test_an_unquoted_twelve_digit_account_id_is_taken_as_written() -> None:
    data = example_data("minimal")
    data["project"]["account_id"] = 123456789012  # what YAML gives for account_id: 123456789012
    result = validate_data(data)
    assert result.ok, result.errors
    assert result.answers is not None and result.answers.project.account_id == "123456789012"


def test_each_job_assumes_its_own_role() -> None:
    """Plan jobs (pull requests and the default branch) assume the read-only plan role; only
    the apply job, inside the protected environment, assumes the apply role; an environment
    with its own pair uses it."""
    import yaml

    data: dict[str, Any] = team_answers()
    github = data["ci"]["github"]
    github["plan_role_arn"] = "arn:aws:iam::123456789012:role/plan"
    github["roles"] = {
        "prod": {
            "aws_role_arn": "arn:aws:iam::444455556666:role/apply",
            "plan_role_arn": "arn:aws:iam::444455556666:role/plan",
        }
    }
    data["environments"]["prod"]["account_id"] = "444455556666"
    result = validate_data(data)
    assert result.ok, result.errors
    assert not [w for w in result.warnings if w.rule == "W-CI-ONE-ROLE"]
    wf = yaml.safe_load(
        render_files(Answers.model_validate(data))[".github/workflows/ecs-wizard.yml"]
    )
    plan = {
        e["environment"]: e["role"] for e in wf["jobs"]["plan"]["strategy"]["matrix"]["include"]
    }
    apply_ = {
        e["environment"]: e["role"] for e in wf["jobs"]["apply"]["strategy"]["matrix"]["include"]
    }
    assert plan == {
        "staging": "arn:aws:iam::123456789012:role/plan",
        "prod": "arn:aws:iam::444455556666:role/plan",
    }
    assert apply_ == {
        "staging": github["aws_role_arn"],
        "prod": "arn:aws:iam::444455556666:role/apply",
    }
    for job in ("plan", "apply"):
        steps = wf["jobs"][job]["steps"]
        creds = [s for s in steps if "configure-aws-credentials" in s.get("uses", "")]
        assert creds[0]["with"]["role-to-assume"] == "${{ matrix.role }}"
    assert "environment" in wf["jobs"]["apply"] and "environment" not in wf["jobs"]["plan"]


def test_one_role_for_plans_and_applies_is_a_warning() -> None:
    result = validate_data(team_answers())
    assert [w.path for w in result.warnings if w.rule == "W-CI-ONE-ROLE"] == [
        "ci.github.plan_role_arn"
    ]


def test_roles_for_an_unknown_environment_are_refused() -> None:
    data: dict[str, Any] = team_answers()
    data["ci"]["github"]["roles"] = {"qa": {"aws_role_arn": "arn:aws:iam::123456789012:role/x"}}
    found = [(i.path, i.rule) for i in validate_data(data).errors]
    assert ("ci.github.roles.qa", "E-CI-ENVIRONMENTS") in found, found


def test_ci_checks_run_on_a_file_with_environments() -> None:
    """`ci:` is dropped from each environment's merged answers, so the CI rules never ran on a
    file with environments: a bad role ARN, or CI without state, validated."""
    data: dict[str, Any] = team_answers()
    data["ci"]["github"]["aws_role_arn"] = "arn:aws:iam::123456789012:user/ci"
    assert ("ci.github.aws_role_arn", "E-CI-ROLE-ARN") in [
        (i.path, i.rule) for i in validate_data(data).errors
    ]
    data = team_answers()
    del data["state"]
    result = validate_data(data)
    assert not result.ok and ("ci.github", "E-CI-STATE") in [
        (i.path, i.rule) for i in result.errors
    ]
