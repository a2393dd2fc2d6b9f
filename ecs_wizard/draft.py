"""The wizard's draft: a plain nested dict shaped exactly like the answers YAML.

Screens bind widgets to paths in that dict (`services[1].containers[0].port`); the
answers model (`ecs_wizard.validation`) is the only judge of whether it is valid. The
`DraftStore` autosaves the draft atomically to the user's state directory so an
interrupted session can be resumed.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# yaml is imported where it is used: the wizard imports this module before its first screen.

STATE_DIR_ENV = "ECS_WIZARD_STATE_DIR"

_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")

_MISSING = object()


def parse_path(path: str) -> list[str | int]:
    """`services[1].containers[0].port` -> ["services", 1, "containers", 0, "port"]."""
    parts: list[str | int] = []
    for name, index in _TOKEN.findall(path):
        parts.append(int(index) if index else name)
    return parts


def format_path(parts: list[str | int]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def get_path(data: Any, path: str, default: Any = None) -> Any:
    """The value at `path`, or `default` when any step is missing."""
    node = data
    for part in parse_path(path):
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return default
            node = node[part]
        else:
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
    return node


def set_path(data: dict, path: str, value: Any) -> None:
    """Set `path` to `value`, creating intermediate dicts. `value is None` deletes the key
    (so the model's default applies) and prunes dicts left empty by the deletion."""
    parts = parse_path(path)
    if not parts:
        raise ValueError("empty path")
    chain: list[tuple[Any, str | int]] = []
    node: Any = data
    for part, nxt in itertools.pairwise(parts):
        if isinstance(part, int):
            node = node[part]
        else:
            if value is None and not isinstance(node.get(part), dict | list):
                return  # nothing to delete
            if not isinstance(node.get(part), dict | list):
                node[part] = [] if isinstance(nxt, int) else {}
            chain.append((node, part))
            node = node[part]
    last = parts[-1]
    if value is None:
        if isinstance(node, dict):
            node.pop(last, None)
        # prune empty parents (never the top-level sections)
        for parent, key in reversed(chain[1:]):
            child = parent[key]
            if isinstance(child, dict) and not child:
                del parent[key]
            else:
                break
    elif isinstance(last, int):
        node[last] = value
    else:
        node[last] = value


def issue_matches(issue_path: str, prefix: str) -> bool:
    """True when `issue_path` is `prefix` or lies under it."""
    if not prefix:
        return True
    return issue_path == prefix or issue_path.startswith((prefix + ".", prefix + "["))


def default_draft() -> dict[str, Any]:
    """The draft a new project starts from: the contract's defaults, nothing invented."""
    return {
        "version": 1,
        "project": {"environment": "prod", "region": "eu-west-1", "tags": {}},
        "network": {"public_subnet_ids": [], "private_subnet_ids": []},
        "cluster": {
            "container_insights": "enabled",
            "log_retention_days": 30,
            "capacity": {"fargate": {"weight": 1, "base": 1}},
        },
        "services": [new_service("web")],
        "alb": {"default_action": {"forward": "web"}},
        "routing": [],
    }


def new_service(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "cpu": 256,
        "memory": 512,
        "desired_count": 2,
        "containers": [{"name": name, "port": 80}],
        "load_balancer": {"container": name, "health_check": {"path": "/"}},
    }


def unique_name(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    i = 2
    while f"{base}-{i}" in taken:
        i += 1
    return f"{base}-{i}"


def duplicate_service(service: dict[str, Any], taken: set[str]) -> dict[str, Any]:
    dup = copy.deepcopy(service)
    dup["name"] = unique_name(f"{service.get('name') or 'service'}-copy", taken)
    return dup


def lb_service_names(draft: Any) -> list[str]:
    """Names of the draft's services behind the load balancer, in order: the targets a
    default action or a routing rule can forward to."""
    services = draft.get("services") if isinstance(draft, dict) else None
    return [
        s["name"]
        for s in services or []
        if isinstance(s, dict) and s.get("name") and isinstance(s.get("load_balancer"), dict)
    ]


def dump_draft(draft: dict[str, Any]) -> str:
    """YAML text of a (possibly invalid) draft; `version` first, insertion order kept."""
    import yaml

    ordered = {"version": draft.get("version", 1)}
    ordered.update({k: v for k, v in draft.items() if k != "version"})
    return yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, default_flow_style=False)


def _write_atomic(path: Path, text: str) -> None:
    try:
        from ecs_wizard.yamlio import write_text_atomic
    except ImportError:  # pragma: no cover - the model engineer's module is not there yet
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, text)


