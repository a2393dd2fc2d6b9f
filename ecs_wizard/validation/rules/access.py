"""What a real application needs: the tasks' egress and extra security groups, the task
role's permissions, Service Connect, and the ALB's DNS records and WAF web ACL."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ecs_wizard.aws import naming
from ecs_wizard.model.answers import Answers, Container
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.patterns import DOMAIN_RE, ZONE_RE, cidr_issue
from ecs_wizard.validation.registry import check, finding

_SG_RULES = "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"
_ECS_DOCS = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide"
_TASK_ROLE = f"{_ECS_DOCS}/task-iam-roles.html"
_SERVICE_CONNECT = f"{_ECS_DOCS}/service-connect-concepts.html"
_ALIAS = (
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-to-elb-load-balancer.html"
)
_WAF = "https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html"

# Kept in step with the ecs-service / alb modules' validation blocks.
SG_ID_RE = re.compile(r"^sg-([0-9a-f]{8}|[0-9a-f]{17})\Z")
PREFIX_LIST_RE = re.compile(r"^pl-([0-9a-f]{8}|[0-9a-f]{17})\Z")
POLICY_ARN_RE = re.compile(r"^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/[\w+=,.@/-]+\Z", re.ASCII)
ACTION_RE = re.compile(r"^([a-z0-9-]+:[A-Za-z0-9*?]+|\*)\Z")
RESOURCE_RE = re.compile(r"^(\*|arn:aws[a-z-]*:[a-z0-9*-]*:[a-z0-9*-]*:([0-9]{12}|\*|aws)?:\S+)\Z")
PORT_NAME_RE = re.compile(r"^[a-z0-9]([a-z0-9_-]{0,63})\Z")  # ECS portMappings name
DISCOVERY_NAME_RE = re.compile(r"^[a-z0-9]([a-z0-9-]{0,62})\Z")
CONNECT_DNS_RE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]{0,253}[A-Za-z0-9])?\Z")
NAMESPACE_RE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]{0,252}[A-Za-z0-9])?\Z")
WAF_ARN_RE = re.compile(
    r"^arn:aws[a-z-]*:wafv2:([a-z0-9-]+):[0-9]{12}:regional/webacl/[\w-]{1,128}/[0-9a-f-]{36}\Z",
    re.ASCII,
)
SECURITY_GROUPS_MAX = 4  # ECS allows 5 per service; the task security group is one
POLICY_ARNS_MAX = 20  # managed policies per IAM role (hard limit; the default quota is 10)
DEFAULT_EGRESS = ("tcp", 443, 443, "0.0.0.0/0")  # the ecs-service module's default rule


def port_name(c: Container) -> str | None:
    """The name of a container's port in the task definition (as the root module writes it)."""
    if c.port is None:
        return None
    return naming.port_name(c.name, c.port, c.port_name)


def _destination_issue(path: str, to: str) -> Issue | None:
    if to.startswith("sg-"):
        if SG_ID_RE.match(to):
            return None
        return finding(path, "is not a security group id", "write it like sg-0123456789abcdef0", to)
    if to.startswith("pl-"):
        if PREFIX_LIST_RE.match(to):
            return None
        return finding(path, "is not a prefix list id", "write it like pl-0123456789abcdef0", to)
    issue = cidr_issue(path, to)
    if issue is not None and issue.message == "is not a valid CIDR block":
        return finding(
            path,
            "is not a CIDR block, prefix list id (pl-…) or security group id (sg-…)",
            "write e.g. 10.0.0.0/16, pl-0123456789abcdef0 or sg-0123456789abcdef0",
            to,
        )
    return issue


