"""Typed view of `terraform show -json PLANFILE` output.

Only the plan JSON is used (never terraform's human text), so the view works for any
Terraform or OpenTofu project, not just the ones ecs-wizard renders. Parsing is shallow and
cheap; attribute diffs are computed lazily per resource (see diff.py), which keeps loading a
5,000-resource plan well under a second.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ecs_wizard.plan.actions import (
    ACTION_STYLE,
    ACTION_SYMBOL,
    Action,
    classify_actions,
    reason_in_words,
)
from ecs_wizard.plan.diff import AttrDiff, resource_diff
from ecs_wizard.plan.values import SENSITIVE, UNKNOWN, display, plan_secrets, redactor_for


class PlanFormatError(ValueError):
    """The input is not a Terraform plan JSON document."""


@dataclass
class ResourceChange:
    address: str
    module_address: str  # "" for the root module
    mode: str  # "managed" | "data"
    type: str
    name: str
    provider_name: str
    actions: tuple[str, ...]
    action: Action
    before: Any
    after: Any
    after_unknown: Any
    before_sensitive: Any
    after_sensitive: Any
    replace_paths: list[list[Any]] = field(default_factory=list)
    action_reason: str | None = None
    previous_address: str | None = None
    importing: dict[str, Any] | None = None
    #: Every value marked sensitive anywhere in the plan (set by load_plan). Used to redact
    #: copies terraform failed to mark (e.g. terraform_data.output echoing a sensitive input).
    known_secrets: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    #: True for entries of `resource_drift` (changes made outside Terraform).
    drift: bool = False

    @classmethod
    def from_json(cls, rc: Any, where: str = "resource change") -> ResourceChange:
        """One entry of resource_changes/resource_drift; PlanFormatError names the field
        that has the wrong type (nothing else about a hand-edited plan can raise)."""
        if not isinstance(rc, dict):
            raise PlanFormatError(f"{where} is {_kind(rc)}, expected an object")
        address = rc.get("address")
        if not isinstance(address, str) or not address:
            raise PlanFormatError(f"{where} has no address (a non-empty string)")
        where = f"resource change {address!r}"
        change = rc.get("change")
        if not isinstance(change, dict):
            raise PlanFormatError(
                f"{where} is malformed: `change` is {_kind(change)}, expected an object; "
                "is this `terraform show -json` output?"
            )
        actions = _str_list(change.get("actions"), f"{where}: `change.actions`")
        importing = change.get("importing")
        if importing is not None and not isinstance(importing, dict):
            raise PlanFormatError(f"{where}: `change.importing` is {_kind(importing)}")
        replace_paths = change.get("replace_paths") or []
        if not isinstance(replace_paths, list):
            raise PlanFormatError(f"{where}: `change.replace_paths` is {_kind(replace_paths)}")
        return cls(
            address=address,
            module_address=_opt_str(rc, "module_address", where) or "",
            mode=_opt_str(rc, "mode", where) or "managed",
            type=_opt_str(rc, "type", where) or "",
            name=_opt_str(rc, "name", where, ints=True) or "",
            provider_name=_opt_str(rc, "provider_name", where) or "",
            actions=actions,
            action=classify_actions(actions),
            before=change.get("before"),
            after=change.get("after"),
            after_unknown=change.get("after_unknown"),
            before_sensitive=change.get("before_sensitive"),
            after_sensitive=change.get("after_sensitive"),
            replace_paths=[p for p in replace_paths if isinstance(p, list)],
            action_reason=_opt_str(rc, "action_reason", where),
            previous_address=_opt_str(rc, "previous_address", where),
            importing=importing,
        )

    @property
    def moved(self) -> bool:
        return bool(self.previous_address) and self.previous_address != self.address

    @property
    def imported(self) -> bool:
        return self.importing is not None

    @property
    def import_id(self) -> str | None:
        """The id being imported, for display: a known secret is redacted (terraform does
        not mark an import id sensitive, even when it was written from one)."""
        raw = self.importing.get("id") if isinstance(self.importing, dict) else None
        if raw is None or raw == "":
            return None
        return redactor_for(self.known_secrets)(str(raw))

    @property
    def destructive(self) -> bool:
        return self.action in (Action.DELETE, Action.REPLACE)

    @property
    def interesting(self) -> bool:
        """Whether the resource belongs in the diff view (no-ops only when moved/imported)."""
        return self.action is not Action.NOOP or self.moved or self.imported

    @property
    def symbol(self) -> str:
        if self.action is Action.REPLACE and self.actions and self.actions[0] == "create":
            return "+/-"  # create_before_destroy
        return ACTION_SYMBOL[self.action]

    @property
    def style(self) -> str:
        return ACTION_STYLE[self.action]

    @property
    def verb(self) -> str:
        """Human phrase: 'will be created', 'must be replaced', ..."""
        if self.drift:
            if self.action is Action.DELETE:
                return "was deleted outside Terraform"
            return "was changed outside Terraform"
        if self.action is Action.CREATE:
            return "will be imported and created" if self.imported else "will be created"
        if self.action is Action.UPDATE:
            return "will be updated in-place"
        if self.action is Action.REPLACE:
            if self.actions and self.actions[0] == "create":
                return "must be replaced (create before destroy)"
            return "must be replaced"
        if self.action is Action.DELETE:
            if "forget" in self.actions:
                return "will be removed from state (the real object is kept)"
            return "will be destroyed"
        if self.action is Action.READ:
            return "will be read during apply"
        parts = []
        if self.imported:
            parts.append("will be imported")
        if self.moved:
            parts.append(f"has moved from {self.previous_address}")
        return " and ".join(parts) or "no changes"

    @property
    def reason(self) -> str | None:
        return reason_in_words(self.action_reason)

    @cached_property
    def diff(self) -> list[AttrDiff]:  # lazy: only resources the user looks at pay for it
        return resource_diff(self)

    def matches(self, text: str) -> bool:
        """Case-insensitive match on address, previous address, type and action."""
        needle = text.lower()
        return any(
            needle in (s or "").lower()
            for s in (self.address, self.previous_address, self.type, self.action.value)
        )


@dataclass
class OutputChange:
    name: str
    actions: tuple[str, ...]
    action: Action
    before: Any
    after: Any
    after_unknown: bool
    sensitive: bool
    known_secrets: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def display_before(self) -> str:
        """The old value for display: masked when sensitive, never a known secret."""
        if self.sensitive:
            return SENSITIVE
        return display(self.before, redactor_for(self.known_secrets))

    def display_after(self) -> str:
        if self.sensitive:
            return SENSITIVE
        if self.action is Action.DELETE:
            return "null"
        if self.after_unknown:
            return UNKNOWN
        return display(self.after, redactor_for(self.known_secrets))

    @classmethod
    def from_json(cls, name: str, change: dict[str, Any]) -> OutputChange:
        actions = _str_list(change.get("actions"), f"output {name!r}: `actions`")
        return cls(
            name=name,
            actions=actions,
            action=classify_actions(actions),
            before=change.get("before"),
            after=change.get("after"),
            after_unknown=bool(change.get("after_unknown")),
            sensitive=bool(change.get("before_sensitive")) or bool(change.get("after_sensitive")),
        )


@dataclass(frozen=True)
class Summary:
    add: int = 0
    change: int = 0
    replace: int = 0
    destroy: int = 0
    import_: int = 0
    move: int = 0
    read: int = 0
    outputs: int = 0
    drift: int = 0

    @property
    def destructive(self) -> bool:
        return self.destroy > 0 or self.replace > 0

    @property
    def has_changes(self) -> bool:
        return any((self.add, self.change, self.replace, self.destroy, self.import_, self.move))

    def counts(self) -> list[tuple[str, int]]:
        """(label, count) pairs in display order."""
        return [
            ("to add", self.add),
            ("to change", self.change),
            ("to replace", self.replace),
            ("to destroy", self.destroy),
            ("to import", self.import_),
            ("to move", self.move),
        ]

    def headline(self) -> str:
        return ", ".join(f"{n} {label}" for label, n in self.counts()) + "."

    def warning(self) -> str | None:
        """The loud warning when the plan destroys or replaces anything, else None."""
        if not self.destructive:
            return None
        parts = []
        if self.destroy:
            parts.append(f"{self.destroy} resource{'s' if self.destroy != 1 else ''} DESTROYED")
        if self.replace:
            parts.append(
                f"{self.replace} resource{'s' if self.replace != 1 else ''} REPLACED "
                "(destroyed and re-created)"
            )
        return "WARNING: this plan has " + " and ".join(parts) + ". Review before applying."


@dataclass
class Plan:
    terraform_version: str
    format_version: str
    resource_changes: list[ResourceChange]
    output_changes: list[OutputChange]
    drift: list[ResourceChange]
    errored: bool = False
    complete: bool = True

    @cached_property
    def changes(self) -> list[ResourceChange]:
        """Resource changes worth showing (no-ops dropped unless moved or imported)."""
        return [rc for rc in self.resource_changes if rc.interesting]

    @cached_property
    def summary(self) -> Summary:
        counts = dict.fromkeys(("add", "change", "replace", "destroy", "read"), 0)
        key = {
            Action.CREATE: "add",
            Action.UPDATE: "change",
            Action.REPLACE: "replace",
            Action.DELETE: "destroy",
            Action.READ: "read",
        }
        imports = moves = 0
        for rc in self.changes:
            k = key.get(rc.action)
            if k:
                counts[k] += 1
            imports += rc.imported
            moves += rc.moved
        return Summary(
            import_=imports,
            move=moves,
            outputs=sum(1 for o in self.output_changes if o.action is not Action.NOOP),
            drift=len(self.drift),
            **counts,
        )

    def modules(self) -> list[str]:
        """Module addresses that have changes, root ("") first."""
        return sorted({rc.module_address for rc in self.changes}, key=_module_sort_key)

    def grouped(
        self, changes: Iterable[ResourceChange] | None = None
    ) -> dict[str, dict[str, list[ResourceChange]]]:
        """{module_address: {resource type: [changes]}}; root module is ""; sorted."""
        tree: dict[str, dict[str, list[ResourceChange]]] = {}
        for rc in self.changes if changes is None else changes:
            rtype = rc.type if rc.mode == "managed" else f"data.{rc.type}"
            tree.setdefault(rc.module_address, {}).setdefault(rtype, []).append(rc)
        return {
            mod: {t: sorted(tree[mod][t], key=lambda r: r.address) for t in sorted(tree[mod])}
            for mod in sorted(tree, key=_module_sort_key)
        }

    def filtered(
        self,
        *,
        destructive_only: bool = False,
        module: str | None = None,
        text: str = "",
    ) -> list[ResourceChange]:
        """Changes after the TUI/CLI filters: destroys/replaces only, one module, text."""
        out = []
        for rc in self.changes:
            if destructive_only and not rc.destructive:
                continue
            if module is not None and rc.module_address != module:
                continue
            if text and not rc.matches(text):
                continue
            out.append(rc)
        return out


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "a number" if isinstance(value, int | float) else "invalid")


def _str_list(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PlanFormatError(f"{what} is {_kind(value)}, expected a list of strings")
    return tuple(value)


def _opt_str(rc: dict[str, Any], key: str, where: str, ints: bool = False) -> str | None:
    value = rc.get(key)
    if value is None or isinstance(value, str):
        return value
    if ints and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise PlanFormatError(f"{where}: `{key}` is {_kind(value)}, expected a string")


#: Plans nest values a few dozen levels at most; deeper input is refused before the views
#: (which recurse into values) could exhaust the stack.
MAX_DEPTH = 200


def _too_deep(data: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether containers nest more than `limit` levels. Level by level, without recursion:
    one comprehension makes the next level's list of containers (a third faster than a stack
    of (value, depth) pairs, which cost as much as parsing the file; a loop per container and
    `isinstance` with `dict | list`, not a tuple, cost 2.5 times this)."""
    level = [data] if isinstance(data, _CONTAINERS) else []
    depth = 1
    while level:
        if depth > limit:
            return True
        level = [
            child
            for value in level
            for child in (value.values() if isinstance(value, dict) else value)
            if isinstance(child, _CONTAINERS)
        ]
        depth += 1
    return False


