"""The strict emulator layer (ecs_wizard.emulator.strict): each AWS behaviour it adds to moto,
shown through boto3 against the started emulator. Each of these failed on plain moto 5.2.5.
"""

from __future__ import annotations

import botocore.exceptions
import pytest

from ecs_wizard.emulator import Emulator
from ecs_wizard.emulator.strict import STRICT_BEHAVIOURS

pytestmark = pytest.mark.emulator

# behaviour id → the tests below that show it (a new behaviour needs a test).
TESTED = {
    "ecs-service-settings": ("test_create_service_keeps_strategy_and_settings",),
    "ecs-service-not-idempotent": ("test_create_service_refuses_an_active_duplicate",),
    "sg-rule-descriptions": ("test_security_group_rule_descriptions_are_kept",),
    "sg-name-prefix": ("test_security_group_names_may_not_start_with_sg",),
    "launch-template-tags": ("test_launch_template_tags_stay_on_the_template",),
    "alb-deletion-protection": ("test_delete_load_balancer_honours_deletion_protection",),
    "listener-rule-priorities": ("test_listener_rule_priorities",),
    "appautoscaling-tags": ("test_application_autoscaling_tags",),
    "ecs-service-connect": ("test_service_connect_configuration_is_kept",),
    "asg-instance-refresh": ("test_instance_refresh_of_an_auto_scaling_group",),
}


def test_every_behaviour_is_documented_and_tested() -> None:
    assert set(TESTED) == set(STRICT_BEHAVIOURS)
    for what, link in STRICT_BEHAVIOURS.values():
        assert what and link.startswith("https://docs.aws.amazon.com/"), link
    for names in TESTED.values():
        for name in names:
            assert callable(globals()[name])


def _error(exc: pytest.ExceptionInfo[botocore.exceptions.ClientError]) -> tuple[str, str]:
    err = exc.value.response["Error"]
    return err["Code"], err["Message"]


@pytest.fixture
def net(fresh_emulator: Emulator):
    ec2 = fresh_emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.7.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.7.{i}.0/24", AvailabilityZone=f"eu-west-1{z}")[
            "Subnet"
        ]["SubnetId"]
        for i, z in ((1, "a"), (2, "b"))
    ]
    sg = ec2.create_security_group(GroupName="tasks", Description="t", VpcId=vpc)["GroupId"]
    return {"ec2": ec2, "vpc": vpc, "subnets": subnets, "sg": sg}


def _ecs_cluster(emu: Emulator, net: dict) -> tuple:
    ecs = emu.client("ecs")
    ecs.create_cluster(
        clusterName="c",
        capacityProviders=["FARGATE", "FARGATE_SPOT"],
        defaultCapacityProviderStrategy=[
            {"capacityProvider": "FARGATE", "weight": 1, "base": 1},
            {"capacityProvider": "FARGATE_SPOT", "weight": 3},
        ],
    )
    ecs.register_task_definition(
        family="f",
        networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"],
        cpu="256",
        memory="512",
        containerDefinitions=[{"name": "x", "image": "nginx"}],
    )
    nc = {"awsvpcConfiguration": {"subnets": net["subnets"][:1], "securityGroups": [net["sg"]]}}
    return ecs, nc


def _described(ecs, name: str) -> dict:
    (svc,) = ecs.describe_services(cluster="c", services=[name])["services"]
    return svc


