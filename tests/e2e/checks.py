"""What the emulator must hold after apply, checked through the AWS API (boto3). The
post-apply plan check and its known quirks are in idempotency.py.

Every check reads the *answers* (the user's intent) and compares with what the API returns,
so a renderer or module that drops or mangles a setting fails here even if it plans cleanly.
"""

from __future__ import annotations

import json
from typing import Any

from ecs_wizard.aws import naming
from ecs_wizard.emulator import Emulator
from ecs_wizard.model.answers import Answers

from . import checks_access

# ------------------------------------------------------------------------------------------
# API checks
# ------------------------------------------------------------------------------------------

PROVIDER_NAMES = {"fargate": "FARGATE", "fargate_spot": "FARGATE_SPOT"}


def check_alb(emu: Emulator, a: Answers, out: dict) -> dict[str, Any]:
    elb = emu.client("elbv2", a.project.region)
    lb = elb.describe_load_balancers(LoadBalancerArns=[out["alb_arn"]])["LoadBalancers"][0]
    assert lb["LoadBalancerName"] == naming.alb_name(a.project.name, a.project.environment)
    assert lb["Type"] == "application"
    # moto omits Scheme when CreateLoadBalancer did not send one; AWS's default applies then.
    assert lb.get("Scheme", "internet-facing") == (
        "internal" if a.alb.internal else "internet-facing"
    )
    assert sorted(z["SubnetId"] for z in lb["AvailabilityZones"]) == sorted(
        a.network.public_subnet_ids
    )
    assert lb["VpcId"] == a.network.vpc_id
    assert len(lb["SecurityGroups"]) == 1
    alb_sg = lb["SecurityGroups"][0]
    attrs = {
        x["Key"]: x["Value"]
        for x in elb.describe_load_balancer_attributes(LoadBalancerArn=lb["LoadBalancerArn"])[
            "Attributes"
        ]
    }
    assert attrs["idle_timeout.timeout_seconds"] == str(a.alb.idle_timeout)
    assert attrs["deletion_protection.enabled"] == str(a.alb.deletion_protection).lower()
    assert attrs.get("routing.http.drop_invalid_header_fields.enabled") == "true"
    if a.alb.access_logs is not None:
        assert attrs["access_logs.s3.enabled"] == "true"
        assert attrs["access_logs.s3.bucket"] == a.alb.access_logs.bucket
        assert attrs.get("access_logs.s3.prefix", "") == (a.alb.access_logs.prefix or "")

    listeners = {
        x["Port"]: x
        for x in elb.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]
    }
    expected_ports = {a.alb.http.port} | ({a.alb.https.port} if a.alb.https else set())
    assert set(listeners) == expected_ports
    http = listeners[a.alb.http.port]
    assert http["Protocol"] == "HTTP"
    tg_arns: dict[str, str] = out["target_group_arns"]
    if a.alb.https is not None:
        https = listeners[a.alb.https.port]
        assert https["Protocol"] == "HTTPS"
        assert https["SslPolicy"] == a.alb.https.ssl_policy
        certs = {
            c["CertificateArn"]
            for c in elb.describe_listener_certificates(ListenerArn=https["ListenerArn"])[
                "Certificates"
            ]
        } | {c["CertificateArn"] for c in https.get("Certificates", [])}
        acm = emu.client("acm", a.project.region)
        domains = set()
        for arn in certs:
            domains.add(acm.describe_certificate(CertificateArn=arn)["Certificate"]["DomainName"])
        for c in a.alb.https.certificates:
            if c.arn:
                assert c.arn in certs, f"certificate {c.arn} not on the HTTPS listener"
            else:
                assert c.domain in domains, f"no certificate for {c.domain} on the listener"
        assert len(certs) == len(a.alb.https.certificates)
        main = https
        if a.alb.http.redirect_to_https:
            (action,) = http["DefaultActions"]
            assert action["Type"] == "redirect"
            assert action["RedirectConfig"]["Protocol"] == "HTTPS"
            assert action["RedirectConfig"]["Port"] == str(a.alb.https.port)
            assert action["RedirectConfig"]["StatusCode"] == "HTTP_301"
    else:
        main = http
    (default,) = main["DefaultActions"]
    if a.alb.default_action.forward:
        assert default["Type"] == "forward"
        assert _forward_target(default) == tg_arns[a.alb.default_action.forward]
    else:
        fr = a.alb.default_action.fixed_response
        assert default["Type"] == "fixed-response"
        assert default["FixedResponseConfig"]["StatusCode"] == str(fr.status_code)
        assert default["FixedResponseConfig"]["ContentType"] == fr.content_type

    rules = [
        r
        for r in elb.describe_rules(ListenerArn=main["ListenerArn"])["Rules"]
        if not r["IsDefault"]
    ]
    by_priority = {int(r["Priority"]): r for r in rules}
    assert sorted(by_priority) == sorted(r.priority for r in a.routing)
    for rule in a.routing:
        got = by_priority[rule.priority]
        (action,) = got["Actions"]
        assert action["Type"] == "forward"
        assert _forward_target(action) == tg_arns[rule.service], rule.name
        conds = {c["Field"]: c for c in got["Conditions"]}
        expect = {
            "host-header": ("HostHeaderConfig", rule.hosts),
            "path-pattern": ("PathPatternConfig", rule.paths),
            "source-ip": ("SourceIpConfig", rule.source_ips),
            "http-request-method": ("HttpRequestMethodConfig", rule.methods),
        }
        for field_name, (config, values) in expect.items():
            if values:
                got_values = conds[field_name].get(config, {}).get("Values") or conds[
                    field_name
                ].get("Values")
                assert sorted(got_values) == sorted(values), (rule.name, field_name)
            else:
                assert field_name not in conds, (rule.name, field_name)

    for svc in a.lb_services():
        tg = elb.describe_target_groups(TargetGroupArns=[tg_arns[svc.name]])["TargetGroups"][0]
        port = next(c.port for c in svc.containers if c.name == svc.load_balancer.container)
        hc = svc.load_balancer.health_check
        assert tg["Port"] == port and tg["Protocol"] == "HTTP" and tg["TargetType"] == "ip"
        assert tg["VpcId"] == a.network.vpc_id
        assert tg["HealthCheckPath"] == hc.path
        assert tg["Matcher"]["HttpCode"] == hc.matcher
        assert lb["LoadBalancerArn"] in tg["LoadBalancerArns"]
        tg_attrs = {
            x["Key"]: x["Value"]
            for x in elb.describe_target_group_attributes(TargetGroupArn=tg["TargetGroupArn"])[
                "Attributes"
            ]
        }
        assert tg_attrs["deregistration_delay.timeout_seconds"] == str(
            svc.load_balancer.deregistration_delay
        )

    # ALB security group: listener ports from the configured CIDRs only.
    ec2 = emu.client("ec2", a.project.region)
    rules_ = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [alb_sg]}])
    ingress = [r for r in rules_["SecurityGroupRules"] if not r["IsEgress"]]
    assert {(r["FromPort"], r["ToPort"]) for r in ingress} == {(p, p) for p in expected_ports}
    assert {r.get("CidrIpv4") or r.get("CidrIpv6") for r in ingress} == set(a.alb.ingress_cidrs)
    return {"alb_sg": alb_sg}


