"""The lenient second pass: cross-field rules for answers whose shape is still broken.

When the draft does not parse (a required field is missing or malformed), the cross-field
rules cannot run. So a copy in which those fields hold stand-ins is validated as well, and the
issues it finds elsewhere are added. Every message is the model's own; issues that mention a
stand-in, or sit at or around a path that already has a shape error, are dropped.
"""

from __future__ import annotations

import copy
from typing import Any

from ecs_wizard.model.paths import get_path, is_under, parse_path
from ecs_wizard.validation.engine import validate_data
from ecs_wizard.validation.issues import Issue, ValidationResult

# Stand-ins for required values that are missing or malformed.
_PLACEHOLDERS: dict[str, Any] = {
    "vpc_id": "vpc-00000000000000000",
    "public_subnet_ids": ["subnet-00000000000000001", "subnet-00000000000000002"],
    "private_subnet_ids": ["subnet-00000000000000003", "subnet-00000000000000004"],
    "image": "placeholder:latest",
    "instance_type": "m6i.large",
    "command": ["CMD-SHELL", "true"],
    "containers": [{"name": "placeholder", "image": "placeholder:latest"}],
    "services": [
        {"name": "placeholder", "containers": [{"name": "placeholder", "image": "placeholder:1"}]}
    ],
}
_MISSING = object()


def mentions_stand_in(issue: Issue) -> bool:
    """True when any text the user would read (message, fix, value, path) names a stand-in:
    a fix such as "use one of: web, placeholder1" must not reach the user."""
    return "placeholder" in " ".join(
        (issue.path, str(issue.message), str(issue.fix), str(issue.value))
    )


def _patch(data: dict[str, Any], errors: list[Issue], counter: list[int]) -> bool:
    """Put stand-ins where `errors` are (or drop the bad key); True when anything changed."""
    changed = False
    for issue in errors:
        parts = parse_path(issue.path)
        if not parts or not isinstance(parts[-1], str):
            continue
        key = parts[-1]
        parent = get_path(data, parts[:-1], _MISSING)
        if not isinstance(parent, dict):
            continue
        present = key in parent
        if key in _PLACEHOLDERS:
            parent[key] = copy.deepcopy(_PLACEHOLDERS[key])
        elif key == "name":
            counter[0] += 1
            parent[key] = f"placeholder{counter[0]}"
        elif present:
            del parent[key]  # malformed or unknown: fall back to the default
        else:
            continue
        changed = True
    return changed


def validate_draft(draft: Any) -> tuple[list[Issue], list[Issue]]:
    """(errors, warnings) for a draft, including the cross-field issues of a broken one."""
    result = validate_data(draft)
    errors, warnings = list(result.errors), list(result.warnings)
    if result.answers is not None or not isinstance(draft, dict):
        return errors, warnings
    patched = copy.deepcopy(draft)
    counter = [0]
    second = result
    for _ in range(3):
        if not _patch(patched, list(second.errors), counter):
            return errors, warnings
        second = validate_data(patched)
        if second.answers is not None:
            break
    else:
        return errors, warnings
    first_paths = [e.path for e in errors]

    def fresh(issue: Issue) -> bool:
        return not any(
            is_under(issue.path, p) or is_under(p, issue.path) for p in first_paths
        ) and not mentions_stand_in(issue)

    errors += [i for i in second.errors if fresh(i)]
    warnings += [i for i in second.warnings if fresh(i)]
    return errors, warnings


def validate_data_all(data: Any) -> ValidationResult:
    """Like `validate_data`, but also runs the cross-field rules when the shape is invalid.

    `validate_data` stops after shape errors (missing keys, wrong types), because the rules
    need a parsed model. For people fixing a file it is kinder to see everything at once, so
    this adds what the lenient pass finds elsewhere. `answers` stays None then.
    """
    result = validate_data(data)
    if result.answers is not None:
        return result
    errors, warnings = validate_draft(data)
    return ValidationResult(answers=None, errors=errors, warnings=warnings)
