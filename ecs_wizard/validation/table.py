"""The table of every rule (id, severity, title, doc link), committed as docs/rules.md.

Regenerate with ``python -m ecs_wizard.validation.table > docs/rules.md``; a test keeps the
committed file equal to this output.
"""

from __future__ import annotations

import ecs_wizard.validation.engine  # noqa: F401 - registers every rule
from ecs_wizard.validation.registry import REGISTRY

HEADER = """\
# Validation rules

Every issue `ecs-wizard validate` reports carries the id of the rule that found it
(`ecs-wizard validate --show-ids` prints them). Warnings (`W-` ids) can be silenced in the
answers file; errors (`E-` ids) cannot:

```yaml
validation:
  ignore: [W-ROUTING-SHADOW]
```

This file is generated: `python -m ecs_wizard.validation.table > docs/rules.md`.

| Id | Severity | Rule | Enforces |
|----|----------|------|----------|
"""


def markdown() -> str:
    """docs/rules.md: one row per registered rule, errors first, then warnings, by id."""
    rows = sorted(REGISTRY.values(), key=lambda c: (c.severity != "error", c.id))
    lines = [
        f"| `{c.id}` | {c.severity} | {c.title.replace('|', '/')} | [doc]({c.doc}) |" for c in rows
    ]
    return HEADER + "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    print(markdown(), end="")
