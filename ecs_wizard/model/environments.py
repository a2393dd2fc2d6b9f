"""Environments: one answers file, several deployments (dev, staging, prod).

An answers file may carry `environments:`, each entry an *overlay* on the base answers. The
merged answers of an environment are what gets validated and rendered, so every rule applies
to what will really be deployed. This module is pure: data in, data out.

Merge rules (issue #12):
- maps merge recursively; lists and scalars replace; `null` removes the base's value (the
  default applies);
- `region` sets `project.region`; the environment's name becomes `project.environment`;
- `services` and `routing` are lists in the base, but keyed by name in an overlay (`services:
  {web: {desired_count: 4}}`), and merge into the element of that name; naming one that does
  not exist is an error at the overlay's path, with a did-you-mean.

Errors are reported where they were caused: at the overlay path when the overlay wrote the
value (or the subtree) the error is about, at the base path otherwise.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from ecs_wizard.model.paths import format_path, is_under, parse_path
from ecs_wizard.model.suggest import suggest

# Keys an overlay may hold, and how each merges.
OVERLAY_MAPS = ("network", "cluster", "alb", "service_connect")
OVERLAY_KEYED_LISTS = ("services", "routing")
OVERLAY_KEYS = ("region", "account_id", "tags", *OVERLAY_MAPS, *OVERLAY_KEYED_LISTS)

# Keys that describe the whole file, not one environment: dropped from the merged answers.
FILE_ONLY_KEYS = ("environments", "ci")


class OverlayError(ValueError):
    """An overlay that cannot be merged: `path` is where it is in the answers file."""

    def __init__(self, path: str, message: str, fix: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path, self.message, self.fix = path, message, fix


@dataclass
class Merged:
    """One environment's merged answers, and where the overlay wrote them.

    `written` maps a path in the merged answers (`services[0].desired_count`) to the path in
    the answers file that put it there (`environments.prod.services.web.desired_count`).
    """

    name: str
    data: dict[str, Any]
    written: dict[str, str] = field(default_factory=dict)

    def source_path(self, merged_path: str) -> str | None:
        """The overlay path that caused a value at `merged_path`, or None if the base did."""
        best: str | None = None
        for target in self.written:
            if is_under(merged_path, target) and (best is None or len(target) > len(best)):
                best = target
        if best is None:
            return None
        rest = parse_path(merged_path)[len(parse_path(best)) :]
        return format_path([*parse_path(self.written[best]), *rest])


def environment_names(data: Any) -> list[str]:
    """The environments an answers file declares, in file order (empty: a single environment)."""
    envs = data.get("environments") if isinstance(data, dict) else None
    return list(envs) if isinstance(envs, dict) else []


def has_environments(data: Any) -> bool:
    return bool(environment_names(data))


def _did_you_mean(word: str, options: list[str]) -> str:
    close = suggest(word, options)
    return f"did you mean {close!r}?" if close else f"known: {', '.join(options) or 'none'}"


def _merge_map(
    base: Any, overlay: Any, merged_path: list[Any], file_path: list[Any], written: dict[str, str]
) -> Any:
    if isinstance(base, dict) and isinstance(overlay, dict):
        out = dict(base)
        for key, value in overlay.items():
            if value is None:
                # null removes the base's value: the default applies in this environment
                out.pop(key, None)
                written[format_path([*merged_path, key])] = format_path([*file_path, key])
                continue
            out[key] = _merge_map(
                base.get(key), value, [*merged_path, key], [*file_path, key], written
            )
        return out
    written[format_path(merged_path)] = format_path(file_path)
    return copy.deepcopy(overlay)


def _merge_keyed(
    base_list: Any,
    overlay: Any,
    key: str,
    file_path: list[Any],
    written: dict[str, str],
) -> list[Any]:
    items = [dict(x) if isinstance(x, dict) else x for x in (base_list or [])]
    if not isinstance(overlay, dict):
        raise OverlayError(
            format_path(file_path),
            f"must map {key} names to their changes",
            f"write e.g. `{key}: {{web: {{desired_count: 2}}}}`"
            if key == "services"
            else f"write e.g. `{key}: {{api: {{priority: 10}}}}`",
        )
    names = [x.get("name") for x in items if isinstance(x, dict)]
    for name, changes in overlay.items():
        here = [*file_path, name]
        if name not in names:
            raise OverlayError(
                format_path(here),
                f"no {'service' if key == 'services' else 'rule'} named {name!r} in the base "
                "answers",
                f"{_did_you_mean(str(name), [str(n) for n in names])} An environment can only "
                f"change {key} that the base answers define.",
            )
        if not isinstance(changes, dict):
            raise OverlayError(
                format_path(here), "must be a map of the fields to change", "e.g. `{cpu: 512}`"
            )
        if "name" in changes and changes["name"] != name:
            raise OverlayError(
                format_path([*here, "name"]),
                "an environment cannot rename what the base answers define",
                "rename it in the base answers instead",
            )
        index = names.index(name)
        items[index] = _merge_map(items[index], changes, [key, index], here, written)
    return items


def merge(data: dict[str, Any], env: str) -> Merged:
    """The answers of environment `env`: the base with that environment's overlay applied."""
    envs = data.get("environments")
    if not isinstance(envs, dict) or env not in envs:
        raise OverlayError(
            "environments",
            f"no environment named {env!r}",
            _did_you_mean(env, [str(k) for k in envs]) if isinstance(envs, dict) else "",
        )
    overlay = envs[env] if envs[env] is not None else {}
    base_path: list[Any] = ["environments", env]
    if not isinstance(overlay, dict):
        raise OverlayError(
            format_path(base_path),
            "must be a map of the values this environment changes (or empty)",
            "e.g. `prod: {region: us-east-1}`",
        )
    out = {k: copy.deepcopy(v) for k, v in data.items() if k not in FILE_ONLY_KEYS}
    written: dict[str, str] = {}
    project = dict(out.get("project") or {})
    project["environment"] = env
    for key, value in overlay.items():
        here = [*base_path, key]
        if key not in OVERLAY_KEYS:
            raise OverlayError(
                format_path(here),
                f"{key!r} cannot be changed per environment",
                f"{_did_you_mean(str(key), list(OVERLAY_KEYS))} Environments may set: "
                + ", ".join(OVERLAY_KEYS),
            )
        if key in ("region", "account_id"):
            project[key] = value
            written[f"project.{key}"] = format_path(here)
        elif key == "tags":
            project["tags"] = _merge_map(
                project.get("tags") or {}, value, ["project", "tags"], here, written
            )
        elif key in OVERLAY_KEYED_LISTS:
            out[key] = _merge_keyed(out.get(key), value, key, here, written)
        else:
            out[key] = _merge_map(out.get(key), value, [key], here, written)
    out["project"] = project
    return Merged(env, out, written)
