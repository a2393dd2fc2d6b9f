"""The Form record and the answers look-ups the field-form table (forms.py) checks with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .workspace import ACCOUNT, REGION

Check = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Form:
    id: str
    field: str  # the Copilot field, as the report names it
    fragment: dict[str, Any]
    status: str | None = "migrated"  # None: any status, but the row must be there
    check: Check | None = None
    target: str = "svc"  # "svc": merged into the service manifest; "env": the environment's
    images: dict[str, str] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)
    error: bool = False  # the import must fail naming `field`


def svc(a: dict[str, Any], name: str = "app") -> dict[str, Any]:
    return next(s for s in a["services"] if s["name"] == name)


def main(a: dict[str, Any]) -> dict[str, Any]:
    return svc(a)["containers"][0]


def container(a: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in svc(a)["containers"] if c["name"] == name)


def rules(a: dict[str, Any], service: str = "app") -> list[dict[str, Any]]:
    return [r for r in a.get("routing", []) if r["service"] == service]


def hosts(a: dict[str, Any]) -> set[str]:
    return {h for r in rules(a) for h in r.get("hosts", [])}


def paths(a: dict[str, Any]) -> set[str]:
    return {p for r in rules(a) for p in r.get("paths", [])}


def eq(getter: Callable[[dict[str, Any]], Any], want: Any) -> Check:
    def check(a: dict[str, Any]) -> None:
        got = getter(a)
        assert got == want, f"got {got!r}, want {want!r}"

    return check


def all_of(*checks: Check) -> Check:
    def check(a: dict[str, Any]) -> None:
        for c in checks:
            c(a)

    return check


def covers_path(prefix: str) -> Check:
    def check(a: dict[str, Any]) -> None:
        got = paths(a)
        assert got & {prefix, f"{prefix}/*", f"{prefix}*"}, f"no rule for {prefix}: {got}"

    return check


def zone_used(zone: str) -> Check:
    def check(a: dict[str, Any]) -> None:
        certs = a["alb"].get("https", {}).get("certificates", [])
        zones = {c.get("route53_zone_id") for c in certs} | {
            z for c in certs for z in (c.get("zones") or {}).values()
        }
        assert zone in zones, f"hosted zone {zone} not used for certificate validation: {certs}"

    return check


def hc(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda a: svc(a)["load_balancer"]["health_check"][key]


def ssm_arn(name: str) -> str:
    return f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/{name.lstrip('/')}"
