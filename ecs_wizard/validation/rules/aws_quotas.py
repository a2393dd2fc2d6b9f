"""Values that validate as shapes but that AWS refuses at apply: sizes and counts of the
things the modules build from the answers, counted the way the AWS service counts them.

Each check rebuilds only what it must count, exactly as the root module and the modules build
it (the JSON of `jsonencode`, one security-group rule per CIDR and port); tests/contracts
compares the counts with what `terraform plan` shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ecs_wizard.aws import limits
from ecs_wizard.model.answers import Answers, Service
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.registry import check, finding

_IAM_QUOTAS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html"
_ECS_QUOTAS = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html"
_VPC_QUOTAS = "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups"
_R53_NAMES = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html"


def _jsonencode(value: Any) -> str:
    """Terraform's jsonencode: keys sorted, no whitespace, <>& escaped as \\u003c..."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def task_policy_json(service: Service) -> str | None:
    """The task role's inline policy, as root/main.tf builds it (None: no inline policy)."""
    statements = service.task_role.statements if service.task_role else []
    if not statements:
        return None
    return _jsonencode(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": f"Statement{i}",
                    "Effect": st.effect,
                    "Action": list(st.actions),
                    "Resource": list(st.resources),
                }
                for i, st in enumerate(statements)
            ],
        }
    )


def policy_chars(document: str) -> int:
    """A policy's size as IAM counts it: characters, white space not counted."""
    return sum(1 for ch in document if not ch.isspace())


@check(
    id="E-IAM-POLICY-SIZE",
    severity="error",
    title="A task role's inline policies fit IAM's 10,240 characters",
    doc=_IAM_QUOTAS,
    tags=("access", "quota"),
)
def task_role_policy_size(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        document = task_policy_json(s)
        if document is None:
            continue
        size = policy_chars(document)
        exec_part = limits.ECS_EXEC_POLICY_CHARS_MAX if s.enable_execute_command else 0
        if size + exec_part > limits.IAM_ROLE_INLINE_POLICY_CHARS:
            with_exec = f" plus up to {exec_part:,} for the ECS Exec policy" if exec_part else ""
            yield finding(
                f"services[{i}].task_role.statements",
                f"the task role's inline policy is {size:,} characters{with_exec}; IAM allows "
                f"{limits.IAM_ROLE_INLINE_POLICY_CHARS:,} for all inline policies of a role",
                "merge statements (one statement may list many actions and resources), use "
                "wildcards, or move permissions to a managed policy in task_role.policy_arns",
                None,
            )


def _container_bytes(service: Service) -> int:
    """A lower bound of the task definition's size: the JSON of what the answers put into the
    container definitions (the module adds its own settings on top)."""
    return len(
        json.dumps(
            [c.model_dump(mode="json", exclude_none=True) for c in service.containers],
            separators=(",", ":"),
        ).encode("utf-8")
    )


@check(
    id="E-TASKDEF-SIZE",
    severity="error",
    title="A task definition fits ECS's 64 KiB",
    doc=_ECS_QUOTAS,
    tags=("services", "quota"),
)
def task_definition_size(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        size = _container_bytes(s)
        if size > limits.TASK_DEFINITION_BYTES_MAX:
            yield finding(
                f"services[{i}].containers",
                f"the containers' settings alone are {size:,} bytes of JSON; ECS refuses a task "
                f"definition over {limits.TASK_DEFINITION_BYTES_MAX:,} bytes (64 KiB)",
                "move large environment values into SSM parameters or Secrets Manager "
                "(secrets:), or into the image",
                None,
            )


def listener_ports(a: Answers) -> list[int]:
    ports = [a.alb.http.port]
    if a.alb.https is not None and a.alb.https.port not in ports:
        ports.append(a.alb.https.port)
    return ports


@check(
    id="E-SG-RULES",
    severity="error",
    title="The load balancer's security group fits 60 rules per direction",
    doc=_VPC_QUOTAS,
    tags=("alb", "quota"),
)
def alb_security_group_rules(a: Answers) -> Iterator[Issue]:
    ports = listener_ports(a)
    cidrs = list(dict.fromkeys(a.alb.ingress_cidrs))
    for family, members in (
        ("IPv4", [c for c in cidrs if ":" not in c]),
        ("IPv6", [c for c in cidrs if ":" in c]),
    ):
        # The alb module makes one ingress rule per CIDR and listener port; EC2 counts IPv4
        # and IPv6 rules against the quota separately.
        rules = len(members) * len(ports)
        if rules > limits.SECURITY_GROUP_RULES_PER_DIRECTION:
            yield finding(
                "alb.ingress_cidrs",
                f"{len(members)} {family} CIDRs x {len(ports)} listener ports make {rules} "
                f"ingress rules; a security group holds "
                f"{limits.SECURITY_GROUP_RULES_PER_DIRECTION} per direction ({family} counted "
                "apart)",
                "merge CIDRs into larger blocks, or put the ALB behind CloudFront or a WAF IP "
                "set instead of listing clients",
                None,
            )


@check(
    id="E-DNS-NAME-LENGTH",
    severity="error",
    title="A DNS record name fits Route 53's 255 characters",
    doc=_R53_NAMES,
    tags=("alb", "quota"),
)
def dns_name_length(a: Answers) -> Iterator[Issue]:
    for i, r in enumerate(a.alb.dns_records):
        name = r.name.rstrip(".")
        if len(name) > limits.DNS_NAME_MAX:
            yield finding(
                f"alb.dns_records[{i}].name",
                f"is {len(name)} characters; Route 53 takes at most {limits.DNS_NAME_MAX}, "
                "dots included",
                "use a shorter name",
                None,
            )
