"""Capacity: the cluster's capacity providers, the EC2 Auto Scaling group, task sizes (Fargate
pairs, EC2 ranges, instance fit) and log retention."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ecs_wizard.aws import catalog
from ecs_wizard.aws.limits import TASK_CPU_RANGE, TASK_MEMORY_RANGE
from ecs_wizard.model.answers import Answers, Service
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.patterns import AMI_RE, INSTANCE_TYPE_RE
from ecs_wizard.validation.registry import check, finding
from ecs_wizard.validation.shape import suggest

_ECS_DOCS = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide"
_PROVIDERS = f"{_ECS_DOCS}/cluster-capacity-providers.html"
_STRATEGY = f"{_ECS_DOCS}/capacity-providers-concepts.html"
_ASG = "https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-capacity-limits.html"
_INSTANCE_TYPES = "https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-types.html"
_TASK_SIZE = f"{_ECS_DOCS}/task_definition_parameters.html#task_size"
_CONTAINERS = f"{_ECS_DOCS}/task_definition_parameters.html#container_definitions"
_RETENTION = (
    "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/"
    "API_PutRetentionPolicy.html"
)


def effective_capacity(a: Answers, s: Service) -> list[str]:
    """Capacity providers a service uses: its own list, else the cluster default strategy."""
    if s.capacity is not None:
        return list(s.capacity)
    providers = a.cluster.capacity.providers()
    return [name for name, p in providers.items() if p.weight > 0 or p.base > 0]


def _is_fargate(names: Iterable[str]) -> bool:
    return any(n in ("fargate", "fargate_spot") for n in names)


def nearest(options: list[int], value: int, n: int = 3) -> list[int]:
    """The `n` options closest to `value`, in ascending order."""
    return sorted(sorted(options, key=lambda o: (abs(o - value), o))[:n])


@check(
    id="E-CAPACITY-BASE",
    severity="error",
    title="At most one capacity provider has a base",
    doc=_STRATEGY,
    tags=("capacity",),
)
def single_base(a: Answers) -> Iterator[Issue]:
    providers = a.cluster.capacity.providers()
    with_base = [name for name, p in providers.items() if p.base > 0]
    if len(with_base) > 1:
        yield finding(
            "cluster.capacity",
            f"only one capacity provider may have base > 0 (found: {', '.join(with_base)})",
            "set base: 0 on all but one provider",
            with_base,
        )


@check(
    id="E-CAPACITY-EC2",
    severity="error",
    title="The EC2 Auto Scaling group's sizes, AMI and instance type are valid",
    doc=_ASG,
    tags=("capacity", "ec2"),
)
def ec2_group(a: Answers) -> Iterator[Issue]:
    e = a.cluster.capacity.ec2
    if e is None:
        return
    base = "cluster.capacity.ec2"
    if not e.min_size <= e.max_size:
        yield finding(
            f"{base}.min_size",
            f"min_size ({e.min_size}) is greater than max_size ({e.max_size})",
            "make min_size ≤ max_size",
            e.min_size,
        )
    if e.max_size < 1:
        yield finding(f"{base}.max_size", "must be at least 1", "set max_size ≥ 1", e.max_size)
    if e.desired_capacity is not None and not e.min_size <= e.desired_capacity <= e.max_size:
        yield finding(
            f"{base}.desired_capacity",
            f"must be between min_size ({e.min_size}) and max_size ({e.max_size})",
            "adjust desired_capacity, min_size or max_size",
            e.desired_capacity,
        )
    if e.ami_id is not None and not AMI_RE.match(e.ami_id):
        yield finding(
            f"{base}.ami_id",
            "is not an AMI id",
            "use ami- followed by 8 or 17 hex digits, or remove it to use the latest "
            "ECS-optimized Amazon Linux 2023 AMI",
            e.ami_id,
        )
    if not INSTANCE_TYPE_RE.match(e.instance_type):
        yield finding(
            f"{base}.instance_type",
            "is not an EC2 instance type",
            "use a type such as m6i.large or m7g.large",
            e.instance_type,
        )


@check(
    id="W-CAPACITY-INSTANCE-TYPE",
    severity="warning",
    title="The instance type is in the built-in catalog, so task sizes can be checked",
    doc=_INSTANCE_TYPES,
    tags=("capacity", "ec2"),
)
def uncatalogued_instance_type(a: Answers) -> Iterator[Issue]:
    e = a.cluster.capacity.ec2
    if e is None or not INSTANCE_TYPE_RE.match(e.instance_type):
        return
    if e.instance_type not in catalog.INSTANCE_TYPES:
        best = suggest(e.instance_type, catalog.INSTANCE_TYPES)
        yield finding(
            "cluster.capacity.ec2.instance_type",
            "is not in the built-in catalog, so task sizes cannot be checked against it",
            f"did you mean `{best}`?" if best else "double-check the type name",
            e.instance_type,
        )


@check(
    id="E-CAPACITY-DEFAULT-STRATEGY",
    severity="error",
    title="The default strategy places services and does not mix Fargate and EC2",
    doc=_STRATEGY,
    tags=("capacity",),
)
def default_strategy(a: Answers) -> Iterator[Issue]:
    providers = a.cluster.capacity.providers()
    default_users = [i for i, s in enumerate(a.services) if s.capacity is None]
    default = [n for n, p in providers.items() if p.weight > 0 or p.base > 0]
    if _is_fargate(default) and "ec2" in default:
        yield finding(
            "cluster.capacity",
            "the default strategy (providers with weight or base > 0) mixes Fargate and EC2, "
            "which ECS does not allow",
            "set weight: 0 and base: 0 on ec2 (or on fargate/fargate_spot) and list "
            "`capacity` on the services that use it",
        )
    if default_users and not default:
        yield finding(
            "cluster.capacity",
            "no provider has weight > 0, so services without `capacity` cannot be placed",
            "give at least one provider weight ≥ 1",
        )


@check(
    id="E-CAPACITY-SERVICE",
    severity="error",
    title="A service's capacity list names the cluster's providers, once, without mixing",
    doc=_PROVIDERS,
    tags=("capacity", "services"),
)
def service_capacity(a: Answers) -> Iterator[Issue]:
    providers = a.cluster.capacity.providers()
    for i, s in enumerate(a.services):
        if s.capacity is None:
            continue
        path = f"services[{i}].capacity"
        if not s.capacity:
            yield finding(path, "is empty", "list providers or remove the key to use the default")
            continue
        for j, name in enumerate(s.capacity):
            if name not in providers:
                yield finding(
                    f"{path}[{j}]",
                    f"the cluster has no `{name}` capacity provider",
                    f"add cluster.capacity.{name}, or use one of: {', '.join(providers)}",
                    name,
                )
        if len(set(s.capacity)) != len(s.capacity):
            yield finding(path, "lists a provider twice", "remove the duplicate", s.capacity)
        if _is_fargate(s.capacity) and "ec2" in s.capacity:
            yield finding(
                path,
                "a capacity provider strategy cannot mix Fargate and EC2",
                "use either fargate/fargate_spot or ec2",
                s.capacity,
            )


def _fargate_size(base: str, s: Service) -> Iterator[Issue]:
    valid = catalog.FARGATE_CPU_MEMORY.get(s.cpu)
    if valid is None:
        opts = list(catalog.FARGATE_CPU_MEMORY)
        yield finding(
            f"{base}.cpu",
            "is not a valid Fargate task CPU size",
            f"use one of {', '.join(map(str, opts))} (1024 = 1 vCPU); nearest: "
            f"{', '.join(map(str, nearest(opts, s.cpu, 2)))}",
            s.cpu,
        )
    elif s.memory not in valid:
        yield finding(
            f"{base}.memory",
            f"is not a valid Fargate memory size for cpu {s.cpu} "
            f"(allowed: {valid[0]}-{valid[-1]} MiB in steps of "
            f"{valid[1] - valid[0] if len(valid) > 1 else valid[0]})",
            f"use one of: {', '.join(map(str, nearest(valid, s.memory)))}",
            s.memory,
        )


def _ec2_size(base: str, s: Service) -> Iterator[Issue]:
    lo, hi = TASK_CPU_RANGE
    if not lo <= s.cpu <= hi:
        yield finding(
            f"{base}.cpu",
            f"task cpu must be {lo}-{hi} CPU units on EC2 (1024 = 1 vCPU)",
            f"use a value between {lo} and {hi}, e.g. 256",
            s.cpu,
        )
    lo, hi = TASK_MEMORY_RANGE
    if not lo <= s.memory <= hi:
        yield finding(
            f"{base}.memory",
            f"task memory must be {lo}-{hi} MiB on EC2",
            f"use a value between {lo} and {hi}, e.g. 512",
            s.memory,
        )


def _instance_fit(base: str, s: Service, instance_type: str) -> Iterator[Issue]:
    fits = catalog.ec2_schedulable(instance_type)
    if fits is None:
        return
    cpu_max, mem_max = fits
    if s.cpu > cpu_max:
        yield finding(
            f"{base}.cpu",
            f"does not fit on {instance_type} ({cpu_max} CPU units)",
            f"use cpu ≤ {cpu_max} or a larger instance type",
            s.cpu,
        )
    if s.memory > mem_max:
        yield finding(
            f"{base}.memory",
            f"does not fit on {instance_type} (about {mem_max} MiB usable after "
            "the OS and ECS agent reserve)",
            f"use memory ≤ {mem_max} or a larger instance type",
            s.memory,
        )


@check(
    id="E-CAPACITY-TASK-SIZE",
    severity="error",
    title="Task cpu and memory are a valid Fargate pair, or fit the EC2 range and instance",
    doc=_TASK_SIZE,
    tags=("capacity", "services"),
)
def task_size(a: Answers) -> Iterator[Issue]:
    ec2 = a.cluster.capacity.ec2
    for i, s in enumerate(a.services):
        base = f"services[{i}]"
        cap = effective_capacity(a, s)
        if _is_fargate(cap):
            yield from _fargate_size(base, s)
        else:
            yield from _ec2_size(base, s)
            if "ec2" in cap and ec2 is not None:
                yield from _instance_fit(base, s, ec2.instance_type)


@check(
    id="E-CAPACITY-CONTAINERS",
    severity="error",
    title="Containers fit in their task and at least one is essential",
    doc=_CONTAINERS,
    tags=("capacity", "containers"),
)
def container_sums(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        base = f"services[{i}]"
        cpu_sum = sum(c.cpu or 0 for c in s.containers)
        if cpu_sum > s.cpu:
            yield finding(
                f"{base}.containers",
                f"container cpu adds up to {cpu_sum}, more than the task's {s.cpu}",
                "lower container cpu or raise the task cpu",
                cpu_sum,
            )
        mem_sum = sum(c.memory or 0 for c in s.containers)
        if mem_sum > s.memory:
            yield finding(
                f"{base}.containers",
                f"container memory adds up to {mem_sum} MiB, more than the task's {s.memory}",
                "lower container memory or raise the task memory",
                mem_sum,
            )
        if not any(c.essential for c in s.containers):
            yield finding(
                f"{base}.containers",
                "a task needs at least one essential container",
                "set essential: true on the main container",
            )


@check(
    id="E-CLUSTER-LOG-RETENTION",
    severity="error",
    title="Log retention is a CloudWatch Logs value and not 0 (never expire)",
    doc=_RETENTION,
    tags=("cluster", "logs"),
)
def log_retention(a: Answers) -> Iterator[Issue]:
    days = a.cluster.log_retention_days
    if days not in catalog.LOG_RETENTION_DAYS:
        yield finding(
            "cluster.log_retention_days",
            "is not a CloudWatch Logs retention value",
            f"use one of: {', '.join(map(str, nearest(catalog.LOG_RETENTION_DAYS[1:], days)))}",
            days,
        )
    elif days == 0:
        yield finding(
            "cluster.log_retention_days",
            "0 (never expire) is not allowed: logs would grow without bound and the services' "
            "log groups need a retention",
            "set a retention such as 30, 90 or 365 days",
            days,
        )