def _forward_target(action: dict) -> str:
    if action.get("TargetGroupArn"):
        return action["TargetGroupArn"]
    (tg,) = action["ForwardConfig"]["TargetGroups"]
    return tg["TargetGroupArn"]


def check_cluster(emu: Emulator, a: Answers, out: dict) -> dict[str, str]:
    ecs = emu.client("ecs", a.project.region)
    (cluster,) = ecs.describe_clusters(clusters=[out["cluster_name"]], include=["SETTINGS"])[
        "clusters"
    ]
    assert cluster["clusterName"] == naming.cluster_name(a.project.name, a.project.environment)
    settings = {s["name"]: s["value"] for s in cluster.get("settings", [])}
    assert settings.get("containerInsights") == a.cluster.container_insights
    names = dict(PROVIDER_NAMES)
    if a.cluster.capacity.ec2 is not None:
        ec2_cp = [p for p in cluster["capacityProviders"] if p not in ("FARGATE", "FARGATE_SPOT")]
        assert len(ec2_cp) == 1, cluster["capacityProviders"]
        names["ec2"] = ec2_cp[0]
    assert sorted(cluster["capacityProviders"]) == sorted(
        names[p] for p in a.cluster.capacity.providers()
    )
    got = sorted(
        (s["capacityProvider"], s["weight"], s.get("base", 0))
        for s in cluster["defaultCapacityProviderStrategy"]
    )
    want = sorted(
        (names[s["provider"]], s["weight"], s["base"]) for s in a.default_capacity_strategy()
    )
    assert got == want
    return names


