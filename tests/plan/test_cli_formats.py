"""`--summary-only` in every format, and `show-plan` reading back its own `--format json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecs_wizard.cli import main

PLAN = {
    "format_version": "1.2",
    "terraform_version": "1.11.4",
    "resource_changes": [
        {
            "address": "aws_ecs_service.api",
            "mode": "managed",
            "type": "aws_ecs_service",
            "name": "api",
            "change": {
                "actions": ["update"],
                "before": {"desired_count": 2, "name": "api"},
                "after": {"desired_count": 5, "name": "api"},
                "after_unknown": {},
                "before_sensitive": {},
                "after_sensitive": {},
            },
        },
        {
            "address": 'module.svc["web"].aws_lb_target_group.this',
            "module_address": 'module.svc["web"]',
            "mode": "managed",
            "type": "aws_lb_target_group",
            "name": "this",
            "change": {
                "actions": ["delete", "create"],
                "before": {"port": 80, "password": "hunter2-secret"},
                "after": {"port": 8080, "password": "hunter2-secret"},
                "after_unknown": {"arn": True},
                "before_sensitive": {"password": True},
                "after_sensitive": {"password": True},
                "replace_paths": [["port"]],
            },
            "action_reason": "replace_because_cannot_update",
        },
        {
            "address": "aws_s3_bucket.logs",
            "mode": "managed",
            "type": "aws_s3_bucket",
            "name": "logs",
            "change": {
                "actions": ["create"],
                "before": None,
                "after": {"bucket": "shop-logs"},
                "after_unknown": {"id": True},
                "before_sensitive": False,
                "after_sensitive": {},
            },
        },
    ],
    "output_changes": {
        "url": {"actions": ["update"], "before": "a", "after": "b", "after_unknown": False}
    },
}


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    p = tmp_path / "plan.json"
    p.write_text(json.dumps(PLAN))
    return p


def _show(capsys, *argv: str) -> str:
    assert main(["show-plan", *argv]) == 0
    return capsys.readouterr().out


def test_markdown_summary_only_drops_attribute_diffs(plan_file, capsys):
    full = _show(capsys, str(plan_file), "--format", "markdown")
    assert "desired_count" in full and "```diff" in full  # the full view has them
    short = _show(capsys, str(plan_file), "--format", "markdown", "--summary-only")
    assert "desired_count" not in short and "port = " not in short
    assert "# forces replacement" in full and "# forces replacement" not in short
    assert "+ output.url" in short  # outputs stay, as in the text view's summary
    assert "aws_ecs_service.api" in short and "aws_s3_bucket.logs" in short  # the list stays
    assert "| 🟣 | to replace | 1 |" in short  # and the counts
    assert "too long for a comment" not in short  # asked for, not forced by the size
    assert short.count("<details") == short.count("</details>")


def test_json_summary_only_drops_attribute_diffs(plan_file, capsys):
    full = json.loads(_show(capsys, str(plan_file), "--format", "json"))
    assert all("attributes" in rc for rc in full["resource_changes"])
    short = json.loads(_show(capsys, str(plan_file), "--format", "json", "--summary-only"))
    assert short["summary_only"] is True
    assert [rc["address"] for rc in short["resource_changes"]] == [
        rc["address"] for rc in full["resource_changes"]
    ]
    assert not any("attributes" in rc for rc in short["resource_changes"])
    assert short["summary"] == full["summary"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_show_plan_reads_its_own_json(plan_file, tmp_path, capsys, fmt):
    exported = tmp_path / "view.json"
    assert main(["show-plan", str(plan_file), "--format", "json", "-o", str(exported)]) == 0
    capsys.readouterr()
    direct = _show(capsys, str(plan_file), "--format", fmt)
    again = _show(capsys, str(exported), "--format", fmt)
    assert again == direct  # the same view, from the export as from terraform's JSON
    assert "hunter2" not in again


def test_show_plan_reads_its_own_summary_only_json(plan_file, tmp_path, capsys):
    exported = tmp_path / "view.json"
    argv = ["show-plan", str(plan_file), "--format", "json", "--summary-only", "-o"]
    assert main([*argv, str(exported)]) == 0
    capsys.readouterr()
    out = _show(capsys, str(exported))
    assert "aws_ecs_service.api will be updated in-place" in out
    assert _show(capsys, str(exported), "--summary-only") == _show(
        capsys, str(plan_file), "--summary-only"
    )


def test_own_json_with_an_unknown_format_version_is_refused(tmp_path, capsys):
    p = tmp_path / "future.json"
    p.write_text(json.dumps({"format": "ecs-wizard-plan/9", "resource_changes": []}))
    assert main(["show-plan", str(p)]) == 1
    err = capsys.readouterr().err
    assert "ecs-wizard-plan/9" in err and "ecs-wizard-plan/1" in err


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(resource_changes={}),
        lambda d: d["resource_changes"].append(5),
        lambda d: d["resource_changes"][0].update(address=7),
        lambda d: d["resource_changes"][0].update(actions="update"),
        lambda d: d["resource_changes"][0].update(attributes=[{"path": "x", "kind": "boom"}]),
        lambda d: d["resource_changes"][0].update(
            attributes=[{"path": "x", "kind": "add", "lines": 3}]
        ),
        lambda d: d["resource_changes"][0]["attributes"].append("row"),
        lambda d: d.update(output_changes=[{"name": "x", "action": "explode"}]),
        lambda d: d.update(output_changes=[None]),
    ],
)
def test_a_damaged_export_is_a_message_not_a_traceback(plan_file, tmp_path, capsys, mutate):
    exported = tmp_path / "view.json"
    assert main(["show-plan", str(plan_file), "--format", "json", "-o", str(exported)]) == 0
    data = json.loads(exported.read_text())
    mutate(data)
    exported.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["show-plan", str(exported)]) == 1
    err = capsys.readouterr().err
    assert "Error:" in err and "Traceback" not in err
