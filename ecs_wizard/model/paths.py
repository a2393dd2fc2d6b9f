"""One grammar for paths into answers-shaped data, e.g. `services[0].load_balancer.health_check`.

A path is a list of parts: a `str` is a mapping key, an `int` a list index. Text form:

- a key is written bare after a dot (`project.name`); the first part has no dot;
- an index is written in brackets (`services[1]`);
- a key may also be written quoted in brackets (`tags["kubernetes.io/name"]`), which `parse_path`
  reads back exactly. Validation paths are always bare (their keys come straight from the
  user's file and the TUI matches on them as text); Terraform attribute paths in plan diffs quote
  keys that are not identifiers, like Terraform itself does (`quote_keys=True`).

The bare form is ambiguous for keys holding `.`, `[` or `]` (`project.tags.a.b` reads back as
three keys); callers that must round-trip such keys quote them.

Edge cases, kept as the wizard has always handled them:

- `[-1]` is not an index: `parse_path` keeps it as the key `"-1"`, so `get_path` answers the
  default and `set_path` raises `TypeError` on a list;
- `get_path` answers the default for any missing key, out-of-range index or wrong container;
- `set_path` creates missing intermediate dicts (or lists, when the next part is an index) but
  never grows a list: an index past the end raises `IndexError`.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable
from typing import Any

Part = str | int

_TOKEN = re.compile(r'\[("(?:[^"\\]|\\.)*")\]|\[(\d+)\]|([^.\[\]]+)')
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def parse_path(path: str) -> list[Part]:
    """`services[1].containers[0].port` -> ["services", 1, "containers", 0, "port"]."""
    parts: list[Part] = []
    for quoted, index, name in _TOKEN.findall(path):
        if quoted:
            parts.append(json.loads(quoted))
        elif index:
            parts.append(int(index))
        else:
            parts.append(name)
    return parts


def format_path(parts: Iterable[Part], *, quote_keys: bool = False) -> str:
    """The text form of `parts`; with `quote_keys`, non-identifier keys are written `["key"]`."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif quote_keys and not _IDENT.match(part):
            out += f"[{json.dumps(part)}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def get_path(data: Any, path: str | list[Part], default: Any = None) -> Any:
    """The value at `path`, or `default` when any step is missing."""
    node = data
    for part in parse_path(path) if isinstance(path, str) else path:
        if isinstance(part, int):
            if not isinstance(node, list) or not 0 <= part < len(node):
                return default
        elif not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set `path` to `value` in place, creating intermediate dicts.

    `value is None` deletes the key (so the model's default applies) and prunes the dicts the
    deletion leaves empty, except the top-level sections.
    """
    parts = parse_path(path)
    if not parts:
        raise ValueError("empty path")
    chain: list[tuple[Any, Part]] = []
    node: Any = data
    for part, nxt in itertools.pairwise(parts):
        if isinstance(part, int):
            node = node[part]
            continue
        if value is None and not isinstance(node.get(part), dict | list):
            return  # nothing to delete
        if not isinstance(node.get(part), dict | list):
            node[part] = [] if isinstance(nxt, int) else {}
        chain.append((node, part))
        node = node[part]
    last = parts[-1]
    if value is not None:
        node[last] = value
        return
    if isinstance(node, dict):
        node.pop(last, None)
    for parent, key in reversed(chain[1:]):
        child = parent[key]
        if not (isinstance(child, dict) and not child):
            break
        del parent[key]


def is_under(path: str, prefix: str) -> bool:
    """True when `path` is `prefix` or lies below it (`services[1].cpu` is under `services`)."""
    if not prefix or path == prefix:
        return True
    return path.startswith(prefix) and path[len(prefix)] in ".["


def put_path(data: Any, path: str, value: Any) -> None:
    """Set `path` to `value` in place where its parent already exists; `None` is stored as is.

    Unlike `set_path` nothing is created or pruned: a missing parent raises `KeyError`, an index
    past the end `IndexError`, a key into a list (or an empty path) `TypeError` or `IndexError`.
    """
    parts = parse_path(path)
    node = data
    for part in parts[:-1]:
        node = node[part]
    node[parts[-1]] = value
