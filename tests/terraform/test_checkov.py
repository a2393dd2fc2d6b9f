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


def _report(plan_file: Path, repo_root: Path) -> checkov.Report:
    try:
        return checkov.run_on_plan(plan_file, repo_root)
    except checkov.CheckovUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)


def _module_sources(plan: dict) -> dict[str, str]:
    """`module.web` -> `ecs_wizard/modules/ecs-service` (from the plan's configuration)."""
    calls = plan.get("configuration", {}).get("root_module", {}).get("module_calls", {})
    return {
        f"module.{name}": call.get("source", "?").replace("../../", "")
        for name, call in calls.items()
    }


def _where(finding: checkov.Finding, sources: dict[str, str]) -> str:
    # checkov's own file_path for module resources is unreliable (it matches by resource name),
    # so name the module directory from the resource address instead.
    prefix = ".".join(finding.resource.split(".")[:2])
    return sources.get(prefix, finding.file)


def _problems(report: checkov.Report, sources: dict[str, str] | None = None) -> list[str]:
    sources = sources or {}
    lines = [
        f"FAILED {f.check_id} {f.resource} [{_where(f, sources)}]: {f.check_name}"
        for f in report.failed
    ]
    lines += [
        f"SKIPPED WITHOUT A REASON {s}"
        for s in report.skipped
        if not s.reason.strip() or s.reason.strip() == checkov.NO_REASON
    ]
    if report.parsing_errors:
        lines.append(f"{report.parsing_errors} parsing error(s)")
    return lines


@pytest.mark.parametrize("name", example_params())
def test_checkov_passes_on_example_plan(planned_example, name: str) -> None:
    example = planned_example(name)
    report = _report(example.plan_file, example.root)
    for s in report.skipped:  # visible with -rA / on failure: what was waived and why
        print(f"skipped {s}")
    problems = _problems(report, _module_sources(example.plan))
    assert not problems, (
        f"checkov on examples/{name} ({report.passed} passed):\n"
        + "\n".join(problems)
        + "\nFix the module, or skip in the module code with `#checkov:skip=CKV_ID:<reason>`."
    )


SYNTHETIC_TF = """
resource "aws_cloudwatch_log_group" "bad" {
  name = "bad"
}

resource "aws_cloudwatch_log_group" "waived" {
  #checkov:skip=CKV_AWS_158:Encrypted with the CloudWatch Logs service key; no CMK here
  #checkov:skip=CKV_AWS_338
  name              = "waived"
  retention_in_days = 7
}
"""


def _synthetic_plan(names_retention: dict[str, int]) -> dict:
    resources, changes, config = [], [], []
    for name, days in names_retention.items():
        addr = f"aws_cloudwatch_log_group.{name}"
        common = {"address": addr, "mode": "managed", "type": "aws_cloudwatch_log_group"}
        common["name"] = name
        values = {"name": name, "retention_in_days": days, "kms_key_id": None, "tags": None}
        provider = "registry.terraform.io/hashicorp/aws"
        resources.append(
            {**common, "provider_name": provider, "schema_version": 0, "values": values}
        )
        changes.append(
            {
                **common,
                "provider_name": provider,
                "change": {"actions": ["create"], "before": None, "after": values},
            }
        )
        config.append(
            {
                **common,
                "provider_config_key": "aws",
                "expressions": {"name": {"constant_value": name}},
                "schema_version": 0,
            }
        )
    return {
        "format_version": "1.2",
        "terraform_version": "1.11.4",
        "planned_values": {"root_module": {"resources": resources}},
        "resource_changes": changes,
        "configuration": {"root_module": {"resources": config}},
    }


def test_checkov_harness_catches_failures_and_reasonless_skips(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(SYNTHETIC_TF, encoding="utf-8")
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(_synthetic_plan({"bad": 0, "waived": 7})), encoding="utf-8")
    report = _report(plan, tmp_path)
    failed = {(f.check_id, f.resource) for f in report.failed}
    assert ("CKV_AWS_158", "aws_cloudwatch_log_group.bad") in failed
    skipped = {(s.check_id, s.resource): s.reason for s in report.skipped}
    assert "no CMK here" in skipped[("CKV_AWS_158", "aws_cloudwatch_log_group.waived")]
    problems = _problems(report)
    assert any(p.startswith("FAILED CKV_AWS_158 aws_cloudwatch_log_group.bad") for p in problems)
    assert any("WITHOUT A REASON CKV_AWS_338" in p for p in problems), problems


def test_missing_checkov_says_how_to_install(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(checkov.CHECKOV_ENV, str(tmp_path / "no-checkov"))
    with pytest.raises(
        checkov.CheckovUnavailable, match=re.escape("pip install 'checkov==3.3.30'")
    ):
        checkov.find_checkov()
