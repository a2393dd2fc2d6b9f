"""Validation of answers: shape/type errors from the model, then cross-field AWS rules.

Public API::

    validate_data(data) -> ValidationResult        # plain data (parsed YAML, TUI draft)
    validate_answers(answers) -> ValidationResult  # an already-built Answers model
    validate_field(path, value, data) -> list[Issue]

Validation runs in two phases: the pydantic model reports every shape/type problem at once
(unknown keys with "did you mean", missing keys, wrong types); when the shape is right, every
rule in ``RULES`` runs and all their issues are reported together. Each rule is a small pure
function ``(answers) -> Iterable[Issue]`` and can be tested on its own.
"""

from __future__ import annotations

import copy
import difflib
import ipaddress
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from ecs_wizard import catalog, naming
from ecs_wizard.answers import Answers, Ec2Capacity, Rule, Service

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    path: str
    message: str
    fix: str = ""
    value: Any = None
    severity: Severity = "error"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
            "value": self.value,
        }


@dataclass
class ValidationResult:
    answers: Answers | None
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def issues(self) -> list[Issue]:
        return [*self.errors, *self.warnings]

    def at(self, prefix: str) -> list[Issue]:
        """Issues whose path is `prefix` or below it (e.g. ``services[1]``)."""
        return [i for i in self.issues if _under(i.path, prefix)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "errors": [i.to_dict() for i in self.errors],
            "warnings": [i.to_dict() for i in self.warnings],
        }


def _under(path: str, prefix: str) -> bool:
    if not prefix or path == prefix:
        return True
    return path.startswith(prefix) and path[len(prefix)] in ".["


def _err(path: str, message: str, fix: str = "", value: Any = None) -> Issue:
    return Issue(path, message, fix, value, "error")


def _warn(path: str, message: str, fix: str = "", value: Any = None) -> Issue:
    return Issue(path, message, fix, value, "warning")


