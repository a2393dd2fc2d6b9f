"""Answers paths in the wizard's words: the label of the field that edits a path, where it
is (which service, container, rule), and issue text with YAML keys put as those labels.

The CLI names YAML keys (`services[0].desired_count`); the wizard names what the user sees
("Service web › Desired count"). `LABELS` must say what the step screens' fields say: a test
builds every step and compares (tests/tui/test_form_words.py). No Textual import.
"""

from __future__ import annotations

import re
from typing import Any

from ecs_wizard.model.paths import get_path

#: path pattern (list indexes as []) -> the label of the field that edits it
LABELS: dict[str, str] = {
    "project.name": "Name",
    "project.environment": "Environment",
    "project.region": "Region",
    "project.tags": "Tags",
    "network.vpc_id": "VPC id",
    "network.public_subnet_ids": "Public subnets (ALB)",
    "network.private_subnet_ids": "Private subnets (tasks)",
    "cluster.container_insights": "Container Insights",
    "cluster.log_retention_days": "Log retention (days)",
    "cluster.capacity.ec2.instance_type": "Instance type",
    "cluster.capacity.ec2.min_size": "Min size",
    "cluster.capacity.ec2.desired_capacity": "Desired capacity",
    "cluster.capacity.ec2.max_size": "Max size",
    "cluster.capacity.ec2.target_capacity_percent": "Target capacity %",
    "cluster.capacity.ec2.spot": "Spot instances",
    "cluster.capacity.ec2.root_volume_gb": "Root volume (GB)",
    "cluster.capacity.fargate": "Fargate capacity",
    "cluster.capacity.fargate_spot": "Fargate Spot capacity",
    "cluster.capacity.ec2": "EC2 capacity",
    "cluster.capacity.*.weight": "Weight",
    "cluster.capacity.*.base": "Base",
    "services[].name": "Name",
    "services[].cpu": "Task size (Fargate)",
    "services[].memory": "Task size (Fargate)",
    "services[].desired_count": "Desired count",
    "services[].capacity": "Capacity providers",
    "services[].cpu_architecture": "CPU architecture",
    "services[].enable_execute_command": "ECS Exec",
    "services[].secrets_kms_key_arns": "Secrets KMS keys",
    "services[].autoscaling": "Autoscaling",
    "services[].autoscaling.min": "Min tasks",
    "services[].autoscaling.max": "Max tasks",
    "services[].autoscaling.cpu_percent": "Target CPU %",
    "services[].autoscaling.memory_percent": "Target memory %",
    "services[].autoscaling.requests_per_target": "Requests per target",
    "services[].deployment.minimum_healthy_percent": "Min healthy %",
    "services[].deployment.maximum_percent": "Max %",
    "services[].deployment.circuit_breaker_rollback": "Rollback on failure",
    "services[].deployment.ignore_image_changes": "Ignore image changes",
    "services[].deployment.wait_for_steady_state": "Wait for steady state",
    "services[].containers": "Containers",
    "services[].containers[].name": "Name",
    "services[].containers[].image": "Image",
    "services[].containers[].port": "Port",
    "services[].containers[].environment": "Environment",
    "services[].containers[].secrets": "Secrets (ARNs)",
    "services[].containers[].health_check": "Health check cmd",
    "services[].containers[].essential": "Essential",
    "services[].containers[].cpu": "CPU units",
    "services[].containers[].memory": "Memory (MiB)",
    "services[].containers[].command": "Command",
    "services[].containers[].entrypoint": "Entrypoint",
    "services[].containers[].readonly_root_filesystem": "Read-only root",
    "services[].load_balancer": "Target container",
    "services[].load_balancer.health_check.path": "Health path",
    "services[].load_balancer.health_check.matcher": "Healthy codes",
    "services[].load_balancer.deregistration_delay": "Deregistration (s)",
    "services[].egress": "Egress (+ tcp 443)",
    "services[].security_group_ids": "Security groups",
    "services[].task_role.policy_arns": "Task role policies",
    "services[].task_role.statements": "Task role statements",
    "services[].service_connect": "Service Connect",
    "services[].service_connect.server.discovery_name": "Name clients call",
    "services[].service_connect.server.port": "Port clients call",
    "service_connect.namespace": "Namespace (project)",
    "alb.dns_records": "Alias records",
    "alb.waf_web_acl_arn": "WAF web ACL ARN",
    "alb.internal": "Internal (no internet)",
    "alb.ingress_cidrs": "Allowed CIDRs",
    "alb.idle_timeout": "Idle timeout (s)",
    "alb.deletion_protection": "Deletion protection",
    "alb.access_logs.bucket": "Access logs bucket",
    "alb.access_logs.prefix": "Access logs prefix",
    "alb.access_logs.create_bucket": "create the bucket",
    "alb.http.port": "HTTP port",
    "alb.http.redirect_to_https": "Redirect to HTTPS",
    "alb.https": "HTTPS",
    "alb.https.port": "HTTPS port",
    "alb.https.ssl_policy": "TLS policy",
    "alb.https.certificates[].domain": "New cert domain",
    "alb.https.certificates[].subject_alternative_names": "alternative names",
    "alb.https.certificates[].route53_zone_id": "Route 53 zone id",
    "alb.https.certificates[].zones": "zones of other names",
    "alb.https.certificates[].arn": "Existing cert ARNs",
    "alb.https.certificates": "Existing cert ARNs",
    "alb.https.certificates[]": "New cert domain",
    "alb.default_action": "Unmatched requests",
    "alb.default_action.fixed_response.status_code": "Status code",
    "alb.default_action.fixed_response.content_type": "Content type",
    "alb.default_action.fixed_response.message_body": "Body",
    "routing[].name": "Name",
    "routing[].priority": "Priority",
    "routing[].service": "Target service",
    "routing[].hosts": "Hosts",
    "routing[].paths": "Paths",
    "routing[].source_ips": "Source IPs",
    "routing[].methods": "Methods",
    "routing[].http_headers": "HTTP headers",
    "routing[].query_strings": "Query strings",
    "state.bucket": "State bucket (S3)",
}