def state_dir() -> Path:
    explicit = os.environ.get(STATE_DIR_ENV)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_STATE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "state"
    return base / "ecs-wizard"


class DraftStore:
    """Autosave location for the wizard's draft (`draft.yaml` + `draft.json` metadata)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or state_dir()

    @property
    def path(self) -> Path:
        return self.directory / "draft.yaml"

    @property
    def meta_path(self) -> Path:
        return self.directory / "draft.json"

    def exists(self) -> bool:
        return self.path.is_file()

    def save(self, draft: dict[str, Any], *, source: str | None = None, step: int = 0) -> None:
        _write_atomic(self.path, dump_draft(draft))
        meta = {"source": source, "step": step}
        _write_atomic(self.meta_path, json.dumps(meta, sort_keys=True) + "\n")

    def load(self) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """(draft, meta) or None when there is no usable draft."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError:
            return None
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            return None
        if not isinstance(data, dict):
            return None
        try:
            meta = json.loads(self.meta_path.read_text(encoding="utf-8"))
            if not isinstance(meta, dict):
                meta = {}
        except (OSError, ValueError):
            meta = {}
        return data, meta

    def clear(self) -> None:
        for path in (self.path, self.meta_path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def walk_strings(data: Any) -> Iterator[str]:
    """Every string in a nested structure (for tests and summaries)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from walk_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from walk_strings(value)


# Stand-ins for required values that are missing or malformed, used only for a second
# validation pass so that the model's cross-field rules can judge the rest of the draft.
_PLACEHOLDERS: dict[str, Any] = {
    "vpc_id": "vpc-00000000000000000",
    "public_subnet_ids": ["subnet-00000000000000001", "subnet-00000000000000002"],
    "private_subnet_ids": ["subnet-00000000000000003", "subnet-00000000000000004"],
    "image": "placeholder:latest",
    "instance_type": "m6i.large",
    "command": ["CMD-SHELL", "true"],
    "containers": [{"name": "placeholder", "image": "placeholder:latest"}],
    "services": [
        {"name": "placeholder", "containers": [{"name": "placeholder", "image": "placeholder:1"}]}
    ],
}


def _patch(data: dict[str, Any], errors: list[Any], counter: list[int]) -> bool:
    changed = False
    for issue in errors:
        parts = parse_path(issue.path)
        if not parts or not isinstance(parts[-1], str):
            continue
        key = parts[-1]
        parent = get_path(data, format_path(parts[:-1]), _MISSING)
        if not isinstance(parent, dict):
            continue
        present = key in parent
        if key in _PLACEHOLDERS:
            parent[key] = copy.deepcopy(_PLACEHOLDERS[key])
        elif key == "name":
            counter[0] += 1
            parent[key] = f"placeholder{counter[0]}"
        elif present:
            del parent[key]  # malformed or unknown: fall back to the default
        else:
            continue
        changed = True
    return changed


def validate_draft(draft: Any) -> tuple[list[Any], list[Any]]:
    """(errors, warnings) for the draft: the one place the UIs call the answers model.

    When the draft does not parse yet (a required field is missing or malformed), the
    cross-field rules cannot run; so a second pass validates a copy in which those fields
    hold stand-ins, and adds the issues it finds elsewhere. Every message is the model's own.
    """
    try:
        from ecs_wizard.validation import validate_data
    except ImportError:  # pragma: no cover - the model engineer's module is not there yet
        return [], []
    result = validate_data(draft)
    errors, warnings = list(result.errors), list(result.warnings)
    if result.answers is not None or not isinstance(draft, dict):
        return errors, warnings
    patched = copy.deepcopy(draft)
    counter = [0]
    second = result
    for _ in range(3):
        if not _patch(patched, list(second.errors), counter):
            return errors, warnings
        second = validate_data(patched)
        if second.answers is not None:
            break
    else:
        return errors, warnings
    first_paths = [e.path for e in errors]

    def fresh(issue: Any) -> bool:
        return not any(
            issue_matches(issue.path, p) or issue_matches(p, issue.path) for p in first_paths
        ) and "placeholder" not in str(issue.message) + str(issue.value)

    errors += [i for i in second.errors if fresh(i)]
    warnings += [i for i in second.warnings if fresh(i)]
    return errors, warnings
