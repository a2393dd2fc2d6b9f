"""Running validation: the shape phase (the pydantic model), then every registered check.

Validation runs in two phases: the model reports every shape/type problem at once; when the
shape is right, every check runs and all their issues are reported together, in document
order, minus the warnings the answers silence in `validation.ignore`.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError

import ecs_wizard.validation.rules  # noqa: F401 - registers the checks
from ecs_wizard.model.answers import Answers
from ecs_wizard.model.paths import put_path
from ecs_wizard.validation.environments import validate_environments
from ecs_wizard.validation.issues import Issue, ValidationResult, sort_issues
from ecs_wizard.validation.registry import checks
from ecs_wizard.validation.shape import top_level_issue, translate


def validate_answers(answers: Answers) -> ValidationResult:
    """Run every check on a built model; issues come back in document order."""
    ignored = set(answers.validation.ignore) if answers.validation else set()
    errors: list[Issue] = []
    warnings: list[Issue] = []
    for c in checks():
        if c.id in ignored and c.severity == "warning":
            continue
        for issue in c.run(answers):
            (errors if issue.severity == "error" else warnings).append(issue)
    return ValidationResult(answers, sort_issues(errors), sort_issues(warnings))


def validate_data(data: Any) -> ValidationResult:
    """Validate plain data (parsed YAML). Never raises for bad input."""
    if not isinstance(data, dict):
        return ValidationResult(None, [top_level_issue(data)])
    if data.get("environments"):
        return validate_environments(data, validate_data)
    try:
        answers = Answers.model_validate(data)
    except ValidationError as exc:
        return ValidationResult(None, [translate(e) for e in exc.errors(include_url=False)])
    return validate_answers(answers)


def validate_field(path: str, value: Any, answers_data: Any) -> list[Issue]:
    """Issues at or below `path` if `answers_data` had `value` there (for live validation)."""
    data = copy.deepcopy(answers_data)
    try:
        put_path(data, path, value)
    except (KeyError, IndexError, TypeError):
        return [Issue(path, "cannot set this path", "check the path", rule="E-SHAPE-PATH")]
    return validate_data(data).at(path)
