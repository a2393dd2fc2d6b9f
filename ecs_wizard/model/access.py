"""What a real application needs (issue 10 section 3), as parts of the answers model: the
tasks' extra egress and security groups, the task role's permissions, Service Connect, and the
ALB's DNS records and WAF web ACL.

Shapes only; the AWS rules (CIDR / `pl-` / `sg-` shapes, ARNs, action names, port names) are
checks in :mod:`ecs_wizard.validation.rules.access`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ecs_wizard.model.base import Model as _Model

EgressProtocol = Literal["tcp", "udp", "all"]


class EgressRule(_Model):
    """Outbound access for the tasks: a port (or range) and protocol, to destinations."""

    to: list[str] = Field(
        min_length=1,
        description="Destinations: CIDR blocks (10.0.0.0/16, 2001:db8::/32), managed prefix "
        "list ids (pl-...) or security group ids (sg-...).",
    )
    port: int | None = Field(
        None, description="Port, or first port of a range (with to_port); not with protocol all."
    )
    to_port: int | None = Field(None, description="Last port of a range; default: port.")
    protocol: EgressProtocol = Field("tcp", description="tcp, udp or all (every protocol).")
    description: str | None = Field(None, description="Rule description (shown in AWS).")


class PolicyStatement(_Model):
    """One statement of the task role's inline policy."""

    effect: Literal["Allow", "Deny"] = "Allow"
    actions: list[str] = Field(
        min_length=1, description='Actions as service:Action, wildcards allowed: "s3:Get*".'
    )
    resources: list[str] = Field(
        min_length=1, description='Resource ARNs (wildcards allowed) or "*".'
    )


class TaskRole(_Model):
    """What the application itself may do in AWS (the task role; empty by default)."""

    policy_arns: list[str] = Field(
        default_factory=list, description="Managed IAM policies to attach (policy ARNs)."
    )
    statements: list[PolicyStatement] = Field(
        default_factory=list, description="Inline policy statements (effect, actions, resources)."
    )


class ServiceConnectServer(_Model):
    """This service is reachable by name through Service Connect."""

    port_name: str = Field(
        description="Name of a container port (containers[].port_name; default <container>-<port>)."
    )
    port: int | None = Field(None, description="Port clients call; default: the container port.")
    discovery_name: str | None = Field(
        None, description="Name in the Cloud Map namespace; default: port_name."
    )
    dns_name: str | None = Field(
        None, description="Name clients call; default: discovery_name (e.g. http://api:8080)."
    )


class ServiceServiceConnect(_Model):
    """Service Connect for one service: a client (calls others by name) and/or a server."""

    client: bool = Field(
        False, description="Call other services by name (every server is also a client)."
    )
    server: ServiceConnectServer | None = None


class ProjectServiceConnect(_Model):
    """The project's Service Connect namespace (a Cloud Map HTTP namespace it creates)."""

    namespace: str = Field(description="Namespace name, e.g. shop.internal.")


class DnsRecord(_Model):
    """A Route 53 alias record (A, and AAAA when the ALB is dual-stack) for the ALB."""

    name: str = Field(description="Host name, e.g. shop.example.com.")
    zone_id: str = Field(description="Route 53 hosted zone id (Z...) that holds the name.")
