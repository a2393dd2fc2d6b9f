"""What a Copilot workspace should become, read from its manifests alone (never from the
importer's output): the services, the listener rules their `http` blocks ask for, the desired
counts and autoscaling ranges of one environment. The fixture tests compare the imported
answers and the offline plans against this."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .workspace import deep_merge

SERVICE_TYPES = ("Load Balanced Web Service", "Backend Service", "Worker Service")
NOT_MIGRATED_TYPES = ("Request-Driven Web Service", "Scheduled Job", "Static Site")


@dataclass(frozen=True)
class Route:
    service: str
    hosts: frozenset[str]
    path: str

    @property
    def is_rule(self) -> bool:
        """`/` without an alias is the listener's default action, anything else a rule."""
        return self.path != "/" or bool(self.hosts)


@dataclass
class Expected:
    services: list[str] = field(default_factory=list)
    lb_services: list[str] = field(default_factory=list)
    # Backend Services with `http`: internal in Copilot, so never behind a public rule
    backend_http: list[str] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)
    desired: dict[str, int] = field(default_factory=dict)  # services with a fixed count
    ranges: dict[str, tuple[int, int]] = field(default_factory=dict)  # autoscaled services
    certificates: int = 0

    @property
    def rules(self) -> list[Route]:
        return [r for r in self.routes if r.is_rule]

    @property
    def default_service(self) -> str | None:
        roots = [r.service for r in self.routes if not r.is_rule]
        return roots[0] if roots else None


def for_environment(manifest: dict[str, Any], env: str) -> dict[str, Any]:
    """A workload manifest with its `environments.<env>` override applied, as Copilot does."""
    override = (manifest.get("environments") or {}).get(env) or {}
    merged = deep_merge({k: v for k, v in manifest.items() if k != "environments"}, override)
    return merged


def _aliases(alias: Any) -> frozenset[str]:
    if alias is None:
        return frozenset()
    items = alias if isinstance(alias, list) else [alias]
    return frozenset(a["name"] if isinstance(a, dict) else a for a in items)


def _range(count: dict[str, Any]) -> tuple[int, int]:
    r = count["range"]
    if isinstance(r, str):
        match = re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*", r)
        assert match is not None, f"count.range {r!r} is not MIN-MAX"
        return int(match[1]), int(match[2])
    return int(r["min"]), int(r["max"])


def expected(
    envs: dict[str, dict[str, Any]], workloads: dict[str, dict[str, Any]], env: str
) -> Expected:
    out = Expected()
    env_manifest = envs[env]
    out.certificates = len(
        (((env_manifest.get("http") or {}).get("public") or {}).get("certificates")) or []
    )
    for name, raw in workloads.items():
        if raw.get("type") not in SERVICE_TYPES:
            continue
        m = for_environment(raw, env)
        out.services.append(name)
        count = m.get("count", 1)
        if isinstance(count, dict) and "range" in count:
            out.ranges[name] = _range(count)
        elif isinstance(count, int):
            out.desired[name] = count
        http = m.get("http")
        if m["type"] == "Backend Service" and isinstance(http, dict):
            out.backend_http.append(name)
        if m["type"] != "Load Balanced Web Service" or not isinstance(http, dict):
            continue
        out.lb_services.append(name)
        for block in [http, *(http.get("additional_rules") or [])]:
            out.routes.append(Route(name, _aliases(block.get("alias")), block.get("path", "/")))
    return out
