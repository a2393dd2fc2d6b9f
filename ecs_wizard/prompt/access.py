"""Prompt mode: what a real application needs (issue 10 section 3). Asked after the routing
rules, behind one question that defaults to no: per service, extra egress rules, security
groups, the task role and Service Connect; then the ALB's DNS records and WAF web ACL.

Each answer goes through the same model and rules as the wizard's fields (Prompter.text
validates with `field_validator`), so a bad CIDR or ARN is refused at its question."""

from __future__ import annotations

from typing import Any

from ecs_wizard.aws.naming import draft_port_names
from ecs_wizard.model.paths import get_path, set_path

# The prompt's Prompter (text, confirm, ask_select, draft, preset); not imported, so that
# prompt.py can import this module without a cycle.
Prompter = Any

CONNECT_CHOICES = ["no", "client (calls others by name)", "server (reachable by name)"]


def ask_access(p: Prompter) -> None:
    """The access questions (nothing is asked when the user says no to the first one)."""
    # An answers file that pre-fills the services (preset) settles their access too.
    if "services" in p.preset or not p.confirm(
        "Does an application need more access (egress, security groups, task role, "
        "Service Connect, DNS, WAF)?",
        default=False,
    ):
        return
    for i, svc in enumerate(p.draft.get("services") or []):
        if p.confirm(f"Service {svc.get('name')}: add access?", default=True):
            ask_service_access(p, i)
    ask_alb_extras(p)


def ask_service_access(p: Prompter, i: int) -> None:
    base = f"services[{i}]"
    svc = p.draft["services"][i]
    rules = svc.setdefault("egress", [])
    while p.confirm("Add an egress rule (a port to CIDRs, pl- or sg- ids)?", default=not rules):
        k = len(rules)
        protocol = p.ask_select("Protocol:", ["tcp", "udp", "all"], "tcp")
        rules.append({"protocol": protocol})
        if protocol != "all":
            p.text(f"{base}.egress[{k}].port", "Port (or first port of a range):", "int")
            p.text(
                f"{base}.egress[{k}].to_port", "Last port of the range (blank: one port):", "int"
            )
        p.text(
            f"{base}.egress[{k}].to",
            "To (comma-separated CIDRs, prefix list ids pl-…, security group ids sg-…):",
            "list",
        )
    if not rules:
        svc.pop("egress")
    p.text(
        f"{base}.security_group_ids",
        "Extra security groups for the tasks (comma-separated sg- ids, blank: none):",
        "list",
    )
    ask_task_role(p, base)
    ask_service_connect(p, i)


def ask_task_role(p: Prompter, base: str) -> None:
    if not p.confirm("Give the task role permissions?", default=False):
        return
    set_path(p.draft, f"{base}.task_role", {})
    p.text(
        f"{base}.task_role.policy_arns",
        "Managed policy ARNs (comma-separated, blank: none):",
        "list",
    )
    statements: list[dict[str, Any]] = []
    set_path(p.draft, f"{base}.task_role.statements", statements)
    while p.confirm("Add an inline policy statement?", default=not statements):
        k = len(statements)
        statements.append({"effect": p.ask_select("Effect:", ["Allow", "Deny"], "Allow")})
        path = f"{base}.task_role.statements[{k}]"
        p.text(f"{path}.actions", 'Actions (comma-separated, e.g. "s3:GetObject, sqs:*"):', "list")
        p.text(f"{path}.resources", 'Resources (comma-separated ARNs, or "*"):', "list")
    if not statements:
        get_path(p.draft, f"{base}.task_role").pop("statements")


def ask_service_connect(p: Prompter, i: int) -> None:
    base = f"services[{i}]"
    svc = p.draft["services"][i]
    ports = draft_port_names(svc)
    choices = CONNECT_CHOICES if ports else CONNECT_CHOICES[:2]
    kind = p.ask_select("Service Connect:", choices, "no")
    if kind == "no":
        return
    if not isinstance(p.draft.get("service_connect"), dict):
        p.draft["service_connect"] = {}
        project = get_path(p.draft, "project.name") or "app"
        p.text(
            "service_connect.namespace", "Service Connect namespace:", default=f"{project}.internal"
        )
    if kind.startswith("client"):
        svc["service_connect"] = {"client": True}
        return
    port_name = p.ask_select("Port clients call (container port name):", ports, ports[0])
    svc["service_connect"] = {"server": {"port_name": port_name}}
    p.text(
        f"{base}.service_connect.server.discovery_name",
        "Name clients call (blank: the port name):",
        default=str(svc.get("name") or ""),
    )


def ask_alb_extras(p: Prompter) -> None:
    records: list[dict[str, Any]] = []
    set_path(p.draft, "alb.dns_records", records)
    while p.confirm("Add a Route 53 alias record for the ALB?", default=False):
        k = len(records)
        records.append({})
        p.text(f"alb.dns_records[{k}].name", "Host name (e.g. shop.example.com):")
        p.text(f"alb.dns_records[{k}].zone_id", "Route 53 hosted zone id (Z…):")
    if not records:
        p.draft["alb"].pop("dns_records")
    p.text("alb.waf_web_acl_arn", "WAFv2 web ACL ARN for the ALB (blank: none):")