def format_path(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _suggest(word: str, options: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None


# ---------------------------------------------------------------------------------------------
# Phase 1: translate pydantic errors into Issues.


def _unwrap(tp: Any) -> Any:
    """Strip Optional / Union[..., None]."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
    return tp


def _type_at(loc: tuple[str | int, ...]) -> Any:
    """The declared type at `loc` (walking models, lists and dicts), or None if unknown."""
    tp: Any = Answers
    for part in loc:
        tp = _unwrap(tp)
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if not isinstance(part, str) or part not in tp.model_fields:
                return None
            tp = tp.model_fields[part].annotation
        elif origin is list and isinstance(part, int):
            tp = typing.get_args(tp)[0]
        elif origin is dict and isinstance(part, str):
            tp = typing.get_args(tp)[1]
        else:
            return None
    return _unwrap(tp)


def _field_description(loc: tuple[str | int, ...]) -> str:
    parent = _type_at(loc[:-1])
    if isinstance(parent, type) and issubclass(parent, BaseModel) and isinstance(loc[-1], str):
        f = parent.model_fields.get(loc[-1])
        if f is not None and f.description:
            return f.description
    return ""


_TYPE_WORDS = {
    "int": "a whole number",
    "bool": "true or false",
    "str": "a text string",
    "list": "a list",
    "dict": "a mapping (key: value pairs)",
    "model": "a mapping (key: value pairs)",
}


def _kind(err_type: str) -> str | None:
    for prefix in ("int", "bool", "string", "list", "dict", "model"):
        if err_type.startswith(prefix):
            return "str" if prefix == "string" else prefix
    return None


def _translate(err: dict[str, Any], data: Any) -> Issue:
    loc = tuple(err["loc"])
    path = format_path(loc)
    etype = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if etype == "extra_forbidden":
        key = str(loc[-1])
        parent = _type_at(loc[:-1])
        allowed = list(parent.model_fields) if isinstance(parent, type) else []
        best = _suggest(key, allowed)
        fix = f"did you mean `{best}`?" if best else "remove it"
        if allowed:
            fix += f" (allowed keys here: {', '.join(allowed)})"
        return _err(path, f"unknown key `{key}`", fix, value)
    if etype == "missing":
        key = str(loc[-1]) if loc else "?"
        desc = _field_description(loc)
        fix = f"add `{key}:`" + (f" ({desc})" if desc else "")
        return _err(path, f"`{key}` is required", fix)
    if etype == "literal_error":
        expected = ctx.get("expected", "")
        options = re.findall(r"'([^']*)'|(\d+)", str(expected))
        opts = [a or b for a, b in options]
        best = _suggest(str(value), opts)
        fix = f"did you mean `{best}`?" if best else f"use one of: {', '.join(opts)}"
        return _err(path, f"must be one of: {', '.join(opts)}", fix, value)
    if etype in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        op = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤"}.get(
            etype, "<"
        )
        bound = next(iter(ctx.values()), "?")
        return _err(path, f"must be {op} {bound}", f"use a value {op} {bound}", value)
    if etype == "too_short":
        n = ctx.get("min_length", 1)
        return _err(path, f"needs at least {n} item(s)", f"add at least {n} entry", value)
    if etype in ("int_from_float", "int_parsing_size"):
        return _err(path, "must be a whole number", "remove the decimal part", value)
    kind = _kind(etype)
    if kind is not None:
        what = _TYPE_WORDS[kind]
        fixes = {
            "int": "write a number without quotes, e.g. 512",
            "bool": "write true or false",
            "str": 'quote the value, e.g. "1.0"',
            "list": "write a YAML list, e.g. [a, b] or one `- item` per line",
            "dict": "write `key: value` pairs indented under this key",
            "model": "write `key: value` pairs indented under this key",
        }
        return _err(path or "(top level)", f"must be {what}", fixes[kind], value)
    return _err(path, err.get("msg", "invalid value"), "check the value", value)


# ---------------------------------------------------------------------------------------------
# Patterns and small checks.

NAME_RE = re.compile(r"^[a-z]([a-z0-9-]*[a-z0-9])?$")
# ecs-service module: ^[a-zA-Z0-9][a-zA-Z0-9_-]{0,254}$
CONTAINER_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$")
# Limits the Terraform modules enforce (ecs_wizard/modules/*/variables.tf); keep them in step.
TASK_SUBNETS_MAX = 16  # ecs-service subnet_ids (awsvpc network configuration)
CONTAINERS_PER_TASK_MAX = 10  # ecs-service containers
VALUES_PER_CONDITION_MAX = 3  # alb-rule: values per condition (and per http_headers entry)
TASK_CPU_RANGE = (128, 196608)  # ecs-service cpu (non-Fargate; Fargate uses the size table)
TASK_MEMORY_RANGE = (128, 983040)  # ecs-service memory, MiB
# AWS tag keys and values: Unicode letters, digits, white space and _ . : / = + - @
TAG_RE = re.compile(r"[\w .:/=+\-@]*")  # use with fullmatch


# Tags the generated provider block adds to every resource (root/versions.tf default_tags).
RESERVED_TAGS = frozenset({"Project", "Environment", "ManagedBy"})


def _has_control(text: str) -> bool:
    return any(ord(ch) < 0x20 for ch in text)


AMI_RE = re.compile(r"^ami-([0-9a-f]{8}|[0-9a-f]{17})$")
VPC_RE = re.compile(r"^vpc-([0-9a-f]{8}|[0-9a-f]{17})$")
SUBNET_RE = re.compile(r"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$")
ENV_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
SECRET_ARN_RE = re.compile(
    r"^arn:aws[a-z-]*:(ssm:[a-z0-9-]+:\d{12}:parameter/[A-Za-z0-9_./-]+"
    r"|secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@:-]+)$"
)
ACM_ARN_RE = re.compile(r"^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate/[0-9a-f-]{36}$")
ZONE_RE = re.compile(r"^Z[A-Z0-9]{1,32}$")
DOMAIN_RE = re.compile(
    r"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$"
)
HOST_PATTERN_RE = re.compile(r"^[A-Za-z0-9.*?-]{1,128}$")
PATH_PATTERN_RE = re.compile(r"^/[A-Za-z0-9_\-.$/~\"'@:+*?&]{0,127}$")
HEADER_NAME_RE = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,40}$")
METHOD_RE = re.compile(r"^[A-Z_-]{1,40}$")
BUCKET_RE = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
MATCHER_RE = re.compile(r"^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$")
INSTANCE_TYPE_RE = re.compile(r"^[a-z][a-z0-9-]*\.[a-z0-9]+$")

# Docker image reference grammar (github.com/distribution/reference).
_DOMAIN_COMP = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_DOMAIN_COMP}(?:\.{_DOMAIN_COMP})*(?::[0-9]+)?)"
_PATH_COMP = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_NAME = rf"(?:(?P<domain>{_DOMAIN})/)?(?P<path>{_PATH_COMP}(?:/{_PATH_COMP})*)"
_TAG = r"[\w][\w.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}"
IMAGE_RE = re.compile(rf"^{_NAME}(?::(?P<tag>{_TAG}))?(?:@(?P<digest>{_DIGEST}))?$")


def parse_image(ref: str) -> dict[str, str | None] | None:
    """Split an image reference into domain/path/tag/digest, or None if it is malformed."""
    m = IMAGE_RE.match(ref)
    if not m:
        return None
    parts = m.groupdict()
    domain = parts["domain"]
    # "foo/bar": "foo" is a registry only if it looks like a host name.
    if domain and not ("." in domain or ":" in domain or domain == "localhost"):
        if domain != domain.lower():
            return None
        parts["path"] = f"{domain}/{parts['path']}"
        parts["domain"] = None
    if len(m.group(0).split("@")[0].rsplit(":", 1)[0]) > 255:
        return None
    return parts


def _cidr_issue(path: str, value: str) -> Issue | None:
    try:
        ipaddress.ip_network(value, strict=True)
    except ValueError:
        try:
            net = ipaddress.ip_network(value, strict=False)
        except ValueError:
            return _err(path, "is not a valid CIDR block", "write it like 10.0.0.0/8", value)
        return _err(path, "has host bits set", f"use {net.with_prefixlen}", value)
    if "/" not in value:
        return _err(path, "needs a prefix length", f"write {value}/32", value)
    return None


# ---------------------------------------------------------------------------------------------
# Phase 2: rules. Each takes Answers and yields Issues.

Rule_ = Callable[[Answers], Iterable[Issue]]
RULES: list[Rule_] = []


def rule(fn: Rule_) -> Rule_:
    RULES.append(fn)
    return fn


def _name_issue(path: str, value: str, what: str, max_len: int) -> Issue | None:
    if not NAME_RE.match(value):
        fixed = re.sub(r"[^a-z0-9-]+", "-", value.lower()).strip("-") or "app"
        if not fixed[0].isalpha():
            fixed = "x" + fixed
        return _err(
            path,
            f"{what} must use lower-case letters, digits and hyphens, start with a letter "
            "and not end with a hyphen",
            f"e.g. `{fixed}`",
            value,
        )
    if len(value) > max_len:
        return _err(path, f"{what} is longer than {max_len} characters", "shorten it", value)
    return None


@rule
def rule_names(a: Answers) -> Iterator[Issue]:
    checks = [
        ("project.name", a.project.name, "the project name", 32),
        ("project.environment", a.project.environment, "the environment name", 32),
    ]
    checks += [(f"services[{i}].name", s.name, "a service name", 64) for i, s in
               enumerate(a.services)]  # fmt: skip
    checks += [(f"routing[{i}].name", r.name, "a rule name", 64) for i, r in enumerate(a.routing)]
    for path, value, what, max_len in checks:
        issue = _name_issue(path, value, what, max_len)
        if issue:
            yield issue
    for i, s in enumerate(a.services):
        for j, c in enumerate(s.containers):
            if not CONTAINER_NAME_RE.match(c.name):
                fixed = re.sub(r"[^A-Za-z0-9_-]+", "-", c.name).lstrip("_-")[:255] or "app"
                yield _err(
                    f"services[{i}].containers[{j}].name",
                    "a container name must be 1-255 letters, digits, hyphens and underscores, "
                    "starting with a letter or digit",
                    f"rename it, e.g. `{fixed}`",
                    c.name,
                )
    for key, value in a.project.tags.items():
        path = f"project.tags.{key}"
        if key.lower().startswith("aws:"):
            yield _err(path, "tag keys starting with `aws:` are reserved by AWS", "rename", key)
        elif not 1 <= len(key) <= 128 or len(value) > 256:
            yield _err(path, "tag keys are 1-128 and values 0-256 characters", "shorten", key)
        elif key in RESERVED_TAGS:
            yield _warn(
                path,
                f"`{key}` is set by ecs-wizard on every resource (from the project) and "
                "overrides this value",
                f"rename the tag, or rely on the generated `{key}` tag",
                key,
            )
        elif not TAG_RE.fullmatch(key) or not TAG_RE.fullmatch(value):
            yield _err(
                path,
                "tags may only use letters, digits, spaces and _ . : / = + - @",
                "remove other characters",
                key if not TAG_RE.fullmatch(key) else value,
            )


def _repeats(names: Iterable[str]) -> Iterator[tuple[int, int]]:
    """(index, index of the first occurrence) for every name seen before."""
    first: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in first:
            yield i, first[name]
        else:
            first[name] = i


@rule
def rule_unique_names(a: Answers) -> Iterator[Issue]:
    for i, first in _repeats(s.name for s in a.services):
        yield _err(
            f"services[{i}].name",
            f"duplicate service name (also services[{first}])",
            "give every service a unique name",
            a.services[i].name,
        )
    for i, s in enumerate(a.services):
        for j, _ in _repeats(c.name for c in s.containers):
            yield _err(
                f"services[{i}].containers[{j}].name",
                f"duplicate container name in service `{s.name}`",
                "give every container of a service a unique name",
                s.containers[j].name,
            )
    for i, first in _repeats(r.name for r in a.routing):
        yield _err(
            f"routing[{i}].name",
            f"duplicate rule name (also routing[{first}])",
            "give every rule a unique name",
            a.routing[i].name,
        )


@rule
def rule_derived_names(a: Answers) -> Iterator[Issue]:
    p, e = a.project.name, a.project.environment
    for i, s in enumerate(a.services):
        full = naming.service_name(p, e, s.name)
        if len(full) > naming.SERVICE_NAME_MAX:
            yield _err(
                f"services[{i}].name",
                f"the ECS service name `{full}` (project-environment-service) is longer than "
                f"{naming.SERVICE_NAME_MAX} characters; its IAM role names would exceed 64",
                "shorten the service, project or environment name",
                s.name,
            )
    tgs: dict[str, int] = {}
    for i, s in enumerate(a.services):
        if s.load_balancer is None:
            continue
        tg = naming.target_group_name(p, e, s.name)
        if tg in tgs and a.services[tgs[tg]].name != s.name:
            yield _err(
                f"services[{i}].name",
                f"target group name `{tg}` collides with services[{tgs[tg]}] after shortening "
                f"to {naming.TARGET_GROUP_BASE_MAX} characters",
                "rename one of the services",
                s.name,
            )
        tgs.setdefault(tg, i)
    if len(a.lb_services()) > catalog.TARGET_GROUPS_PER_ALB:
        yield _err(
            "services",
            f"more than {catalog.TARGET_GROUPS_PER_ALB} services behind one ALB",
            "split the services across projects",
        )


@rule
def rule_network(a: Answers) -> Iterator[Issue]:
    n = a.network
    if not VPC_RE.match(n.vpc_id):
        yield _err(
            "network.vpc_id",
            "is not a VPC id",
            "use `vpc-` followed by 8 or 17 hex digits, e.g. vpc-0a1b2c3d4e5f60718",
            n.vpc_id,
        )
    for key in ("public_subnet_ids", "private_subnet_ids"):
        ids: list[str] = getattr(n, key)
        seen: set[str] = set()
        for i, sid in enumerate(ids):
            path = f"network.{key}[{i}]"
            if not SUBNET_RE.match(sid):
                yield _err(path, "is not a subnet id", "use `subnet-` + 8 or 17 hex digits", sid)
            if sid in seen:
                yield _err(path, "is listed twice", "remove the duplicate", sid)
            seen.add(sid)
    if len(set(n.public_subnet_ids)) < 2:
        yield _err(
            "network.public_subnet_ids",
            "an Application Load Balancer needs subnets in at least two Availability Zones",
            "list at least two public subnets in different AZs",
            n.public_subnet_ids,
        )
    if not n.private_subnet_ids:
        yield _err(
            "network.private_subnet_ids",
            "tasks and instances need at least one private subnet",
            "list one private subnet or more (two AZs recommended)",
            n.private_subnet_ids,
        )
    elif len(n.private_subnet_ids) > TASK_SUBNETS_MAX:
        yield _err(
            "network.private_subnet_ids",
            f"lists {len(n.private_subnet_ids)} subnets; ECS places awsvpc tasks in at most "
            f"{TASK_SUBNETS_MAX} subnets",
            f"keep at most {TASK_SUBNETS_MAX} private subnets (one or two per AZ)",
            len(n.private_subnet_ids),
        )
    elif len(set(n.private_subnet_ids)) == 1:
        yield _warn(
            "network.private_subnet_ids",
            "a single private subnet puts every task in one Availability Zone",
            "add a private subnet in a second AZ",
            n.private_subnet_ids,
        )
    both = sorted(set(n.public_subnet_ids) & set(n.private_subnet_ids))
    if both:
        yield _warn(
            "network.private_subnet_ids",
            f"subnets used as both public and private: {', '.join(both)}",
            "run tasks in private subnets only",
            both,
        )


@rule
def rule_region(a: Answers) -> Iterator[Issue]:
    if a.project.region not in catalog.REGIONS:
        best = _suggest(a.project.region, catalog.REGIONS)
        yield _err(
            "project.region",
            "is not a known AWS region",
            f"did you mean `{best}`?" if best else "use a region code such as eu-west-1",
            a.project.region,
        )


def effective_capacity(a: Answers, s: Service) -> list[str]:
    """Capacity providers a service uses: its own list, else the cluster default strategy."""
    if s.capacity is not None:
        return list(s.capacity)
    providers = a.cluster.capacity.providers()
    return [name for name, p in providers.items() if p.weight > 0 or p.base > 0]


def _is_fargate(names: Iterable[str]) -> bool:
    return any(n in ("fargate", "fargate_spot") for n in names)


@rule
def rule_capacity(a: Answers) -> Iterator[Issue]:
    cap = a.cluster.capacity
    providers = cap.providers()
    with_base = [name for name, p in providers.items() if p.base > 0]
    if len(with_base) > 1:
        yield _err(
            "cluster.capacity",
            f"only one capacity provider may have base > 0 (found: {', '.join(with_base)})",
            "set base: 0 on all but one provider",
            with_base,
        )
    if cap.ec2 is not None:
        e: Ec2Capacity = cap.ec2
        base = "cluster.capacity.ec2"
        if not e.min_size <= e.max_size:
            yield _err(
                f"{base}.min_size",
                f"min_size ({e.min_size}) is greater than max_size ({e.max_size})",
                "make min_size ≤ max_size",
                e.min_size,
            )
        if e.max_size < 1:
            yield _err(f"{base}.max_size", "must be at least 1", "set max_size ≥ 1", e.max_size)
        if e.desired_capacity is not None and not e.min_size <= e.desired_capacity <= e.max_size:
            yield _err(
                f"{base}.desired_capacity",
                f"must be between min_size ({e.min_size}) and max_size ({e.max_size})",
                "adjust desired_capacity, min_size or max_size",
                e.desired_capacity,
            )
        if e.ami_id is not None and not AMI_RE.match(e.ami_id):
            yield _err(
                f"{base}.ami_id",
                "is not an AMI id",
                "use ami- followed by 8 or 17 hex digits, or remove it to use the latest "
                "ECS-optimized Amazon Linux 2023 AMI",
                e.ami_id,
            )
        if not INSTANCE_TYPE_RE.match(e.instance_type):
            yield _err(
                f"{base}.instance_type",
                "is not an EC2 instance type",
                "use a type such as m6i.large or m7g.large",
                e.instance_type,
            )
        elif e.instance_type not in catalog.INSTANCE_TYPES:
            best = _suggest(e.instance_type, catalog.INSTANCE_TYPES)
            yield _warn(
                f"{base}.instance_type",
                "is not in the built-in catalog, so task sizes cannot be checked against it",
                f"did you mean `{best}`?" if best else "double-check the type name",
                e.instance_type,
            )
    default_users = [i for i, s in enumerate(a.services) if s.capacity is None]
    default = [n for n, p in providers.items() if p.weight > 0 or p.base > 0]
    if _is_fargate(default) and "ec2" in default:
        yield _err(
            "cluster.capacity",
            "the default strategy (providers with weight or base > 0) mixes Fargate and EC2, "
            "which ECS does not allow",
            "set weight: 0 and base: 0 on ec2 (or on fargate/fargate_spot) and list "
            "`capacity` on the services that use it",
        )
    if default_users and not default:
        yield _err(
            "cluster.capacity",
            "no provider has weight > 0, so services without `capacity` cannot be placed",
            "give at least one provider weight ≥ 1",
        )
    for i, s in enumerate(a.services):
        if s.capacity is None:
            continue
        path = f"services[{i}].capacity"
        if not s.capacity:
            yield _err(path, "is empty", "list providers or remove the key to use the default")
            continue
        for j, name in enumerate(s.capacity):
            if name not in providers:
                yield _err(
                    f"{path}[{j}]",
                    f"the cluster has no `{name}` capacity provider",
                    f"add cluster.capacity.{name}, or use one of: {', '.join(providers)}",
                    name,
                )
        if len(set(s.capacity)) != len(s.capacity):
            yield _err(path, "lists a provider twice", "remove the duplicate", s.capacity)
        if _is_fargate(s.capacity) and "ec2" in s.capacity:
            yield _err(
                path,
                "a capacity provider strategy cannot mix Fargate and EC2",
                "use either fargate/fargate_spot or ec2",
                s.capacity,
            )


def _nearest(options: list[int], value: int, n: int = 3) -> list[int]:
    return sorted(sorted(options, key=lambda o: (abs(o - value), o))[:n])


@rule
def rule_task_size(a: Answers) -> Iterator[Issue]:
    ec2 = a.cluster.capacity.ec2
    for i, s in enumerate(a.services):
        base = f"services[{i}]"
        cap = effective_capacity(a, s)
        if _is_fargate(cap):
            valid = catalog.FARGATE_CPU_MEMORY.get(s.cpu)
            if valid is None:
                opts = list(catalog.FARGATE_CPU_MEMORY)
                yield _err(
                    f"{base}.cpu",
                    "is not a valid Fargate task CPU size",
                    f"use one of {', '.join(map(str, opts))} (1024 = 1 vCPU); nearest: "
                    f"{', '.join(map(str, _nearest(opts, s.cpu, 2)))}",
                    s.cpu,
                )
            elif s.memory not in valid:
                yield _err(
                    f"{base}.memory",
                    f"is not a valid Fargate memory size for cpu {s.cpu} "
                    f"(allowed: {valid[0]}-{valid[-1]} MiB in steps of "
                    f"{valid[1] - valid[0] if len(valid) > 1 else valid[0]})",
                    f"use one of: {', '.join(map(str, _nearest(valid, s.memory)))}",
                    s.memory,
                )
        else:
            lo, hi = TASK_CPU_RANGE
            if not lo <= s.cpu <= hi:
                yield _err(
                    f"{base}.cpu",
                    f"task cpu must be {lo}-{hi} CPU units on EC2 (1024 = 1 vCPU)",
                    f"use a value between {lo} and {hi}, e.g. 256",
                    s.cpu,
                )
            lo, hi = TASK_MEMORY_RANGE
            if not lo <= s.memory <= hi:
                yield _err(
                    f"{base}.memory",
                    f"task memory must be {lo}-{hi} MiB on EC2",
                    f"use a value between {lo} and {hi}, e.g. 512",
                    s.memory,
                )
        if not _is_fargate(cap) and "ec2" in cap and ec2 is not None:
            fits = catalog.ec2_schedulable(ec2.instance_type)
            if fits is not None:
                cpu_max, mem_max = fits
                if s.cpu > cpu_max:
                    yield _err(
                        f"{base}.cpu",
                        f"does not fit on {ec2.instance_type} ({cpu_max} CPU units)",
                        f"use cpu ≤ {cpu_max} or a larger instance type",
                        s.cpu,
                    )
                if s.memory > mem_max:
                    yield _err(
                        f"{base}.memory",
                        f"does not fit on {ec2.instance_type} (about {mem_max} MiB usable after "
                        "the OS and ECS agent reserve)",
                        f"use memory ≤ {mem_max} or a larger instance type",
                        s.memory,
                    )
        cpu_sum = sum(c.cpu or 0 for c in s.containers)
        if cpu_sum > s.cpu:
            yield _err(
                f"{base}.containers",
                f"container cpu adds up to {cpu_sum}, more than the task's {s.cpu}",
                "lower container cpu or raise the task cpu",
                cpu_sum,
            )
        mem_sum = sum(c.memory or 0 for c in s.containers)
        if mem_sum > s.memory:
            yield _err(
                f"{base}.containers",
                f"container memory adds up to {mem_sum} MiB, more than the task's {s.memory}",
                "lower container memory or raise the task memory",
                mem_sum,
            )
        if not any(c.essential for c in s.containers):
            yield _err(
                f"{base}.containers",
                "a task needs at least one essential container",
                "set essential: true on the main container",
            )


@rule
def rule_counts(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        base = f"services[{i}]"
        sc = s.autoscaling
        if sc is not None:
            if sc.min > sc.max:
                yield _err(
                    f"{base}.autoscaling.min",
                    f"min ({sc.min}) is greater than max ({sc.max})",
                    "make min ≤ max",
                    sc.min,
                )
            elif not sc.min <= s.desired_count <= sc.max:
                yield _err(
                    f"{base}.desired_count",
                    f"must be between autoscaling min ({sc.min}) and max ({sc.max})",
                    "adjust desired_count or the autoscaling bounds",
                    s.desired_count,
                )
            if sc.requests_per_target is not None and s.load_balancer is None:
                yield _err(
                    f"{base}.autoscaling.requests_per_target",
                    "request-count scaling needs the service behind the load balancer",
                    "add a load_balancer or use cpu_percent/memory_percent",
                    sc.requests_per_target,
                )
        d = s.deployment
        if d.maximum_percent <= d.minimum_healthy_percent:
            yield _err(
                f"{base}.deployment.maximum_percent",
                f"must be greater than minimum_healthy_percent ({d.minimum_healthy_percent}), "
                "or deployments cannot start a new task",
                "e.g. minimum_healthy_percent: 100, maximum_percent: 200",
                d.maximum_percent,
            )


@rule
def rule_containers(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        if len(s.containers) > CONTAINERS_PER_TASK_MAX:
            yield _err(
                f"services[{i}].containers",
                f"has {len(s.containers)} containers; an ECS task definition holds at most "
                f"{CONTAINERS_PER_TASK_MAX}",
                f"keep at most {CONTAINERS_PER_TASK_MAX} containers, or split the service",
                len(s.containers),
            )
        ports: dict[int, int] = {}
        for j, c in enumerate(s.containers):
            base = f"services[{i}].containers[{j}]"
            parsed = parse_image(c.image)
            if parsed is None:
                yield _err(
                    f"{base}.image",
                    "is not a valid image reference",
                    "use [registry/]repository[:tag][@sha256:digest], "
                    "e.g. public.ecr.aws/nginx/nginx:1.27",
                    c.image,
                )
            elif parsed["digest"] is None and parsed["tag"] in (None, "latest"):
                yield _warn(
                    f"{base}.image",
                    "uses the `latest` tag, so deployments are not reproducible",
                    "pin a version tag or a digest, e.g. nginx:1.27",
                    c.image,
                )
            if c.port is not None:
                if not 1 <= c.port <= 65535:
                    yield _err(f"{base}.port", "must be 1-65535", "use a valid TCP port", c.port)
                elif c.port in ports:
                    yield _err(
                        f"{base}.port",
                        f"port {c.port} is already used by containers[{ports[c.port]}] "
                        "(containers of a task share one network namespace)",
                        "use a different port",
                        c.port,
                    )
                ports.setdefault(c.port, j)
            for key in c.environment:
                if not ENV_NAME_RE.match(key):
                    yield _err(
                        f"{base}.environment.{key}",
                        "is not a valid environment variable name",
                        "use letters, digits and underscores, not starting with a digit",
                        key,
                    )
                elif _looks_secret(key):
                    yield _warn(
                        f"{base}.environment.{key}",
                        "looks like a secret but is stored in plain text in the task definition",
                        f"move it to `secrets` ({key}: arn:aws:ssm:...:parameter/... or a "
                        "Secrets Manager ARN)",
                        key,
                    )
            for key, arn in c.secrets.items():
                if not ENV_NAME_RE.match(key):
                    yield _err(
                        f"{base}.secrets.{key}",
                        "is not a valid environment variable name",
                        "use letters, digits and underscores, not starting with a digit",
                        key,
                    )
                if not SECRET_ARN_RE.match(arn):
                    yield _err(
                        f"{base}.secrets.{key}",
                        "must be the ARN of an SSM parameter or a Secrets Manager secret",
                        "e.g. arn:aws:ssm:eu-west-1:123456789012:parameter/app/db-password",
                        arn,
                    )
                if key in c.environment:
                    yield _err(
                        f"{base}.secrets.{key}",
                        "is also set in `environment`",
                        "keep it in `secrets` only",
                        key,
                    )
            hc = c.health_check
            if hc is not None:
                if not hc.command or hc.command[0] not in ("CMD", "CMD-SHELL"):
                    yield _err(
                        f"{base}.health_check.command",
                        "must start with CMD or CMD-SHELL followed by the command",
                        'e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]; to turn the '
                        "check off, remove health_check",
                        hc.command,
                    )
                elif len(hc.command) < 2:
                    yield _err(
                        f"{base}.health_check.command",
                        f"has no command after {hc.command[0]}",
                        f'add the command to run, e.g. ["{hc.command[0]}", '
                        '"curl -f http://localhost/ || exit 1"]',
                        hc.command,
                    )


_SECRET_HINT_RE = re.compile(
    "|".join(rf"(^|_){re.escape(h)}(S)?($|_)" for h in catalog.SECRET_NAME_HINTS)
)


def _looks_secret(name: str) -> bool:
    upper = name.upper()
    if _SECRET_HINT_RE.search(upper):
        return True
    return any(h in upper for h in ("PASSWORD", "SECRET", "TOKEN", "CREDENTIAL", "PRIVATE"))


@rule
def rule_load_balancer(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        lb = s.load_balancer
        if lb is None:
            continue
        base = f"services[{i}].load_balancer"
        if lb.container is None:
            yield _err(
                f"{base}.container",
                "no container of this service has a port to receive traffic",
                "set `port:` on the container that serves HTTP",
            )
        else:
            target = next((c for c in s.containers if c.name == lb.container), None)
            if target is None:
                names = [c.name for c in s.containers]
                best = _suggest(lb.container, names)
                yield _err(
                    f"{base}.container",
                    f"no container named `{lb.container}` in service `{s.name}`",
                    f"did you mean `{best}`?" if best else f"use one of: {', '.join(names)}",
                    lb.container,
                )
            elif target.port is None:
                yield _err(
                    f"{base}.container",
                    f"container `{lb.container}` has no port",
                    f"set `port:` on container `{lb.container}`",
                    lb.container,
                )
        hc = lb.health_check
        if not hc.path.startswith("/") or len(hc.path) > 1024:
            yield _err(f"{base}.health_check.path", "must start with /", "e.g. /health", hc.path)
        if not MATCHER_RE.match(hc.matcher) or any(
            not 200 <= int(code) <= 499 for code in re.findall(r"\d{3}", hc.matcher)
        ):
            yield _err(
                f"{base}.health_check.matcher",
                "must be HTTP codes 200-499, e.g. 200, 200-399 or 200,302",
                'e.g. "200-399"',
                hc.matcher,
            )
        if hc.timeout >= hc.interval:
            yield _err(
                f"{base}.health_check.timeout",
                f"must be less than the interval ({hc.interval})",
                "lower timeout or raise interval",
                hc.timeout,
            )


@rule
def rule_lb_services_routed(a: Answers) -> Iterator[Issue]:
    """A target group that no listener forwards to makes ECS refuse to create the service.

    Reported at `routing`: it is fixed by routing (a rule or the default action), and the
    wizard asks for routing after services, so the services step must not be blocked by it.
    """
    routed = {r.service for r in a.routing}
    if a.alb.default_action.forward is not None:
        routed.add(a.alb.default_action.forward)
    for i, s in enumerate(a.services):
        if s.load_balancer is not None and s.name not in routed:
            yield _err(
                "routing",
                f"no listener sends traffic to service `{s.name}` (services[{i}]): it is neither "
                "alb.default_action.forward nor the service of a routing rule, and ECS refuses "
                "to create a service whose target group has no associated load balancer",
                f"add a routing rule with service: {s.name}, make it the default action "
                f"(alb.default_action.forward: {s.name}), or remove load_balancer",
                s.name,
            )


def _lb_service_names(a: Answers) -> list[str]:
    return [s.name for s in a.services if s.load_balancer is not None]


def _service_ref_issue(a: Answers, path: str, name: str) -> Issue | None:
    svc = a.service(name)
    lb_names = _lb_service_names(a)
    if svc is None:
        best = _suggest(name, [s.name for s in a.services])
        return _err(
            path,
            f"no service named `{name}`",
            f"did you mean `{best}`?" if best else f"use one of: {', '.join(lb_names) or '-'}",
            name,
        )
    if svc.load_balancer is None:
        return _err(
            path,
            f"service `{name}` has no load_balancer, so the ALB cannot send traffic to it",
            f"add a load_balancer to `{name}` or route to one of: {', '.join(lb_names) or '-'}",
            name,
        )
    return None


@rule
def rule_alb(a: Answers) -> Iterator[Issue]:
    alb = a.alb
    for i, cidr in enumerate(alb.ingress_cidrs):
        issue = _cidr_issue(f"alb.ingress_cidrs[{i}]", cidr)
        if issue:
            yield issue
    if not alb.ingress_cidrs:
        yield _warn("alb.ingress_cidrs", "is empty: nobody can reach the load balancer", "add")
    open_world = any(c in ("0.0.0.0/0", "::/0") for c in alb.ingress_cidrs)
    if alb.internal and open_world:
        yield _warn(
            "alb.ingress_cidrs",
            "an internal load balancer is open to 0.0.0.0/0",
            "restrict it to your VPC or corporate CIDRs, e.g. 10.0.0.0/8",
            alb.ingress_cidrs,
        )
    if not alb.deletion_protection:
        yield _warn(
            "alb.deletion_protection",
            "is off: a mistaken `terraform destroy` deletes the load balancer",
            "set deletion_protection: true for production",
            False,
        )
    if alb.access_logs is not None and not BUCKET_RE.match(alb.access_logs.bucket):
        yield _err(
            "alb.access_logs.bucket",
            "is not a valid S3 bucket name",
            "use 3-63 lower-case letters, digits, dots and hyphens",
            alb.access_logs.bucket,
        )
    prefix = alb.access_logs.prefix if alb.access_logs is not None else ""
    if prefix.startswith("/") or prefix.endswith("/") or "AWSLogs" in prefix:
        fixed = prefix.replace("AWSLogs", "").strip("/")
        yield _err(
            "alb.access_logs.prefix",
            "must not start or end with `/` nor contain `AWSLogs` (the load balancer adds "
            "/AWSLogs/<account-id>/ itself)",
            f"use e.g. `{fixed or 'alb'}`" if fixed != prefix else "use e.g. `alb`",
            prefix,
        )
    for key, listener in (("http", alb.http), ("https", alb.https)):
        if listener is not None and not 1 <= listener.port <= 65535:
            yield _err(f"alb.{key}.port", "must be 1-65535", "use 80 / 443", listener.port)
    https = alb.https
    if https is None:
        yield _warn(
            "alb.https",
            "no HTTPS listener: traffic to the load balancer is not encrypted",
            "add alb.https with a certificate (domain: ... or arn: ...)",
        )
        if alb.http.redirect_to_https:
            yield _err(
                "alb.http.redirect_to_https",
                "redirecting to HTTPS needs an HTTPS listener",
                "add alb.https with a certificate, or set redirect_to_https: false",
                True,
            )
    else:
        if https.port == alb.http.port:
            yield _err("alb.https.port", "is the same as alb.http.port", "use 443", https.port)
        if https.ssl_policy not in catalog.TLS_POLICIES:
            yield _err(
                "alb.https.ssl_policy",
                "is not a known TLS 1.2+ security policy",
                f"use {catalog.DEFAULT_TLS_POLICY} (recommended) or another of: "
                + ", ".join(catalog.TLS_POLICIES[1:4]),
                https.ssl_policy,
            )
        if not https.certificates:
            yield _err(
                "alb.https.certificates",
                "HTTPS needs at least one certificate",
                "add `- domain: example.com` (new ACM certificate) or `- arn: arn:aws:acm:...`",
            )
        if len(https.certificates) > catalog.CERTIFICATES_PER_ALB + 1:
            yield _err(
                "alb.https.certificates",
                f"more than {catalog.CERTIFICATES_PER_ALB + 1} certificates on one listener",
                "use SANs or wildcard certificates",
            )
        domains: dict[str, int] = {}
        for j, cert in enumerate(https.certificates):
            yield from _certificate_issues(a, f"alb.https.certificates[{j}]", cert)
            if cert.domain is None:
                continue
            key = cert.domain.lower()
            if key in domains:
                yield _err(
                    f"alb.https.certificates[{j}].domain",
                    f"certificates[{domains[key]}] already requests a certificate for "
                    f"`{cert.domain}`",
                    "remove the duplicate, or add extra names as subject_alternative_names",
                    cert.domain,
                )
            domains.setdefault(key, j)
        if not alb.http.redirect_to_https:
            yield _warn(
                "alb.http.redirect_to_https",
                "is false: the app is also served over plain HTTP, and routing rules apply "
                "only on the HTTPS listener, so plain-HTTP requests only get the default action",
                "set redirect_to_https: true",
                False,
            )
    da = alb.default_action
    path = "alb.default_action"
    if da.forward is not None and da.fixed_response is not None:
        yield _err(path, "sets both forward and fixed_response", "keep exactly one of them")
    if da.forward is not None:
        issue = _service_ref_issue(a, f"{path}.forward", da.forward)
        if issue:
            yield issue
    if da.fixed_response is not None:
        fr = da.fixed_response
        if not (200 <= fr.status_code <= 299 or 400 <= fr.status_code <= 599):
            yield _err(
                f"{path}.fixed_response.status_code",
                "must be a 2XX, 4XX or 5XX code",
                "e.g. 404",
                fr.status_code,
            )
        if len(fr.message_body.encode()) > catalog.FIXED_RESPONSE_BODY_MAX:
            yield _err(
                f"{path}.fixed_response.message_body",
                "is longer than 1024 bytes",
                "shorten it",
                len(fr.message_body),
            )


def _certificate_issues(a: Answers, path: str, cert: Any) -> Iterator[Issue]:
    if (cert.domain is None) == (cert.arn is None):
        yield _err(
            path,
            "a certificate needs exactly one of `domain` (request a new one) or `arn` "
            "(use an existing one)",
            "set either domain: example.com or arn: arn:aws:acm:...",
        )
        return
    if cert.arn is not None:
        m = ACM_ARN_RE.match(cert.arn)
        if not m:
            yield _err(
                f"{path}.arn",
                "is not an ACM certificate ARN",
                "arn:aws:acm:REGION:ACCOUNT:certificate/UUID",
                cert.arn,
            )
        elif m.group(1) != a.project.region:
            yield _err(
                f"{path}.arn",
                f"the certificate is in {m.group(1)} but the ALB is in {a.project.region}",
                f"use an ACM certificate from {a.project.region}",
                cert.arn,
            )
        if cert.subject_alternative_names or cert.route53_zone_id:
            yield _err(
                path,
                "subject_alternative_names and route53_zone_id only apply with `domain`",
                "remove them",
            )
        return
    for key, value in [("domain", cert.domain)] + [
        (f"subject_alternative_names[{k}]", v) for k, v in enumerate(cert.subject_alternative_names)
    ]:
        if not DOMAIN_RE.match(value) or len(value) > 253:
            yield _err(
                f"{path}.{key}",
                "is not a valid domain name",
                "lower-case, e.g. example.com or *.example.com",
                value,
            )
    if cert.route53_zone_id is not None and not ZONE_RE.match(cert.route53_zone_id):
        yield _err(
            f"{path}.route53_zone_id",
            "is not a Route 53 hosted zone id",
            "e.g. Z0123456789ABCDEFGHIJ",
            cert.route53_zone_id,
        )


def _wildcards(value: str) -> int:
    return value.count("*") + value.count("?")


@rule
def rule_routing(a: Answers) -> Iterator[Issue]:
    prios: dict[int, int] = {}
    if len(a.routing) > catalog.RULES_PER_ALB:
        yield _warn(
            "routing",
            f"{len(a.routing)} rules exceed the default quota of {catalog.RULES_PER_ALB} "
            "rules per load balancer",
            "request a quota increase (Elastic Load Balancing) or merge rules",
            len(a.routing),
        )
    for i, r in enumerate(a.routing):
        base = f"routing[{i}]"
        if not catalog.RULE_PRIORITY_MIN <= r.priority <= catalog.RULE_PRIORITY_MAX:
            yield _err(f"{base}.priority", "must be 1-50000", "e.g. 10, 20, 30", r.priority)
        elif r.priority in prios:
            yield _err(
                f"{base}.priority",
                f"priority {r.priority} is already used by rule "
                f"`{a.routing[prios[r.priority]].name}`",
                "give every rule a different priority",
                r.priority,
            )
        prios.setdefault(r.priority, i)
        issue = _service_ref_issue(a, f"{base}.service", r.service)
        if issue:
            yield issue
        values = (
            len(r.hosts)
            + len(r.paths)
            + len(r.source_ips)
            + len(r.methods)
            + sum(len(v) for v in r.http_headers.values())
            + len(r.query_strings)
        )
        if values == 0:
            yield _err(
                base,
                "has no condition, so it would match every request",
                "add hosts, paths, source_ips, http_headers, query_strings or methods "
                "(use alb.default_action for the catch-all)",
            )
        elif values > catalog.CONDITION_VALUES_PER_RULE:
            yield _err(
                base,
                f"has {values} condition values; AWS allows {catalog.CONDITION_VALUES_PER_RULE} "
                "per rule",
                "split it into several rules with the same service",
                values,
            )
        per_condition = [
            (key, getattr(r, key)) for key in ("hosts", "paths", "source_ips", "methods")
        ]
        per_condition += [(f"http_headers.{name}", vals) for name, vals in r.http_headers.items()]
        for key, vals in per_condition:
            if len(vals) > VALUES_PER_CONDITION_MAX:
                yield _err(
                    f"{base}.{key}",
                    f"has {len(vals)} values; AWS allows at most {VALUES_PER_CONDITION_MAX} per "
                    "condition",
                    f"keep at most {VALUES_PER_CONDITION_MAX} here and move the rest to another "
                    "rule with the same service",
                    len(vals),
                )
        wild = (
            sum(map(_wildcards, r.hosts))
            + sum(map(_wildcards, r.paths))
            + sum(_wildcards(v) for vs in r.http_headers.values() for v in vs)
            + sum(_wildcards(v) for v in r.query_strings.values())
        )
        if wild > catalog.WILDCARDS_PER_RULE:
            yield _err(
                base,
                f"uses {wild} wildcards; AWS allows {catalog.WILDCARDS_PER_RULE} per rule",
                "use fewer * and ? or split the rule",
                wild,
            )
        for j, h in enumerate(r.hosts):
            if not HOST_PATTERN_RE.match(h):
                yield _err(
                    f"{base}.hosts[{j}]",
                    "is not a valid host pattern",
                    "letters, digits, - . and the wildcards * ?, up to 128 characters",
                    h,
                )
            elif "." not in h:
                yield _err(
                    f"{base}.hosts[{j}]",
                    "a host pattern must contain at least one dot",
                    f"use the full host name, e.g. `{h}.example.com` or `*.example.com`",
                    h,
                )
        for j, p in enumerate(r.paths):
            if not PATH_PATTERN_RE.match(p):
                yield _err(
                    f"{base}.paths[{j}]",
                    "is not a valid path pattern",
                    "start with /, up to 128 characters, e.g. /api/*",
                    p,
                )
        for j, ip in enumerate(r.source_ips):
            issue = _cidr_issue(f"{base}.source_ips[{j}]", ip)
            if issue:
                yield issue
        for j, m in enumerate(r.methods):
            if not METHOD_RE.match(m):
                yield _err(
                    f"{base}.methods[{j}]",
                    "must be an upper-case HTTP method",
                    "e.g. GET, POST",
                    m,
                )
        for name, vals in r.http_headers.items():
            if not HEADER_NAME_RE.match(name):
                yield _err(
                    f"{base}.http_headers.{name}",
                    "is not a valid header name (up to 40 characters)",
                    "e.g. X-Env",
                    name,
                )
            if not vals:
                yield _err(f"{base}.http_headers.{name}", "has no values", "add a value", vals)
            for k, v in enumerate(vals):
                if not 1 <= len(v) <= catalog.HTTP_HEADER_VALUE_MAX_LEN:
                    yield _err(
                        f"{base}.http_headers.{name}[{k}]", "must be 1-128 characters", "", v
                    )
        for key, v in r.query_strings.items():
            if _has_control(key):
                yield _err(
                    f"{base}.query_strings",
                    "a query string key contains a line break or control character",
                    "remove it",
                    key,
                )
            elif len(key) > catalog.QUERY_STRING_MAX_LEN or not 1 <= len(v) <= 128:
                yield _err(
                    f"{base}.query_strings.{key}",
                    "keys and values must be 1-128 characters",
                    "shorten",
                    v,
                )
    yield from _shadowed_rules(a)


# ---- shadowed-rule analysis ----------------------------------------------------------------


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


def _shadowed_rules(a: Answers) -> Iterator[Issue]:
    order = sorted(range(len(a.routing)), key=lambda k: a.routing[k].priority)
    for pos, j in enumerate(order):
        later = a.routing[j]
        for i in order[:pos]:
            earlier = a.routing[i]
            if earlier.priority == later.priority:
                continue
            if rule_covers(earlier, later):
                yield _warn(
                    f"routing[{j}]",
                    f"rule `{later.name}` (priority {later.priority}) can never match: rule "
                    f"`{earlier.name}` (priority {earlier.priority}) already matches every "
                    "request it matches",
                    f"give `{later.name}` a lower priority number than `{earlier.name}`, or "
                    "narrow `{0}`".format(earlier.name),
                    later.name,
                )
                break


@rule
def rule_cluster(a: Answers) -> Iterator[Issue]:
    days = a.cluster.log_retention_days
    if days not in catalog.LOG_RETENTION_DAYS:
        yield _err(
            "cluster.log_retention_days",
            "is not a CloudWatch Logs retention value",
            f"use one of: {', '.join(map(str, _nearest(catalog.LOG_RETENTION_DAYS[1:], days)))}",
            days,
        )
    elif days == 0:
        yield _err(
            "cluster.log_retention_days",
            "0 (never expire) is not allowed: logs would grow without bound and the services' "
            "log groups need a retention",
            "set a retention such as 30, 90 or 365 days",
            days,
        )


@rule
def rule_risky_service_choices(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        base = f"services[{i}]"
        floor = s.autoscaling.min if s.autoscaling else s.desired_count
        if s.desired_count == 1 and floor <= 1:
            yield _warn(
                f"{base}.desired_count",
                "a single task means downtime whenever it is replaced or its AZ fails",
                "run at least 2 tasks (desired_count: 2)",
                s.desired_count,
            )
        if s.enable_execute_command:
            yield _warn(
                f"{base}.enable_execute_command",
                "ECS Exec gives shell access into running containers",
                "enable it only while debugging",
                True,
            )


# ---------------------------------------------------------------------------------------------
# Entry points.


_SECTIONS = {name: i for i, name in enumerate(Answers.model_fields)}


def _path_key(issue: Issue) -> tuple[Any, ...]:
    """Sort issues in document order: section, then indexes numerically."""
    tokens = re.findall(r"\[(\d+)\]|([^.\[\]]+)", issue.path)
    key: list[tuple[int, Any]] = []
    for num, word in tokens:
        key.append((0, int(num)) if num else (1, word))
    head = tokens[0][1] if tokens else ""
    return (_SECTIONS.get(head, len(_SECTIONS)), *key)


def validate_answers(answers: Answers) -> ValidationResult:
    """Run every rule in RULES on a built model; issues come back in document order."""
    errors: list[Issue] = []
    warnings: list[Issue] = []
    for fn in RULES:
        for issue in fn(answers):
            (errors if issue.severity == "error" else warnings).append(issue)
    errors.sort(key=_path_key)
    warnings.sort(key=_path_key)
    return ValidationResult(answers, errors, warnings)


def validate_data_all(data: Any) -> ValidationResult:
    """Like `validate_data`, but also runs the cross-field rules when the shape is invalid.

    `validate_data` stops after shape errors (missing keys, wrong types), because the rules
    need a parsed model. For people fixing a file it is kinder to see everything at once, so
    this validates a copy with stand-ins for the broken fields (the wizard's second pass,
    `draft.validate_draft`) and adds the issues found elsewhere. `answers` stays None.
    """
    result = validate_data(data)
    if result.answers is not None:
        return result
    from ecs_wizard.draft import validate_draft

    errors, warnings = validate_draft(data)
    return ValidationResult(answers=None, errors=errors, warnings=warnings)


def validate_data(data: Any) -> ValidationResult:
    """Validate plain data (parsed YAML). Never raises for bad input."""
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        return ValidationResult(
            None,
            [
                _err(
                    "(top level)",
                    f"the answers file is {kind}, expected a mapping",
                    "start from `ecs-wizard` examples (version: 1, project:, network:, services:)",
                )
            ],
        )
    try:
        answers = Answers.model_validate(data)
    except ValidationError as exc:
        errors = [_translate(e, data) for e in exc.errors(include_url=False)]
        return ValidationResult(None, errors)
    return validate_answers(answers)


def _set_path(data: Any, path: str, value: Any) -> Any:
    parts: list[str | int] = [
        int(tok[1:-1]) if tok.startswith("[") else tok
        for tok in re.findall(r"\[\d+\]|[^.\[\]]+", path)
    ]
    root = copy.deepcopy(data)
    node = root
    for part in parts[:-1]:
        node = node[part]
    node[parts[-1]] = value
    return root


def validate_field(path: str, value: Any, answers_data: Any) -> list[Issue]:
    """Issues at or below `path` if `answers_data` had `value` there (for live validation)."""
    try:
        data = _set_path(answers_data, path, value)
    except (KeyError, IndexError, TypeError):
        return [_err(path, "cannot set this path", "check the path")]
    return validate_data(data).at(path)