_CONTAINERS = (dict, list)


def _module_sort_key(addr: str) -> tuple[int, str]:
    return (0 if addr == "" else 1, addr)


def module_label(addr: str) -> str:
    return addr or "root module"


def load_plan(source: dict[str, Any] | str | bytes | Path) -> Plan:
    """Parse plan JSON (a dict, JSON text, or a path to a .json file) into a Plan.

    Raises PlanFormatError with a message that says what is wrong.
    """
    if isinstance(source, Path):
        try:
            source = source.read_bytes()
        except OSError as exc:
            raise PlanFormatError(f"cannot read {source}: {exc.strerror or exc}") from exc
    if isinstance(source, (str, bytes)):
        try:
            data = json.loads(source)
        except json.JSONDecodeError as exc:
            raise PlanFormatError(
                f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}). "
                "Produce it with `terraform show -json PLANFILE > plan.json`."
            ) from exc
        except UnicodeDecodeError as exc:
            raise PlanFormatError(
                "this looks like a binary plan file, not JSON. Convert it with "
                "`terraform show -json PLANFILE > plan.json` in the project directory."
            ) from exc
        except RecursionError:
            raise PlanFormatError(
                f"the JSON is nested too deeply (a plan nests at most {MAX_DEPTH} levels)."
            ) from None
    else:
        data = source
    if not isinstance(data, dict):
        raise PlanFormatError(
            f"plan JSON must be an object at the top level, not {_kind(data)}. "
            "Produce it with `terraform show -json PLANFILE`."
        )
    if _too_deep(data):
        raise PlanFormatError(
            f"the JSON is nested more than {MAX_DEPTH} levels deep; a Terraform plan is not."
        )
    if "format_version" not in data or not (
        "resource_changes" in data or "planned_values" in data or "output_changes" in data
    ):
        hint = ""
        if "values" in data and "planned_values" not in data:
            hint = " It looks like state JSON (`terraform show -json` without a plan file)."
        raise PlanFormatError(
            "not a Terraform plan JSON document (no format_version/resource_changes)."
            + hint
            + " Produce one with `terraform plan -out=tfplan && terraform show -json tfplan`."
        )
    rcs = data.get("resource_changes") or []
    drift = data.get("resource_drift") or []
    if not isinstance(rcs, list) or not isinstance(drift, list):
        raise PlanFormatError("resource_changes/resource_drift must be lists.")
    outputs = data.get("output_changes") or {}
    if not isinstance(outputs, dict):
        raise PlanFormatError("output_changes must be an object.")
    resource_changes = [
        ResourceChange.from_json(rc, f"resource_changes[{i}]") for i, rc in enumerate(rcs)
    ]
    drift_changes = [
        ResourceChange.from_json(rc, f"resource_drift[{i}]") for i, rc in enumerate(drift)
    ]
    for rc in drift_changes:
        rc.drift = True
    secrets = plan_secrets(data)
    output_changes = [
        OutputChange.from_json(name, ch)
        for name, ch in sorted(outputs.items())
        if isinstance(ch, dict)
    ]
    if secrets:
        for rc in resource_changes + drift_changes:
            rc.known_secrets = secrets
        for o in output_changes:
            o.known_secrets = secrets
    return Plan(
        terraform_version=str(data.get("terraform_version", "")),
        format_version=str(data.get("format_version", "")),
        resource_changes=resource_changes,
        output_changes=output_changes,
        drift=drift_changes,
        errored=bool(data.get("errored", False)),
        complete=bool(data.get("complete", True)),
    )
