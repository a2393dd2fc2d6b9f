"""Plan before apply: run `terraform plan`, parse its JSON and render it as a rich diff.

Public interface:

- `load_plan(source) -> Plan` (model.py): parse `terraform show -json` output.
- `render_text(plan)`, `render_markdown(plan)`, `render_json(plan)`: exporters.
- `PlanRunner(project_dir, ...)` (runner.py): init/plan/show with streaming and cancel.
"""

from __future__ import annotations

from ecs_wizard.plan.model import (
    Action,
    OutputChange,
    Plan,
    PlanFormatError,
    ResourceChange,
    Summary,
    load_plan,
)

__all__ = [
    "Action",
    "OutputChange",
    "Plan",
    "PlanFormatError",
    "ResourceChange",
    "Summary",
    "load_plan",
]
