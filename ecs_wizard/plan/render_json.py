"""Machine-readable export of the diff view (not a pass-through of terraform's JSON).

Only derived, masked data is exported: sensitive values never appear, unlike the raw plan
JSON (which holds sensitive values and variables in clear text). `show-plan` reads it back
(plan/exported.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ecs_wizard.plan.actions import Action
from ecs_wizard.plan.model import Plan, ResourceChange

FORMAT = "ecs-wizard-plan/1"


def resource_dict(rc: ResourceChange, *, attributes: bool = True) -> dict[str, Any]:
    d = {
        "address": rc.address,
        "module_address": rc.module_address,
        "mode": rc.mode,
        "type": rc.type,
        "name": rc.name,
        "action": rc.action.value,
        "actions": list(rc.actions),
        "description": rc.verb,
        "action_reason": rc.action_reason,
        "reason": rc.reason,
        "previous_address": rc.previous_address,
        "moved": rc.moved,
        "imported": rc.imported,
        "import_id": rc.import_id,  # redacted when it equals a secret
        "replace_paths": rc.replace_paths,
    }
    if attributes:  # --summary-only: the resource list without attribute changes
        d["attributes"] = [a.to_dict() for a in rc.diff]
    return d


def plan_dict(
    plan: Plan, changes: Iterable[ResourceChange] | None = None, *, summary_only: bool = False
) -> dict[str, Any]:
    s = plan.summary
    outputs = []
    for o in plan.output_changes:
        if o.action is Action.NOOP:
            continue
        outputs.append(
            {
                "name": o.name,
                "action": o.action.value,
                "sensitive": o.sensitive,
                "before": o.display_before(),
                "after": o.display_after(),
            }
        )
    return {
        "format": FORMAT,
        "terraform_version": plan.terraform_version,
        "errored": plan.errored,
        "summary": {
            "add": s.add,
            "change": s.change,
            "replace": s.replace,
            "destroy": s.destroy,
            "import": s.import_,
            "move": s.move,
            "read": s.read,
            "outputs": s.outputs,
            "drift": s.drift,
            "destructive": s.destructive,
            "has_changes": s.has_changes,
        },
        "warning": s.warning(),
        "summary_only": summary_only,
        "resource_changes": [
            resource_dict(rc, attributes=not summary_only)
            for rc in (plan.changes if changes is None else changes)
        ],
        "output_changes": outputs,
        "resource_drift": [resource_dict(rc, attributes=not summary_only) for rc in plan.drift],
    }


def render_json(
    plan: Plan, changes: Iterable[ResourceChange] | None = None, *, summary_only: bool = False
) -> str:
    data = plan_dict(plan, changes, summary_only=summary_only)
    return indented(data) + "\n"


_scalar = json.JSONEncoder(ensure_ascii=False).encode
_string = json.encoder.encode_basestring  # what `_scalar` does with a str, called directly


def indented(value: Any, pad: str = "") -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)` of the export's data (string keys;
    tuples are written as lists, as json.dumps does).

    With `indent`, json.dumps leaves its C encoder for a pure-Python one, which was most of
    the json view's time; here the C encoder writes every key and scalar (a test compares
    the two on generated data)."""
    if value is None:  # most leaves of the export are these (JSONEncoder.encode costs more)
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = pad + "  "
        body = ",\n".join(
            f"{inner}{_string(k) if type(k) is str else _scalar(k)}: "
            f"{_string(v) if type(v) is str else indented(v, inner)}"
            for k, v in value.items()
        )
        return f"{{\n{body}\n{pad}}}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = pad + "  "
        body = ",\n".join(
            inner + (_string(v) if type(v) is str else indented(v, inner)) for v in value
        )
        return f"[\n{body}\n{pad}]"
    return _scalar(value)
