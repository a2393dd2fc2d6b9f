"""Usage errors have their own exit code (64, EX_USAGE), never 2 ("changes present")."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from ecs_wizard.cli import COMMAND_MODULES, USAGE_ERROR, build_parser, main

COMMANDS = [importlib.import_module(f"ecs_wizard.commands.{m}").NAME for m in COMMAND_MODULES]


def test_usage_error_code_is_not_a_result_code():
    assert USAGE_ERROR == 64 and USAGE_ERROR not in (0, 1, 2, 130)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_exits_64_on_an_unknown_option(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([command, "--bogus"])
    assert exc.value.code == USAGE_ERROR
    err = capsys.readouterr().err
    assert "usage:" in err and "error:" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["plan"],  # DIR missing
        ["plan", "d", "--refresh=maybe"],  # malformed value
        ["plan", "d", "--format", "yaml"],  # not a choice
        ["show-plan"],
        ["render", "a.yaml"],  # -o missing
        ["diff-env", "a.yaml"],
        ["validate", "a.yaml", "--format", "xml"],
        ["no-such-command"],
    ],
)
def test_missing_or_malformed_arguments_exit_64(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == USAGE_ERROR, capsys.readouterr().err


def test_plan_bogus_as_a_process_exits_64_not_2(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "ecs_wizard", "plan", str(tmp_path), "--bogus"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == USAGE_ERROR, proc.stderr
    assert "unrecognized arguments: --bogus" in proc.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_documents_its_exit_codes(command):
    sub = build_parser([command])._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    text = " ".join(sub.format_help().split())
    assert "Exit codes: 0 " in text
    assert f"{USAGE_ERROR} usage error" in text


def test_top_level_help_and_readme_document_64():
    from pathlib import Path

    assert "64 usage error" in build_parser().format_help()
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "| 64 |" in readme, "README's exit code table lists the usage error"
