"""Shadowed routing rules: a rule that can never match because a rule evaluated before it
(a lower priority number) already matches every request it matches."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from functools import lru_cache

from ecs_wizard.model.answers import Answers, Rule
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.registry import check, finding

_PRIORITY = (
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/"
    "load-balancer-listeners.html#listener-rules"
)


def _literal_prefix(pattern: str) -> str:
    for i, ch in enumerate(pattern):
        if ch in "*?":
            return pattern[:i]
    return pattern


@lru_cache(maxsize=4096)
def glob_subsumes(broad: str, narrow: str) -> bool:
    """True when every string matched by glob `narrow` is matched by glob `broad`.

    Wildcards: `*` (any sequence) and `?` (one character). Conservative: may answer False for
    some subsumed pairs, never True for a non-subsumed one. A `?` in `broad` only covers a
    single literal or `?` of `narrow` (a `*` may stand for zero or many characters).
    """
    # Fast necessary condition: the literal prefix and suffix of `broad` must appear literally
    # at the start and end of `narrow` (most rule pairs are rejected here).
    bp, xp = _literal_prefix(broad), _literal_prefix(narrow)
    if not xp.startswith(bp):
        return False
    bs, xs = _literal_prefix(broad[::-1]), _literal_prefix(narrow[::-1])
    if not xs.startswith(bs):
        return False
    n, m = len(broad), len(narrow)
    # reach[j]: broad[:i] can cover narrow[:j]
    reach = [False] * (m + 1)
    reach[0] = True
    for i in range(n):
        b = broad[i]
        nxt = [False] * (m + 1)
        if b == "*":
            seen = False
            for j in range(m + 1):
                seen = seen or reach[j]
                nxt[j] = seen
        else:
            for j in range(m):
                if reach[j]:
                    q = narrow[j]
                    if (b == "?" and q != "*") or (b == q and b != "?"):
                        nxt[j + 1] = True
        reach = nxt
        if not any(reach):
            return False
    return reach[m]


def _patterns_cover(broad: list[str], narrow: list[str], fold: bool) -> bool:
    """Condition `broad` (OR of patterns; empty = any) matches everything `narrow` matches."""
    if not broad:
        return True
    if not narrow:
        return False
    if fold:
        broad = [b.lower() for b in broad]
        narrow = [x.lower() for x in narrow]
    return all(any(glob_subsumes(b, x) for b in broad) for x in narrow)


def _cidrs_cover(broad: list[str], narrow: list[str]) -> bool:
    if not broad:
        return True
    if not narrow:
        return False
    try:
        bn = [ipaddress.ip_network(c, strict=False) for c in broad]
        nn = [ipaddress.ip_network(c, strict=False) for c in narrow]
    except ValueError:
        return False
    return all(
        any(x.version == b.version and x.subnet_of(b) for b in bn)  # type: ignore[arg-type]
        for x in nn
    )


def rule_covers(broad: Rule, narrow: Rule) -> bool:
    """True when rule `broad` matches every request rule `narrow` matches (conservatively)."""
    if not _patterns_cover(broad.hosts, narrow.hosts, fold=True):
        return False
    if not _patterns_cover(broad.paths, narrow.paths, fold=False):
        return False
    if not _cidrs_cover(broad.source_ips, narrow.source_ips):
        return False
    if broad.methods and not (narrow.methods and set(narrow.methods) <= set(broad.methods)):
        return False
    nh = {k.lower(): v for k, v in narrow.http_headers.items()}
    for name, values in broad.http_headers.items():
        if name.lower() not in nh or not _patterns_cover(values, nh[name.lower()], fold=True):
            return False
    for key, value in broad.query_strings.items():
        if key not in narrow.query_strings:
            return False
        if not glob_subsumes(value.lower(), narrow.query_strings[key].lower()):
            return False
    return True


@check(
    id="W-ROUTING-SHADOW",
    severity="warning",
    title="No rule is shadowed by a rule with a higher priority that matches all it matches",
    doc=_PRIORITY,
    tags=("routing",),
)
def shadowed_rules(a: Answers) -> Iterator[Issue]:
    order = sorted(range(len(a.routing)), key=lambda k: a.routing[k].priority)
    for pos, j in enumerate(order):
        later = a.routing[j]
        for i in order[:pos]:
            earlier = a.routing[i]
            if earlier.priority == later.priority:
                continue
            if rule_covers(earlier, later):
                yield finding(
                    f"routing[{j}]",
                    f"rule `{later.name}` (priority {later.priority}) can never match: rule "
                    f"`{earlier.name}` (priority {earlier.priority}) already matches every "
                    "request it matches",
                    f"give `{later.name}` a lower priority number than `{earlier.name}`, or "
                    "narrow `{0}`".format(earlier.name),
                    later.name,
                )
                break


def _shadowed_parts(earlier: Rule, later: Rule) -> Iterator[tuple[str, str]]:
    """The hosts and paths of `later` (("hosts"|"paths", pattern)) for which `earlier`
    matches every request `later` matches: `later` never matches that host (or path),
    though it still matches others. A host-only rule before a host+path rule for the same
    host is the usual case (`www.example.com` before `www.example.com` + `/api/*` with a
    second host)."""
    for key in ("hosts", "paths"):
        patterns: list[str] = getattr(later, key)
        if len(patterns) < 2:
            continue  # one pattern: a shadow of the whole rule (W-ROUTING-SHADOW)
        for pattern in patterns:
            if rule_covers(earlier, later.model_copy(update={key: [pattern]})):
                yield key, pattern


@check(
    id="W-ROUTING-PARTIAL-SHADOW",
    severity="warning",
    title="No host or path of a rule is shadowed by a rule with a higher priority",
    doc=_PRIORITY,
    tags=("routing",),
)
def partly_shadowed_rules(a: Answers) -> Iterator[Issue]:
    order = sorted(range(len(a.routing)), key=lambda k: a.routing[k].priority)
    for pos, j in enumerate(order):
        later = a.routing[j]
        earlier_rules = [a.routing[i] for i in order[:pos]]
        earlier_rules = [r for r in earlier_rules if r.priority != later.priority]
        if any(rule_covers(r, later) for r in earlier_rules):
            continue  # shadowed whole: W-ROUTING-SHADOW says so
        reported: set[tuple[str, str]] = set()
        for earlier in earlier_rules:
            for key, pattern in _shadowed_parts(earlier, later):
                if (key, pattern) in reported:
                    continue
                reported.add((key, pattern))
                what = "host" if key == "hosts" else "path"
                yield finding(
                    f"routing[{j}].{key}",
                    f"rule `{later.name}` (priority {later.priority}) never matches {what} "
                    f"`{pattern}`: rule `{earlier.name}` (priority {earlier.priority}) "
                    f"already matches every request to it that `{later.name}` matches",
                    f"give `{later.name}` a lower priority number than `{earlier.name}`, or "
                    f"remove `{pattern}` from `{later.name}`'s {key}",
                    pattern,
                )
