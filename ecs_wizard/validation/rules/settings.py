"""The answers' own `validation:` settings: only known warning ids can be silenced."""

from __future__ import annotations

from collections.abc import Iterator

import ecs_wizard.rendering.changes  # noqa: F401 - registers the day-2 change ids, which ignore may list
from ecs_wizard.model.answers import Answers
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.registry import REGISTRY, check, finding
from ecs_wizard.validation.shape import suggest

_RULES_DOC = "https://github.com/ecs-wizard/ecs-wizard/blob/main/docs/rules.md"


@check(
    id="E-VALIDATION-IGNORE",
    severity="error",
    title="validation.ignore lists known warning ids (errors cannot be silenced)",
    doc=_RULES_DOC,
    tags=("settings",),
)
def ignore_list(a: Answers) -> Iterator[Issue]:
    if a.validation is None:
        return
    for i, rule_id in enumerate(a.validation.ignore):
        path = f"validation.ignore[{i}]"
        known = REGISTRY.get(rule_id)
        if known is None:
            warnings = [r for r, c in REGISTRY.items() if c.severity == "warning"]
            best = suggest(rule_id, warnings)
            yield finding(
                path,
                f"`{rule_id}` is not a warning rule id",
                f"did you mean `{best}`?" if best else "see docs/rules.md for the ids",
                rule_id,
            )
        elif known.severity == "error":
            yield finding(
                path,
                f"`{rule_id}` is an error: errors cannot be silenced, only warnings",
                "fix the problem it reports and remove this entry",
                rule_id,
            )
