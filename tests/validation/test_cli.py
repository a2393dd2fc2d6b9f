"""`ecs-wizard validate`: output, exit codes, JSON, colour handling, bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ecs_wizard.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"

BAD = """\
version: 1
project: {name: Shop, region: eu-west-1}
network:
  vpc_id: vpc-0a1b2c3d4e5f60718
  public_subnet_ids: [subnet-0aaaaaaaaaaaaaaa1, subnet-0aaaaaaaaaaaaaaa2]
  private_subnet_ids: [subnet-0bbbbbbbbbbbbbbb1]
services:
  - name: web
    containers:
      - {name: web, image: "nginx:1.27", port: 70000, environment: {DB_PASSWORD: x}}
    load_balancer: {container: web}
"""


def test_valid_example_exits_0(capsys):
    assert main(["validate", str(EXAMPLES / "full.yaml")]) == 0
    out = capsys.readouterr().out
    assert "valid" in out and "Errors" not in out


def test_errors_exit_1_with_path_value_message_fix(tmp_path: Path, capsys):
    f = tmp_path / "a.yaml"
    f.write_text(BAD)
    assert main(["validate", str(f)]) == 1
    out = capsys.readouterr().out
    assert "services[0].containers[0].port" in out
    assert "value: 70000" in out and "must be 1-65535" in out and "fix:" in out
    assert "project.name" in out
    assert "Warnings" in out and "environment.DB_PASSWORD" in out
    assert "2 errors" in out


def test_json_format(tmp_path: Path, capsys):
    f = tmp_path / "a.yaml"
    f.write_text(BAD)
    assert main(["validate", str(f), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False
    paths = {e["path"] for e in payload["errors"]}
    assert paths == {"project.name", "services[0].containers[0].port"}
    assert all({"message", "fix", "value", "severity"} <= set(e) for e in payload["errors"])


def test_warnings_only_exit_0(capsys):
    assert main(["validate", str(EXAMPLES / "minimal.yaml")]) == 0
    assert "alb.https" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "needle"),
    [("a: 1\na: 2\n", ":2:1: duplicate key 'a'"), ("a: [1,\n", ":2:1:"), ("", "empty")],
)
def test_bad_yaml_is_friendly(tmp_path: Path, capsys, content, needle):
    f = tmp_path / "a.yaml"
    f.write_text(content)
    assert main(["validate", str(f)]) == 1
    captured = capsys.readouterr()
    assert needle in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err


def test_missing_file(tmp_path: Path, capsys):
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 1
    assert "file not found" in capsys.readouterr().err
    assert main(["validate", str(tmp_path / "nope.yaml"), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["errors"][0]["message"] == "file not found"


def _run(args: list[str], env_extra: dict[str, str], stdin: str | None = None):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "ecs_wizard", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_no_colour_without_tty_and_stdin_input():
    proc = _run(["validate", "-"], {}, stdin=BAD)
    assert proc.returncode == 1
    assert "\x1b[" not in proc.stdout and "services[0].containers[0].port" in proc.stdout


COLOUR_SGR = re.compile(r"\x1b\[[0-9;]*;?3[0-9]m")  # foreground colour codes


def test_no_color_env_wins_over_force_color():
    proc = _run(["validate", str(EXAMPLES / "minimal.yaml")], {"FORCE_COLOR": "1"})
    assert COLOUR_SGR.search(proc.stdout)  # forced colour is honoured...
    proc = _run(["validate", str(EXAMPLES / "minimal.yaml")], {"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not COLOUR_SGR.search(proc.stdout)  # ...unless NO_COLOR is set (bold may stay)
    assert proc.returncode == 0


def test_help_teaches_with_an_example():
    proc = _run(["validate", "--help"], {})
    assert proc.returncode == 0
    assert "ecs-wizard validate answers.yaml" in proc.stdout
    assert "Exit codes" in proc.stdout


def test_cli_reports_rule_errors_alongside_shape_errors(tmp_path):
    """A missing key does not hide the other problems of the file."""
    from ecs_wizard.cli import main

    path = tmp_path / "a.yaml"
    path.write_text(
        "version: 1\n"
        "project: {name: Shop, regoin: eu-west-1}\n"
        "network: {vpc_id: vpc-1, public_subnet_ids: [subnet-0aaaaaaaaaaaaaaa1]}\n"
        "services: [{name: web, containers: [{name: web, image: nginx:1.27, port: 80}]}]\n"
    )
    import contextlib
    import io
    import json

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["validate", str(path), "--format", "json"]) == 1
    paths = {e["path"] for e in json.loads(out.getvalue())["errors"]}
    # shape errors ...
    assert {"project.regoin", "network.private_subnet_ids"} <= paths
    # ... and, in the same run, the rules' errors elsewhere in the file
    assert {"project.name", "network.vpc_id", "network.public_subnet_ids"} <= paths


def test_show_ids_prints_each_issues_rule(tmp_path: Path, capsys):
    f = tmp_path / "a.yaml"
    f.write_text(BAD)
    assert main(["validate", str(f)]) == 1
    assert "[E-" not in capsys.readouterr().out  # ids only on request
    assert main(["validate", str(f), "--show-ids"]) == 1
    out = capsys.readouterr().out
    assert "services[0].containers[0].port  [E-SERVICES-PORT]" in out
    assert "project.name  [E-NAMES-FORMAT]" in out
    assert "environment.DB_PASSWORD  [W-SERVICES-PLAINTEXT-SECRET]" in out


def test_json_always_includes_the_rule(tmp_path: Path, capsys):
    f = tmp_path / "a.yaml"
    f.write_text(BAD)
    assert main(["validate", str(f), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    rules = {(e["path"], e["rule"]) for e in payload["errors"] + payload["warnings"]}
    assert ("services[0].containers[0].port", "E-SERVICES-PORT") in rules
    assert ("project.name", "E-NAMES-FORMAT") in rules
    f.write_text("project: [")
    assert main(["validate", str(f), "--format", "json"]) == 1
    (error,) = json.loads(capsys.readouterr().out)["errors"]
    assert error["rule"] == "E-FILE-READ"