def test_create_service_keeps_strategy_and_settings(fresh_emulator: Emulator, net) -> None:
    ecs, nc = _ecs_cluster(fresh_emulator, net)
    own = [{"capacityProvider": "FARGATE_SPOT", "weight": 2, "base": 0}]
    deployment = {
        "minimumHealthyPercent": 50,
        "maximumPercent": 200,
        "deploymentCircuitBreaker": {"enable": True, "rollback": False},
    }
    ecs.create_service(
        cluster="c",
        serviceName="own",
        taskDefinition="f",
        desiredCount=1,
        capacityProviderStrategy=own,
        healthCheckGracePeriodSeconds=60,
        enableECSManagedTags=True,
        availabilityZoneRebalancing="DISABLED",
        deploymentController={"type": "ECS"},
        deploymentConfiguration=deployment,
        enableExecuteCommand=True,
        networkConfiguration=nc,
    )
    svc = _described(ecs, "own")
    assert svc["capacityProviderStrategy"] == own
    assert "launchType" not in svc  # a strategy, not a launch type
    assert svc["healthCheckGracePeriodSeconds"] == 60
    assert svc["enableECSManagedTags"] is True
    assert svc["availabilityZoneRebalancing"] == "DISABLED"
    assert svc["deploymentController"] == {"type": "ECS"}
    assert svc["deploymentConfiguration"] == deployment
    assert svc["enableExecuteCommand"] is True

    # Neither a strategy nor a launch type: the cluster's default strategy is copied.
    ecs.create_service(
        cluster="c", serviceName="dflt", taskDefinition="f", desiredCount=1, networkConfiguration=nc
    )
    svc = _described(ecs, "dflt")
    assert svc["capacityProviderStrategy"] == [
        {"capacityProvider": "FARGATE", "weight": 1, "base": 1},
        {"capacityProvider": "FARGATE_SPOT", "weight": 3, "base": 0},
    ]
    assert svc["enableECSManagedTags"] is False and svc["enableExecuteCommand"] is False
    assert svc["availabilityZoneRebalancing"] == "ENABLED"  # AWS's default on create

    # A launch type: no strategy is copied.
    ecs.create_service(
        cluster="c",
        serviceName="lt",
        taskDefinition="f",
        desiredCount=1,
        launchType="FARGATE",
        networkConfiguration=nc,
    )
    svc = _described(ecs, "lt")
    assert svc["launchType"] == "FARGATE" and not svc.get("capacityProviderStrategy")

    # UpdateService changes them in place.
    ecs.update_service(
        cluster="c",
        service="own",
        capacityProviderStrategy=[{"capacityProvider": "FARGATE", "weight": 1}],
        healthCheckGracePeriodSeconds=5,
        enableECSManagedTags=False,
        availabilityZoneRebalancing="ENABLED",
        forceNewDeployment=True,
    )
    svc = _described(ecs, "own")
    assert svc["capacityProviderStrategy"] == [
        {"capacityProvider": "FARGATE", "weight": 1, "base": 0}
    ]
    assert svc["healthCheckGracePeriodSeconds"] == 5
    assert svc["enableECSManagedTags"] is False
    assert svc["availabilityZoneRebalancing"] == "ENABLED"


def test_create_service_refuses_an_active_duplicate(fresh_emulator: Emulator, net) -> None:
    ecs, nc = _ecs_cluster(fresh_emulator, net)
    args = {"cluster": "c", "serviceName": "s", "taskDefinition": "f", "networkConfiguration": nc}
    ecs.create_service(desiredCount=1, **args)
    with pytest.raises(botocore.exceptions.ClientError) as exc:
        ecs.create_service(desiredCount=2, **args)
    assert _error(exc) == ("InvalidParameterException", "Creation of service was not idempotent.")
    assert _described(ecs, "s")["desiredCount"] == 1  # the first one is untouched
    # Once deleted (no longer ACTIVE) the name can be used again, as on AWS.
    ecs.delete_service(cluster="c", service="s", force=True)
    ecs.create_service(desiredCount=2, **args)
    assert _described(ecs, "s")["desiredCount"] == 2


def test_security_group_rule_descriptions_are_kept(fresh_emulator: Emulator, net) -> None:
    ec2, sg = net["ec2"], net["sg"]
    other = ec2.create_security_group(GroupName="alb", Description="a", VpcId=net["vpc"])["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=sg,
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 8080,
                "ToPort": 8080,
                "UserIdGroupPairs": [{"GroupId": other, "Description": "from the ALB"}],
            },
            {
                "IpProtocol": "tcp",
                "FromPort": 80,
                "ToPort": 80,
                "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "HTTP"}],
            },
        ],
    )
    ec2.authorize_security_group_egress(
        GroupId=other,
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 8080,
                "ToPort": 8080,
                "UserIdGroupPairs": [{"GroupId": sg, "Description": "to the tasks"}],
            }
        ],
    )
    rules = ec2.describe_security_group_rules(
        Filters=[{"Name": "group-id", "Values": [sg, other]}]
    )["SecurityGroupRules"]
    got = {(r["GroupId"], r["IsEgress"], r["FromPort"]): r.get("Description") for r in rules}
    assert got[(sg, False, 8080)] == "from the ALB"
    assert got[(sg, False, 80)] == "HTTP"
    assert got[(other, True, 8080)] == "to the tasks"


def test_security_group_names_may_not_start_with_sg(fresh_emulator: Emulator, net) -> None:
    ec2 = net["ec2"]
    for name in ("sg-web", "SG-web"):
        with pytest.raises(botocore.exceptions.ClientError) as exc:
            ec2.create_security_group(GroupName=name, Description="d", VpcId=net["vpc"])
        code, message = _error(exc)
        assert code == "InvalidParameterValue" and "sg-" in message
    ec2.create_security_group(GroupName="web-sg-1", Description="d", VpcId=net["vpc"])