def check_services(
    emu: Emulator, a: Answers, out: dict, alb_sg: str | None, provider_names: dict[str, str]
) -> None:
    region = a.project.region
    ecs, ec2, iam, logs = (emu.client(s, region) for s in ("ecs", "ec2", "iam", "logs"))
    svc_names: dict[str, str] = out["service_names"]
    assert set(svc_names) == {s.name for s in a.services}
    described = ecs.describe_services(
        cluster=out["cluster_name"], services=list(svc_names.values())
    )
    assert not described["failures"]
    by_name = {s["serviceName"]: s for s in described["services"]}
    for svc in a.services:
        got = by_name[svc_names[svc.name]]
        assert got["status"] == "ACTIVE"
        assert got["desiredCount"] == svc.desired_count, svc.name
        net = got["networkConfiguration"]["awsvpcConfiguration"]
        assert sorted(net["subnets"]) == sorted(a.network.private_subnet_ids)
        assert net.get("assignPublicIp", "DISABLED") == "DISABLED"
        # The service's own task security group, and the extra ones of the answers.
        task_sg = out["task_security_group_ids"][svc.name]
        assert set(net["securityGroups"]) == {task_sg, *svc.security_group_ids}, svc.name
        if svc.load_balancer is not None:
            port = next(c.port for c in svc.containers if c.name == svc.load_balancer.container)
            (lb,) = got["loadBalancers"]
            assert lb["targetGroupArn"] == out["target_group_arns"][svc.name]
            assert (lb["containerName"], lb["containerPort"]) == (svc.load_balancer.container, port)
        else:
            assert not got.get("loadBalancers")

        # Tasks are reachable only from the ALB security group (and not at all without an LB).
        sg_rules = ec2.describe_security_group_rules(
            Filters=[{"Name": "group-id", "Values": [task_sg]}]
        )["SecurityGroupRules"]
        # (Service Connect's rules from the other services are checked in checks_access.)
        ingress = [
            r
            for r in sg_rules
            if not r["IsEgress"] and not r.get("Description", "").startswith("Service Connect:")
        ]
        if svc.load_balancer is not None:
            assert ingress, svc.name
            for r in ingress:
                assert not r.get("CidrIpv4") and not r.get("CidrIpv6"), r
                assert r["ReferencedGroupInfo"]["GroupId"] == alb_sg, r
                assert (r["FromPort"], r["ToPort"]) == (port, port)
        else:
            assert ingress == [], svc.name

        td = ecs.describe_task_definition(taskDefinition=got["taskDefinition"])["taskDefinition"]
        assert td["family"] == naming.service_name(a.project.name, a.project.environment, svc.name)
        assert td["cpu"] == str(svc.cpu) and td["memory"] == str(svc.memory)
        assert td["networkMode"] == "awsvpc"
        uses_ec2 = any(s["provider"] == "ec2" for s in a.capacity_strategy(svc))
        assert td["requiresCompatibilities"] == (["EC2"] if uses_ec2 else ["FARGATE"])
        containers = {c["name"]: c for c in td["containerDefinitions"]}
        assert set(containers) == {c.name for c in svc.containers}
        log_group = out["log_group_names"][svc.name]
        for c in svc.containers:
            cd = containers[c.name]
            assert cd["image"] == c.image
            ports = [p["containerPort"] for p in cd.get("portMappings", [])]
            assert ports == ([c.port] if c.port else [])
            env = {e["name"]: e["value"] for e in cd.get("environment", [])}
            assert env == dict(c.environment)
            secrets = {s["name"]: s["valueFrom"] for s in cd.get("secrets", [])}
            assert secrets == dict(c.secrets)
            for value in env.values():
                assert value not in c.secrets.values()
            lc = cd["logConfiguration"]
            assert lc["logDriver"] == "awslogs"
            assert lc["options"]["awslogs-group"] == log_group
            assert lc["options"]["awslogs-region"] == region
            if c.health_check is not None:
                assert cd["healthCheck"]["command"] == list(c.health_check.command)

        # IAM: the execution role pulls images / writes logs, reads exactly the secrets.
        exec_name = td["executionRoleArn"].split("/")[-1]
        trust = iam.get_role(RoleName=exec_name)["Role"]["AssumeRolePolicyDocument"]
        trust = json.loads(trust) if isinstance(trust, str) else trust
        assert "ecs-tasks.amazonaws.com" in json.dumps(trust)
        attached = {
            p["PolicyName"]
            for p in iam.list_attached_role_policies(RoleName=exec_name)["AttachedPolicies"]
        }
        assert "AmazonECSTaskExecutionRolePolicy" in attached
        all_secrets = {v for c in svc.containers for v in c.secrets.values()}
        inline = iam.list_role_policies(RoleName=exec_name)["PolicyNames"]
        if all_secrets:
            docs = [
                json.dumps(iam.get_role_policy(RoleName=exec_name, PolicyName=n)["PolicyDocument"])
                for n in inline
            ]
            for arn in all_secrets:
                assert any(arn in d for d in docs), f"{svc.name}: execution role cannot read {arn}"
        assert td.get("taskRoleArn"), svc.name
        iam.get_role(RoleName=td["taskRoleArn"].split("/")[-1])

        (group,) = [
            g
            for g in logs.describe_log_groups(logGroupNamePrefix=log_group)["logGroups"]
            if g["logGroupName"] == log_group
        ]
        assert group["retentionInDays"] == a.cluster.log_retention_days