@check(
    id="E-SERVICES-EGRESS",
    severity="error",
    title="Egress rules name valid ports and destinations, each rule once",
    doc=_SG_RULES,
    tags=("services", "network"),
)
def egress(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        seen = {DEFAULT_EGRESS: "the default rule (tcp 443 to 0.0.0.0/0)"}
        for j, e in enumerate(s.egress):
            base = f"services[{i}].egress[{j}]"
            if e.protocol == "all":
                if e.port is not None or e.to_port is not None:
                    yield finding(
                        f"{base}.port",
                        "protocol all covers every port",
                        "remove port and to_port, or use protocol tcp or udp",
                        e.port,
                    )
                ports: tuple[int | None, int | None] = (None, None)
            elif e.port is None:
                yield finding(
                    f"{base}.port", f"protocol {e.protocol} needs a port", "add port: 5432"
                )
                continue
            else:
                last = e.to_port if e.to_port is not None else e.port
                if not 1 <= e.port <= 65535 or not 1 <= last <= 65535:
                    yield finding(
                        f"{base}.port", "ports are 1 to 65535", "use a port in that range", e.port
                    )
                elif last < e.port:
                    yield finding(
                        f"{base}.to_port",
                        f"is below port ({e.port})",
                        f"make to_port ≥ {e.port}, or remove it for a single port",
                        e.to_port,
                    )
                ports = (e.port, last)
            for k, to in enumerate(e.to):
                issue = _destination_issue(f"{base}.to[{k}]", to)
                if issue is not None:
                    yield issue
                    continue
                key = (e.protocol, *ports, to)
                if key in seen:
                    yield finding(
                        f"{base}.to[{k}]",
                        f"repeats {seen[key]}: AWS refuses a duplicate security group rule",
                        "remove this destination",
                        to,
                    )
                seen[key] = f"services[{i}].egress[{j}].to[{k}]"


@check(
    id="E-SERVICES-SECURITY-GROUPS",
    severity="error",
    title="Additional task security groups are sg- ids, at most 4",
    doc=f"{_ECS_DOCS}/task-networking-awsvpc.html",
    tags=("services", "network"),
)
def security_groups(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        base = f"services[{i}].security_group_ids"
        for k, sg in enumerate(s.security_group_ids):
            if not SG_ID_RE.match(sg):
                yield finding(
                    f"{base}[{k}]",
                    "is not a security group id",
                    "write it like sg-0123456789abcdef0",
                    sg,
                )
            elif sg in s.security_group_ids[:k]:
                yield finding(f"{base}[{k}]", "is listed twice", "remove the repeat", sg)
        if len(s.security_group_ids) > SECURITY_GROUPS_MAX:
            yield finding(
                base,
                f"holds {len(s.security_group_ids)} ids; a service takes 5 security groups, "
                "one of them its own task security group",
                f"keep at most {SECURITY_GROUPS_MAX}",
            )


@check(
    id="E-SERVICES-TASK-ROLE",
    severity="error",
    title="Task role policies are policy ARNs; statements have valid actions and resources",
    doc=_TASK_ROLE,
    tags=("services", "iam"),
)
def task_role(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        role = s.task_role
        if role is None:
            continue
        base = f"services[{i}].task_role"
        for k, arn in enumerate(role.policy_arns):
            if not POLICY_ARN_RE.match(arn):
                yield finding(
                    f"{base}.policy_arns[{k}]",
                    "is not an IAM policy ARN",
                    "write it like arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess or "
                    "arn:aws:iam::123456789012:policy/my-policy",
                    arn,
                )
            elif arn in role.policy_arns[:k]:
                yield finding(
                    f"{base}.policy_arns[{k}]", "is listed twice", "remove the repeat", arn
                )
        if len(role.policy_arns) > POLICY_ARNS_MAX:
            yield finding(
                f"{base}.policy_arns",
                f"holds {len(role.policy_arns)} policies; an IAM role takes at most "
                f"{POLICY_ARNS_MAX} managed policies (10 unless the quota was raised)",
                "merge policies, or move permissions into statements",
            )
        for k, st in enumerate(role.statements):
            for m, action in enumerate(st.actions):
                if not ACTION_RE.match(action):
                    yield finding(
                        f"{base}.statements[{k}].actions[{m}]",
                        "is not an IAM action",
                        'write service:Action, e.g. "s3:GetObject" or "sqs:*"',
                        action,
                    )
            for m, res in enumerate(st.resources):
                if not RESOURCE_RE.match(res):
                    yield finding(
                        f"{base}.statements[{k}].resources[{m}]",
                        'is not an ARN or "*"',
                        'write an ARN, e.g. "arn:aws:s3:::my-bucket/*", or "*"',
                        res,
                    )


@check(
    id="E-SERVICES-PORT-NAME",
    severity="error",
    title="Container port names are valid and unique within a task",
    doc="https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html",
    tags=("services",),
)
def port_names(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        seen: set[str] = set()
        for j, c in enumerate(s.containers):
            path = f"services[{i}].containers[{j}].port_name"
            if c.port_name is not None and c.port is None:
                yield finding(path, "names a port, but the container has none", "add port")
                continue
            name = port_name(c)
            if name is None:
                continue
            if not PORT_NAME_RE.match(name):
                yield finding(
                    path,
                    "must be lower-case letters, digits, _ and -, starting with a letter or digit "
                    "(64 characters at most)",
                    f"e.g. {re.sub(r'[^a-z0-9_-]', '-', name.lower()).strip('-_')[:64] or 'http'}",
                    name,
                )
            elif name in seen:
                yield finding(
                    path, f"{name} is the name of another port of this task", "rename one", name
                )
            seen.add(name)


@check(
    id="E-SERVICES-CONNECT",
    severity="error",
    title="Service Connect has a namespace, and each server names a container port",
    doc=_SERVICE_CONNECT,
    tags=("services", "network"),
)
def service_connect(a: Answers) -> Iterator[Issue]:
    if a.service_connect is not None and not NAMESPACE_RE.match(a.service_connect.namespace):
        yield finding(
            "service_connect.namespace",
            "is not a valid namespace name",
            "use letters, digits, dots and hyphens, e.g. shop.internal",
            a.service_connect.namespace,
        )
    discovery: dict[str, str] = {}
    for i, s in enumerate(a.services):
        sc = s.service_connect
        if sc is None:
            continue
        base = f"services[{i}].service_connect"
        if a.service_connect is None:
            yield finding(
                base,
                "needs the project's namespace",
                "add service_connect: {namespace: <project>.internal} at the top level",
            )
        if not sc.client and sc.server is None:
            yield finding(base, "is neither client nor server", "set client: true, or add server")
        server = sc.server
        if server is None:
            continue
        names = {port_name(c): c for c in s.containers if c.port is not None}
        if server.port_name not in names:
            known = ", ".join(sorted(n for n in names if n)) or "none: add a port to a container"
            yield finding(
                f"{base}.server.port_name",
                "is not the name of one of this service's container ports",
                f"use one of: {known}",
                server.port_name,
            )
        if server.port is not None and not 1 <= server.port <= 65535:
            yield finding(
                f"{base}.server.port", "ports are 1 to 65535", "use 80 or 8080", server.port
            )
        name = server.discovery_name or server.port_name
        if not DISCOVERY_NAME_RE.match(name):
            # Unset, the discovery name is the port name, which may hold `_` (container names
            # do); Cloud Map, and the module's validation, allow only letters, digits, hyphens.
            yield finding(
                f"{base}.server.discovery_name",
                "must be lower-case letters, digits and hyphens (63 characters at most)"
                + (
                    ""
                    if server.discovery_name is not None
                    else f" (unset, it is the port name {name})"
                ),
                f"set discovery_name, e.g. {s.name}"
                if server.discovery_name is None
                else f"e.g. {s.name}",
                name,
            )
        elif name in discovery:
            yield finding(
                f"{base}.server.discovery_name",
                f"{name} is already the discovery name of service {discovery[name]}",
                f"set discovery_name: {s.name}",
                name,
            )
        discovery[name] = s.name
        if server.dns_name is not None and not CONNECT_DNS_RE.match(server.dns_name):
            yield finding(
                f"{base}.server.dns_name",
                "is not a valid DNS name",
                f"e.g. {s.name} or {s.name}.internal",
                server.dns_name,
            )


@check(
    id="E-ALB-DNS-RECORDS",
    severity="error",
    title="ALB alias records have a host name and a Route 53 zone id, each name once",
    doc=_ALIAS,
    tags=("alb", "dns"),
)
def dns_records(a: Answers) -> Iterator[Issue]:
    seen: set[str] = set()
    for k, r in enumerate(a.alb.dns_records):
        base = f"alb.dns_records[{k}]"
        name = r.name.lower().rstrip(".")
        if not DOMAIN_RE.match(name):
            yield finding(f"{base}.name", "is not a host name", "e.g. shop.example.com", r.name)
        elif name in seen:
            yield finding(f"{base}.name", "has a record already", "remove the repeat", r.name)
        seen.add(name)
        if not ZONE_RE.match(r.zone_id):
            yield finding(
                f"{base}.zone_id",
                "is not a Route 53 hosted zone id",
                "copy the id (Z…) from the Route 53 console",
                r.zone_id,
            )


@check(
    id="E-ALB-WAF",
    severity="error",
    title="The WAF web ACL is a regional WAFv2 web ACL in the project's region",
    doc=_WAF,
    tags=("alb", "security"),
)
def waf(a: Answers) -> Iterator[Issue]:
    arn = a.alb.waf_web_acl_arn
    if arn is None:
        return
    m = WAF_ARN_RE.match(arn)
    if m is None:
        yield finding(
            "alb.waf_web_acl_arn",
            "is not a regional WAFv2 web ACL ARN",
            "copy it from the WAF console: arn:aws:wafv2:<region>:<account>:regional/webacl/"
            "<name>/<id> (a CloudFront-scope ACL cannot protect an ALB)",
            arn,
        )
    elif m.group(1) != a.project.region:
        yield finding(
            "alb.waf_web_acl_arn",
            f"is in {m.group(1)}, the ALB in {a.project.region}",
            f"use a web ACL created in {a.project.region}",
            arn,
        )