def test_launch_template_tags_stay_on_the_template(fresh_emulator: Emulator) -> None:
    ec2 = fresh_emulator.client("ec2")
    lt = ec2.create_launch_template(
        LaunchTemplateName="lt",
        LaunchTemplateData={
            "InstanceType": "t3.micro",
            "TagSpecifications": [
                {"ResourceType": "instance", "Tags": [{"Key": "i", "Value": "1"}]}
            ],
        },
        TagSpecifications=[
            {"ResourceType": "launch-template", "Tags": [{"Key": "Project", "Value": "p"}]}
        ],
    )["LaunchTemplate"]
    (described,) = ec2.describe_launch_templates(LaunchTemplateIds=[lt["LaunchTemplateId"]])[
        "LaunchTemplates"
    ]
    assert described["Tags"] == [{"Key": "Project", "Value": "p"}]
    (version,) = ec2.describe_launch_template_versions(LaunchTemplateId=lt["LaunchTemplateId"])[
        "LaunchTemplateVersions"
    ]
    assert version["LaunchTemplateData"]["TagSpecifications"] == [
        {"ResourceType": "instance", "Tags": [{"Key": "i", "Value": "1"}]}
    ]


def _alb(fresh_emulator: Emulator, net: dict) -> tuple:
    elb = fresh_emulator.client("elbv2")
    lb = elb.create_load_balancer(Name="lb", Subnets=net["subnets"], SecurityGroups=[net["sg"]])[
        "LoadBalancers"
    ][0]["LoadBalancerArn"]
    return elb, lb


def test_delete_load_balancer_honours_deletion_protection(fresh_emulator: Emulator, net) -> None:
    elb, lb = _alb(fresh_emulator, net)

    def protect(on: bool) -> None:
        elb.modify_load_balancer_attributes(
            LoadBalancerArn=lb,
            Attributes=[{"Key": "deletion_protection.enabled", "Value": str(on).lower()}],
        )

    protect(True)
    with pytest.raises(botocore.exceptions.ClientError) as exc:
        elb.delete_load_balancer(LoadBalancerArn=lb)
    code, message = _error(exc)
    assert code == "OperationNotPermitted" and "deletion protection" in message
    assert [x["LoadBalancerArn"] for x in elb.describe_load_balancers()["LoadBalancers"]] == [lb]
    protect(False)
    elb.delete_load_balancer(LoadBalancerArn=lb)
    assert elb.describe_load_balancers()["LoadBalancers"] == []


def test_listener_rule_priorities(fresh_emulator: Emulator, net) -> None:
    elb, lb = _alb(fresh_emulator, net)
    tg = elb.create_target_group(
        Name="tg", Protocol="HTTP", Port=80, VpcId=net["vpc"], TargetType="ip"
    )["TargetGroups"][0]["TargetGroupArn"]
    forward = [{"Type": "forward", "TargetGroupArn": tg}]
    listener = elb.create_listener(
        LoadBalancerArn=lb, Protocol="HTTP", Port=80, DefaultActions=forward
    )["Listeners"][0]["ListenerArn"]

    def rule(priority: int, path: str) -> str:
        return elb.create_rule(
            ListenerArn=listener,
            Priority=priority,
            Conditions=[{"Field": "path-pattern", "Values": [path]}],
            Actions=forward,
        )["Rules"][0]["RuleArn"]

    def priorities() -> dict[str, str]:
        return {
            r["RuleArn"]: r["Priority"]
            for r in elb.describe_rules(ListenerArn=listener)["Rules"]
            if not r["IsDefault"]
        }

    a, b = rule(10, "/a"), rule(20, "/b")
    with pytest.raises(botocore.exceptions.ClientError) as exc:
        rule(10, "/c")  # CreateRule
    assert _error(exc)[0] == "PriorityInUse"
    with pytest.raises(botocore.exceptions.ClientError) as exc:
        elb.set_rule_priorities(RulePriorities=[{"RuleArn": b, "Priority": 10}])
    assert _error(exc)[0] == "PriorityInUse"
    assert priorities() == {a: "10", b: "20"}
    # A swap in one call is a conflict-free new order; a rule keeping its priority is a no-op.
    elb.set_rule_priorities(
        RulePriorities=[{"RuleArn": a, "Priority": 20}, {"RuleArn": b, "Priority": 10}]
    )
    assert priorities() == {a: "20", b: "10"}
    elb.set_rule_priorities(RulePriorities=[{"RuleArn": a, "Priority": 20}])
    assert priorities() == {a: "20", b: "10"}