def check_ec2_capacity(emu: Emulator, a: Answers, provider_names: dict[str, str]) -> None:
    ec2_cap = a.cluster.capacity.ec2
    if ec2_cap is None:
        return
    region = a.project.region
    ecs, ec2, asg_api = (emu.client(s, region) for s in ("ecs", "ec2", "autoscaling"))
    (cp,) = ecs.describe_capacity_providers(capacityProviders=[provider_names["ec2"]])[
        "capacityProviders"
    ]
    asgp = cp["autoScalingGroupProvider"]
    assert asgp["managedScaling"]["status"] == "ENABLED"
    assert asgp["managedScaling"]["targetCapacity"] == ec2_cap.target_capacity_percent
    asg_name = asgp["autoScalingGroupArn"].split("autoScalingGroupName/")[-1]
    (asg,) = asg_api.describe_auto_scaling_groups(AutoScalingGroupNames=[asg_name])[
        "AutoScalingGroups"
    ]
    assert (asg["MinSize"], asg["MaxSize"]) == (ec2_cap.min_size, ec2_cap.max_size)
    assert sorted(asg["VPCZoneIdentifier"].split(",")) == sorted(a.network.private_subnet_ids)
    tags = {t["Key"]: t["Value"] for t in asg["Tags"]}
    assert tags.get("AmazonECSManaged") == "true"
    spec = (
        asg.get("LaunchTemplate")
        or asg["MixedInstancesPolicy"]["LaunchTemplate"]["LaunchTemplateSpecification"]
    )
    versions = ec2.describe_launch_template_versions(LaunchTemplateId=spec["LaunchTemplateId"])[
        "LaunchTemplateVersions"
    ]
    data = max(versions, key=lambda v: v["VersionNumber"])["LaunchTemplateData"]
    assert data["MetadataOptions"]["HttpTokens"] == "required", "IMDSv2 must be required"
    types = {data.get("InstanceType")} | {
        o.get("InstanceType")
        for o in (asg.get("MixedInstancesPolicy") or {})
        .get("LaunchTemplate", {})
        .get("Overrides", [])
    }
    assert ec2_cap.instance_type in types
    (bdm,) = data["BlockDeviceMappings"]
    assert bdm["Ebs"]["VolumeSize"] == ec2_cap.root_volume_gb
    assert bdm["Ebs"]["Encrypted"] is True
    # Instances and their volumes carry the project's tags through the launch template
    # (default_tags do not reach what the Auto Scaling group launches).
    wanted = {
        **a.project.tags,
        "Project": a.project.name,
        "Environment": a.project.environment,
        "ManagedBy": "ecs-wizard",
    }
    launched = {
        s["ResourceType"]: {t["Key"]: t["Value"] for t in s["Tags"]}
        for s in data.get("TagSpecifications", [])
    }
    for kind in ("instance", "volume"):
        assert wanted.items() <= launched.get(kind, {}).items(), (kind, launched)


def check_all(emu: Emulator, a: Answers, out: dict) -> dict[str, str]:
    """Every API check; returns the capacity provider names (answers key → ECS name)."""
    alb = check_alb(emu, a, out)
    names = check_cluster(emu, a, out)
    check_services(emu, a, out, alb["alb_sg"], names)
    check_ec2_capacity(emu, a, names)
    checks_access.check_access(emu, a, out)
    return names


