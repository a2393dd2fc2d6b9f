"""Validation of answers: shape/type errors from the model, then cross-field AWS rules.

Public API::

    validate_data(data) -> ValidationResult        # plain data (parsed YAML, TUI draft)
    validate_data_all(data) -> ValidationResult    # ... plus the rules when the shape is broken
    validate_answers(answers) -> ValidationResult  # an already-built Answers model
    validate_field(path, value, data) -> list[Issue]
    validate_draft(draft) -> (errors, warnings)    # the wizard's lenient pass

Every issue carries the id of the rule that found it; the rules live in `rules/`, one module
per concern, and are listed in docs/rules.md (`python -m ecs_wizard.validation.table`).
"""

from ecs_wizard.aws.limits import (
    CONTAINERS_PER_TASK_MAX,
    TASK_CPU_RANGE,
    TASK_MEMORY_RANGE,
    TASK_SUBNETS_MAX,
    VALUES_PER_CONDITION_MAX,
)
from ecs_wizard.validation.engine import validate_answers, validate_data, validate_field
from ecs_wizard.validation.issues import Issue, Severity, ValidationResult
from ecs_wizard.validation.lenient import validate_data_all, validate_draft
from ecs_wizard.validation.patterns import RESERVED_TAGS, parse_image
from ecs_wizard.validation.registry import REGISTRY, Check
from ecs_wizard.validation.rules.capacity import effective_capacity
from ecs_wizard.validation.rules.shadowing import glob_subsumes, rule_covers
from ecs_wizard.validation.shape import translate

__all__ = [
    "CONTAINERS_PER_TASK_MAX",
    "REGISTRY",
    "RESERVED_TAGS",
    "TASK_CPU_RANGE",
    "TASK_MEMORY_RANGE",
    "TASK_SUBNETS_MAX",
    "VALUES_PER_CONDITION_MAX",
    "Check",
    "Issue",
    "Severity",
    "ValidationResult",
    "effective_capacity",
    "glob_subsumes",
    "parse_image",
    "rule_covers",
    "translate",
    "validate_answers",
    "validate_data",
    "validate_data_all",
    "validate_draft",
    "validate_field",
]
