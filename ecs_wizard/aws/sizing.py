"""Live sizing math for EC2 capacity: pure functions of the draft answers.

For each service that places tasks on the EC2 capacity provider: how many of its tasks fit
on one instance (by CPU and by memory), and how many instances all such services need at
their maximum scale. The Auto Scaling group is driven by capacity-provider managed scaling,
which keeps utilisation at `target_capacity_percent`, so the instances needed are divided by
that fraction; a warning is raised when `max_size` cannot hold them.

Tasks per instance are also capped by the instance's network interfaces (`eni.py`): every
awsvpc task needs one, so an m6i.large runs at most 2 tasks, or 10 with the ECS
`awsvpcTrunking` account setting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ecs_wizard.aws import catalog, eni

# The ECS agent and the OS keep some memory back: a task may only reserve what the agent
# registers. Used when the caller gives the instance size (`instance=`) instead of a type.
DEFAULT_RESERVED_MEMORY_MIB = 256


@dataclass(frozen=True)
class ServiceFit:
    name: str
    cpu: int
    memory: int
    max_tasks: int  # tasks at maximum scale that land on EC2
    by_cpu: int  # tasks per instance, CPU-bound
    by_memory: int  # tasks per instance, memory-bound
    by_eni: int | None = None  # tasks per instance, network-interface-bound (None: no cap known)

    @property
    def per_instance(self) -> int:
        return min(self.by_cpu, self.by_memory, *([] if self.by_eni is None else [self.by_eni]))

    @property
    def eni_bound(self) -> bool:
        """The interfaces, not CPU or memory, decide how many tasks fit."""
        return self.by_eni is not None and self.by_eni < min(self.by_cpu, self.by_memory)


@dataclass(frozen=True)
class SizingResult:
    instance_type: str
    cpu_units: int
    usable_memory_mib: int
    services: list[ServiceFit]
    instances_packed: int  # instances needed at 100 % utilisation
    instances_needed: int  # at target_capacity_percent
    max_size: int
    warnings: list[str] = field(default_factory=list)
    eni_tasks: int | None = None  # awsvpc tasks per instance by its interfaces (as computed)
    trunking_tasks: int | None = None  # the same with awsvpcTrunking (None: not supported)
    trunking: bool = False  # the figures assume the awsvpcTrunking account setting

    @property
    def fits(self) -> bool:
        return not self.warnings


def _int(value: Any, default: int = 0) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return default


def ec2_share(data: dict[str, Any], service: dict[str, Any]) -> float:
    """Fraction of a service's tasks placed on EC2 (0..1), from the capacity weights."""
    capacity = (data.get("cluster") or {}).get("capacity") or {}
    if not isinstance(capacity, dict) or not isinstance(capacity.get("ec2"), dict):
        return 0.0
    names = service.get("capacity")
    if isinstance(names, list) and names:
        providers = [n for n in names if isinstance(n, str)]
    else:
        providers = [n for n in ("fargate", "fargate_spot", "ec2") if n in capacity]
        # in the cluster's default strategy a provider with weight 0 and no base gets nothing
        providers = [
            n
            for n in providers
            if _int((capacity.get(n) or {}).get("weight"), 1) > 0
            or _int((capacity.get(n) or {}).get("base"), 0) > 0
        ]
    if "ec2" not in providers:
        return 0.0
    if providers == ["ec2"]:
        return 1.0
    weights = {n: _int((capacity.get(n) or {}).get("weight"), 1) for n in providers}
    total = sum(weights.values())
    if total <= 0:
        return 1.0
    return weights["ec2"] / total


def _max_tasks(service: dict[str, Any]) -> int:
    """Tasks at maximum scale (the model's defaults: desired_count 2, autoscaling max 4)."""
    autoscaling = service.get("autoscaling")
    if isinstance(autoscaling, dict):
        return max(_int(autoscaling.get("max"), 4), 0)
    return max(_int(service.get("desired_count"), 2), 0)


