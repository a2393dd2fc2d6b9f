"""Patterns the rules check values against: names, AWS ids and ARNs, ALB conditions, Docker image
references and CIDR blocks."""

from __future__ import annotations

import ipaddress
import re

from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.registry import finding

NAME_RE = re.compile(r"^[a-z]([a-z0-9-]*[a-z0-9])?$")
# ecs-service module: ^[a-zA-Z0-9][a-zA-Z0-9_-]{0,254}$
CONTAINER_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$")
# AWS tag keys and values: Unicode letters, digits, white space and _ . : / = + - @
TAG_RE = re.compile(r"[\w .:/=+\-@]*")  # use with fullmatch


# Tags the generated provider block adds to every resource (root/versions.tf default_tags).
RESERVED_TAGS = frozenset({"Project", "Environment", "ManagedBy"})


def has_control(text: str) -> bool:
    return any(ord(ch) < 0x20 for ch in text)


AMI_RE = re.compile(r"^ami-([0-9a-f]{8}|[0-9a-f]{17})$")
VPC_RE = re.compile(r"^vpc-([0-9a-f]{8}|[0-9a-f]{17})$")
SUBNET_RE = re.compile(r"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$")
ENV_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,254}$")  # ecs-service: 255 characters
SECRET_ARN_RE = re.compile(
    r"^arn:aws[a-z-]*:(ssm:[a-z0-9-]+:\d{12}:parameter/[A-Za-z0-9_./-]+"
    # A complete (…:secret:name-AbCdEf) or partial (…:secret:name) secret ARN, optionally with
    # :json-key:version-stage:version-id (each may be empty), as the ecs-service module accepts.
    r"|secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+(?::[^:\s]*){0,3})$"
)
# The random suffix Secrets Manager appends to a secret's name in its complete ARN.
SECRET_ARN_SUFFIX_RE = re.compile(r"-[A-Za-z0-9]{6}$")
KMS_KEY_ARN_RE = re.compile(r"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$")
ACM_ARN_RE = re.compile(r"^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate/[0-9a-f-]{36}$")
ZONE_RE = re.compile(r"^Z[A-Z0-9]{1,31}$")  # Route 53 ids: 32 characters at most
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


def cidr_issue(path: str, value: str) -> Issue | None:
    try:
        ipaddress.ip_network(value, strict=True)
    except ValueError:
        try:
            net = ipaddress.ip_network(value, strict=False)
        except ValueError:
            return finding(path, "is not a valid CIDR block", "write it like 10.0.0.0/8", value)
        return finding(path, "has host bits set", f"use {net.with_prefixlen}", value)
    if "/" not in value:
        return finding(path, "needs a prefix length", f"write {value}/32", value)
    return None
