"""Day-2 change review with `environments:`: each environment is its own deployment, so a
change written in one overlay (a priority swap, a protected load balancer flipped internal) is
reviewed like one written in the base, and reported once at the path the user wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ecs_wizard import render
from ecs_wizard.model.answers import Answers
from ecs_wizard.rendering import changes
from tests.answers_fixtures import base_answers

SWAP = {"api": {"priority": 20}, "admin": {"priority": 10}}


def _with_envs(staging: Any = None, prod: Any = None, **extra: Any) -> dict[str, Any]:
    data = base_answers()
    data["environments"] = {"staging": staging, "prod": prod, **extra}
    return data


def _review(before: dict[str, Any], after: dict[str, Any]) -> changes.ChangeReport:
    return changes.review(Answers.model_validate(before), Answers.model_validate(after))


def test_a_swap_in_one_overlay_is_refused_at_the_overlay_path():
    report = _review(_with_envs(), _with_envs(prod={"routing": SWAP}))
    assert [(i.rule, i.path) for i in report.errors] == [
        (changes.RULE_PRIORITY, "environments.prod.routing.api.priority"),
        (changes.RULE_PRIORITY, "environments.prod.routing.admin.priority"),
    ]
    assert all(i.message.startswith("environment prod: ") for i in report.errors)
    assert "PriorityInUse" in report.errors[0].message


def test_a_base_change_is_reported_once_naming_every_environment():
    after = _with_envs()
    after["routing"][0]["priority"], after["routing"][1]["priority"] = 20, 10
    report = _review(_with_envs(), after)
    assert [i.path for i in report.errors] == ["routing[0].priority", "routing[1].priority"]
    assert all(i.message.startswith("environments staging, prod: ") for i in report.errors)


def test_an_environment_whose_overlay_undoes_the_base_change_is_not_named():
    """prod pins the old priorities: only staging's deployment sees the swap."""
    after = _with_envs(prod={"routing": {"api": {"priority": 10}, "admin": {"priority": 20}}})
    after["routing"][0]["priority"], after["routing"][1]["priority"] = 20, 10
    report = _review(_with_envs(), after)
    assert report.errors and all(
        i.message.startswith("environment staging: ") for i in report.errors
    )


def test_a_new_environment_has_nothing_deployed_to_review():
    report = _review(_with_envs(), _with_envs(qa={"routing": SWAP}))
    assert report.issues == []


def test_a_protected_alb_flipped_internal_in_one_overlay_is_refused():
    before = _with_envs()
    before["alb"]["deletion_protection"] = True
    after = _with_envs(prod={"alb": {"internal": True}})
    after["alb"]["deletion_protection"] = True
    report = _review(before, after)
    assert [(i.rule, i.path) for i in report.errors] == [
        (changes.ALB_PROTECTED, "environments.prod.alb.internal")
    ]


def test_render_refuses_an_overlay_swap_and_writes_nothing(tmp_path: Path) -> None:
    render.write_project(Answers.model_validate(_with_envs()), tmp_path)
    prod = tmp_path / "envs" / "prod.tfvars"
    before = prod.read_text()
    with pytest.raises(changes.ChangeRefused) as info:
        render.write_project(Answers.model_validate(_with_envs(prod={"routing": SWAP})), tmp_path)
    assert "environments.prod.routing.api.priority" in str(info.value)
    assert prod.read_text() == before
