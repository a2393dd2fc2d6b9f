"""The wizard's draft: a plain nested dict shaped exactly like the answers YAML.

Screens bind widgets to paths in that dict (`services[1].containers[0].port`, see
`ecs_wizard.paths`); the answers model (`ecs_wizard.validation`) is the only judge of whether
it is valid. The `DraftStore` autosaves the draft atomically to the user's state directory so
an interrupted session can be resumed.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
from pathlib import Path
from typing import Any

# yaml is imported where it is used: the wizard imports this module before its first screen.

STATE_DIR_ENV = "ECS_WIZARD_STATE_DIR"


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
        "containers": [{**new_container(name), "port": 80}],
        "load_balancer": {"container": name, "health_check": {"path": "/"}},
    }


def new_container(name: str) -> dict[str, Any]:
    """A container the wizard adds: read-only root filesystem, the secure choice for new
    answers (the model's default stays false, so answers written without the key keep their
    writable root). ECS Exec, off for a new service, cannot be combined with it
    (E-SERVICES-EXEC-READONLY says so when it is turned on)."""
    return {"name": name, "readonly_root_filesystem": True}


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
    from ecs_wizard.yamlio import dump_data

    ordered = {"version": draft.get("version", 1)}
    ordered.update({k: v for k, v in draft.items() if k != "version"})
    return dump_data(ordered)


def _write_atomic(path: Path, text: str) -> None:
    """Drafts may hold anything typed into the wizard (secrets' ARNs, private hosts): owner
    only, whatever the umask or the mode of an older draft (0600 file, 0700 folder)."""
    from ecs_wizard.writer import write_atomic

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomic(path, text, mode=0o600)


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
        # The answers loader: the same typing (YAML 1.2 scalars, strings kept as written) and
        # the same caps on size, nesting and aliases as a file given to the CLI.
        from ecs_wizard.yamlio import AnswersFileError, load_answers_file

        try:
            data = load_answers_file(self.path)
        except AnswersFileError:
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
