"""`ecs-wizard diff-env`: two environments compared as merged answers."""

from __future__ import annotations

from pathlib import Path

from ecs_wizard.cli import main
from ecs_wizard.commands.diff_env import differences
from ecs_wizard.model.yamlio import dump_answers
from tests.answers_fixtures import base_answers


def write(tmp_path: Path, **envs) -> Path:
    data = base_answers()
    data["environments"] = envs
    path = tmp_path / "answers.yaml"
    path.write_text(dump_answers(data), encoding="utf-8")
    return path


def test_lists_each_difference_by_name(tmp_path: Path, capsys) -> None:
    path = write(
        tmp_path,
        staging={"services": {"api": {"desired_count": 1}}},
        prod={
            "alb": {"idle_timeout": 120},
            "routing": {"admin": {"hosts": ["admin.prod.example.com"]}},
            "services": {
                "worker": {
                    "containers": [
                        {"name": "worker", "image": "acme/worker:1.0", "environment": {"X": "[/x]"}}
                    ]
                }
            },
        },
    )
    assert main(["diff-env", str(path), "staging", "prod"]) == 2
    out = capsys.readouterr().out
    assert "services.api.desired_count" in out and "alb.idle_timeout" in out
    assert "routing.admin.hosts" in out and "admin.prod.example.com" in out
    assert "[/x]" in out  # user text printed as text, never read as markup
    assert "services.web" not in out  # same in both


def test_same_environments_exit_0(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, a={}, b={})
    assert main(["diff-env", str(path), "a", "b"]) == 0
    assert "same answers" in capsys.readouterr().out


def test_unknown_environment_is_an_error(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, staging={}, prod={})
    assert main(["diff-env", str(path), "staging", "qa"]) == 1
    err = capsys.readouterr().err
    assert "'qa'" in err and "staging, prod" in err


def test_differences_by_path() -> None:
    a = {"services": [{"name": "web", "cpu": 256}], "project": {"tags": {"A": "1"}}}
    b = {"services": [{"name": "web", "cpu": 512}, {"name": "api"}], "project": {"tags": {}}}
    assert differences(a, b) == [
        ("project.tags", None, {}),
        ("project.tags.A", "1", None),
        ("services.api.name", None, "api"),
        ("services.web.cpu", 256, 512),
    ]
