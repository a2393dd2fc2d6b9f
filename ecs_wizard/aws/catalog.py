"""Static AWS facts used by validation and the user interfaces.

Everything here is plain data (no imports beyond the standard library) so it is cheap to import
from the TUI on start-up. Sources: AWS documentation (Fargate task sizes, ELB security policies,
CloudWatch Logs retention values, ELB listener-rule quotas) as of 2025.
"""

from __future__ import annotations

import re
from typing import NamedTuple


def _steps(start: int, stop: int, step: int) -> list[int]:
    return list(range(start, stop + 1, step))


# Valid Fargate task CPU units -> memory (MiB) options (Linux, platform 1.4.0).
# https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html
FARGATE_CPU_MEMORY: dict[int, list[int]] = {
    256: [512, 1024, 2048],
    512: _steps(1024, 4096, 1024),
    1024: _steps(2048, 8192, 1024),
    2048: _steps(4096, 16384, 1024),
    4096: _steps(8192, 30720, 1024),
    8192: _steps(16384, 61440, 4096),
    16384: _steps(32768, 122880, 8192),
}


def vcpu_label(cpu: int) -> str:
    """CPU units in words: 256 -> "0.25 vCPU" (1024 units = 1 vCPU)."""
    return f"{cpu / 1024:g} vCPU"


def memory_label(memory_mib: int) -> str:
    """Task memory in words: 512 -> "0.5 GB" (as the Fargate size table writes it)."""
    return f"{memory_mib / 1024:g} GB"


def fargate_size_label(cpu: int, memory_mib: int) -> str:
    """One Fargate task size for a pick list: "0.25 vCPU / 0.5 GB  (256/512)"."""
    return f"{vcpu_label(cpu)} / {memory_label(memory_mib)}  ({cpu}/{memory_mib})"


class InstanceType(NamedTuple):
    vcpu: int
    memory_mib: int
    arch: str  # "x86_64" | "arm64"


def _family(prefix: str, arch: str, sizes: dict[str, tuple[int, int]]) -> dict[str, InstanceType]:
    return {f"{prefix}.{size}": InstanceType(v, m * 1024, arch) for size, (v, m) in sizes.items()}


_GENERAL = {"large": (2, 8), "xlarge": (4, 16), "2xlarge": (8, 32), "4xlarge": (16, 64)}
_COMPUTE = {"large": (2, 4), "xlarge": (4, 8), "2xlarge": (8, 16), "4xlarge": (16, 32)}
_MEMORY = {"large": (2, 16), "xlarge": (4, 32), "2xlarge": (8, 64), "4xlarge": (16, 128)}
_BURST = {"small": (2, 2), "medium": (2, 4), "large": (2, 8), "xlarge": (4, 16), "2xlarge": (8, 32)}

# Common ECS container-instance types (x86_64 and Graviton/arm64).
INSTANCE_TYPES: dict[str, InstanceType] = {
    **_family("t3", "x86_64", _BURST),
    **_family("t3a", "x86_64", _BURST),
    **_family("t4g", "arm64", _BURST),
    **_family("m5", "x86_64", _GENERAL),
    **_family("m6i", "x86_64", _GENERAL),
    **_family("m7i", "x86_64", _GENERAL),
    **_family("m6g", "arm64", _GENERAL),
    **_family("m7g", "arm64", _GENERAL),
    **_family("c5", "x86_64", _COMPUTE),
    **_family("c6i", "x86_64", _COMPUTE),
    **_family("c7i", "x86_64", _COMPUTE),
    **_family("c6g", "arm64", _COMPUTE),
    **_family("c7g", "arm64", _COMPUTE),
    **_family("r5", "x86_64", _MEMORY),
    **_family("r6i", "x86_64", _MEMORY),
    **_family("r6g", "arm64", _MEMORY),
    **_family("r7g", "arm64", _MEMORY),
}

