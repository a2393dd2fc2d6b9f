"""How many awsvpc tasks an EC2 container instance can run: its network interface (ENI) limit.

Every task in `awsvpc` network mode (the only mode ecs-wizard renders) gets its own elastic
network interface, and the instance's primary interface counts against the limit, so an
instance runs at most `ENIs - 1` such tasks, however much CPU and memory it has left: an
m6i.large (3 interfaces) runs 2, not the 8 its 2 vCPU / 8 GiB would suggest for 256/512 tasks.

With the ECS account setting `awsvpcTrunking` turned on (per account and region, before the
instances launch: `aws ecs put-account-setting-default --name awsvpcTrunking --value
enabled`), ECS attaches one trunk interface to instances of supported types and gives each
task a branch interface, which raises the limit a lot. Burstable types (t3, t3a, t4g) do not
support trunking.

Sources (as of 2025):
- Interfaces per instance type: Amazon EC2 User Guide, "Elastic network interfaces, Maximum IP
  addresses per network interface" (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AvailableIpPerENI.html),
  the same figures as `NetworkInfo.MaximumNetworkInterfaces` of DescribeInstanceTypes.
- Tasks with trunking: Amazon ECS Developer Guide, "Supported instances for increased Amazon ECS
  container instance network interfaces"
  (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/eni-trunking-supported-instance-types.html)
  and "Increasing Amazon ECS Linux container instance network interfaces"
  (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-eni.html:
  "a c5.large instance with awsvpcTrunking ... allows you to launch ten tasks ... instead of
  the current two").

Covers the instance types `catalog.INSTANCE_TYPES` offers (tests/test_eni.py checks that).
"""

from __future__ import annotations

from typing import NamedTuple


class EniLimits(NamedTuple):
    interfaces: int  # network interfaces the instance type supports (the primary one included)
    trunking_tasks: int | None  # awsvpc tasks with awsvpcTrunking; None: not supported

    @property
    def tasks(self) -> int:
        """awsvpc tasks without trunking: one interface each, the primary one is the host's."""
        return max(self.interfaces - 1, 0)


# Nitro general purpose, compute and memory optimised sizes (m5, m6i, m7i, m6g, m7g, c5, c6i,
# c7i, c6g, c7g, r5, r6i, r6g, r7g): the same interfaces and trunking figures per size.
_NITRO = {
    "large": EniLimits(3, 10),
    "xlarge": EniLimits(4, 20),
    "2xlarge": EniLimits(4, 40),
    "4xlarge": EniLimits(8, 60),
}
_NITRO_FAMILIES = (
    "m5", "m6i", "m7i", "m6g", "m7g", "c5", "c6i", "c7i", "c6g", "c7g", "r5", "r6i", "r6g", "r7g",
)  # fmt: skip
# Burstable types: no trunking. t3a.small has 2 interfaces where t3.small and t4g.small have 3.
_BURSTABLE = {
    "t3": {"small": 3, "medium": 3, "large": 3, "xlarge": 4, "2xlarge": 4},
    "t3a": {"small": 2, "medium": 3, "large": 3, "xlarge": 4, "2xlarge": 4},
    "t4g": {"small": 3, "medium": 3, "large": 3, "xlarge": 4, "2xlarge": 4},
}

ENI_LIMITS: dict[str, EniLimits] = {
    **{f"{f}.{size}": limits for f in _NITRO_FAMILIES for size, limits in _NITRO.items()},
    **{
        f"{f}.{size}": EniLimits(n, None)
        for f, sizes in _BURSTABLE.items()
        for size, n in sizes.items()
    },
}


def awsvpc_tasks(instance_type: str, *, trunking: bool = False) -> int | None:
    """awsvpc tasks one instance can run (None for a type this table does not know).

    With `trunking` (the awsvpcTrunking account setting), the trunking figure where the type
    supports it, else the plain one."""
    limits = ENI_LIMITS.get(instance_type)
    if limits is None:
        return None
    if trunking and limits.trunking_tasks is not None:
        return limits.trunking_tasks
    return limits.tasks
