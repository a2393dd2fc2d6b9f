"""The wizard's view of one environment: paths of its merged answers ↔ paths in its overlay.

When the wizard edits an environment, the steps show that environment's merged answers and
bind their fields to the usual paths (`services[0].desired_count`). A write goes into the
overlay instead (`environments.prod.services.web.desired_count`), and an issue found at an
overlay path is shown at the field it belongs to. Pure functions, so the app stays thin.

What an environment cannot change (the project name, which services and rules exist, their
names) is shared: writing it is refused with the reason.
"""

from __future__ import annotations

import copy
from typing import Any

from ecs_wizard.model.environments import OVERLAY_KEYED_LISTS, OVERLAY_MAPS
from ecs_wizard.model.paths import Part, format_path, get_path, parse_path, set_path

SHARED = "is the same in every environment: switch to the base answers (Review step) to change it"


def _keyed(view: dict[str, Any], section: str, index: int) -> str | None:
    items = view.get(section)
    if isinstance(items, list) and 0 <= index < len(items) and isinstance(items[index], dict):
        name = items[index].get("name")
        return name if isinstance(name, str) and name else None
    return None


def _split(view: dict[str, Any], env: str, parts: list[Part]) -> tuple[list[Part], int] | str:
    """(overlay prefix for parts[:n], n): how the first n parts of a view path map into the
    overlay, or why the path cannot be set per environment."""
    head = parts[0] if parts else None
    base: list[Part] = ["environments", env]
    if head == "project" and len(parts) >= 2 and parts[1] in ("region", "account_id"):
        return [*base, parts[1]], 2
    if head == "project" and len(parts) >= 2 and parts[1] == "tags":
        return [*base, "tags"], 2
    if head in OVERLAY_MAPS:
        return [*base, head], 1
    if head in OVERLAY_KEYED_LISTS and len(parts) >= 3 and isinstance(parts[1], int):
        name = _keyed(view, head, parts[1])
        if name is None:
            return SHARED
        if parts[2] == "name":
            return "the name " + SHARED
        return [*base, head, name], 2
    return SHARED


def overlay_write(view: dict[str, Any], env: str, path: str, value: Any) -> tuple[str, Any] | str:
    """Where a write of `value` at `path` (in the environment's merged view) goes: (overlay
    path, value), or the reason it cannot be made per environment.

    Lists replace as a whole in an overlay, so a write inside a list (`containers[0].port`)
    becomes a write of the whole list as it will be.
    """
    parts = parse_path(path)
    split = _split(view, env, parts)
    if isinstance(split, str):
        return f"{path} {split}" if not split.startswith("the name") else f"{path}: {split}"
    prefix, n = split
    rest = parts[n:]
    cut = next((i for i, p in enumerate(rest) if isinstance(p, int)), None)
    if cut is None:
        return format_path([*prefix, *rest]), value
    after = copy.deepcopy(view)
    set_path(after, path, value)
    whole = parts[: n + cut]
    return format_path([*prefix, *rest[:cut]]), copy.deepcopy(get_path(after, format_path(whole)))


def view_path(base: dict[str, Any], env: str, path: str) -> str | None:
    """The view path of an issue at `path` in the answers file, for environment `env`: None
    when it belongs to another environment (or the environments' own settings)."""
    parts = parse_path(path)
    if not parts or parts[0] != "environments":
        return path
    if len(parts) < 3 or parts[1] != env:
        return None
    key, rest = parts[2], parts[3:]
    if key in ("region", "account_id"):
        return format_path(["project", key, *rest])
    if key == "tags":
        return format_path(["project", "tags", *rest])
    if key in OVERLAY_MAPS:
        return format_path([key, *rest])
    if key in OVERLAY_KEYED_LISTS and rest:
        items = base.get(key) if isinstance(base.get(key), list) else []
        names = [x.get("name") if isinstance(x, dict) else None for x in items]
        if rest[0] in names:
            return format_path([key, names.index(rest[0]), *rest[1:]])
    return None


def overridden(file: dict[str, Any], env: str, view: dict[str, Any], path: str) -> bool:
    """True when the environment's overlay sets `path`, a map key above it to a non-map, or the
    list that holds it (lists replace as a whole)."""
    parts = parse_path(path)
    split = _split(view, env, parts)
    if isinstance(split, str):
        return False
    prefix, n = split
    rest = parts[n:]
    cut = next((i for i, p in enumerate(rest) if isinstance(p, int)), len(rest))
    node: Any = file
    for depth, part in enumerate([*prefix, *rest[:cut]]):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
        if depth >= 2 and not isinstance(node, dict):
            return True  # a value (or list, or null) that replaces all below it
    return True
