"""Where an ALB sends a request, given its listener rules: the rules in priority order,
conditions ANDed across fields and ORed within one, `*`/`?` wildcards (hosts case-blind).
Used on the offline plans and on the emulator's DescribeRules, against the routes the
Copilot manifests ask for (derive.Route): each alias host and path must reach its service."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass

from .derive import Route


@dataclass(frozen=True)
class ListenerRule:
    priority: int
    hosts: tuple[str, ...]
    paths: tuple[str, ...]
    target: str


def _glob(pattern: str, value: str) -> bool:
    return fnmatch.fnmatchcase(value, pattern.replace("[", "[[]"))


def send(rules: Iterable[ListenerRule], default: str | None, host: str, path: str) -> str | None:
    for r in sorted(rules, key=lambda r: r.priority):
        if r.hosts and not any(_glob(h.lower(), host.lower()) for h in r.hosts):
            continue
        if r.paths and not any(_glob(p, path) for p in r.paths):
            continue
        return r.target
    return default


def _prefix_matches(route_path: str, path: str) -> bool:
    base = route_path.rstrip("/")
    return base == "" or path == base or path.startswith(base + "/")


def samples(routes: list[Route]) -> list[tuple[str, str, str]]:
    """(host, path, service) requests the manifests route: each alias (or any host) with the
    route's path and a path below it, sent where Copilot sends it (the longest matching path;
    a route naming the host wins over one that does not)."""
    out = []
    for route in routes:
        hosts = sorted(route.hosts) or ["unlisted.example.net"]
        base = route.path.rstrip("/")
        for host in hosts:
            for path in (base or "/", f"{base}/deeper/page"):
                candidates = [
                    r
                    for r in routes
                    if (not r.hosts or host in r.hosts) and _prefix_matches(r.path, path)
                ]
                best = max(candidates, key=lambda r: (len(r.path.rstrip("/")), bool(r.hosts)))
                out.append((host, path, best.service))
    return out


def misrouted(
    routes: list[Route],
    rules: Iterable[ListenerRule],
    default: str | None,
    target_of: dict[str, str],
) -> list[str]:
    """Every sample request that does not reach its service's target group."""
    rules = list(rules)
    problems = []
    for host, path, service in samples(routes):
        got = send(rules, default, host, path)
        if got != target_of[service]:
            names = {v: k for k, v in target_of.items()}
            problems.append(
                f"{host}{path} goes to {names.get(got, got)}, not to {service} "
                f"(rules: {[(r.priority, r.hosts, r.paths, names.get(r.target)) for r in rules]})"
            )
    return problems
