"""Where a value of the answers came from: an answers path -> the Copilot file and field, so
that answers the validation refuses are reported against the manifest the user wrote."""

from __future__ import annotations

import re
from typing import Any

from ecs_wizard.copilot.load import Workspace
from ecs_wizard.model.paths import format_path, parse_path

_CONTAINER_FIELDS = {
    "image": "image.location",
    "port": "image.port",
    "health_check": "image.healthcheck",
    "environment": "variables",
    "secrets": "secrets",
    "command": "command",
    "entrypoint": "entrypoint",
    "readonly_root_filesystem": "storage.readonly_fs",
    "name": "name",
}
_SERVICE_FIELDS = {
    "cpu": "cpu",
    "memory": "memory",
    "desired_count": "count",
    "autoscaling": "count",
    "capacity": "count",
    "enable_execute_command": "exec",
    "deployment": "deployment",
    "load_balancer": "http",
    "name": "name",
    "cpu_architecture": "platform",
    "security_group_ids": "network.vpc.security_groups",
    "service_connect": "network.connect",
}
_RULE_FIELDS = {"hosts": "alias", "paths": "path", "source_ips": "allowed_source_ips"}
_ADDITIONAL_RE = re.compile(r"^(.*)-(\d+)$")


def merged_path(data: dict[str, Any], env: str, parts: list[Any]) -> list[Any]:
    """`environments.E.services.web.cpu` (parts after `environments.E`) -> `services[0].cpu`."""
    if not parts:
        return []
    head, rest = parts[0], parts[1:]
    if head == "region":
        return ["project", "region"]
    if head == "tags":
        return ["project", "tags", *rest]
    if head in ("services", "routing") and rest:
        names = [x.get("name") for x in data.get(head) or []]
        if rest[0] in names:
            return [head, names.index(rest[0]), *rest[1:]]
    return parts


def locate(
    path: str, answers: dict[str, Any], env_file: str, env_certificates: int
) -> tuple[str, str]:
    parts = parse_path(path) if path else []
    if not parts:
        return env_file, "(answers)"
    head = parts[0]
    if head == "project":
        if parts[1:2] == ["name"]:
            return "copilot/.workspace", "application"
        return env_file, "(region)" if parts[1:2] == ["region"] else "name"
    if head == "network":
        sub = {
            "vpc_id": "network.vpc.id",
            "public_subnet_ids": "network.vpc.subnets.public",
            "private_subnet_ids": "network.vpc.subnets.private",
        }
        return env_file, sub.get(parts[1] if len(parts) > 1 else "", "network")
    if head == "cluster":
        return env_file, "observability.container_insights"
    if head == "alb":
        index = parts[3] if len(parts) > 3 and isinstance(parts[3], int) else 0
        if parts[1:3] == ["https", "certificates"] and index < env_certificates:
            return env_file, "http.public.certificates"
        if parts[1:2] == ["ingress_cidrs"]:
            return env_file, "http.public.ingress.source_ips"
        if parts[1:2] == ["https"]:
            services = [s["name"] for s in answers.get("services") or []]
            return (Workspace.workload_file(services[0]) if services else env_file), "http.alias"
        return env_file, "http"
    if head == "services" and len(parts) > 1 and isinstance(parts[1], int):
        services = answers.get("services") or []
        if parts[1] >= len(services):
            return env_file, format_path(parts)
        svc = services[parts[1]]
        file = Workspace.workload_file(svc["name"])
        rest = parts[2:]
        if not rest:
            return file, "name"
        if rest[0] == "containers" and len(rest) > 1 and isinstance(rest[1], int):
            containers = svc.get("containers") or []
            if rest[1] == 0:
                key = rest[2] if len(rest) > 2 else "image"
                return file, _CONTAINER_FIELDS.get(key, "image")
            name = containers[rest[1]]["name"] if rest[1] < len(containers) else "?"
            key = rest[2] if len(rest) > 2 else ""
            leaf = _CONTAINER_FIELDS.get(key, "")
            leaf = leaf.replace("image.location", "image").replace("image.port", "port")
            leaf = leaf.replace("image.healthcheck", "healthcheck")
            return file, f"sidecars.{name}" + (f".{leaf}" if leaf else "")
        if rest[0] == "load_balancer" and rest[1:2] == ["health_check"]:
            return file, "http.healthcheck"
        return file, _SERVICE_FIELDS.get(rest[0], format_path(rest))
    if head == "routing" and len(parts) > 1 and isinstance(parts[1], int):
        rules = answers.get("routing") or []
        if parts[1] >= len(rules):
            return env_file, "http"
        rule = rules[parts[1]]
        file = Workspace.workload_file(rule["service"])
        section = "http"
        m = _ADDITIONAL_RE.match(rule["name"])
        if m and m.group(1) == rule["service"]:
            section = f"http.additional_rules[{int(m.group(2)) - 1}]"
        leaf = _RULE_FIELDS.get(parts[2]) if len(parts) > 2 else None
        return file, f"{section}.{leaf}" if leaf else section
    return env_file, format_path(parts)
