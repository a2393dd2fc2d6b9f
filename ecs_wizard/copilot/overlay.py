"""An environment's overlay: what its full answers change in the base answers, in the
overlay's own shape (region, tags, network/cluster/alb maps, services and routing keyed by
name; `null` removes a base value)."""

from __future__ import annotations

from typing import Any

from ecs_wizard.copilot.assemble import connect_namespace
from ecs_wizard.copilot.result import CopilotImportError

_SAME = object()


def _diff(base: Any, env: Any) -> Any:
    if base == env:
        return _SAME
    if isinstance(base, dict) and isinstance(env, dict):
        out: dict[str, Any] = {}
        for key in env:
            d = _diff(base.get(key, _SAME), env[key]) if key in base else env[key]
            if d is not _SAME:
                out[key] = d
        for key in base:
            if key not in env:
                out[key] = None
        return out
    return env


def _keyed(
    base: list[dict[str, Any]],
    env: list[dict[str, Any]],
    what: str,
    env_name: str,
    files: dict[str, str],
) -> dict[str, Any]:
    b = {x["name"]: x for x in base}
    e = {x["name"]: x for x in env}
    if set(b) != set(e):
        odd = sorted(set(b) ^ set(e))[0]
        service = (b.get(odd) or e.get(odd) or {}).get("service", odd)
        raise CopilotImportError(
            files.get(str(service), "copilot/"),
            f"environments.{env_name}.http",
            odd,
            "give the service the same http rules (path or alias, additional_rules, http: "
            "false) in every environment: an ecs-wizard environment can change a rule but "
            "not add or remove one",
            f"the {what} {odd} exists in some environments only",
        )
    out: dict[str, Any] = {}
    for name, item in e.items():
        d = _diff(b[name], item)
        if d is not _SAME:
            out[name] = d
    return out


def overlay(
    base: dict[str, Any], env: dict[str, Any], name: str, files: dict[str, str]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    bp, ep = base.get("project", {}), env.get("project", {})
    if bp.get("region") != ep.get("region"):
        out["region"] = ep.get("region")
    tags = _diff(bp.get("tags", {}), ep.get("tags", {}))
    if tags is not _SAME:
        out["tags"] = tags
    for key in ("network", "cluster", "alb"):
        d = _diff(base.get(key, {}), env.get(key, {}))
        if d is not _SAME:
            out[key] = d
    for key, what in (("services", "service"), ("routing", "rule")):
        d = _keyed(base.get(key, []), env.get(key, []), what, name, files)
        if d:
            out[key] = d
    return out


def namespaces(base: dict[str, Any], full: dict[Any, dict[str, Any]], app: str) -> None:
    """Service Connect: Copilot gives each environment its own namespace, ENV.APP.local. The
    base takes the first environment's that uses Service Connect (unless it has one); every
    environment whose namespace differs sets its own in its overlay, so no two create the
    same Cloud Map namespace (E-ENV-SHARED-NAMESPACE)."""
    used = {
        env: a["service_connect"]["namespace"] for env, a in full.items() if "service_connect" in a
    }
    if not used:
        return
    if "service_connect" not in base:
        base["service_connect"] = {"namespace": next(iter(used.values()))}
    shared = base["service_connect"]["namespace"]
    for env, overlay_ in base["environments"].items():
        namespace = used.get(env, connect_namespace(app, env))
        if namespace != shared:
            overlay_["service_connect"] = {"namespace": namespace}
