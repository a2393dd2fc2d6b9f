"""What validation reports: an `Issue` (path, message, fix, value, severity, rule id) and the
`ValidationResult` that holds them in document order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ecs_wizard.answers import Answers
from ecs_wizard.paths import is_under, parse_path

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    """One problem at one path. `rule` is the id of the check that found it (see docs/rules.md)."""

    path: str
    message: str
    fix: str = ""
    value: Any = None
    severity: Severity = "error"
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
            "fix": self.fix,
            "value": self.value,
        }


@dataclass
class ValidationResult:
    answers: Answers | None
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    # With `environments:` in the file: each environment's merged, valid answers.
    environments: dict[str, Answers] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def issues(self) -> list[Issue]:
        return [*self.errors, *self.warnings]

    def at(self, prefix: str) -> list[Issue]:
        """Issues whose path is `prefix` or below it (e.g. ``services[1]``)."""
        return [i for i in self.issues if is_under(i.path, prefix)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "errors": [i.to_dict() for i in self.errors],
            "warnings": [i.to_dict() for i in self.warnings],
        }


_SECTIONS = {name: i for i, name in enumerate(Answers.model_fields)}


def path_key(issue: Issue) -> tuple[Any, ...]:
    """Sort key for document order: section, then indexes numerically."""
    parts = parse_path(issue.path)
    key = [(0, part) if isinstance(part, int) else (1, part) for part in parts]
    head = parts[0] if parts and isinstance(parts[0], str) else ""
    return (_SECTIONS.get(head, len(_SECTIONS)), *key)


def sort_issues(issues: list[Issue]) -> list[Issue]:
    """`issues` in document order; issues at the same path keep the order they were found in."""
    return sorted(issues, key=path_key)
