"""A workload's `http:` section: the target group (health check, draining, target container)
and the listener rules (path, alias hosts, source IPs, additional_rules)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ecs_wizard.copilot.walk import Section

#: What a Copilot target group gets when the manifest leaves a value out (Copilot's manifest
#: reference, `http.healthcheck.*` and `http.deregistration_delay`). ecs-wizard's own defaults
#: differ (success codes 200-399, thresholds 3 and 3, a 30 s deregistration delay), so the
#: import writes Copilot's out: the migrated service is judged healthy and drains as before.
COPILOT_HEALTH_DEFAULTS: dict[str, Any] = {
    "path": "/",
    "matcher": "200",
    "healthy_threshold": 5,
    "unhealthy_threshold": 2,
    "interval": 30,
    "timeout": 5,
}
COPILOT_DEREGISTRATION_DELAY = 60
#: Copilot's `http.healthcheck.grace_period` default, and the grace period the ecs-service
#: module gives every load-balanced service (answers have no key for it)
GRACE_PERIOD = 60

_NO_STICKY = (
    "ecs-wizard answers have no sticky sessions: remove it, or turn stickiness on in the "
    "target group by hand after apply"
)


@dataclass
class RuleSpec:
    name: str
    service: str
    hosts: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    source_ips: list[str] = field(default_factory=list)
    path_text: str = "/"  # the Copilot path, for ordering

    def specificity(self) -> tuple[int, int, int, str]:
        """Sort key: longer paths first, then rules with hosts, then fewer conditions."""
        depth = len(self.path_text.strip("/")) if self.path_text.strip("/") else -1
        return (-depth, 0 if self.hosts else 1, 0 if self.source_ips else 1, self.name)

    def data(self, priority: int) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "priority": priority, "service": self.service}
        for key in ("hosts", "paths", "source_ips"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        return out


@dataclass
class HttpResult:
    load_balancer: dict[str, Any] | None = None
    rules: list[RuleSpec] = field(default_factory=list)
    default: bool = False  # `path: /` with no host or source IP: the listener's default action
    aliases: list[tuple[str, str | None]] = field(default_factory=list)
    redirect_to_https: bool | None = None


def path_patterns(path: str) -> list[str]:
    """ALB path patterns of a Copilot path: `api` matches /api and everything under it."""
    inner = path.strip().strip("/")
    if not inner:
        return []
    if "*" in inner or "?" in inner:
        return [f"/{inner}"]
    return [f"/{inner}", f"/{inner}/*"]


def _aliases(sec: Section, key: str, zone: str | None) -> list[tuple[str, str | None]]:
    value = sec.get(key)
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[tuple[str, str | None]] = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            out.append((item, zone))
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            extra = set(item) - {"name", "hosted_zone"}
            hz = item.get("hosted_zone", zone)
            if extra or not (hz is None or isinstance(hz, str)):
                raise sec.fail(
                    f"{key}[{i}]",
                    item,
                    "takes only `name` and `hosted_zone`",
                    "write `- name: example.com` with an optional `hosted_zone: Z...`",
                )
            out.append((item["name"], hz))
        else:
            raise sec.fail(
                key,
                value,
                "must be a name, a list of names, or a list of {name, hosted_zone}",
                "write e.g. `alias: example.com`",
            )
    return out


def _health(sec: Section, lb: dict[str, Any], port: int | None) -> None:
    hc_raw = sec.data.get("healthcheck")
    health: dict[str, Any] = dict(COPILOT_HEALTH_DEFAULTS)
    lb["health_check"] = health
    if hc_raw is None:
        sec.default_row(
            "healthcheck",
            "not set: Copilot's defaults written out (path /, success code 200, healthy after "
            "5 checks, unhealthy after 2, every 30 s, 5 s timeout)",
        )
        return
    if isinstance(hc_raw, str):
        health["path"] = sec.str_("healthcheck")
        sec.row("healthcheck", "migrated", f"target group health check path {health['path']}")
    else:
        hc = sec.sub("healthcheck")
        mapping = {
            "path": ("path", hc.str_),
            "success_codes": ("matcher", hc.str_),
            "healthy_threshold": ("healthy_threshold", hc.int_),
            "unhealthy_threshold": ("unhealthy_threshold", hc.int_),
            "interval": ("interval", hc.duration),
            "timeout": ("timeout", hc.duration),
        }
        for key, (target, getter) in mapping.items():
            value = getter(key)
            if value is not None:
                health[target] = value
                hc.row(key, "migrated", f"load_balancer.health_check.{target}: {value}")
        hc_port = hc.int_("port")
        if hc_port is not None:
            if hc_port == port:
                hc.row("port", "migrated", "the health check uses the traffic port, as here")
            else:
                hc.row(
                    "port",
                    "not migrated",
                    f"ecs-wizard checks health on the traffic port ({port}); serve the health "
                    f"check on that port, or change the target group by hand",
                )
        grace = hc.duration("grace_period")
        if grace is not None:
            hc.row(
                "grace_period",
                "migrated" if grace == GRACE_PERIOD else "not migrated",
                f"every load-balanced service gets a {GRACE_PERIOD} s grace period, as here"
                if grace == GRACE_PERIOD
                else f"ecs-wizard gives every load-balanced service a {GRACE_PERIOD} s grace "
                f"period (Copilot's default too), not {grace} s: set "
                "health_check_grace_period_seconds on the ecs-service module by hand",
            )
        hc.finish()
        sec.read.add("healthcheck")


def map_http(
    sec: Section, service: str, ports: dict[str, int | None], main: str, *, backend: bool
) -> HttpResult:
    """`sec` is the workload's `http` map (already known to be a map)."""
    res = HttpResult()
    lb: dict[str, Any] = {}
    target = sec.str_("target_container") or main
    if target not in ports:
        raise sec.fail(
            "target_container",
            target,
            "names no container of this service",
            f"use {main} or a sidecar: {', '.join(n for n in ports if n != main) or 'none'}",
        )
    if target != main:
        lb["container"] = target
    sec.row("target_container", "migrated", f"load_balancer.container: {target}")
    port = ports[target]
    if port is None:
        raise sec.fail(
            "target_container" if target != main else "path",
            target,
            f"container {target} has no port for the load balancer to send traffic to",
            "set image.port (or the sidecar's port)",
        )
    target_port = sec.str_("target_port")
    if target_port is not None:
        if target_port == str(port):
            sec.row("target_port", "migrated", f"traffic goes to port {port}, as here")
        else:
            sec.row(
                "target_port",
                "not migrated",
                f"ecs-wizard sends traffic to the target container's port ({port}); set that "
                "container's port to the one traffic should reach",
            )
    delay = sec.duration("deregistration_delay")
    if delay is not None:
        lb["deregistration_delay"] = delay
        sec.row("deregistration_delay", "migrated", f"load_balancer.deregistration_delay: {delay}")
    else:
        lb["deregistration_delay"] = COPILOT_DEREGISTRATION_DELAY
        sec.default_row(
            "deregistration_delay",
            f"not set: Copilot's default written out (load_balancer.deregistration_delay: "
            f"{COPILOT_DEREGISTRATION_DELAY})",
        )
    _health(sec, lb, port)
    sticky = sec.bool_("stickiness")
    if sticky is not None:
        sec.row(
            "stickiness",
            "not migrated" if sticky else "migrated",
            _NO_STICKY if sticky else "sticky sessions stay off",
        )
    version = sec.str_("version")
    if version is not None:
        ok = version.lower() == "http1"
        sec.row(
            "version",
            "migrated" if ok else "not migrated",
            "HTTP/1.1 targets, as ecs-wizard's"
            if ok
            else f"ecs-wizard target groups speak HTTP/1.1; {version} needs the target group's "
            "protocol version changed by hand",
        )
    redirect = sec.bool_("redirect_to_https")
    if redirect is not None:
        res.redirect_to_https = redirect
        sec.row(
            "redirect_to_https", "migrated", f"alb.http.redirect_to_https: {str(redirect).lower()}"
        )
    res.load_balancer = lb

    zone = sec.str_("hosted_zone")
    aliases = _aliases(sec, "alias", zone)
    sec.row("hosted_zone", "migrated", "used to validate the certificate for the aliases")
    ips = sec.strs("allowed_source_ips") or []
    path = sec.str_("path")
    if path is None and not aliases and not backend:
        path = "/"  # Copilot's LBWS requires a path; a bare http map serves the root
    hosts = [a for a, _ in aliases]
    res.aliases = list(aliases)
    if aliases:
        sec.row("alias", "migrated", f"host condition {', '.join(hosts)} on rule {service}")
    if ips:
        sec.row("allowed_source_ips", "migrated", f"source-ip condition on rule {service}")
    if path is not None:
        patterns = path_patterns(path)
        if not patterns and not hosts and not ips:
            res.default = True
            sec.row("path", "migrated", f"`/`: the listener's default action forwards to {service}")
        else:
            res.rules.append(RuleSpec(service, service, hosts, patterns, ips, path))
            sec.row(
                "path",
                "migrated",
                f"rule {service}: "
                + (f"paths {', '.join(patterns)}" if patterns else "every path of its hosts"),
            )
    elif hosts or ips:
        res.rules.append(RuleSpec(service, service, hosts, [], ips, "/"))

    extra = sec.get("additional_rules")
    if extra is not None:
        if not isinstance(extra, list):
            raise sec.fail(
                "additional_rules", extra, "must be a list of rules", "write `- path: /admin`"
            )
        for i, item in enumerate(extra):
            if not isinstance(item, dict):
                raise sec.fail(
                    f"additional_rules[{i}]", item, "must be a map", "write `- path: /admin`"
                )
            rsec = Section(sec.report, sec.file, sec.path(f"additional_rules[{i}]"), item)
            res.rules.append(_additional(rsec, service, i, target, port, lb, res))
            rsec.finish()
    sec.finish()
    return res