def test_application_autoscaling_tags(fresh_emulator: Emulator, net) -> None:
    ecs, nc = _ecs_cluster(fresh_emulator, net)
    ecs.create_service(
        cluster="c", serviceName="s", taskDefinition="f", desiredCount=1, networkConfiguration=nc
    )
    aas = fresh_emulator.client("application-autoscaling")
    arn = aas.register_scalable_target(
        ServiceNamespace="ecs",
        ResourceId="service/c/s",
        ScalableDimension="ecs:service:DesiredCount",
        MinCapacity=1,
        MaxCapacity=3,
        Tags={"Project": "p"},
    )["ScalableTargetARN"]
    assert aas.list_tags_for_resource(ResourceARN=arn)["Tags"] == {"Project": "p"}
    aas.tag_resource(ResourceARN=arn, Tags={"Team": "t"})
    aas.untag_resource(ResourceARN=arn, TagKeys=["Project"])
    assert aas.list_tags_for_resource(ResourceARN=arn)["Tags"] == {"Team": "t"}
    with pytest.raises(botocore.exceptions.ClientError) as exc:
        aas.list_tags_for_resource(ResourceARN=arn[:-1] + "0")
    assert _error(exc)[0] == "ResourceNotFoundException"


def test_service_connect_configuration_is_kept(fresh_emulator: Emulator, net) -> None:
    ecs, nc = _ecs_cluster(fresh_emulator, net)
    sd = fresh_emulator.client("servicediscovery")
    sd.create_http_namespace(Name="shop.internal")
    (ns,) = sd.list_namespaces()["Namespaces"]
    config = {
        "enabled": True,
        "namespace": ns["Arn"],
        "services": [
            {
                "portName": "http",
                "discoveryName": "api",
                "clientAliases": [{"port": 8080, "dnsName": "api"}],
            }
        ],
    }
    args = {"cluster": "c", "taskDefinition": "f", "desiredCount": 1, "networkConfiguration": nc}
    ecs.create_service(serviceName="api", serviceConnectConfiguration=config, **args)

    def primary(name: str) -> dict:
        (d,) = [d for d in _described(ecs, name)["deployments"] if d["status"] == "PRIMARY"]
        return d

    assert primary("api")["serviceConnectConfiguration"] == config
    # UpdateService without it keeps it; with it, replaces it.
    ecs.update_service(cluster="c", service="api", desiredCount=2, forceNewDeployment=True)
    assert primary("api")["serviceConnectConfiguration"] == config
    client_only = {"enabled": True, "namespace": ns["Arn"]}
    ecs.update_service(cluster="c", service="api", serviceConnectConfiguration=client_only)
    assert primary("api")["serviceConnectConfiguration"] == client_only
    # An unknown namespace is refused, as on AWS.
    with pytest.raises(botocore.exceptions.ClientError) as exc:
        ecs.create_service(
            serviceName="web",
            serviceConnectConfiguration={"enabled": True, "namespace": "nope.internal"},
            **args,
        )
    assert _error(exc)[0] == "InvalidParameterException"


def test_instance_refresh_of_an_auto_scaling_group(fresh_emulator: Emulator, net) -> None:
    ec2, asg = net["ec2"], fresh_emulator.client("autoscaling")
    lt = ec2.create_launch_template(
        LaunchTemplateName="refresh", LaunchTemplateData={"ImageId": "ami-12c6146b"}
    )["LaunchTemplate"]["LaunchTemplateId"]
    asg.create_auto_scaling_group(
        AutoScalingGroupName="g",
        MinSize=0,
        MaxSize=1,
        LaunchTemplate={"LaunchTemplateId": lt, "Version": "$Latest"},
        VPCZoneIdentifier=net["subnets"][0],
    )
    started = asg.start_instance_refresh(
        AutoScalingGroupName="g",
        Strategy="Rolling",
        Preferences={"MinHealthyPercentage": 100, "MaxHealthyPercentage": 200},
    )["InstanceRefreshId"]
    (refresh,) = asg.describe_instance_refreshes(AutoScalingGroupName="g")["InstanceRefreshes"]
    assert (refresh["InstanceRefreshId"], refresh["Status"]) == (started, "Successful")
    with pytest.raises(botocore.exceptions.ClientError) as exc:
        asg.start_instance_refresh(AutoScalingGroupName="nope")
    assert _error(exc)[0] == "ValidationError"
