"""Read back ecs-wizard's own `--format json` export (`ecs-wizard-plan/1`) as a Plan.

The export holds only derived, masked data (attribute rows already redacted and drawn as
text), so the Plan built from it carries those rows as they are: nothing is re-derived and no
secret can come back. `load_any` is what `show-plan` reads: terraform's plan JSON or the
export, told apart by the export's `format` key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecs_wizard.plan.actions import Action, classify_actions
from ecs_wizard.plan.diff import AttrDiff
from ecs_wizard.plan.model import (
    OutputChange,
    Plan,
    PlanFormatError,
    ResourceChange,
    _kind,
    _too_deep,
    load_plan,
)
from ecs_wizard.plan.render_json import FORMAT

_KINDS = ("add", "remove", "change", "unknown")


@dataclass
class ExportedChange(ResourceChange):
    """A resource change read from the export: its rows and import id as exported."""

    rows: list[AttrDiff] = field(default_factory=list)
    exported_import_id: str | None = None

    @property
    def diff(self) -> list[AttrDiff]:  # type: ignore[override]
        return self.rows

    @property
    def import_id(self) -> str | None:
        return self.exported_import_id


@dataclass
class ExportedOutput(OutputChange):
    """An output change read from the export: before/after are display text already."""

    before_text: str = ""
    after_text: str = ""

    def display_before(self) -> str:
        return self.before_text

    def display_after(self) -> str:
        return self.after_text


def load_any(source: bytes | Path) -> Plan:
    """A Plan from terraform's plan JSON or from ecs-wizard's own export; PlanFormatError
    (with the same messages as load_plan) otherwise."""
    raw: bytes | Path = source
    if isinstance(source, Path):
        try:
            raw = source.read_bytes()
        except OSError:
            return load_plan(source)  # its message names the file and the reason
    try:
        data = json.loads(raw)  # type: ignore[arg-type]
    except (ValueError, RecursionError):
        return load_plan(raw)  # its message says what is wrong with the text
    if isinstance(data, dict) and "format" in data and "format_version" not in data:
        return load_exported(data)
    return load_plan(data)


def _str(d: dict[str, Any], key: str, where: str, *, required: bool = False) -> str | None:
    value = d.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise PlanFormatError(f"{where}: `{key}` is {_kind(value)}, expected a string")
    return value


def _list(d: dict[str, Any], key: str, where: str) -> list[Any]:
    value = d.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise PlanFormatError(f"{where}: `{key}` is {_kind(value)}, expected a list")
    return value


def _row(a: Any, where: str) -> AttrDiff:
    if not isinstance(a, dict):
        raise PlanFormatError(f"{where} is {_kind(a)}, expected an object")
    kind = _str(a, "kind", where, required=True)
    if kind not in _KINDS:
        raise PlanFormatError(f"{where}: `kind` is {kind!r}, expected one of {', '.join(_KINDS)}")
    lines = a.get("lines")
    if lines is not None and not (
        isinstance(lines, list) and all(isinstance(x, str) for x in lines)
    ):
        raise PlanFormatError(f"{where}: `lines` is {_kind(lines)}, expected a list of strings")
    return AttrDiff(
        path=_str(a, "path", where, required=True) or "",
        kind=kind,
        before=_str(a, "before", where),
        after=_str(a, "after", where),
        sensitive=bool(a.get("sensitive")),
        forces_replacement=bool(a.get("forces_replacement")),
        lines=tuple(lines) if lines is not None else None,
    )


def _change(rc: Any, where: str, *, drift: bool) -> ExportedChange:
    if not isinstance(rc, dict):
        raise PlanFormatError(f"{where} is {_kind(rc)}, expected an object")
    address = _str(rc, "address", where, required=True) or ""
    where = f"resource change {address!r}"
    actions = _list(rc, "actions", where)
    if not all(isinstance(a, str) for a in actions):
        raise PlanFormatError(f"{where}: `actions` must be a list of strings")
    paths = [p for p in _list(rc, "replace_paths", where) if isinstance(p, list)]
    rows = [
        _row(a, f"{where}: attributes[{i}]") for i, a in enumerate(_list(rc, "attributes", where))
    ]
    import_id = _str(rc, "import_id", where)
    return ExportedChange(
        address=address,
        module_address=_str(rc, "module_address", where) or "",
        mode=_str(rc, "mode", where) or "managed",
        type=_str(rc, "type", where) or "",
        name=_str(rc, "name", where) or "",
        provider_name="",
        actions=tuple(actions),
        action=classify_actions(actions),
        before=None,
        after=None,
        after_unknown=None,
        before_sensitive=None,
        after_sensitive=None,
        replace_paths=paths,
        action_reason=_str(rc, "action_reason", where),
        previous_address=_str(rc, "previous_address", where),
        importing={"id": import_id or ""} if rc.get("imported") else None,
        drift=drift,
        rows=rows,
        exported_import_id=import_id,
    )


def _output(o: Any, where: str) -> ExportedOutput:
    if not isinstance(o, dict):
        raise PlanFormatError(f"{where} is {_kind(o)}, expected an object")
    name = _str(o, "name", where, required=True) or ""
    value = _str(o, "action", where, required=True) or ""
    try:
        action = Action(value)
    except ValueError:
        raise PlanFormatError(f"output {name!r}: `action` {value!r} is not an action") from None
    return ExportedOutput(
        name=name,
        actions=(value,),
        action=action,
        before=None,
        after=None,
        after_unknown=False,
        sensitive=bool(o.get("sensitive")),
        before_text=_str(o, "before", where) or "null",
        after_text=_str(o, "after", where) or "null",
    )


def load_exported(data: dict[str, Any]) -> Plan:
    """The Plan an `ecs-wizard-plan/1` document describes; PlanFormatError otherwise."""
    if data.get("format") != FORMAT:
        raise PlanFormatError(
            f"`format` is {data.get('format')!r}: this version of ecs-wizard reads its own "
            f"{FORMAT} export (and terraform's plan JSON). Export the plan again with this "
            "version, or pass `terraform show -json tfplan` output."
        )
    if _too_deep(data):
        raise PlanFormatError("the JSON is nested too deeply for an ecs-wizard plan export.")
    changes = [
        _change(rc, f"resource_changes[{i}]", drift=False)
        for i, rc in enumerate(_list(data, "resource_changes", "the export"))
    ]
    drift = [
        _change(rc, f"resource_drift[{i}]", drift=True)
        for i, rc in enumerate(_list(data, "resource_drift", "the export"))
    ]
    outputs = [
        _output(o, f"output_changes[{i}]")
        for i, o in enumerate(_list(data, "output_changes", "the export"))
    ]
    return Plan(
        terraform_version=str(data.get("terraform_version") or ""),
        format_version="",
        resource_changes=list(changes),
        output_changes=list(outputs),
        drift=drift,
        errored=bool(data.get("errored", False)),
    )
