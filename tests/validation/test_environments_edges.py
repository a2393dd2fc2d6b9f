"""validation/environments.py, edge by edge: environment names at their bound, the CI's list,
overlay errors, where an issue is reported and which environments it names (issue 14: the
mutation run of environments.py)."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.validation import validate_data
from tests.answers_fixtures import base_answers

ROLE = "arn:aws:iam::123456789012:role/ci"


def with_envs(**envs: Any) -> dict[str, Any]:
    data = base_answers()
    data["environments"] = envs
    return data


def issues(data: dict[str, Any], rule: str) -> list[tuple[str, str, str, Any]]:
    r = validate_data(data)
    return [(i.path, i.message, i.fix, i.value) for i in r.errors + r.warnings if i.rule == rule]


@pytest.mark.parametrize(("name", "ok"), [("a" * 32, True), ("a" * 33, False), ("Prod", False)])
def test_environment_names(name, ok):
    expected = (
        f"environments.{name}",
        "an environment name must be 1 to 32 lower-case letters, digits and hyphens, starting "
        "with a letter (it goes into every AWS name)",
        "e.g. staging or prod",
        name,
    )
    assert issues(with_envs(**{name: {}}), "E-ENV-NAME") == ([] if ok else [expected])


def test_an_environment_name_is_checked_as_the_project_s_environment():
    # each environment's merged answers carry its name as project.environment, and a rule
    # about that field is reported at the environment
    name = "a" * 33
    assert issues(with_envs(**{name: {}}), "E-NAMES-FORMAT") == [
        (
            f"environments.{name}",
            "the environment name is longer than 32 characters",
            "shorten it",
            name,
        )
    ]


def test_the_ci_lists_only_defined_environments():
    data = with_envs(staging={}, prod={})
    data["ci"] = {"github": {"aws_role_arn": ROLE, "environments": ["prod", "qa"]}}
    assert issues(data, "E-CI-ENVIRONMENTS") == [
        (
            "ci.github.environments[1]",
            "no environment named 'qa'",
            "use one of: staging, prod",
            "qa",
        )
    ]
    data = base_answers()
    data["environments"] = ["prod"]  # not a mapping: no environment is defined
    data["ci"] = {"github": {"aws_role_arn": ROLE, "environments": ["prod"]}}
    assert issues(data, "E-CI-ENVIRONMENTS") == [
        (
            "ci.github.environments[0]",
            "lists an environment, but the answers define none",
            "remove the list",
            "prod",
        )
    ]


def test_an_overlay_error_does_not_stop_the_other_environments():
    data = with_envs(
        prod={"services": {"nope": {"cpu": 256}}}, dev={"alb": {"deletion_protection": False}}
    )
    assert issues(data, "E-ENV-OVERLAY") == [
        (
            "environments.prod.services.nope",
            "no service named 'nope' in the base answers",
            "known: web, api, worker An environment can only change services that the base "
            "answers define.",
            None,
        )
    ]
    assert [p for p, *_ in issues(data, "W-ALB-DELETION-PROTECTION")] == [
        "environments.dev.alb.deletion_protection"
    ]


def test_a_base_issue_names_the_environments_it_holds_in_only_when_not_all():
    data = with_envs(staging={"alb": {"deletion_protection": True}}, prod={}, dev={})
    data["alb"]["deletion_protection"] = False
    [(path, message, _, _)] = issues(data, "W-ALB-DELETION-PROTECTION")
    assert path == "alb.deletion_protection"
    assert message.endswith("deletes the load balancer (in environment prod, dev)")
    data = with_envs(staging={}, prod={})
    data["alb"]["deletion_protection"] = False
    assert [m for _, m, _, _ in issues(data, "W-ALB-DELETION-PROTECTION")] == [
        "is off: a mistaken `terraform destroy` deletes the load balancer"
    ]
    assert [i.severity for i in validate_data(data).warnings] == ["warning"]


def test_each_environment_s_answers_only_when_all_are_valid():
    ok = validate_data(with_envs(staging={}, prod={"alb": {"idle_timeout": 120}}))
    assert ok.ok and list(ok.environments) == ["staging", "prod"]
    assert ok.environments["prod"].alb.idle_timeout == 120
    assert ok.environments["staging"].project.environment == "staging"
    bad = validate_data(with_envs(staging={}, prod={"services": {"api": {"cpu": 300}}}))
    assert not bad.ok and bad.environments == {} and bad.answers is None
    # warnings only: still valid, every environment's answers
    warn = with_envs(staging={}, prod={"alb": {"deletion_protection": False}})
    assert list(validate_data(warn).environments) == ["staging", "prod"]


def test_a_base_value_every_environment_overrides_is_still_checked():
    data = with_envs(staging={"alb": {"idle_timeout": 120}}, prod={"alb": {"idle_timeout": 60}})
    data["alb"]["idle_timeout"] = "x"  # each environment replaces it, the file still holds it
    result = validate_data(data)
    assert [(i.path, i.rule) for i in result.errors] == [("alb.idle_timeout", "E-SHAPE-TYPE")]
    assert result.environments == {}


def test_a_malformed_ci_section_is_a_shape_error_not_a_crash():
    data = with_envs(prod={})
    data["ci"] = "x"
    assert [(i.path, i.rule) for i in validate_data(data).errors] == [("ci", "E-SHAPE-TYPE")]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("bootstrap", "state bucket's own state key"),
        *[(n, "device name on Windows") for n in ("con", "prn", "aux", "nul", "com1", "lpt9")],
        *[(n, "device name on Windows") for n in ("com0", "lpt0")],
    ],
)
def test_reserved_environment_names_are_refused(name, words):
    found = issues(with_envs(**{name: {}}, prod={}), "E-ENV-RESERVED")
    assert [(path, value) for path, _m, _f, value in found] == [(f"environments.{name}", name)]
    assert words in found[0][1] and found[0][2].startswith("rename the environment")


@pytest.mark.parametrize("name", ["console", "nul1", "com10", "bootstraps", "conn", "prod"])
def test_names_that_only_look_reserved_are_accepted(name):
    assert issues(with_envs(**{name: {}}), "E-ENV-RESERVED") == []
