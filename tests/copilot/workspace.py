"""Build Copilot workspaces on disk for the import-copilot tests: the shipped fixtures and small
ones assembled from manifest fragments (tests/copilot/forms.py, manifest_strategy.py)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WORKSPACES = ("simple-lbws", "multi-env", "not-migrated")

ACCOUNT = "111122223333"
REGION = "eu-west-1"
CERT = f"arn:aws:acm:{REGION}:{ACCOUNT}:certificate/0c0c0c0c-1d1d-4e2e-8f3f-404040404040"

BASE_ENV: dict[str, Any] = {
    "name": "prod",
    "type": "Environment",
    "network": {
        "vpc": {
            "id": "vpc-0123456789abcdef0",
            "subnets": {
                "public": [{"id": "subnet-0aaaaaaaaaaaaaaa1"}, {"id": "subnet-0aaaaaaaaaaaaaaa2"}],
                "private": [
                    {"id": "subnet-0bbbbbbbbbbbbbbb1"},
                    {"id": "subnet-0bbbbbbbbbbbbbbb2"},
                ],
            },
        }
    },
    "http": {"public": {"certificates": [CERT]}},
}

BASE_LBWS: dict[str, Any] = {
    "name": "app",
    "type": "Load Balanced Web Service",
    "image": {"location": "public.ecr.aws/nginx/nginx:1.27", "port": 80},
    "http": {"path": "/"},
    "cpu": 256,
    "memory": 512,
    "count": 1,
}


def copy_fixture(name: str, dst: Path) -> Path:
    """A private copy of a shipped workspace (the project root holding copilot/)."""
    return Path(shutil.copytree(FIXTURES / name, dst / name))


def deep_merge(base: Any, over: Any) -> Any:
    """Maps merge recursively; anything else in `over` replaces (None deletes the key)."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            if v is None:
                out.pop(k, None)
            else:
                out[k] = deep_merge(base.get(k), v)
        return out
    return over


def write_workspace(
    root: Path,
    *,
    app: str = "demo",
    envs: dict[str, dict[str, Any]] | None = None,
    workloads: dict[str, dict[str, Any]] | None = None,
    files: dict[str, str] | None = None,
) -> Path:
    """Write `root/copilot/...`: .workspace, environments/<env>/manifest.yml,
    <workload>/manifest.yml, and any extra `files` (paths relative to copilot/)."""
    copilot = root / "copilot"
    copilot.mkdir(parents=True, exist_ok=True)
    (copilot / ".workspace").write_text(yaml.safe_dump({"application": app}), encoding="utf-8")
    for name, manifest in (envs if envs is not None else {"prod": BASE_ENV}).items():
        d = copilot / "environments" / name
        d.mkdir(parents=True, exist_ok=True)
        (d / "manifest.yml").write_text(dump(manifest), encoding="utf-8")
    for name, manifest in (workloads or {"app": BASE_LBWS}).items():
        d = copilot / name
        d.mkdir(parents=True, exist_ok=True)
        (d / "manifest.yml").write_text(dump(manifest), encoding="utf-8")
    for rel, text in (files or {}).items():
        path = copilot / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def dump(manifest: Any) -> str:
    return yaml.safe_dump(manifest, sort_keys=False, default_flow_style=False, allow_unicode=True)


def load_manifests(root: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    """(environments, workloads) of a workspace, as plain dicts keyed by directory name."""
    copilot = root / "copilot"
    envs = {
        p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((copilot / "environments").glob("*/manifest.yml"))
    }
    workloads = {
        p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted(copilot.glob("*/manifest.yml"))
        if p.parent.name not in ("environments", "pipelines")
    }
    return envs, workloads