def compute_sizing(
    data: dict[str, Any],
    *,
    instance: tuple[int, int] | None = None,
    reserved_memory_mib: int | None = None,
    trunking: bool = False,
) -> SizingResult | None:
    """Sizing for the draft's EC2 capacity, or None when there is no EC2 capacity.

    `instance` is (vCPU, memory MiB) minus `reserved_memory_mib`, with no interface cap; by
    default the schedulable CPU and memory come from `catalog.ec2_schedulable` (the same
    figures validation uses) and the awsvpc task cap from `eni.awsvpc_tasks` (with
    `trunking`: as with the awsvpcTrunking account setting on).
    """
    cluster = data.get("cluster") or {}
    ec2 = ((cluster.get("capacity") or {}) if isinstance(cluster, dict) else {}).get("ec2")
    if not isinstance(ec2, dict):
        return None
    instance_type = str(ec2.get("instance_type") or "")
    warnings: list[str] = []
    max_size = _int(ec2.get("max_size"), 3)
    if instance is not None:
        vcpu, memory_mib = instance
        reserved = (
            DEFAULT_RESERVED_MEMORY_MIB if reserved_memory_mib is None else reserved_memory_mib
        )
        schedulable: tuple[int, int] | None = (vcpu * 1024, memory_mib - reserved)
    else:
        schedulable = catalog.ec2_schedulable(instance_type)
    if schedulable is None:
        warnings.append(f"Unknown instance type {instance_type!r}: cannot compute sizing.")
        return SizingResult(instance_type, 0, 0, [], 0, 0, max_size, warnings)
    cpu_units, usable_memory = schedulable[0], max(schedulable[1], 0)
    eni_tasks = None if instance is not None else eni.awsvpc_tasks(instance_type, trunking=trunking)
    limits = eni.ENI_LIMITS.get(instance_type) if instance is None else None
    trunking_tasks = limits.trunking_tasks if limits is not None else None

    fits: list[ServiceFit] = []
    tasks: list[tuple[int, int]] = []  # (cpu, memory) of every task placed on EC2
    for service in data.get("services") or []:
        if not isinstance(service, dict):
            continue
        share = ec2_share(data, service)
        if share <= 0:
            continue
        cpu = _int(service.get("cpu"), 256)
        memory = _int(service.get("memory"), 512)
        n = math.ceil(_max_tasks(service) * share)
        by_cpu = cpu_units // cpu if cpu > 0 else 0
        by_memory = usable_memory // memory if memory > 0 else 0
        fit = ServiceFit(
            str(service.get("name") or "?"), cpu, memory, n, by_cpu, by_memory, eni_tasks
        )
        fits.append(fit)
        if fit.per_instance == 0:
            warnings.append(
                f"Service {fit.name!r} ({cpu} CPU / {memory} MiB) does not fit on one "
                f"{instance_type} ({cpu_units} CPU / {usable_memory} MiB usable): "
                "choose a larger instance type or a smaller task."
            )
            continue
        tasks.extend([(cpu, memory)] * n)

    packed = _first_fit_decreasing(tasks, cpu_units, usable_memory, eni_tasks)
    target = _int(ec2.get("target_capacity_percent"), 100) or 100
    needed = math.ceil(packed * 100 / target) if packed else 0
    if needed > max_size:
        warnings.append(
            f"At maximum scale the services need {needed} {instance_type} instances "
            f"({packed} fully packed, at {target}% target capacity) but max_size is "
            f"{max_size}: raise cluster.capacity.ec2.max_size to at least {needed}."
        )
    return SizingResult(
        instance_type,
        cpu_units,
        usable_memory,
        fits,
        packed,
        needed,
        max_size,
        warnings,
        eni_tasks,
        trunking_tasks,
        trunking,
    )


def _first_fit_decreasing(
    tasks: list[tuple[int, int]], cpu: int, memory: int, slots: int | None = None
) -> int:
    """Instances needed to hold `tasks` (cpu, memory), at most `slots` tasks each."""
    room = max(slots, 1) if slots is not None else len(tasks)  # callers skip tasks that fit 0
    bins: list[list[int]] = []  # remaining [cpu, memory, task slots]
    for t_cpu, t_mem in sorted(tasks, reverse=True):
        for b in bins:
            if b[0] >= t_cpu and b[1] >= t_mem and b[2] > 0:
                b[0] -= t_cpu
                b[1] -= t_mem
                b[2] -= 1
                break
        else:
            bins.append([cpu - t_cpu, memory - t_mem, room - 1])
    return len(bins)


def format_sizing(result: SizingResult | None) -> str:
    """Plain-text table for the cluster screen."""
    if result is None:
        return "No EC2 capacity: Fargate sizes tasks for you."
    if not result.cpu_units:
        return "\n".join(result.warnings)
    lines = [
        f"{result.instance_type}: {result.cpu_units} CPU units, "
        f"{result.usable_memory_mib} MiB usable per instance",
    ]
    if result.eni_tasks is not None:
        lines.append(_eni_line(result))
    if not result.services:
        lines.append("No service places tasks on EC2 (check capacity weights).")
    for fit in result.services:
        eni_part = "" if fit.by_eni is None else f", eni {fit.by_eni}"
        lines.append(
            f"  {fit.name}: {fit.per_instance}/instance "
            f"(cpu {fit.by_cpu}, mem {fit.by_memory}{eni_part}), {fit.max_tasks} tasks at max"
        )
    lines.append(
        f"Instances needed at max scale: {result.instances_needed} (ASG max {result.max_size})"
    )
    lines.extend(f"! {w}" for w in result.warnings)
    return "\n".join(lines)


def _eni_line(result: SizingResult) -> str:
    """The network-interface cap on awsvpc tasks, and what trunking would change."""
    head = f"ENI cap: {result.eni_tasks} awsvpc tasks/instance"
    if result.trunking:
        return f"{head} (awsvpcTrunking on)"
    if result.trunking_tasks is None:
        return f"{head} (no ENI trunking on {result.instance_type.split('.')[0]})"
    return f"{head}; {result.trunking_tasks} with the awsvpcTrunking account setting"
