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
from ecs_wizard.validation.shared_names import shared_name_issues

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


def _ci_checks(answers: Answers) -> tuple[list[Issue], list[Issue]]:
    from ecs_wizard.validation.registry import checks

    ignored = set(answers.validation.ignore) if answers.validation else set()
    errors: list[Issue] = []
    warnings: list[Issue] = []
    for c in checks():
        if "ci" not in c.tags or (c.id in ignored and c.severity == "warning"):
            continue
        for issue in c.run(answers):
            (errors if issue.severity == "error" else warnings).append(issue)
    return errors, warnings


def _ci_account_issues(data: dict[str, Any], github: Any, names: list[str]) -> list[Issue]:
    """Per-environment CI roles: named environments only, each role in its account."""
    from ecs_wizard.model.team import GithubCi
    from ecs_wizard.validation.rules.teams import ci_account_issues

    if not isinstance(github, dict):
        return []
    try:
        parsed = GithubCi.model_validate(github)
    except ValidationError:
        return []  # the file's own validation reports the shape
    issues = [
        Issue(
            f"ci.github.roles.{env}",
            f"no environment named {env!r}",
            f"use one of: {', '.join(names)}",
            env,
            rule="E-CI-ENVIRONMENTS",
        )
        for env in parsed.roles
        if env not in names
    ]
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    envs = data.get("environments") or {}
    accounts: dict[str, str | None] = {}
    for env in names:
        overlay = envs.get(env) if isinstance(envs.get(env), dict) else {}
        account = overlay.get("account_id", project.get("account_id"))
        accounts[env] = str(account) if account is not None else None
    return issues + list(ci_account_issues(parsed, accounts))


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
    issues += _ci_account_issues(data, github, names)
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
    written: dict[str, Callable[[str], str | None]] = {}

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
            written[env] = merged.source_path
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

    errors += shared_name_issues(merged_ok, lambda env, path: written[env](path))
    file_answers: Answers | None = None
    if not errors:
        try:
            file_answers = Answers.model_validate(data)
        except ValidationError as exc:
            errors += [translate(e) for e in exc.errors(include_url=False)]
    if file_answers is not None:
        # `ci:` describes the whole file and is dropped from each environment's answers, so
        # its checks run once, on the file (they were never run with environments before).
        file_errors, file_warnings = _ci_checks(file_answers)
        errors += file_errors
        warnings += file_warnings
        if file_errors:
            file_answers = None
    result = ValidationResult(file_answers, sort_issues(errors), sort_issues(warnings))
    result.environments = merged_ok if file_answers is not None else {}
    return result
