"""A resource change as `plan.diff.resource_diff` reads it (the attributes of
`plan.model.ResourceChange` it uses), for tests that build changes by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ecs_wizard.plan.actions import Action


@dataclass
class RC:
    action: Action = Action.UPDATE
    before: Any = None
    after: Any = None
    after_unknown: Any = None
    before_sensitive: Any = None
    after_sensitive: Any = None
    replace_paths: list[list[Any]] = field(default_factory=list)
    known_secrets: frozenset[str] = frozenset()