#: a YAML key as a message or fix may name it -> its label (the last part of a pattern)
_KEY_LABELS: dict[str, str] = {p.rsplit(".", 1)[-1].split("[")[0]: v for p, v in LABELS.items()}
_KEY_LABELS.update(
    {"vpc_id": "VPC id", "image": "Image", "port": "Port", "redirect_to_https": "Redirect to HTTPS"}
)
_SECTIONS = {
    "alb": "Load balancer",
    "routing": "Routing",
    "state": "Team",
    "services": "Services",
    "service_connect": "Services",
}
_PROVIDERS = {"fargate": "Fargate", "fargate_spot": "Fargate Spot", "ec2": "EC2"}


def _pattern(path: str) -> str:
    pattern = re.sub(r"\[\d+\]", "[]", path)
    return re.sub(r"^cluster\.capacity\.(fargate|fargate_spot)\.", "cluster.capacity.*.", pattern)


def label_of(path: str) -> str | None:
    """The label of the field editing `path` (or the nearest enclosing field), else None."""
    pattern = _pattern(path)
    while pattern:
        if pattern in LABELS:
            return LABELS[pattern]
        if "cluster.capacity.ec2." in pattern and pattern.replace("ec2", "*", 1) in LABELS:
            return LABELS[pattern.replace("ec2", "*", 1)]
        cut = max(pattern.rfind("."), pattern.rfind("["))
        pattern = pattern[:cut] if cut > 0 else ""
    return None


def _name(draft: Any, path: str, fallback: str) -> str:
    name = get_path(draft, f"{path}.name") if isinstance(draft, dict) else None
    return f"{name}" if isinstance(name, str) and name else fallback


def where(path: str, draft: Any = None) -> str:
    """`services[0].containers[1].image` -> "Service web › Container envoy › Image"."""
    parts: list[str] = []
    m = re.match(r"services\[(\d+)\]", path)
    if m:
        s = f"services[{m.group(1)}]"
        parts.append(f"Service {_name(draft, s, '#' + str(int(m.group(1)) + 1))}")
        c = re.match(r"services\[\d+\]\.containers\[(\d+)\]", path)
        if c:
            cp = f"{s}.containers[{c.group(1)}]"
            parts.append(f"Container {_name(draft, cp, '#' + str(int(c.group(1)) + 1))}")
    r = re.match(r"routing\[(\d+)\]", path)
    if r:
        parts.append(
            f"Rule {_name(draft, f'routing[{r.group(1)}]', '#' + str(int(r.group(1)) + 1))}"
        )
    p = re.match(r"cluster\.capacity\.(\w+)", path)
    if p and p.group(1) in _PROVIDERS:
        parts.append(f"{_PROVIDERS[p.group(1)]} capacity")
    if not parts:
        top = path.split(".")[0].split("[")[0]
        parts.append(_SECTIONS.get(top, top.capitalize()))
    label = label_of(path)
    if label and re.search(r"[.\]]", path) and label.strip() != parts[-1]:
        parts.append(label.strip())
    return " › ".join(parts)


def form_words(text: str) -> str:
    """Issue text with the YAML keys it names put as the wizard's labels."""
    if not text:
        return text

    def add(m: re.Match[str]) -> str:
        label = _KEY_LABELS.get(m.group(1))
        return f"fill in “{label}”" if label else m.group(0)

    text = re.sub(r"\badd `(\w+):`", add, text)

    def dotted(m: re.Match[str]) -> str:
        label = label_of(m.group(0)) if _pattern(m.group(0)) in LABELS else None
        return f"“{label}”" if label else m.group(0)

    text = re.sub(r"\b(?:alb|network|project|cluster|services|routing)(?:\.\w+)+", dotted, text)

    def setting(m: re.Match[str]) -> str:
        label = _KEY_LABELS.get(m.group(1))
        if not label:
            return m.group(0)
        value = {"false": "no", "true": "yes"}.get(m.group(2), m.group(2))
        return f"set “{label}” to {value}"

    text = re.sub(r"\bset `?(\w+):? ?([\w.-]+)`?", setting, text)

    def key(m: re.Match[str]) -> str:
        label = _KEY_LABELS.get(m.group(1))
        return f"“{label}”" if label else m.group(0)

    return re.sub(r"`(\w+):?`", key, text)


def wizard_issue_text(issue: Any, draft: Any = None, *, with_where: bool = True) -> str:
    """One issue as the wizard says it: "Service web › Desired count: must be ≥ 0 — use a
    value ≥ 0". Never an empty fix: without one, it says which field to change."""
    message = form_words(str(issue.message))
    fix = form_words(str(getattr(issue, "fix", "") or ""))
    place = where(issue.path, draft) if issue.path else ""
    if not fix.strip():
        fix = f"change “{place.split(' › ')[-1]}”" if place else "change the value"
    text = f"{message} — {fix}"
    return f"{place}: {text}" if with_where and place else text