def check_service_settings(emu: Emulator, a: Answers, out: dict, names: dict[str, str]) -> None:
    """Strategy and deployment settings as DescribeServices returns them (the strict emulator
    keeps what CreateService/UpdateService were sent, and copies the cluster default
    strategy when a service is created without one, as AWS does)."""
    ecs = emu.client("ecs", a.project.region)
    svc_names: dict[str, str] = out["service_names"]
    described = ecs.describe_services(
        cluster=out["cluster_name"], services=list(svc_names.values())
    )["services"]
    by_name = {s["serviceName"]: s for s in described}
    for svc in a.services:
        got = by_name[svc_names[svc.name]]
        strategy = sorted(
            (s["capacityProvider"], s["weight"], s.get("base", 0))
            for s in got.get("capacityProviderStrategy", [])
        )
        want = sorted(
            (names[s["provider"]], s["weight"], s["base"]) for s in a.capacity_strategy(svc)
        )
        assert strategy == want, svc.name
        assert not got.get("launchType"), svc.name
        deployment = got["deploymentConfiguration"]
        assert deployment["minimumHealthyPercent"] == svc.deployment.minimum_healthy_percent
        assert deployment["maximumPercent"] == svc.deployment.maximum_percent
        assert deployment["deploymentCircuitBreaker"] == {
            "enable": True,
            "rollback": svc.deployment.circuit_breaker_rollback,
        }
        assert got["enableExecuteCommand"] == svc.enable_execute_command, svc.name


# ------------------------------------------------------------------------------------------
# What exists in the emulator (for "destroy leaves nothing behind")
# ------------------------------------------------------------------------------------------


# Kept by `terraform destroy` on purpose: the ecs-service module's task_definition_skip_destroy
# (default true) leaves task definition revisions ACTIVE, so that a rollback to an earlier
# revision works. Every other kind must be gone; test_day2 checks the kept revisions.
KEPT_ON_DESTROY = frozenset({"task_definitions"})


def leftovers(baseline: dict[str, set[str]], left: dict[str, set[str]]) -> dict[str, list[str]]:
    """What `left` holds beyond `baseline`, per kind, without the kinds kept on purpose."""
    new = {k: sorted(v - baseline.get(k, set())) for k, v in left.items()}
    return {k: v for k, v in new.items() if v and k not in KEPT_ON_DESTROY}


def inventory(emu: Emulator, region: str) -> dict[str, set[str]]:
    ecs, elb, ec2, iam, logs, asg, acm, r53 = (
        emu.client(s, region)
        for s in ("ecs", "elbv2", "ec2", "iam", "logs", "autoscaling", "acm", "route53")
    )
    inv: dict[str, set[str]] = {}
    inv["load_balancers"] = {
        x["LoadBalancerArn"] for x in elb.describe_load_balancers()["LoadBalancers"]
    }
    inv["target_groups"] = {
        x["TargetGroupArn"] for x in elb.describe_target_groups()["TargetGroups"]
    }
    clusters = ecs.list_clusters()["clusterArns"]
    inv["clusters"] = {
        c["clusterArn"]
        for c in (ecs.describe_clusters(clusters=clusters)["clusters"] if clusters else [])
        if c["status"] == "ACTIVE"
    }
    inv["task_definitions"] = set(ecs.list_task_definitions(status="ACTIVE")["taskDefinitionArns"])
    inv["security_groups"] = {
        g["GroupId"]
        for g in ec2.describe_security_groups()["SecurityGroups"]
        if g["GroupName"] != "default"
    }
    inv["launch_templates"] = {
        t["LaunchTemplateId"] for t in ec2.describe_launch_templates()["LaunchTemplates"]
    }
    inv["autoscaling_groups"] = {
        g["AutoScalingGroupName"] for g in asg.describe_auto_scaling_groups()["AutoScalingGroups"]
    }
    inv["iam_roles"] = {
        r["RoleName"]
        for r in iam.list_roles(PathPrefix="/")["Roles"]
        if not r["Path"].startswith("/aws-service-role/")
    }
    inv["instance_profiles"] = {
        p["InstanceProfileName"] for p in iam.list_instance_profiles()["InstanceProfiles"]
    }
    inv["log_groups"] = {g["logGroupName"] for g in logs.describe_log_groups()["logGroups"]}
    inv["certificates"] = {
        c["CertificateArn"] for c in acm.list_certificates()["CertificateSummaryList"]
    }
    records = set()
    for zone in r53.list_hosted_zones()["HostedZones"]:
        for rr in r53.list_resource_record_sets(HostedZoneId=zone["Id"])["ResourceRecordSets"]:
            if rr["Type"] not in ("SOA", "NS"):
                records.add(f"{zone['Id']}:{rr['Name']}:{rr['Type']}")
    inv["dns_records"] = records
    return inv
