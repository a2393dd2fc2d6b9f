"""A Copilot environment manifest -> the environment's network, region, certificates, load
balancer ingress and Container Insights. ecs-wizard does not create VPCs: an environment whose
VPC Copilot created (no `network.vpc.id`) gets placeholder ids and a report row asking for
the real ones."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ecs_wizard.copilot.result import CopilotImportError
from ecs_wizard.copilot.walk import Report, Section

PLACEHOLDER_VPC = "vpc-00000000000000000"
PLACEHOLDER_PUBLIC = ["subnet-00000000000000001", "subnet-00000000000000002"]
PLACEHOLDER_PRIVATE = ["subnet-00000000000000003", "subnet-00000000000000004"]
_ACM_REGION_RE = re.compile(r"^arn:aws[a-z-]*:acm:([a-z0-9-]+):")
DEFAULT_REGION = "us-east-1"


@dataclass
class EnvSpec:
    name: str | None
    region: str = DEFAULT_REGION
    network: dict[str, Any] = field(
        default_factory=lambda: {
            "vpc_id": PLACEHOLDER_VPC,
            "public_subnet_ids": list(PLACEHOLDER_PUBLIC),
            "private_subnet_ids": list(PLACEHOLDER_PRIVATE),
        }
    )
    placeholder_network: bool = True
    certificates: list[str] = field(default_factory=list)
    ingress_cidrs: list[str] | None = None
    container_insights: str | None = None
    access_logs: dict[str, Any] | None = None
    ssl_policy: str | None = None
    internal: bool = False
    strict: bool = True  # a Copilot-created VPC stops the import (else: a report row)


def guess_region(certificates: list[str], environ: Mapping[str, str]) -> tuple[str, str]:
    for arn in certificates:
        if (m := _ACM_REGION_RE.match(arn)) is not None:
            return m.group(1), f"the region of the certificate {arn}"
    for var in ("AWS_REGION", "AWS_DEFAULT_REGION"):
        if environ.get(var):
            return environ[var], f"${var}"
    return DEFAULT_REGION, "a guess: no certificate ARN, $AWS_REGION or $AWS_DEFAULT_REGION says"


def _subnet_ids(sec: Section, key: str) -> list[str] | None:
    raw = sec.get(key)
    if raw is None:
        return None
    if not isinstance(raw, list):
        raise sec.fail(key, raw, "must be a list of subnets", "write `- id: subnet-...`")
    ids = []
    for i, item in enumerate(raw):
        if isinstance(item, dict) and "id" in item:
            ids.append(str(item["id"]))
        elif isinstance(item, str):
            ids.append(item)
        elif isinstance(item, dict) and "cidr" in item:
            return None
        else:
            raise sec.fail(f"{key}[{i}]", item, "is not a subnet", "write `- id: subnet-...`")
    return ids


def _network(sec: Section, spec: EnvSpec) -> None:
    net = sec.sub("network")
    vpc = net.sub("vpc")
    vpc_id = vpc.str_("id")
    subnets = vpc.sub("subnets")
    public = _subnet_ids(subnets, "public")
    private = _subnet_ids(subnets, "private")
    ask = (
        "ecs-wizard does not create VPCs: write the ids of the VPC Copilot created into this "
        "manifest (network.vpc.id, subnets public/private ids; `copilot env show --resources` "
        "lists them) and import again"
    )
    if vpc_id is None:
        cidr = vpc.str_("cidr")
        field = "network.vpc" if "network" in sec else "network"
        what = f"Copilot created this VPC{f' ({cidr})' if cidr else ''}"
        if spec.strict:
            others = "--env with the other environments"
            raise CopilotImportError(
                sec.file, field, cidr, f"{ask}, or leave this environment out ({others})", what
            )
        sec.report.add(sec.file, field, "not migrated", f"{what}; {ask}")
        vpc.read |= set(vpc.data)
        subnets.read |= set(subnets.data)
        net.read |= {"vpc"}
    else:
        if not private:
            raise subnets.fail(
                "private",
                None,
                "an imported VPC needs subnet ids",
                "list the private subnets: `private: [{id: subnet-...}]`",
            )
        spec.placeholder_network = False
        spec.network = {
            "vpc_id": vpc_id,
            "public_subnet_ids": public or [],  # none: an internal ALB, in the private subnets
            "private_subnet_ids": private,
        }
        vpc.row("id", "migrated", f"network.vpc_id: {vpc_id}")
        subnets.row("private", "migrated", f"network.private_subnet_ids: {private}")
        if public:
            subnets.row("public", "migrated", f"network.public_subnet_ids: {public}")
        else:
            spec.internal = True
            subnets.report.add(
                subnets.file,
                subnets.path("public"),
                "approximated",
                "no public subnets: the load balancer is internal "
                "(alb.internal: true) in the private subnets",
            )
        subnets.finish()
    vpc.get("security_group")
    vpc.row(
        "security_group",
        "not migrated",
        "extra rules on the environment security group: ecs-wizard's groups allow "
        "exactly the load balancer to the tasks; add other rules by hand",
    )
    vpc.get("flow_logs")
    vpc.row("flow_logs", "not migrated", "VPC flow logs: turn them on in the VPC by hand")
    vpc.finish()
    net.finish()


def _http(sec: Section, spec: EnvSpec) -> None:
    http = sec.sub("http")
    public = http.sub("public")
    certs = public.strs("certificates")
    if certs:
        spec.certificates = certs
        public.row("certificates", "migrated", "alb.https.certificates (arn)")
    ingress = public.sub("ingress")
    ips = ingress.strs("source_ips")
    if ips is not None:
        spec.ingress_cidrs = ips
        ingress.row("source_ips", "migrated", f"alb.ingress_cidrs: {ips}")
    ingress.get("cdn")
    ingress.row("cdn", "not migrated", "CloudFront-only ingress: not in ecs-wizard answers")
    ingress.finish()
    sgs = public.get("security_groups")
    if sgs is not None:
        public.row(
            "security_groups",
            "not migrated",
            "extra load balancer security group rules (e.g. restrict_to: cdn): add them by hand",
        )
    logs = public.get("access_logs")
    if logs is not None:
        if isinstance(logs, dict) and isinstance(logs.get("bucket_name"), str):
            spec.access_logs = {"bucket": logs["bucket_name"]}
            if isinstance(logs.get("prefix"), str):
                spec.access_logs["prefix"] = logs["prefix"]
            public.row("access_logs", "migrated", f"alb.access_logs: {spec.access_logs}")
        elif logs is False:
            public.row("access_logs", "migrated", "no access logs")
        else:
            public.row(
                "access_logs",
                "not migrated",
                "Copilot created the log bucket: name an existing bucket in "
                "alb.access_logs.bucket (or set create_bucket: true)",
            )
    policy = public.str_("ssl_policy")
    if policy is not None:
        spec.ssl_policy = policy
        public.row("ssl_policy", "migrated", f"alb.https.ssl_policy: {policy}")
    public.finish()
    if "private" in http:
        http.get("private")
        http.row(
            "private",
            "approximated",
            "the internal load balancer's settings: ecs-wizard has one load balancer, "
            "internal only when every load-balanced service is a Backend Service; its "
            "certificates and subnets are not carried over",
        )
    http.finish()


def map_environment(
    name: str | None,
    manifest: dict[str, Any] | None,
    file: str,
    report: Report,
    environ: Mapping[str, str],
    *,
    strict: bool = True,
) -> EnvSpec:
    """`strict`: the environment is imported (a VPC without ids is an error); else it is only
    reported."""
    spec = EnvSpec(name, strict=strict)
    sec = Section(report, file, "", manifest)
    if manifest is None and strict:
        raise CopilotImportError(
            file,
            "(file)",
            None,
            "write the environment manifest (`type: Environment`) with network.vpc.id and the "
            "public and private subnet ids (`copilot env show --resources` lists them)",
            "no environment manifest: ecs-wizard needs the environment's VPC and subnet ids",
        )
    if manifest is not None:
        kind = sec.get("type")
        if kind != "Environment":
            raise sec.fail(
                "type",
                kind,
                "an environment manifest has type Environment",
                "write `type: Environment`",
            )
        sec.row("name", "migrated", f"environments.{name}")
        _network(sec, spec)
        _http(sec, spec)
        obs = sec.sub("observability")
        insights = obs.get("container_insights")
        if insights is not None:
            spec.container_insights = (
                "enhanced" if insights == "enhanced" else "enabled" if insights else "disabled"
            )
            obs.row(
                "container_insights",
                "migrated",
                f"cluster.container_insights: {spec.container_insights}",
            )
        obs.finish()
        sec.get("cdn")
        sec.row("cdn", "not migrated", "a CloudFront distribution: create it outside ecs-wizard")
        sec.finish()
    spec.region, why = guess_region(spec.certificates, environ)
    report.add(
        file,
        "(region)",
        "approximated",
        f"Copilot keeps the region outside the manifest; project.region: {spec.region} "
        f"({why}): check it",
    )
    return spec
