"""What validation reports: an `Issue` (path, message, fix, value, severity, rule id) and the
`ValidationResult` that holds them in document order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from ecs_wizard.model.answers import Answers
from ecs_wizard.model.paths import is_under, parse_path

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

    def __post_init__(self) -> None:
        # A value under `secrets:` is meant as a secret, even when it is (by mistake) the
        # plaintext instead of an ARN: never echo it, in any front end or output format.
        if self.value is not None and _SECRET_PATH.search(self.path):
            message, fix = self.message, self.fix
            for text in sorted(_scalars(self.value), key=len, reverse=True):
                message = message.replace(text, HIDDEN)
                fix = fix.replace(text, HIDDEN)
            object.__setattr__(self, "message", message)
            object.__setattr__(self, "fix", fix)
            object.__setattr__(self, "value", None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
            "fix": self.fix,
            "value": self.value,
        }


#: Paths at or under a `secrets` map (`services[0].containers[1].secrets.DB_PASSWORD`).
_SECRET_PATH = re.compile(r"(?:^|\.)secrets(?:$|[.\[])")
HIDDEN = "(value hidden)"


def _scalars(value: Any) -> set[str]:
    """The texts of every scalar in `value` (long enough to be worth hiding)."""
    out: set[str] = set()
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list | tuple):
            stack.extend(v)
        elif v is not None and not isinstance(v, bool) and len(str(v)) >= 3:
            out.add(str(v))
    return out


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
