"""Known secrets never reach any plan view: not past the display cut, not split into lines,
not in any encoding (JSON-escaped, double-encoded, Go `\\u003c` escapes), not as a sensitive
map's keys, not as an import id."""

from __future__ import annotations

import json

import pytest

from ecs_wizard.plan.model import load_plan
from ecs_wizard.plan.render_json import render_json
from ecs_wizard.plan.render_markdown import render_markdown
from ecs_wizard.plan.render_text import plain_text

# Each secret is made of distinctive tokens: no token may appear in any output.
LONG = "hunter2-SuperSecretToken-Qx7Lw9"
PEM = (
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n"
    "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n"
    "-----END PRIVATE KEY-----\n"
)
QUOTED = 'Zq9Kd"pw\\Wv7Rm'  # a quote and a backslash: every JSON encoding changes it
GOISH = "K7aQ<pT3x>&Hn5"  # Go's json escapes <, > and &


def tokens(secret: str) -> list[str]:
    if secret is PEM:
        return [line[:24] for line in PEM.splitlines()[1:3]]
    known = ("hunter2", "Qx7Lw9", "Zq9Kd", "Wv7Rm", "K7aQ", "pT3x", "Hn5")
    return [t for t in known if t in secret]


def rc(address: str, before, after, *, after_sensitive=None, importing=None, actions=None):
    change = {
        "actions": actions or (["create"] if before is None else ["update"]),
        "before": before,
        "after": after,
        "after_unknown": {},
        "before_sensitive": after_sensitive if before is not None else False,
        "after_sensitive": after_sensitive or {},
    }
    if importing is not None:
        change["importing"] = importing
    typ, name = address.rsplit(".", 1)
    return {
        "address": address,
        "mode": "managed",
        "type": typ,
        "name": name,
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": change,
    }


def plan_with(secret: str, *copies: dict) -> dict:
    holder = rc(
        "aws_secret.holder",
        None,
        {"value": secret, "name": "holder"},
        after_sensitive={"value": True},
    )
    return {"format_version": "1.2", "resource_changes": [holder, *copies]}


def all_views(data: dict) -> dict[str, str]:
    plan = load_plan(json.dumps(data))
    return {
        "text": plain_text(plan),
        "markdown": render_markdown(plan),
        "json": render_json(plan),
    }


def assert_hidden(data: dict, secret: str) -> None:
    for fmt, out in all_views(data).items():
        for token in tokens(secret):
            assert token not in out, f"{fmt} view shows {token!r}:\n{out}"
            # and not in a JSON-escaped form either
            assert json.dumps(token)[1:-1] not in out, fmt


def test_copy_starting_past_the_display_cut_is_redacted():
    copy = rc("aws_x.copy", None, {"input": {"note": "x" * 110 + LONG, "n": 1}})
    text_copy = rc("aws_x.text", None, {"input": "y" * 115 + LONG})
    assert_hidden(plan_with(LONG, copy, text_copy), LONG)


def test_multi_line_secret_copied_into_multi_line_attribute():
    user_data = "#!/bin/sh\nset -e\ncat > /etc/key.pem <<EOF\n" + PEM + "EOF\nstart\n"
    copy = rc("aws_instance.web", None, {"user_data": user_data})
    views = all_views(plan_with(PEM, copy))
    assert_hidden(plan_with(PEM, copy), PEM)
    assert "cat > /etc/key.pem" in views["text"]  # the rest of the script is shown


def test_copy_inside_double_encoded_json():
    inner = json.dumps({"DB_PASSWORD": QUOTED, "padding": "p" * 40})
    outer = json.dumps({"environment": inner, "name": "app", "more": "m" * 40})
    copy = rc("aws_ecs_task_definition.app", None, {"container_definitions": outer})
    assert_hidden(plan_with(QUOTED, copy), QUOTED)


def test_go_style_escaped_copy():
    go = json.dumps({"token": GOISH, "other": "o" * 40})
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        go = go.replace(ch, esc)
    assert "\\u003c" in go
    copy = rc("aws_ssm_parameter.cfg", None, {"value": go, "raw": "note: " + go[:5] + go})
    assert_hidden(plan_with(GOISH, copy), GOISH)


def test_keys_of_a_sensitive_map_copied_elsewhere():
    holder = rc(
        "aws_x.holder",
        None,
        {"secrets": {"DB_TOKEN_Qx7Lw9": "value-not-shown"}},
        after_sensitive={"secrets": True},
    )
    copy = rc("aws_x.copy", None, {"tags": {"copied": "DB_TOKEN_Qx7Lw9"}})
    data = {"format_version": "1.2", "resource_changes": [holder, copy]}
    for fmt, out in all_views(data).items():
        assert "Qx7Lw9" not in out, fmt


def test_import_id_equal_to_a_secret():
    imported = rc(
        "aws_x.imported",
        {"name": "a"},
        {"name": "b"},
        importing={"id": LONG},
    )
    data = plan_with(LONG, imported)
    views = all_views(data)
    assert "import id: (sensitive value)" in views["text"]
    assert_hidden(data, LONG)


@pytest.mark.parametrize("encode", [False, True])
def test_secret_inside_a_sensitive_output_copy(encode):
    data = plan_with(LONG)
    value = json.dumps({"k": LONG}) if encode else "pre-" + "z" * 100 + LONG
    data["output_changes"] = {
        "copy": {"actions": ["create"], "before": None, "after": value, "after_unknown": False}
    }
    assert_hidden(data, LONG)


def test_the_plan_command_redacts_copies(project, fake_terraform, tmp_path, capsys):
    """`plan` goes through terraform: a copy past the cut in its `show -json` is redacted."""
    from ecs_wizard.cli import main

    data = plan_with(LONG, rc("aws_x.copy", None, {"input": "y" * 108 + LONG}))
    plan_json = tmp_path / "show.json"
    plan_json.write_text(json.dumps(data))
    fake = fake_terraform(
        f'case "$1" in init) exit 0;; plan) exit 2;; show) cat "{plan_json}";; esac\n'
    )
    for fmt in ("text", "markdown", "json"):
        main(["plan", str(project), "--terraform-bin", str(fake), "--format", fmt])
        out, err = capsys.readouterr()
        assert "aws_x.copy" in out, err
        assert "hunter2" not in out + err and "Qx7Lw9" not in out + err, fmt