# Graviton (arm64) instance types: a1, or a `g` after the generation digit (m7g, c7gn, t4g,
# x2gd, is4gen). The same expression is in the root module and the ecs-cluster module (AMI
# choice); tests/contracts checks they agree.
GRAVITON_INSTANCE_TYPE_RE = r"^(a1|[a-z]+[0-9]+[a-z]*g[a-z]*)\."


def is_graviton(instance_type: str) -> bool:
    """True for an arm64 (Graviton) EC2 instance type such as m7g.large or t4g.small."""
    return re.match(GRAVITON_INSTANCE_TYPE_RE, instance_type) is not None


# Memory the ECS-optimised AMI keeps for the OS, Docker and the ECS agent. The agent registers
# less than the nominal instance memory; we reserve a fixed amount plus a fraction so that a
# task that "fits" on paper is actually placeable.
ECS_AGENT_RESERVED_MEMORY_MIB = 256
ECS_OS_MEMORY_OVERHEAD_FRACTION = 0.06


def ec2_schedulable(instance_type: str) -> tuple[int, int] | None:
    """(cpu units, memory MiB) that ECS can place tasks into, or None for an unknown type."""
    it = INSTANCE_TYPES.get(instance_type)
    if it is None:
        return None
    memory = int(it.memory_mib * (1 - ECS_OS_MEMORY_OVERHEAD_FRACTION)) - (
        ECS_AGENT_RESERVED_MEMORY_MIB
    )
    return it.vcpu * 1024, memory


# Commercial AWS regions where ECS on Fargate and ALB are available.
REGIONS: list[str] = [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "af-south-1",
    "ap-east-1",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-7",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-south-1",
    "eu-south-2",
    "eu-north-1",
    "il-central-1",
    "me-south-1",
    "me-central-1",
    "mx-central-1",
    "sa-east-1",
]

# ELB security policies that allow TLS 1.2 and/or 1.3 only. The first one is the default
# (AWS's recommended policy: TLS 1.3 + TLS 1.2 with forward-secret ciphers).
TLS_POLICIES: list[str] = [
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS-1-2-2017-01",
    "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
    "ELBSecurityPolicy-FS-1-2-2019-08",
    "ELBSecurityPolicy-FS-1-2-Res-2019-08",
    "ELBSecurityPolicy-FS-1-2-Res-2020-10",
]
DEFAULT_TLS_POLICY = TLS_POLICIES[0]

# CloudWatch Logs retention values; 0 means "never expire".
LOG_RETENTION_DAYS: list[int] = [
    0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
    1096, 1827, 2192, 2557, 2922, 3288, 3653,
]  # fmt: skip

CONTAINER_INSIGHTS = ("enabled", "enhanced", "disabled")

FIXED_RESPONSE_CONTENT_TYPES = (
    "text/plain",
    "text/css",
    "text/html",
    "application/javascript",
    "application/json",
)

# Elastic Load Balancing listener-rule quotas.
# https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html
RULE_PRIORITY_MIN = 1
RULE_PRIORITY_MAX = 50000
RULES_PER_ALB = 100  # default quota, excluding default rules (adjustable)
CONDITION_VALUES_PER_RULE = 5
WILDCARDS_PER_RULE = 5
CERTIFICATES_PER_ALB = 25  # default quota, excluding the default certificate
TARGET_GROUPS_PER_ALB = 100
HTTP_HEADER_VALUE_MAX_LEN = 128
QUERY_STRING_MAX_LEN = 128
FIXED_RESPONSE_BODY_MAX = 1024

# Environment-variable name fragments that suggest a secret value.
SECRET_NAME_HINTS = (
    "PASSWORD",
    "PASSWD",
    "PWD",
    "TOKEN",
    "SECRET",
    "KEY",
    "CREDENTIAL",
    "PRIVATE",
    "API_KEY",
    "ACCESS_KEY",
    "AUTH",
    "CERT",
    "DSN",
)
