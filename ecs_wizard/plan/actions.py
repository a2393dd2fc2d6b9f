"""What terraform will do to one object: the action kinds and how they read.

A leaf of the plan package (imports none of its modules), so the model, the attribute diff
and every renderer can share the kinds without importing each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    REPLACE = "replace"
    DELETE = "delete"
    READ = "read"
    NOOP = "no-op"


#: Symbols like terraform's own plan output.
ACTION_SYMBOL: dict[Action, str] = {
    Action.CREATE: "+",
    Action.UPDATE: "~",
    Action.REPLACE: "-/+",
    Action.DELETE: "-",
    Action.READ: "<=",
    Action.NOOP: " ",
}

#: Rich styles per action (used by the text renderer and the TUI).
ACTION_STYLE: dict[Action, str] = {
    Action.CREATE: "green",
    Action.UPDATE: "yellow",
    Action.REPLACE: "bold magenta",
    Action.DELETE: "bold red",
    Action.READ: "cyan",
    Action.NOOP: "dim",
}

#: `action_reason` values in words.
ACTION_REASONS: dict[str, str] = {
    "replace_because_tainted": (
        "the object is tainted (an earlier create or update failed part-way), so it must be "
        "replaced"
    ),
    "replace_because_cannot_update": (
        "some changed attributes cannot be updated in place (marked 'forces replacement')"
    ),
    "replace_by_request": "replacement was requested explicitly (-replace=ADDRESS)",
    "replace_by_triggers": "a resource listed in its lifecycle replace_triggered_by changed",
    "delete_because_no_resource_config": "its resource block is no longer in the configuration",
    "delete_because_wrong_repetition": (
        "count/for_each was added to or removed from its resource block"
    ),
    "delete_because_count_index": "its count index is out of range (count was reduced)",
    "delete_because_each_key": "its for_each key is no longer in the for_each collection",
    "delete_because_no_module": "its module (or module instance) is no longer in the configuration",
    "delete_because_no_move_target": "it was moved to an address that is not in the configuration",
    "read_because_config_unknown": (
        "the data source's configuration depends on values not known until apply"
    ),
    "read_because_dependency_pending": "it depends on a managed resource with pending changes",
    "read_because_check_nested": "it is read inside a check block",
}


def classify_actions(actions: Iterable[str]) -> Action:
    """Map terraform's action list (e.g. ["delete", "create"]) to a single Action."""
    acts = tuple(actions)
    if len(acts) == 2 and set(acts) == {"create", "delete"}:
        return Action.REPLACE
    if len(acts) == 1:
        try:
            return Action(acts[0])
        except ValueError:
            pass
    if "forget" in acts:  # terraform 1.7+ `removed` blocks: leaves the object, drops state
        return Action.DELETE
    return Action.NOOP


def reason_in_words(reason: str | None) -> str | None:
    if not reason:
        return None
    return ACTION_REASONS.get(reason, reason.replace("_", " "))
