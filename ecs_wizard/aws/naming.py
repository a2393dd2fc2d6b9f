"""Deterministic AWS resource names derived from the answers.

Used by validation (length and uniqueness checks) and by the renderer, so both agree on the
exact names. Names that would exceed an AWS limit are shortened deterministically: truncate,
then append ``-`` and 6 hex characters of the SHA-256 of the full name, so two different long
names stay different after shortening.
"""

from __future__ import annotations

import hashlib

ALB_NAME_MAX = 32
TARGET_GROUP_NAME_MAX = 32
# The ecs-service module appends "-" + 4 hex characters to the target group name (so the group
# can be replaced create-before-destroy), so the name we hand it must leave room for them.
TARGET_GROUP_BASE_MAX = TARGET_GROUP_NAME_MAX - 5
HASH_LEN = 6
# ECS service names and task definition families: at most 255 characters.
SERVICE_NAME_MAX = 255
IAM_ROLE_NAME_MAX = 64
# The ecs-service module names its IAM roles `<base>-exec` / `<base>-task`.
IAM_ROLE_SUFFIXES = ("-exec", "-task")
IAM_ROLE_BASE_MAX = IAM_ROLE_NAME_MAX - max(len(s) for s in IAM_ROLE_SUFFIXES)


def short_hash(text: str, length: int = HASH_LEN) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def shorten(name: str, limit: int) -> str:
    """`name` if it fits in `limit` characters, else a truncated name + '-' + hash of `name`.

    The result never starts or ends with a hyphen and never contains '--' at the cut.
    """
    if len(name) <= limit:
        return name
    suffix = short_hash(name)
    head = name[: limit - len(suffix) - 1].rstrip("-")
    return f"{head}-{suffix}" if head else suffix


def resource_prefix(project: str, environment: str) -> str:
    """Common prefix of every AWS name: ``<project>-<environment>``."""
    return f"{project}-{environment}"


def cluster_name(project: str, environment: str) -> str:
    return resource_prefix(project, environment)


def alb_name(project: str, environment: str) -> str:
    """ALB name (≤ 32 chars, alphanumerics and hyphens, must not start with 'internal-')."""
    name = resource_prefix(project, environment)
    if name.startswith("internal-"):
        name = "lb-" + name
    return shorten(name, ALB_NAME_MAX)


def target_group_name(project: str, environment: str, service: str) -> str:
    """Target-group base name for a service (≤ 27 chars, unique per distinct input).

    The ecs-service module appends a 5-character suffix, keeping the final name within 32.
    """
    prefix = resource_prefix(project, environment)
    if prefix.startswith("internal-"):
        prefix = "tg-" + prefix  # the ecs-service module refuses names starting with internal-
    return shorten(f"{prefix}-{service}", TARGET_GROUP_BASE_MAX)


def service_name(project: str, environment: str, service: str) -> str:
    """ECS service / task-definition family name."""
    return f"{project}-{environment}-{service}"


def iam_role_base(project: str, environment: str, service: str, region: str) -> str:
    """Base of the service's IAM role names: ``<service name>-<region>``, shortened to 59.

    IAM role names are global per account (64 characters), so the region is part of the name:
    the same project in two regions gets different roles. The ecs-service module computes the
    same name in HCL (local.iam_role_base).
    """
    return shorten(f"{service_name(project, environment, service)}-{region}", IAM_ROLE_BASE_MAX)


def iam_role_names(project: str, environment: str, service: str, region: str) -> tuple[str, str]:
    """(execution role, task role) names of a service."""
    base = iam_role_base(project, environment, service, region)
    return f"{base}-exec", f"{base}-task"


def port_name(container: str, port: int, explicit: str | None = None) -> str:
    """The name of a container's port mapping, as the root module writes it
    (`coalesce(c.port_name, "${substr(lower(c.name), 0, 50)}-${c.port}")`): the answer's
    `port_name`, else `<container, lower case, 50 characters at most>-<port>`. Service
    Connect servers name their port by it."""
    return explicit or f"{container.lower()[:50]}-{port}"


def draft_port_names(service: dict) -> list[str]:
    """The port names of a service in draft form (a dict that may be incomplete): one per
    container with an integer port, for the wizard's and the prompt's pick lists."""
    return [
        port_name(str(c.get("name", "")), c["port"], c.get("port_name"))
        for c in service.get("containers") or []
        if isinstance(c, dict) and isinstance(c.get("port"), int)
    ]
