"""Localize what a real application's answers reference (issue 10 section 3): security
groups (services[].security_group_ids, egress to sg-…), managed prefix lists (egress to pl-…),
the ALB's WAF web ACL and the Route 53 zones of alb.dns_records. Each is created in the
emulator once per distinct id and the answers are rewritten to point at it."""

from __future__ import annotations

from collections.abc import Callable

from ecs_wizard.emulator.server import Emulator


def localize_access(
    out: dict,
    emu: Emulator,
    vpc_id: str,
    notes: list[str],
    create_hosted_zone: Callable[[Emulator, str, str], str],
) -> None:
    """Rewrite `out` (an answers dict, already on the emulator's VPC) in place;
    `create_hosted_zone(emu, domain, region)` makes a zone (localize.py's)."""
    region = out["project"]["region"]
    ec2 = emu.client("ec2", region)
    made: dict[str, str] = {}

    def local_id(ref: str, where: str) -> str:
        if ref in made:
            return made[ref]
        if ref.startswith("sg-"):
            made[ref] = ec2.create_security_group(
                GroupName=f"ecs-wizard-emulator-{len(made)}",
                Description=f"stands for {ref}",
                VpcId=vpc_id,
            )["GroupId"]
        elif ref.startswith("pl-"):
            made[ref] = ec2.create_managed_prefix_list(
                PrefixListName=f"ecs-wizard-emulator-{len(made)}",
                MaxEntries=5,
                AddressFamily="IPv4",
                Entries=[{"Cidr": "10.99.0.0/16"}],
            )["PrefixList"]["PrefixListId"]
        else:
            return ref
        notes.append(f"{where}: created {made[ref]} in the emulator for {ref}")
        return made[ref]

    for i, svc in enumerate(out.get("services") or []):
        ids = svc.get("security_group_ids") or []
        svc_path = f"services[{i}]"
        if ids:
            svc["security_group_ids"] = [local_id(x, f"{svc_path}.security_group_ids") for x in ids]
        for j, rule in enumerate(svc.get("egress") or []):
            rule["to"] = [local_id(x, f"{svc_path}.egress[{j}].to") for x in rule.get("to", [])]

    alb = out.get("alb") or {}
    if alb.get("waf_web_acl_arn"):
        waf = emu.client("wafv2", region)
        name = alb["waf_web_acl_arn"].split("/")[-2]
        acl = waf.create_web_acl(
            Name=name,
            Scope="REGIONAL",
            DefaultAction={"Allow": {}},
            VisibilityConfig={
                "SampledRequestsEnabled": False,
                "CloudWatchMetricsEnabled": False,
                "MetricName": name,
            },
        )["Summary"]["ARN"]
        notes.append(f"alb.waf_web_acl_arn: created web ACL {acl} in the emulator")
        alb["waf_web_acl_arn"] = acl
    zones: dict[str, str] = {}
    for k, rec in enumerate(alb.get("dns_records") or []):
        zone = rec["zone_id"]
        if zone not in zones:
            domain = rec["name"].split(".", 1)[-1] if rec["name"].count(".") > 1 else rec["name"]
            zones[zone] = create_hosted_zone(emu, domain, region)
            notes.append(f"alb.dns_records[{k}]: created Route 53 zone {zones[zone]} for {domain}")
        rec["zone_id"] = zones[zone]
