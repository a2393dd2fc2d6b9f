"""Validating an answers file with `environments:`: every environment as its merged answers.

Each environment is merged (`ecs_wizard.model.environments.merge`) and validated in full, so a rule
sees exactly what will be deployed. An issue is reported at the overlay's path when the
overlay wrote the value it is about, else at the base path; a base-path issue that holds in
some environments only says which.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from ecs_wizard.model.answers import Answers
from ecs_wizard.model.environments import OverlayError, environment_names, merge
from ecs_wizard.validation.issues import Issue, ValidationResult, sort_issues
from ecs_wizard.validation.patterns import NAME_RE
from ecs_wizard.validation.registry import register
from ecs_wizard.validation.shape import translate

_TEAMS_DOC = "https://github.com/ecs-wizard/ecs-wizard/blob/main/README.md#teams"

register(
    "E-ENV-OVERLAY",
    "error",
    "An environment overlay changes only what the base answers define",
    _TEAMS_DOC,
    ("environments",),
)
register(
    "E-ENV-NAME",
    "error",
    "Environment names are lower-case letters, digits and hyphens",
    _TEAMS_DOC,
    ("environments",),
)
register(
    "E-ENV-RESERVED",
    "error",
    "An environment name is not one the layout or Windows reserves",
    "https://learn.microsoft.com/en-us/windows/win32/fileio/naming-a-file#naming-conventions",
    ("environments",),
)
register(
    "E-CI-ENVIRONMENTS",
    "error",
    "CI lists only environments the answers define",
    _TEAMS_DOC,
    ("ci", "environments"),
)


# `bootstrap`: bootstrap/README.md keeps the state bucket's own state at
# <key_prefix>/bootstrap/terraform.tfstate, the key an environment of that name would get.
# The rest are device names on Windows, whatever the extension: `envs/con.tfvars` cannot be
# created or checked out there.
RESERVED_ENV_NAMES = frozenset(
    {"bootstrap", "con", "prn", "aux", "nul"}
    | {f"{device}{n}" for device in ("com", "lpt") for n in range(10)}
)


def _reserved_issue(name: str) -> Issue:
    why = (
        "is the name bootstrap/ uses for the state bucket's own state key"
        if name == "bootstrap"
        else "is a device name on Windows: envs/" + name + ".tfvars could not be checked out there"
    )
    return Issue(
        f"environments.{name}",
        f"the environment name {name!r} {why}",
        "rename the environment, e.g. " + ("tools" if name == "bootstrap" else f"{name}-env"),
        name,
        rule="E-ENV-RESERVED",
    )


def _file_issues(data: dict[str, Any], names: list[str]) -> list[Issue]:
    """Issues of the file as a whole: environment names and the CI's environment list."""
    issues: list[Issue] = []
    for name in names:
        if not isinstance(name, str) or not NAME_RE.match(name) or len(name) > 32:
            issues.append(
                Issue(
                    f"environments.{name}",
                    "an environment name must be 1 to 32 lower-case letters, digits and "
                    "hyphens, starting with a letter (it goes into every AWS name)",
                    "e.g. staging or prod",
                    name,
                    rule="E-ENV-NAME",
                )
            )
        elif name in RESERVED_ENV_NAMES:
            issues.append(_reserved_issue(name))
    github = (data.get("ci") or {}).get("github") if isinstance(data.get("ci"), dict) else None
    listed = github.get("environments") if isinstance(github, dict) else None
    if isinstance(listed, list):
        for i, env in enumerate(listed):
            if env not in names:
                issues.append(
                    Issue(
                        f"ci.github.environments[{i}]",
                        f"no environment named {env!r}"
                        if names
                        else "lists an environment, but the answers define none",
                        f"use one of: {', '.join(names)}" if names else "remove the list",
                        env,
                        rule="E-CI-ENVIRONMENTS",
                    )
                )
    return issues


def validate_environments(
    data: dict[str, Any], validate_one: Callable[[Any], ValidationResult]
) -> ValidationResult:
    """Validate every environment's merged answers with `validate_one` (the single-environment
    validation); the result's `environments` holds each environment's valid answers."""
    names = environment_names(data)
    errors: list[Issue] = _file_issues(data, names)
    warnings: list[Issue] = []
    seen: dict[tuple[str, str, str, str, str], list[str]] = {}
    order: list[Issue] = []
    merged_ok: dict[str, Answers] = {}

    for env in names:
        try:
            merged = merge(data, env)
        except OverlayError as exc:
            errors.append(Issue(exc.path, exc.message, exc.fix, rule="E-ENV-OVERLAY"))
            continue
        merged.written.setdefault("project.environment", f"environments.{env}")
        result = validate_one(merged.data)
        if result.ok and result.answers is not None:
            merged_ok[env] = result.answers
        for issue in [*result.errors, *result.warnings]:
            source = merged.source_path(issue.path)
            if source is not None:
                (errors if issue.severity == "error" else warnings).append(
                    replace(issue, path=source)
                )
                continue
            key = (issue.path, issue.rule, issue.message, issue.fix, issue.severity)
            if key not in seen:
                seen[key] = []
                order.append(issue)
            seen[key].append(env)

    for issue in order:
        envs = seen[(issue.path, issue.rule, issue.message, issue.fix, issue.severity)]
        if len(envs) < len(names):
            issue = replace(issue, message=f"{issue.message} (in environment {', '.join(envs)})")
        (errors if issue.severity == "error" else warnings).append(issue)

    file_answers: Answers | None = None
    if not errors:
        try:
            file_answers = Answers.model_validate(data)
        except ValidationError as exc:
            errors += [translate(e) for e in exc.errors(include_url=False)]
    result = ValidationResult(file_answers, sort_issues(errors), sort_issues(warnings))
    result.environments = merged_ok if file_answers is not None else {}
    return result
