"""A stricter moto: AWS behaviours the generated Terraform depends on, patched in at start.

moto is lenient where AWS is not, and that leniency hides real day-2 bugs (a plan that is
not empty after apply, a replacement AWS would refuse). This module patches moto's backends
and response handlers in the emulator process (no fork) and then runs `moto.server`:

    python -m ecs_wizard.emulator.strict -H 127.0.0.1 -p 5000

`Emulator` (server.py) starts the server this way. Each behaviour is listed in
`STRICT_BEHAVIOURS` with the AWS API reference it follows; tests/emulator/test_strict.py
shows each one through boto3 against the started server. The patches are written against
moto 5.2.x; `apply()` fails loudly if a patched attribute has gone, instead of silently
running a lenient emulator.

Only this process is affected: importing this module patches nothing until `apply()` runs.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

# id → (what real AWS does that moto 5.2 does not, the API reference it follows).
STRICT_BEHAVIOURS: dict[str, tuple[str, str]] = {
    "ecs-service-settings": (
        "CreateService keeps capacityProviderStrategy (copying the cluster's default strategy "
        "when neither a strategy nor a launch type is given, and then reporting no launch "
        "type), healthCheckGracePeriodSeconds, enableECSManagedTags and "
        "availabilityZoneRebalancing (ENABLED when not given), deploymentConfiguration and "
        "enableExecuteCommand, and DescribeServices returns them; UpdateService changes "
        "them (moto already stores those it is sent).",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
    ),
    "ecs-service-not-idempotent": (
        "CreateService refuses a name that is already an ACTIVE service in the cluster "
        "(InvalidParameterException 'Creation of service was not idempotent.'); moto replaced "
        "the service silently.",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
    ),
    "sg-rule-descriptions": (
        "DescribeSecurityGroupRules returns the description given to "
        "AuthorizeSecurityGroupIngress/Egress for rules that reference a security group or a "
        "prefix list (moto kept it only for CIDR rules).",
        "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroupRule.html",
    ),
    "sg-name-prefix": (
        "CreateSecurityGroup refuses group names that start with 'sg-' (InvalidParameterValue).",
        "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html",
    ),
    "launch-template-tags": (
        "CreateLaunchTemplate's TagSpecifications (resource type launch-template) tag the "
        "template only; moto also copied them into LaunchTemplateData.TagSpecifications, "
        "which the provider then reads back as a tag_specifications change.",
        "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html",
    ),
    "alb-deletion-protection": (
        "DeleteLoadBalancer is refused (OperationNotPermitted) while the attribute "
        "deletion_protection.enabled is true; moto deleted the load balancer.",
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DeleteLoadBalancer.html",
    ),
    "listener-rule-priorities": (
        "CreateRule and SetRulePriorities raise PriorityInUse when another rule of the "
        "listener holds the priority after the call; SetRulePriorities checks the new order "
        "as a whole (a swap in one call is allowed, setting a rule to its own priority is a "
        "no-op) where moto refused both. ModifyRule takes no priority.",
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetRulePriorities.html",
    ),
    "appautoscaling-tags": (
        "Application Auto Scaling keeps the Tags given to RegisterScalableTarget and answers "
        "ListTagsForResource, TagResource and UntagResource (ResourceNotFoundException for an "
        "unknown ARN); moto answered HTTP 500, so no service with autoscaling could apply.",
        "https://docs.aws.amazon.com/autoscaling/application/APIReference/API_ListTagsForResource.html",
    ),
    "ecs-service-connect": (
        "CreateService and UpdateService keep serviceConnectConfiguration and DescribeServices "
        "returns it on the PRIMARY deployment (moto dropped it); UpdateService without it keeps "
        "the configuration; an enabled configuration needs an existing Cloud Map namespace "
        "(InvalidParameterException). In strict_connect.py.",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectConfiguration.html",
    ),
    "asg-instance-refresh": (
        "StartInstanceRefresh starts a refresh of an existing Auto Scaling group and returns its "
        "InstanceRefreshId; DescribeInstanceRefreshes lists it (the emulator has no instances "
        "to replace, so it is Successful at once). moto had neither, so no launch template "
        "change of a group with an instance_refresh block could apply.",
        "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_StartInstanceRefresh.html",
    ),
}

_applied = False


def _wrap(owner: type, name: str, make: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
    original = getattr(owner, name, None)
    if original is None:
        raise RuntimeError(f"strict emulator: moto has no {owner.__name__}.{name} to patch")
    setattr(owner, name, functools.wraps(original)(make(original)))


def _patch_ecs() -> None:
    from moto.ecs.exceptions import InvalidParameterException, ServiceNotFoundException
    from moto.ecs.models import EC2ContainerServiceBackend
    from moto.ecs.responses import EC2ContainerServiceResponse

    def create_service(original: Callable[..., Any]) -> Callable[..., Any]:
        def patched(self: Any) -> Any:
            backend: EC2ContainerServiceBackend = self.ecs_backend
            cluster_str = self._get_param("cluster", "default")
            name = self._get_param("serviceName")
            try:
                existing = backend._get_service(cluster_str, name)
            except ServiceNotFoundException:
                existing = None
            if existing is not None and existing.status == "ACTIVE":
                raise InvalidParameterException("Creation of service was not idempotent.")
            strategy = self._get_param("capacityProviderStrategy")
            launch_type = self._get_param("launchType")
            grace = self._get_param("healthCheckGracePeriodSeconds")
            managed_tags = self._get_param("enableECSManagedTags")
            rebalancing = self._get_param("availabilityZoneRebalancing")
            deployment_configuration = self._get_param("deploymentConfiguration")
            execute_command = self._get_param("enableExecuteCommand")
            result = original(self)
            service = backend._get_service(cluster_str, name)
            if not strategy and not launch_type:
                cluster = backend._get_cluster(cluster_str)
                strategy = list(cluster.default_capacity_provider_strategy or [])
            if strategy:
                service.capacity_provider_strategy = [
                    {"base": 0, **s} for s in strategy
                ]  # AWS reports base 0 when it was not given
                service.launch_type = None
                for deployment in service.deployments:
                    deployment["launchType"] = None
                    deployment["capacityProviderStrategy"] = service.capacity_provider_strategy
            if grace is not None:
                service.health_check_grace_period_seconds = int(grace)
            service.enable_ecs_managed_tags = bool(managed_tags)
            service.availability_zone_rebalancing = rebalancing or "ENABLED"
            if deployment_configuration is not None:
                service.deployment_configuration = deployment_configuration
            service.enable_execute_command = bool(execute_command)
            return result

        return patched

    def update_service(original: Callable[..., Any]) -> Callable[..., Any]:
        def patched(self: Any) -> Any:
            result = original(self)
            if self._get_param("capacityProviderStrategy"):
                service = self.ecs_backend._get_service(
                    self._get_param("cluster", "default"), self._get_param("service")
                )
                service.launch_type = None
                service.capacity_provider_strategy = [
                    {"base": 0, **s} for s in service.capacity_provider_strategy
                ]
            return result

        return patched

    _wrap(EC2ContainerServiceResponse, "create_service", create_service)
    _wrap(EC2ContainerServiceResponse, "update_service", update_service)


def _patch_ec2() -> None:
    from moto.ec2.exceptions import EC2ClientError
    from moto.ec2.models.launch_templates import LaunchTemplateBackend
    from moto.ec2.models.security_groups import SecurityGroupBackend, SecurityGroupRule

    def create_security_group(original: Callable[..., Any]) -> Callable[..., Any]:
        def patched(self: Any, name: str, *args: Any, **kwargs: Any) -> Any:
            if name.lower().startswith("sg-"):
                raise EC2ClientError(
                    "InvalidParameterValue",
                    f"Invalid security group name '{name}': group names may not be in the "
                    "format sg-*.",
                )
            return original(self, name, *args, **kwargs)

        return patched

    def rule_init(original: Callable[..., Any]) -> Callable[..., Any]:
        def patched(self: Any, *args: Any, **kwargs: Any) -> None:
            original(self, *args, **kwargs)
            prefix_list = kwargs.get("prefix_list_id")
            if prefix_list is None and len(args) > 7:
                prefix_list = args[7]
            self._strict_prefix_list_description = (prefix_list or {}).get("Description")

        return patched

    def description(self: Any) -> str | None:
        return (
            self.ip_range.get("Description")
            or (self.source_group or {}).get("Description")
            or getattr(self, "_strict_prefix_list_description", None)
        )

    def create_launch_template(original: Callable[..., Any]) -> Callable[..., Any]:
        def patched(self: Any, name: str, description: Any, data: dict, tag_spec: Any) -> Any:
            specs = [
                s
                for s in data.get("TagSpecifications") or []
                if s.get("ResourceType") != "launch-template"
            ]
            if specs:
                data["TagSpecifications"] = specs
            else:
                data.pop("TagSpecifications", None)
            return original(self, name, description, data, tag_spec)

        return patched

    _wrap(SecurityGroupBackend, "create_security_group", create_security_group)
    _wrap(SecurityGroupRule, "__init__", rule_init)
    if not isinstance(SecurityGroupRule.__dict__.get("description"), property):
        raise RuntimeError("strict emulator: moto's SecurityGroupRule.description changed")
    SecurityGroupRule.description = property(description)  # type: ignore[assignment]
    _wrap(LaunchTemplateBackend, "create_launch_template", create_launch_template)


def _patch_elbv2() -> None:
    from moto.elbv2.exceptions import ELBClientError, PriorityInUseError
    from moto.elbv2.models import ELBv2Backend

    def delete_load_balancer(original: Callable[..., Any]) -> Callable[..., Any]:
        def patched(self: Any, arn: str) -> None:
            lb = self.load_balancers.get(arn)
            if lb is not None and lb.attrs.get("deletion_protection.enabled") == "true":
                raise ELBClientError(
                    "OperationNotPermitted",
                    f"Load balancer '{arn}' cannot be deleted because deletion protection "
                    "is enabled",
                )
            original(self, arn)

        return patched

    def set_rule_priorities(original: Callable[..., Any]) -> Callable[..., Any]:
        def patched(self: Any, rule_priorities: list[dict[str, Any]]) -> Any:
            wanted = {rp["RuleArn"]: int(rp["Priority"]) for rp in rule_priorities}
            if len(set(wanted.values())) == len(wanted):  # duplicates: moto's own error
                for arn, priority in wanted.items():
                    (rule,) = self.describe_rules(listener_arn=None, rule_arns=[arn])
                    (listener,) = self.describe_listeners(None, [rule.listener_arn])
                    for other in listener.rules.values():
                        if other.arn in wanted or other.priority == "default":
                            continue
                        if int(other.priority) == priority:
                            raise PriorityInUseError()
                # The new order is free of conflicts: apply it without moto's check, which
                # also counted the rules being moved (and a rule's own priority).
                modified = []
                for arn, priority in wanted.items():
                    (rule,) = self.describe_rules(listener_arn=None, rule_arns=[arn])
                    rule.priority = priority
                    modified.append(rule)
                return modified
            return original(self, rule_priorities)

        return patched

    _wrap(ELBv2Backend, "delete_load_balancer", delete_load_balancer)
    _wrap(ELBv2Backend, "set_rule_priorities", set_rule_priorities)


def _patch_appautoscaling() -> None:
    import json

    from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse
    from moto.core.exceptions import JsonRESTError

    def tags_of(response: Any, arn: str) -> dict[str, str]:
        backend = response.applicationautoscaling_backend
        store: dict[str, dict[str, str]] = backend.__dict__.setdefault("_strict_tags", {})
        known = {t.arn for by_id in backend.targets.values() for t in by_id.values()}
        if arn not in known:
            store.pop(arn, None)
            raise JsonRESTError(
                "ResourceNotFoundException", f"No scalable target found for ARN {arn}"
            )
        return store.setdefault(arn, {})

    def register_scalable_target(original: Callable[..., Any]) -> Callable[..., Any]:
        def patched(self: Any) -> str:
            body = original(self)
            tags = self._get_param("Tags") or {}
            tags_of(self, json.loads(body)["ScalableTargetARN"]).update(tags)
            return body

        return patched

    def list_tags_for_resource(self: Any) -> str:
        return json.dumps({"Tags": tags_of(self, self._get_param("ResourceARN"))})

    def tag_resource(self: Any) -> str:
        tags_of(self, self._get_param("ResourceARN")).update(self._get_param("Tags") or {})
        return "{}"

    def untag_resource(self: Any) -> str:
        tags = tags_of(self, self._get_param("ResourceARN"))
        for key in self._get_param("TagKeys") or []:
            tags.pop(key, None)
        return "{}"

    _wrap(ApplicationAutoScalingResponse, "register_scalable_target", register_scalable_target)
    for name, method in (
        ("list_tags_for_resource", list_tags_for_resource),
        ("tag_resource", tag_resource),
        ("untag_resource", untag_resource),
    ):
        if hasattr(ApplicationAutoScalingResponse, name):
            raise RuntimeError(f"strict emulator: moto now has {name}; drop the strict one")
        setattr(ApplicationAutoScalingResponse, name, method)


def _patch_autoscaling() -> None:
    import datetime
    import uuid

    from moto.autoscaling.exceptions import ValidationError
    from moto.autoscaling.responses import AutoScalingResponse
    from moto.core.responses import ActionResult

    def refreshes_of(response: Any, group: str) -> list[dict[str, Any]]:
        backend = response.autoscaling_backend
        if group not in backend.autoscaling_groups:
            raise ValidationError(f"AutoScalingGroup name not found - {group}")
        store: dict[str, list[dict[str, Any]]] = backend.__dict__.setdefault("_strict_refresh", {})
        return store.setdefault(group, [])

    def start_instance_refresh(self: Any) -> ActionResult:
        group = self._get_param("AutoScalingGroupName")
        now = datetime.datetime.now(datetime.UTC)
        refresh = {
            "InstanceRefreshId": str(uuid.uuid4()),
            "AutoScalingGroupName": group,
            "Status": "Successful",
            "StatusReason": "No instances to replace in the emulator.",
            "StartTime": now,
            "EndTime": now,
            "PercentageComplete": 100,
            "InstancesToUpdate": 0,
        }
        refreshes_of(self, group).insert(0, refresh)
        return ActionResult({"InstanceRefreshId": refresh["InstanceRefreshId"]})

    def describe_instance_refreshes(self: Any) -> ActionResult:
        refreshes = refreshes_of(self, self._get_param("AutoScalingGroupName"))
        ids = self._get_param("InstanceRefreshIds") or []
        found = [r for r in refreshes if not ids or r["InstanceRefreshId"] in ids]
        return ActionResult({"InstanceRefreshes": found})

    for name, method in (
        ("start_instance_refresh", start_instance_refresh),
        ("describe_instance_refreshes", describe_instance_refreshes),
    ):
        if hasattr(AutoScalingResponse, name):
            raise RuntimeError(f"strict emulator: moto now has {name}; drop the strict one")
        setattr(AutoScalingResponse, name, method)


def apply() -> None:
    """Patch moto in this process (idempotent)."""
    global _applied
    if _applied:
        return
    from ecs_wizard.emulator import strict_connect

    _patch_ecs()
    strict_connect.patch(_wrap)
    _patch_ec2()
    _patch_elbv2()
    _patch_appautoscaling()
    _patch_autoscaling()
    _applied = True


def main(argv: list[str] | None = None) -> None:
    """Run moto's server with the strict behaviours (same arguments as `moto.server`)."""
    apply()
    from moto.server import main as moto_main

    moto_main(argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    main()
