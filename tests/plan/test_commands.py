"""`ecs-wizard plan` and `ecs-wizard show-plan` end to end (in-process and as a subprocess)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ecs_wizard.cli import main
from tests.plan.conftest import SECRET_VALUES


@pytest.fixture
def plan_file(tmp_path, scenario_plan) -> Path:
    p = tmp_path / "plan.json"
    p.write_text(json.dumps(scenario_plan))
    return p


@pytest.mark.terraform
def test_show_plan_text(plan_file, capsys):
    assert main(["show-plan", str(plan_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Plan: 1 to add, 3 to change, 1 to replace")
    assert "WARNING" in out and "-/+ terraform_data.cluster must be replaced" in out
    assert "\x1b[" not in out  # not a terminal: no colour codes
    assert not any(v in out for v in SECRET_VALUES)


@pytest.mark.terraform
@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_show_plan_formats_to_file(plan_file, tmp_path, fmt, capsys):
    out = tmp_path / "x[/]" / f"view[b].{fmt}"  # markup in the path is printed as written
    out.parent.mkdir(parents=True)
    assert main(["show-plan", str(plan_file), "--format", fmt, "-o", str(out)]) == 0
    body = out.read_text()
    if fmt == "json":
        assert json.loads(body)["summary"]["destroy"] == 1
    else:
        assert "> [!WARNING]" in body and "<details" in body
    assert not any(v in body for v in SECRET_VALUES)
    assert f"Wrote the {fmt} plan view to {out}." in capsys.readouterr().err


@pytest.mark.terraform
def test_show_plan_filters(plan_file, capsys):
    assert main(["show-plan", str(plan_file), "--destructive-only", "--summary-only"]) == 0
    out = capsys.readouterr().out
    assert "terraform_data.legacy" in out and "terraform_data.policy" not in out
    assert main(["show-plan", str(plan_file), "--module", 'module.svc["api"]']) == 0
    out = capsys.readouterr().out
    assert 'module.svc["api"]' in out and "terraform_data.legacy" not in out


def test_show_plan_bad_inputs_exit_1_without_traceback(tmp_path, capsys):
    assert main(["show-plan", str(tmp_path / "missing.json")]) == 1
    assert "does not exist" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert main(["show-plan", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "not valid JSON" in err and "Traceback" not in err


def test_show_plan_reads_stdin(tmp_path):
    plan = {"format_version": "1.2", "resource_changes": []}
    proc = subprocess.run(
        [sys.executable, "-m", "ecs_wizard", "show-plan", "-"],
        input=json.dumps(plan),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0 and proc.stdout.startswith("No changes.")


@pytest.mark.terraform
def test_plan_command_exit_codes_and_view(tf, scenario_dir, monkeypatch, capsys):
    monkeypatch.setattr(os, "environ", tf.env)
    code = main(["plan", str(scenario_dir), "--terraform-bin", str(tf.binary)])
    captured = capsys.readouterr()
    assert code == 2, captured.err
    assert "-/+ terraform_data.cluster must be replaced" in captured.out
    assert "[plan] terraform_data.cluster: Plan to replace" in captured.err  # plain progress
    assert "Saved plan: " in captured.err


@pytest.mark.terraform
def test_plan_command_failure_exit_1(tf, tmp_path, monkeypatch, capsys):
    from tests.plan.conftest import FIXTURES

    d = tmp_path / "broken"
    d.mkdir()
    (d / "main.tf").write_text((FIXTURES / "broken" / "main.tf").read_text())
    monkeypatch.setattr(os, "environ", tf.env)
    assert main(["plan", str(d), "--terraform-bin", str(tf.binary), "-q"]) == 1
    err = capsys.readouterr().err
    assert "Error: terraform plan failed." in err
    assert "Reference to undeclared input variable" in err and "on main.tf:2" in err
    assert "Traceback" not in err


def test_plan_command_terraform_missing(project, capsys):
    assert main(["plan", str(project), "--terraform-bin", "nope-terraform"]) == 1
    err = capsys.readouterr().err
    assert "not found" in err and "How to fix:" in err


def test_plan_command_bad_refresh_value_is_usage_error(project, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["plan", str(project), "--refresh=maybe"])
    assert exc.value.code == 64  # EX_USAGE: 2 means "changes present"


def test_ctrl_c_cancels_cleanly_with_exit_130(project, fake_terraform, tmp_path):
    """A real SIGINT to the CLI (as a terminal's Ctrl-C sends to the foreground group)."""
    marker = tmp_path / "interrupted"
    fake = fake_terraform(
        'case "$1" in init) exit 0;;\n'
        f"plan) trap 'echo int > {marker}; exit 1' INT; echo started; "
        "while true; do sleep 0.05; done;;\nesac\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "ecs_wizard", "plan", str(project), "--terraform-bin", str(fake)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    seen = []
    for line in proc.stderr:  # plain progress lines: wait until terraform is planning
        seen.append(line)
        if line.strip() == "[plan] started":
            break  # the fake set its INT trap before it printed that line
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    err = "".join(seen) + err
    assert proc.returncode == 130, err
    assert "Cancelled." in err and "Traceback" not in err
    assert marker.read_text().strip() == "int"


@pytest.mark.terraform
def test_colour_on_terminals_and_no_color_respected(plan_file):
    import re

    def run(**env):
        return subprocess.run(
            [sys.executable, "-m", "ecs_wizard", "show-plan", str(plan_file)],
            capture_output=True,
            text=True,
            timeout=60,
            env={k: v for k, v in {**os.environ, **env}.items() if v is not None},
        ).stdout

    colour = re.compile(r"\x1b\[[0-9;]*(3[0-7]|38;|4[0-7])")
    assert colour.search(run(FORCE_COLOR="1", NO_COLOR=None, TTY_COMPATIBLE="1"))
    assert not colour.search(run(FORCE_COLOR="1", NO_COLOR="1", TTY_COMPATIBLE="1"))


@pytest.mark.terraform
def test_plan_relative_directory_and_var_file(tf, tmp_path, monkeypatch, capsys):
    d = tmp_path / "proj"
    d.mkdir()
    (d / "main.tf").write_text(
        'variable "v" {\n  type = string\n}\nresource "terraform_data" "a" {\n  input = var.v\n}\n'
    )
    (tmp_path / "my.tfvars").write_text('v = "from-var-file"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(os, "environ", tf.env)
    code = main(
        ["plan", "proj", "--terraform-bin", str(tf.binary), "--var-file", "my.tfvars", "-q"]
    )
    captured = capsys.readouterr()
    assert code == 2, captured.err
    assert '+ input = "from-var-file"' in captured.out
    code = main(
        [
            "plan",
            "proj",
            "--terraform-bin",
            str(tf.binary),
            "--var",
            "v=from-var",
            "-q",
            "--plan-arg=-lock-timeout=5s",
        ]
    )
    assert '+ input = "from-var"' in capsys.readouterr().out
    assert (d / ".ecs-wizard" / "tfplan").is_file()
    assert not (d / "proj").exists()  # the plan file did not nest under DIR/DIR
    assert main(["plan", "proj", "--var-file", "missing.tfvars"]) == 1
    assert "no such file" in capsys.readouterr().err


@pytest.mark.terraform
@pytest.mark.slow
def test_plan_a_rendered_project(tf, tmp_path, monkeypatch, capsys):
    """The renderer's minimal example, planned offline (fake credentials, no refresh)."""
    from ecs_wizard.commands import plan as plan_command
    from tests.conftest import REPO_ROOT, write_offline_override

    out = tmp_path / "infra"
    answers = REPO_ROOT / "ecs_wizard" / "examples" / "minimal.yaml"
    assert main(["render", str(answers), "-o", str(out), "-q"]) == 0
    write_offline_override(out)
    monkeypatch.setattr(os, "environ", tf.env)
    md = tmp_path / "plan.md"
    code = main(
        [
            "plan",
            str(out),
            "--terraform-bin",
            str(tf.binary),
            "--refresh=false",
            "-q",
            "--format",
            "markdown",
            "-o",
            str(md),
        ]
    )
    assert code == 2, capsys.readouterr().err
    body = md.read_text()
    assert '<summary><b>module.service["web"]</b>' in body
    assert "`aws_ecs_task_definition`" in body and "> [!WARNING]" not in body
    assert plan_command.NAME == "plan"