def _additional(
    sec: Section, service: str, i: int, target: str, port: int, lb: dict[str, Any], res: HttpResult
) -> RuleSpec:
    name = f"{service}-{i + 1}"
    zone = sec.str_("hosted_zone")
    aliases = _aliases(sec, "alias", zone)
    res.aliases += aliases
    sec.row("hosted_zone", "migrated", "used to validate the certificate for the aliases")
    ips = sec.strs("allowed_source_ips") or []
    path = sec.str_("path") or "/"
    rule = RuleSpec(name, service, [a for a, _ in aliases], path_patterns(path), ips, path)
    if not (rule.hosts or rule.paths or rule.source_ips):
        rule.paths = ["/*"]
    sec.row("path", "migrated", f"rule {name} paths {', '.join(rule.paths) or '(any)'}")
    sec.row("alias", "migrated", f"rule {name} hosts {', '.join(rule.hosts)}")
    sec.row("allowed_source_ips", "migrated", f"rule {name} source-ip condition")
    same = "ecs-wizard forwards every rule of a service to one target group"
    tc = sec.str_("target_container")
    if tc is not None:
        sec.row(
            "target_container",
            "migrated" if tc == target else "not migrated",
            f"{same} ({target})"
            if tc == target
            else f"{same}, which sends traffic to {target}: route {tc} through its own service",
        )
    tp = sec.str_("target_port")
    if tp is not None:
        sec.row(
            "target_port",
            "migrated" if tp == str(port) else "not migrated",
            f"{same} (port {port})",
        )
    service_value = {
        "healthcheck": f"path {lb.get('health_check', {}).get('path', '/')}",
        "deregistration_delay": f"{lb.get('deregistration_delay')} s",
        "stickiness": "off",
    }
    for key in ("healthcheck", "deregistration_delay", "stickiness"):
        if key in sec:
            sec.get(key)
            sec.row(
                key,
                "approximated",
                f"{same}: this rule uses the service's {key.replace('_', ' ')} "
                f"({service_value[key]})",
            )
    redirect = sec.bool_("redirect_to_https")
    if redirect is not None:
        sec.row(
            "redirect_to_https",
            "approximated",
            "one HTTP listener for the whole load balancer: see http.redirect_to_https",
        )
    version = sec.str_("version")
    if version is not None:
        ok = version.lower() == "http1"
        sec.row(
            "version",
            "migrated" if ok else "not migrated",
            "HTTP/1.1, as ecs-wizard's" if ok else f"{version}: ecs-wizard speaks HTTP/1.1",
        )
    return rule
