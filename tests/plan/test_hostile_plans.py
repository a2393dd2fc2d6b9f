"""show-plan on plan JSON with fields of the wrong type, or absurdly deep: a message naming
the problem and exit 1, or a view; never a traceback. And `plan` when terraform's
`show -json` prints something that is not a plan."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecs_wizard.cli import main
from ecs_wizard.plan.model import PlanFormatError, load_plan
from ecs_wizard.plan.render_json import render_json
from ecs_wizard.plan.render_markdown import render_markdown
from ecs_wizard.plan.render_text import plain_text

GOOD = {
    "format_version": "1.2",
    "terraform_version": "1.11.4",
    "resource_changes": [
        {
            "address": 'module.m["a"].aws_x.this',
            "module_address": 'module.m["a"]',
            "mode": "managed",
            "type": "aws_x",
            "name": "this",
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "action_reason": "replace_because_cannot_update",
            "previous_address": "aws_x.old",
            "change": {
                "actions": ["delete", "create"],
                "before": {"name": "a", "tags": {"k": "v"}, "secret": "hunter2-pw"},
                "after": {"name": "b", "tags": {"k": "w"}, "secret": "hunter2-pw2"},
                "after_unknown": {"id": True},
                "before_sensitive": {"secret": True},
                "after_sensitive": {"secret": True},
                "replace_paths": [["name"]],
                "importing": {"id": "i-123"},
            },
        }
    ],
    "output_changes": {
        "o": {"actions": ["update"], "before": "x", "after": "y", "after_unknown": False}
    },
    "variables": {"v": {"value": "s"}},
    "configuration": {"root_module": {"variables": {"v": {"sensitive": True}}}},
}

RC = ("resource_changes", 0)
CH = (*RC, "change")
MUTATIONS = [
    (("resource_changes",), {"a": 1}),
    ((*RC,), 1),
    ((*RC,), "text"),
    ((*RC, "address"), 5),
    ((*RC, "address"), None),
    ((*RC, "module_address"), 5),
    ((*RC, "module_address"), ["x"]),
    ((*RC, "mode"), {}),
    ((*RC, "type"), None),
    ((*RC, "type"), 7),
    ((*RC, "name"), 3),
    ((*RC, "provider_name"), []),
    ((*RC, "action_reason"), 5),
    ((*RC, "previous_address"), 5),
    ((*RC, "change"), []),
    ((*RC, "change"), "x"),
    ((*CH, "actions"), "create"),
    ((*CH, "actions"), [1, 2]),
    ((*CH, "actions"), {"create": 1}),
    ((*CH, "before"), 5),
    ((*CH, "after"), "x"),
    ((*CH, "after"), [1, {"a": None}]),
    ((*CH, "after_unknown"), "x"),
    ((*CH, "after_unknown"), [True]),
    ((*CH, "before_sensitive"), "yes"),
    ((*CH, "after_sensitive"), [1]),
    ((*CH, "after_sensitive"), {"secret": {"x": True}}),
    ((*CH, "replace_paths"), "name"),
    ((*CH, "replace_paths"), [1, "a", {"b": 1}]),
    ((*CH, "importing"), "i-123"),
    ((*CH, "importing"), {"id": {"x": 1}}),
    (("output_changes",), []),
    (("output_changes", "o"), 5),
    (("output_changes", "o", "actions"), "update"),
    (("output_changes", "o", "after_unknown"), "x"),
    (("variables",), []),
    (("variables", "v"), 5),
    (("configuration",), []),
    (("configuration", "root_module"), "x"),
    (("terraform_version",), {"x": 1}),
    (("errored",), "maybe"),
]


def mutate(path, value):
    data = copy.deepcopy(GOOD)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


@pytest.mark.parametrize(("path", "value"), MUTATIONS, ids=lambda v: repr(v)[:40])
@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_type_mutations_give_a_message_or_a_view(path, value, fmt, tmp_path, capsys):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(mutate(path, value)))
    code = main(["show-plan", str(plan), "--format", fmt])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if code == 1:
        assert "Error:" in err and "plan.json" in err, err
    else:
        assert code == 0 and out.strip(), err
    assert "hunter2-pw" not in out


def test_json_nested_100k_deep(tmp_path, capsys):
    plan = tmp_path / "plan.json"
    plan.write_text("[" * 100_000 + "]" * 100_000)
    assert main(["show-plan", str(plan)]) == 1
    assert "nested too deeply" in capsys.readouterr().err


def test_plan_values_nested_deeper_than_a_plan(tmp_path, capsys):
    deep: object = "leaf"
    for _ in range(900):
        deep = {"a": deep}
    data = mutate((*CH, "after"), {"v": deep})
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(data))
    assert main(["show-plan", str(plan)]) == 1
    assert "nested more than" in capsys.readouterr().err


@pytest.mark.parametrize("shown", ["[]", "null", '"text"', "{}"])
def test_plan_when_show_json_prints_no_plan(shown, project, fake_terraform, tmp_path, capsys):
    fake = fake_terraform(
        f"case \"$1\" in init) exit 0;; plan) exit 2;; show) echo '{shown}';; esac\n"
    )
    code = main(["plan", str(project), "--terraform-bin", str(fake)])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    assert "Traceback" not in err
    assert "show -json" in err and "not a Terraform plan" in err, err


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
FIELD_PATHS = [path for path, _ in MUTATIONS] + [
    (*CH, "before", "tags"),
    (*CH, "after", "tags", "k"),
    (*CH, "after_sensitive", "tags"),
    (*CH, "after_unknown", "tags"),
    (*CH, "replace_paths", 0),
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(FIELD_PATHS), value=JSON_VALUES)
def test_any_json_value_in_any_field_renders_or_is_a_format_error(path, value):
    try:
        plan = load_plan(json.dumps(mutate(path, value)))
    except PlanFormatError:
        return
    for out in (plain_text(plan), render_markdown(plan), render_json(plan)):
        assert "hunter2-pw" not in out
