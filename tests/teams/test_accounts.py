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
    result = validate_data(data)
    assert result.ok, result.errors
    files = render_files(Answers.model_validate(data))
    squeeze = {name: " ".join(text.split()) for name, text in files.items()}
    assert 'account_id = "111122223333"' in squeeze["envs/staging.tfvars"]
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
