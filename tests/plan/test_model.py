"""Plan JSON → typed model → attribute diff, on a real terraform plan of the scenario."""

from __future__ import annotations

import json

import pytest

from ecs_wizard.plan import Action, PlanFormatError, load_plan
from ecs_wizard.plan.diff import SENSITIVE, UNKNOWN, line_diff, resource_diff
from ecs_wizard.plan.model import ResourceChange
from tests.plan.conftest import SECRET_VALUES

pytestmark = pytest.mark.terraform


def by_address(plan, address):
    return next(rc for rc in plan.changes if rc.address == address)


def test_summary_counts_every_kind_of_change(scenario_plan):
    plan = load_plan(scenario_plan)
    s = plan.summary
    # stamp is created; policy + module.svc["api"] task updated; cluster replaced;
    # legacy destroyed; old_name -> new_name moved; secret updated (sensitive).
    assert (s.add, s.replace, s.destroy, s.move) == (1, 1, 1, 1)
    assert s.change == 3
    assert s.destructive
    assert "1 resource DESTROYED" in s.warning() and "1 resource REPLACED" in s.warning()
    assert s.headline() == (
        "1 to add, 3 to change, 1 to replace, 1 to destroy, 0 to import, 1 to move."
    )


def test_actions_reasons_and_moves(scenario_plan):
    plan = load_plan(scenario_plan)
    legacy = by_address(plan, "terraform_data.legacy")
    assert legacy.action is Action.DELETE
    assert legacy.reason == "its resource block is no longer in the configuration"
    cluster = by_address(plan, "terraform_data.cluster")
    assert cluster.action is Action.REPLACE and cluster.symbol == "-/+"
    assert "cannot be updated in place" in cluster.reason
    moved = by_address(plan, "terraform_data.new_name")
    assert moved.moved and moved.previous_address == "terraform_data.old_name"
    assert moved.action is Action.NOOP and moved.interesting


def test_replace_paths_mark_forcing_attributes(scenario_plan):
    cluster = by_address(load_plan(scenario_plan), "terraform_data.cluster")
    rows = {d.path: d for d in cluster.diff}
    assert rows["triggers_replace[0]"].forces_replacement
    assert (rows["triggers_replace[0]"].before, rows["triggers_replace[0]"].after) == (
        '"cluster-v1"',
        '"cluster-v2"',
    )
    assert not rows["id"].forces_replacement
    assert rows["id"].after == UNKNOWN


def test_sensitive_values_are_masked_never_present(scenario_plan):
    assert any(v in json.dumps(scenario_plan) for v in SECRET_VALUES)  # terraform has them
    secret = by_address(load_plan(scenario_plan), "terraform_data.secret")
    rows = {d.path: d for d in secret.diff}
    assert rows["input"].sensitive
    assert rows["input"].before == SENSITIVE and rows["input"].after == SENSITIVE
    dumped = json.dumps([d.to_dict() for d in secret.diff])
    assert not any(v in dumped for v in SECRET_VALUES)


def test_unknown_values_on_create(scenario_plan):
    stamp = by_address(load_plan(scenario_plan), "terraform_data.stamp")
    rows = {d.path: d for d in stamp.diff}
    assert rows["input"].kind == "unknown" and rows["input"].after == UNKNOWN
    assert rows["input"].before is None


def test_long_json_is_diffed_line_by_line(scenario_plan):
    plan = load_plan(scenario_plan)
    policy = {d.path: d for d in by_address(plan, "terraform_data.policy").diff}
    lines = policy["input.policy"].lines
    assert lines is not None
    assert '+        "s3:PutObject"' in lines
    assert '-        "s3:GetObject"' in lines and '+        "s3:GetObject",' in lines
    task = by_address(plan, 'module.svc["api"].terraform_data.task')
    rows = {d.path: d for d in task.diff}
    cd = rows["input.container_definitions"].lines
    assert '-    "image": "nginx:1.25",' in cd and '+    "image": "nginx:1.27",' in cd


