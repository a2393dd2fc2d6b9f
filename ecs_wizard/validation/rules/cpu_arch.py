"""CPU architecture: a service's `cpu_architecture` against the capacity its tasks run on
(Fargate Spot runs X86_64 only; EC2 tasks must match the instances' architecture)."""

from __future__ import annotations

from collections.abc import Iterator

from ecs_wizard.aws import catalog
from ecs_wizard.model.answers import Answers, Service
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.registry import check, finding

_ECS_DOCS = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide"
_SPOT = f"{_ECS_DOCS}/fargate-capacity-providers.html"
_ARM64 = f"{_ECS_DOCS}/ecs-arm64.html"


def _strategy_names(a: Answers, s: Service) -> list[str]:
    return [item["provider"] for item in a.capacity_strategy(s)]


def _where(s: Service) -> str:
    if s.capacity is None:
        return "the cluster's default strategy (services without `capacity`)"
    return "this service's capacity"


@check(
    id="E-SERVICES-ARM64-SPOT",
    severity="error",
    title="ARM64 tasks do not run on Fargate Spot",
    doc=_SPOT,
    tags=("services", "capacity"),
)
def arm64_spot(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        if s.cpu_architecture != "ARM64" or "fargate_spot" not in _strategy_names(a, s):
            continue
        yield finding(
            f"services[{i}].cpu_architecture",
            f"ARM64 tasks cannot run on Fargate Spot (X86_64 only), and {_where(s)} "
            "includes fargate_spot",
            f"set services[{i}].capacity: [fargate] (on-demand Fargate runs ARM64), or set "
            "cpu_architecture: X86_64 and build the image for linux/amd64",
            s.cpu_architecture,
        )


@check(
    id="E-SERVICES-ARCH-EC2",
    severity="error",
    title="Tasks on EC2 capacity have the instances' CPU architecture",
    doc=_ARM64,
    tags=("services", "capacity"),
)
def arch_ec2(a: Answers) -> Iterator[Issue]:
    ec2 = a.cluster.capacity.ec2
    if ec2 is None:
        return
    graviton = catalog.is_graviton(ec2.instance_type)
    for i, s in enumerate(a.services):
        if s.cpu_architecture is None or "ec2" not in _strategy_names(a, s):
            continue
        path = f"services[{i}].cpu_architecture"
        if s.cpu_architecture == "ARM64" and not graviton:
            yield finding(
                path,
                f"ARM64 tasks need Graviton instances, but cluster.capacity.ec2.instance_type "
                f"{ec2.instance_type} is x86_64",
                "use a Graviton instance type (a `g` after the generation digit: m7g.large, "
                "c7g.large, t4g.medium), or set cpu_architecture: X86_64",
                s.cpu_architecture,
            )
        elif s.cpu_architecture == "X86_64" and graviton:
            yield finding(
                path,
                f"X86_64 tasks cannot run on Graviton instances: cluster.capacity.ec2."
                f"instance_type {ec2.instance_type} is arm64",
                "set cpu_architecture: ARM64 (or remove it: EC2 tasks follow the instances) and "
                "build the image for linux/arm64, or use an x86_64 type such as m7i.large",
                s.cpu_architecture,
            )
