"""The text, markdown and JSON views of the scenario plan."""

from __future__ import annotations

import json

import pytest

from ecs_wizard.plan import load_plan
from ecs_wizard.plan.render_json import render_json
from ecs_wizard.plan.render_markdown import render_markdown
from ecs_wizard.plan.render_text import plain_text, render_summary
from tests.plan.conftest import SECRET_VALUES

pytestmark = pytest.mark.terraform


@pytest.fixture(scope="module")
def plan(scenario_plan):
    return load_plan(scenario_plan)


def test_text_view(plan):
    text = plain_text(plan)
    lines = text.splitlines()
    assert lines[0] == (
        "Plan: 1 to add, 3 to change, 1 to replace, 1 to destroy, 0 to import, 1 to move."
    )
    assert "WARNING: this plan has 1 resource DESTROYED and 1 resource REPLACED" in text
    # grouped: root module first, then module.svc["api"], each with its types
    assert text.index("root module") < text.index('module.svc["api"]')
    assert "-/+ terraform_data.cluster must be replaced" in text
    assert "because some changed attributes cannot be updated in place" in text
    assert '~ triggers_replace[0] = "cluster-v1" → "cluster-v2"  # forces replacement' in text
    assert "- terraform_data.legacy will be destroyed" in text
    assert "because its resource block is no longer in the configuration" in text
    assert "terraform_data.new_name has moved from terraform_data.old_name" in text
    assert "+ input = (known after apply)" in text  # stamp: unknown on create
    assert "~ input = (sensitive value) → (sensitive value)" in text
    assert '+        "s3:PutObject"' in text  # policy JSON diffed line by line
    assert '+    "image": "nginx:1.27",' in text
    assert "+ output.stamp = (known after apply)" in text
    assert not any(v in text for v in SECRET_VALUES)


def test_summary_only_and_filters(plan):
    text = plain_text(plan, details=False)
    assert "triggers_replace" not in text and "terraform_data.cluster" in text
    only = plain_text(plan, changes=plan.filtered(destructive_only=True))
    assert "terraform_data.cluster" in only and "terraform_data.policy" not in only


def test_no_changes_summary():
    plan = load_plan({"format_version": "1.2", "resource_changes": []})
    assert render_summary(plan).plain.startswith("No changes.")
    assert "WARNING" not in render_summary(plan).plain


def test_markdown_for_a_pull_request(plan):
    md = render_markdown(plan)
    assert md.startswith("### Terraform plan\n")
    assert "> [!WARNING]" in md
    assert "| 🟣 | to replace | 1 |" in md and "| 🔴 | to destroy | 1 |" in md
    assert md.count("<details") == md.count("</details>") >= 3  # root, module, outputs
    assert '<summary><b>module.svc["api"]</b> — 1 change</summary>' in md
    assert '+ triggers_replace[0] = "cluster-v2"  # forces replacement' in md
    assert "```diff" in md
    assert not any(v in md for v in SECRET_VALUES)


def test_markdown_falls_back_to_summary_when_too_long(plan):
    md = render_markdown(plan, max_chars=1500)
    assert "Per-resource details omitted" in md
    assert "triggers_replace" not in md


def test_json_export_is_masked_and_structured(plan):
    data = json.loads(render_json(plan))
    assert data["summary"]["replace"] == 1 and data["summary"]["destructive"] is True
    cluster = next(r for r in data["resource_changes"] if r["name"] == "cluster")
    forcing = [a for a in cluster["attributes"] if a["forces_replacement"]]
    assert [a["path"] for a in forcing] == ["triggers_replace[0]"]
    assert cluster["action_reason"] == "replace_because_cannot_update"
    raw = json.dumps(data)
    assert not any(v in raw for v in SECRET_VALUES)


def test_real_aws_provider_plan_view(tf, tmp_path):
    """hashicorp/aws resources planned offline: container definitions shown line by line."""
    from tests.conftest import copy_tree, write_offline_override
    from tests.plan.conftest import FIXTURES

    d = copy_tree(FIXTURES / "aws_small", tmp_path / "aws")
    write_offline_override(d)
    plan = load_plan(tf.plan_json(d))
    assert plan.summary.add == 3 and not plan.summary.destructive
    task = next(rc for rc in plan.changes if rc.type == "aws_ecs_task_definition")
    rows = {row.path: row for row in task.diff}
    assert rows["arn"].after == "(known after apply)"
    body = "\n".join(rows["container_definitions"].lines)
    assert '+    "image": "nginx:1.27",' in body
    md = render_markdown(plan)
    assert "`aws_ecs_task_definition`" in md and "> [!WARNING]" not in md
