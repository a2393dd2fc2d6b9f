"""What a real application needs (issue 10 section 3), checked through the AWS API after
apply: each egress rule of the answers is on the task security group, the task role has its
managed policies and inline statements, Service Connect is configured on every service that
asks for it (on the PRIMARY deployment, where DescribeServices reports it), the ALB's alias
records are in Route 53 and its WAF web ACL is associated. Called from checks.check_all."""

from __future__ import annotations

import json

from ecs_wizard.emulator import Emulator
from ecs_wizard.model.answers import Answers
from ecs_wizard.validation.rules.access import port_name


def _rule_key(r: dict) -> tuple:
    target = (
        r.get("CidrIpv4")
        or r.get("CidrIpv6")
        or r.get("PrefixListId")
        or (r.get("ReferencedGroupInfo") or {}).get("GroupId")
    )
    if r["IpProtocol"] == "-1":
        return ("all", None, None, target)
    return (r["IpProtocol"], r["FromPort"], r["ToPort"], target)


def check_egress(emu: Emulator, a: Answers, out: dict) -> None:
    ec2 = emu.client("ec2", a.project.region)
    for svc in a.services:
        sg = out["task_security_group_ids"][svc.name]
        rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [sg]}])[
            "SecurityGroupRules"
        ]
        got = {_rule_key(r) for r in rules if r["IsEgress"]}
        want = {("tcp", 443, 443, "0.0.0.0/0")}  # the default stays
        for e in svc.egress:
            for to in e.to:
                if e.protocol == "all":
                    want.add(("all", None, None, to))
                else:
                    last = e.to_port if e.to_port is not None else e.port
                    want.add((e.protocol, e.port, last, to))
        assert got == want, (svc.name, got, want)


def check_task_roles(emu: Emulator, a: Answers, out: dict) -> None:
    iam = emu.client("iam", a.project.region)
    for svc in a.services:
        role = out["task_role_arns"][svc.name].split("/")[-1]
        attached = {
            p["PolicyArn"]
            for p in iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]
        }
        want = set(svc.task_role.policy_arns) if svc.task_role else set()
        assert attached == want, (svc.name, attached)
        names = set(iam.list_role_policies(RoleName=role)["PolicyNames"])
        statements = svc.task_role.statements if svc.task_role else []
        if not statements:
            assert "inline" not in names, svc.name
            continue
        doc = iam.get_role_policy(RoleName=role, PolicyName="inline")["PolicyDocument"]
        doc = json.loads(doc) if isinstance(doc, str) else doc
        got = [
            (s["Effect"], sorted(_list(s["Action"])), sorted(_list(s["Resource"])))
            for s in doc["Statement"]
        ]
        assert got == [(s.effect, sorted(s.actions), sorted(s.resources)) for s in statements]


def _list(v: str | list[str]) -> list[str]:
    return [v] if isinstance(v, str) else list(v)


def check_service_connect(emu: Emulator, a: Answers, out: dict) -> None:
    ecs = emu.client("ecs", a.project.region)
    # Terraform keeps no null root output in the state: absent without service_connect.
    namespace = out.get("service_connect_namespace_arn")
    if a.service_connect is None:
        assert namespace is None
    else:
        sd = emu.client("servicediscovery", a.project.region)
        found = {n["Arn"]: n for n in sd.list_namespaces()["Namespaces"]}
        assert found[namespace]["Name"] == a.service_connect.namespace
        assert found[namespace]["Type"] == "HTTP"
    names: dict[str, str] = out["service_names"]
    described = ecs.describe_services(cluster=out["cluster_name"], services=list(names.values()))
    by_name = {s["serviceName"]: s for s in described["services"]}
    for svc in a.services:
        (primary,) = [
            d for d in by_name[names[svc.name]]["deployments"] if d["status"] == "PRIMARY"
        ]
        got = primary.get("serviceConnectConfiguration")
        if svc.service_connect is None:
            assert got is None, svc.name
            continue
        assert got["enabled"] is True and got["namespace"] == namespace, got
        server = svc.service_connect.server
        if server is None:
            assert not got.get("services"), got
            continue
        (entry,) = got["services"]
        port = next(c.port for c in svc.containers if port_name(c) == server.port_name)
        discovery = server.discovery_name or server.port_name
        assert entry["portName"] == server.port_name
        assert entry["discoveryName"] == discovery
        assert entry["clientAliases"] == [
            {"port": server.port or port, "dnsName": server.dns_name or discovery}
        ]


def check_service_connect_ingress(emu: Emulator, a: Answers, out: dict) -> None:
    """A server's tasks admit every other Service Connect service's tasks on its port."""
    ec2 = emu.client("ec2", a.project.region)
    sgs: dict[str, str] = out["task_security_group_ids"]
    connected = [s.name for s in a.services if s.service_connect is not None]
    for svc in a.services:
        rules = ec2.describe_security_group_rules(
            Filters=[{"Name": "group-id", "Values": [sgs[svc.name]]}]
        )["SecurityGroupRules"]
        got = {
            (r["ReferencedGroupInfo"]["GroupId"], r["FromPort"], r["ToPort"])
            for r in rules
            if not r["IsEgress"] and r.get("Description", "").startswith("Service Connect:")
        }
        server = svc.service_connect.server if svc.service_connect else None
        want: set = set()
        if server is not None:
            port = next(c.port for c in svc.containers if port_name(c) == server.port_name)
            want = {(sgs[c], port, port) for c in connected if c != svc.name}
        assert got == want, (svc.name, got, want)


def check_alb_extras(emu: Emulator, a: Answers, out: dict) -> None:
    r53 = emu.client("route53", a.project.region)
    for rec in a.alb.dns_records:
        sets = r53.list_resource_record_sets(HostedZoneId=rec.zone_id)["ResourceRecordSets"]
        name = rec.name.lower().rstrip(".") + "."
        (alias,) = [s for s in sets if s["Name"] == name and s["Type"] == "A"]
        assert (
            alias["AliasTarget"]["DNSName"].rstrip(".").lower().removeprefix("dualstack.")
            == out["alb_dns_name"].lower()
        ), alias
    waf = emu.client("wafv2", a.project.region)
    acl = waf.get_web_acl_for_resource(ResourceArn=out["alb_arn"]).get("WebACL")
    if a.alb.waf_web_acl_arn is None:
        assert acl is None
    else:
        assert acl is not None and acl["ARN"] == a.alb.waf_web_acl_arn


def check_access(emu: Emulator, a: Answers, out: dict) -> None:
    check_egress(emu, a, out)
    check_task_roles(emu, a, out)
    check_service_connect(emu, a, out)
    check_service_connect_ingress(emu, a, out)
    check_alb_extras(emu, a, out)