def test_grouped_by_module_then_type(scenario_plan):
    plan = load_plan(scenario_plan)
    grouped = plan.grouped()
    assert next(iter(grouped)) == ""  # root first
    assert 'module.svc["api"]' in grouped
    assert 'module.svc["web"]' not in grouped  # unchanged instance is not listed
    assert [rc.name for rc in grouped['module.svc["api"]']["terraform_data"]] == ["task"]
    assert plan.filtered(destructive_only=True) == [
        by_address(plan, "terraform_data.cluster"),
        by_address(plan, "terraform_data.legacy"),
    ]
    assert [rc.address for rc in plan.filtered(module='module.svc["api"]')] == [
        'module.svc["api"].terraform_data.task'
    ]
    assert [rc.address for rc in plan.filtered(text="LEGACY")] == ["terraform_data.legacy"]


def test_output_changes(scenario_plan):
    outputs = {o.name: o for o in load_plan(scenario_plan).output_changes}
    assert outputs["stamp"].action is Action.CREATE and outputs["stamp"].after_unknown


def _rc(change: dict, **extra) -> ResourceChange:
    return ResourceChange.from_json(
        {"address": "x.y", "type": "x", "name": "y", "change": change, **extra}
    )


def test_nested_sensitive_inside_unknown_container_is_masked():
    rc = _rc(
        {
            "actions": ["update"],
            "before": {"env": {"A": "public", "PASSWORD": "s3cret"}},
            "after": {},
            "after_unknown": {"env": True},
            "before_sensitive": {"env": {"PASSWORD": True}},
            "after_sensitive": {},
        }
    )
    (row,) = resource_diff(rc)
    assert row.kind == "unknown" and "public" in row.before
    assert "s3cret" not in row.before and SENSITIVE in row.before


def test_import_and_drift_and_create_before_destroy():
    data = {
        "format_version": "1.2",
        "resource_changes": [
            {
                "address": "aws_s3_bucket.b",
                "type": "aws_s3_bucket",
                "name": "b",
                "change": {
                    "actions": ["no-op"],
                    "before": {"bucket": "b"},
                    "after": {"bucket": "b"},
                    "importing": {"id": "b"},
                },
            },
            {
                "address": "aws_lb.a",
                "type": "aws_lb",
                "name": "a",
                "change": {"actions": ["create", "delete"], "before": {}, "after": {}},
                "action_reason": "replace_by_request",
            },
        ],
        "resource_drift": [
            {
                "address": "aws_lb.a",
                "type": "aws_lb",
                "name": "a",
                "change": {"actions": ["update"], "before": {"idle": 60}, "after": {"idle": 30}},
            }
        ],
    }
    plan = load_plan(data)
    assert plan.summary.import_ == 1 and plan.summary.replace == 1 and plan.summary.drift == 1
    lb = next(rc for rc in plan.changes if rc.type == "aws_lb")
    assert lb.symbol == "+/-" and "create before destroy" in lb.verb
    assert lb.reason == "replacement was requested explicitly (-replace=ADDRESS)"
    assert plan.drift[0].diff[0].path == "idle"
    assert plan.drift[0].verb == "was changed outside Terraform"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{not json", "not valid JSON"),
        (b"PK\x03\x04\xff\xfe binary", "binary plan file"),
        ('{"format_version": "1.0", "values": {}}', "state JSON"),
        ("[]", "object at the top level"),
        ('{"format_version": "1.2", "resource_changes": [{"address": "a"}]}', "malformed"),
    ],
)
def test_load_plan_rejects_non_plans_with_a_useful_message(source, message):
    with pytest.raises(PlanFormatError, match=message):
        load_plan(source)


def test_line_diff_of_multiline_strings():
    out = line_diff("a\nb\nc\n", "a\nB\nc\n")
    assert "-b" in out and "+B" in out
