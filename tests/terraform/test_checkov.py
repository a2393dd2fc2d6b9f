"""checkov on each example's plan JSON: no failed check.

A check that cannot pass for a legitimate reason is skipped in the module code with
`#checkov:skip=CKV_...:<reason>`; a skip without a written reason counts as a failure.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ..tools import checkov
from .conftest import example_params

pytestmark = [pytest.mark.terraform, pytest.mark.slow]


def _report(plan_file: Path) -> checkov.Report:
    try:
        return checkov.run_on_plan(plan_file)
    except checkov.CheckovUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)


def _problems(report: checkov.Report, verdict: checkov.Verdict) -> list[str]:
    lines = [f"FAILED {f}" for f in verdict.failed]
    lines += [
        f"SKIPPED WITHOUT A REASON {w}"
        for w in verdict.waived
        if not w.reason or w.reason == checkov.NO_REASON
    ]
    if report.parsing_errors:
        lines.append(f"{report.parsing_errors} parsing error(s)")
    return lines


@pytest.mark.parametrize("name", example_params())
def test_checkov_passes_on_example_plan(planned_example, name: str) -> None:
    example = planned_example(name)
    report = _report(example.plan_file)
    verdict = checkov.apply_skips(report, example.plan, example.directory, example.root)
    for w in verdict.waived:  # visible with -rA / on failure: what was waived and why
        print(f"waived {w}")
    problems = _problems(report, verdict)
    assert not problems, (
        f"checkov on examples/{name} ({report.passed} passed):\n"
        + "\n".join(problems)
        + "\nFix the module, or skip in the resource block of the module that owns it with "
        "`#checkov:skip=CKV_ID:<reason>`."
    )


MODULE_A = """
resource "aws_cloudwatch_log_group" "this" {
  #checkov:skip=CKV_AWS_158:Encrypted with the CloudWatch Logs service key; no CMK here
  #checkov:skip=CKV_AWS_338
  name = "a"
}
"""

MODULE_B = """
resource "aws_cloudwatch_log_group" "this" {
  name = "b"
}
"""


def _synthetic_plan() -> dict:
    """A plan with the same `aws_cloudwatch_log_group.this` in two modules, a and b."""
    provider = "registry.terraform.io/hashicorp/aws"
    children, changes, calls = [], [], {}
    for mod in ("a", "b"):
        addr = f"module.{mod}.aws_cloudwatch_log_group.this"
        common = {"address": addr, "mode": "managed", "type": "aws_cloudwatch_log_group"}
        common.update(name="this", provider_name=provider)
        values = {"name": mod, "retention_in_days": 7, "kms_key_id": None, "tags": None}
        children.append(
            {
                "address": f"module.{mod}",
                "resources": [{**common, "schema_version": 0, "values": values}],
            }
        )
        changes.append(
            {
                **common,
                "module_address": f"module.{mod}",
                "change": {"actions": ["create"], "before": None, "after": values},
            }
        )
        resource = {
            "address": "aws_cloudwatch_log_group.this",
            "mode": "managed",
            "type": "aws_cloudwatch_log_group",
            "name": "this",
            "provider_config_key": "aws",
            "expressions": {"name": {"constant_value": mod}},
            "schema_version": 0,
        }
        calls[mod] = {"source": f"./{mod}", "module": {"resources": [resource]}}
    return {
        "format_version": "1.2",
        "terraform_version": "1.11.4",
        "planned_values": {"root_module": {"child_modules": children}},
        "resource_changes": changes,
        "configuration": {"root_module": {"module_calls": calls}},
    }


def test_skips_apply_only_in_their_own_module_and_need_a_reason(tmp_path: Path) -> None:
    for mod, text in (("a", MODULE_A), ("b", MODULE_B)):
        (tmp_path / mod).mkdir()
        (tmp_path / mod / "main.tf").write_text(text, encoding="utf-8")
    plan = _synthetic_plan()
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    report = _report(tmp_path / "plan.json")
    raw = {(f.check_id, f.resource) for f in report.failed}
    assert ("CKV_AWS_158", "module.a.aws_cloudwatch_log_group.this") in raw
    assert ("CKV_AWS_158", "module.b.aws_cloudwatch_log_group.this") in raw
    verdict = checkov.apply_skips(report, plan, tmp_path, tmp_path)
    failed = {(f.check_id, f.resource): f.file for f in verdict.failed}
    waived = {(w.check_id, w.resource): w.reason for w in verdict.waived}
    # module a's waiver does not leak to module b's same-named log group
    assert failed[("CKV_AWS_158", "module.b.aws_cloudwatch_log_group.this")] == "b"
    assert "no CMK here" in waived[("CKV_AWS_158", "module.a.aws_cloudwatch_log_group.this")]
    problems = _problems(report, verdict)
    prefix = "FAILED CKV_AWS_158 module.b.aws_cloudwatch_log_group.this"
    assert any(p.startswith(prefix) for p in problems), problems
    # 7-day retention fails CKV_AWS_338; module a skips it without a reason: still a problem
    assert ("CKV_AWS_338", "module.a.aws_cloudwatch_log_group.this") in raw
    assert any("WITHOUT A REASON CKV_AWS_338" in p for p in problems), problems


def test_skip_comment_parsing() -> None:
    text = MODULE_A + 'resource "aws_lb" "x" {\n  # checkov:skip=CKV2_AWS_28:WAF opt-in\n}\n'
    assert checkov.skip_comments(text) == {
        "aws_cloudwatch_log_group.this": {
            "CKV_AWS_158": "Encrypted with the CloudWatch Logs service key; no CMK here",
            "CKV_AWS_338": "",
        },
        "aws_lb.x": {"CKV2_AWS_28": "WAF opt-in"},
    }
    assert checkov.split_address('module.a["k"].aws_lb.this[0]') == ("module.a", "aws_lb.this")
    assert checkov.split_address("aws_lb.this") == ("", "aws_lb.this")


def test_missing_checkov_says_how_to_install(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(checkov.CHECKOV_ENV, str(tmp_path / "no-checkov"))
    with pytest.raises(
        checkov.CheckovUnavailable, match=re.escape("pip install 'checkov==3.3.30'")
    ):
        checkov.find_checkov()
