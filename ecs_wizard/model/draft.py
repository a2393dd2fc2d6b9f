"""The wizard's draft: a plain nested dict shaped exactly like the answers YAML.

Screens bind widgets to paths in that dict (`services[1].containers[0].port`, see
`ecs_wizard.model.paths`); the answers model (`ecs_wizard.validation`) is the only judge of whether
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


#: Values default_draft() fills in that are still the user's choice: front ends ask for them
#: (with this value as the default) unless a flag or an answers file gave them.
PREFILLED = ("project.environment", "project.region")


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


#: What an EC2 capacity provider starts with when it is switched on (wizard and prompt).
NEW_EC2_CAPACITY: dict[str, Any] = {
    "instance_type": "m6i.large",
    "min_size": 1,
    "max_size": 3,
    "target_capacity_percent": 100,
}


def new_capacity_provider(key: str) -> dict[str, Any]:
    """The settings a capacity provider (`fargate`, `fargate_spot`, `ec2`) starts with when it
    is switched on, in the wizard and in the prompt mode alike. Weights are the answers model's
    defaults, so the two front ends and an answers file that omits them agree."""
    if key == "ec2":
        return copy.deepcopy(NEW_EC2_CAPACITY)
    from ecs_wizard.model.answers import FargateCapacity  # pydantic: only when a provider is added

    return {"weight": FargateCapacity.model_fields["weight"].default}


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
    from ecs_wizard.model.yamlio import dump_data

    ordered = {"version": draft.get("version", 1)}
    ordered.update({k: v for k, v in draft.items() if k != "version"})
    return dump_data(ordered)


def _write_atomic(path: Path, text: str) -> None:
    """Drafts may hold anything typed into the wizard (secrets' ARNs, private hosts): owner
    only, whatever the umask or the mode of an older draft (0600 file, 0700 folder)."""
    from ecs_wizard.model.fileio import write_atomic

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomic(path, text, mode=0o600)


def state_dir() -> Path:
    explicit = os.environ.get(STATE_DIR_ENV)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_STATE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "state"
    return base / "ecs-wizard"


def source_key(source: str | os.PathLike[str] | None) -> str:
    """The draft slot of an answers file (or rendered directory): its absolute, resolved
    path hashed (so `edit a.yaml` from two directories finds one draft); "new" for a project
    that has no file yet."""
    if source is None or str(source) == "":
        return "new"
    import hashlib

    return hashlib.sha256(str(resolve_source(source)).encode("utf-8")).hexdigest()[:16]


def resolve_source(source: str | os.PathLike[str]) -> Path:
    return Path(source).expanduser().resolve()


class DraftStore:
    """Autosaved wizard drafts, one slot per project: `drafts/<key>.yaml` and its metadata
    `drafts/<key>.json` (the project's absolute path, the step, when, the project's name).
    A draft without a file (a new project) has the slot "new"."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or state_dir()

    def slot_path(self, source: str | os.PathLike[str] | None = None) -> Path:
        return self.directory / "drafts" / f"{source_key(source)}.yaml"

    def meta_path_of(self, source: str | os.PathLike[str] | None = None) -> Path:
        return self.slot_path(source).with_suffix(".json")

    @property
    def path(self) -> Path:
        """The new project's slot."""
        return self.slot_path(None)

    @property
    def meta_path(self) -> Path:
        return self.meta_path_of(None)

    def exists(self, source: str | os.PathLike[str] | None = None) -> bool:
        """Whether a draft is saved for `source` (None: for any project)."""
        if source is not None:
            return self.slot_path(source).is_file()
        return any(True for _ in self._slots())

    def _slots(self) -> list[Path]:
        folder = self.directory / "drafts"
        return sorted(folder.glob("*.yaml")) if folder.is_dir() else []

    def save(
        self, draft: dict[str, Any], *, source: str | os.PathLike[str] | None = None, step: int = 0
    ) -> None:
        from datetime import UTC, datetime

        path = self.slot_path(source)
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        _write_atomic(path, dump_draft(draft))
        project = draft.get("project") if isinstance(draft, dict) else None
        meta = {
            "source": str(resolve_source(source)) if source else None,
            "step": step,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "project": project.get("name") if isinstance(project, dict) else None,
        }
        _write_atomic(path.with_suffix(".json"), json.dumps(meta, sort_keys=True) + "\n")

    def load(
        self, source: str | os.PathLike[str] | None = None
    ) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """(draft, meta) of `source`'s slot, or None when there is no usable draft."""
        return self._load(self.slot_path(source))

    def latest(self) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The most recently saved usable draft of any project."""
        found = []
        for path in self._slots():
            loaded = self._load(path)
            if loaded is not None:
                found.append((str(loaded[1].get("saved_at") or ""), path.name, loaded))
        return max(found, key=lambda f: (f[0], f[1]))[2] if found else None

    def _load(self, path: Path) -> tuple[dict[str, Any], dict[str, Any]] | None:
        # The answers loader: the same typing (YAML 1.2 scalars, strings kept as written) and
        # the same caps on size, nesting and aliases as a file given to the CLI.
        from ecs_wizard.model.yamlio import AnswersFileError, load_answers_file

        try:
            data = load_answers_file(path)
        except (AnswersFileError, OSError):
            return None
        if not isinstance(data, dict):
            return None
        try:
            meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            if not isinstance(meta, dict):
                meta = {}
        except (OSError, ValueError):
            meta = {}
        return data, meta

    def clear(self, source: str | os.PathLike[str] | None = None) -> None:
        """Forget `source`'s draft (None: the new project's)."""
        path = self.slot_path(source)
        for p in (path, path.with_suffix(".json")):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
