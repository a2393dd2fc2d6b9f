"""AWS's Fargate task CPU/memory table, stated independently of `ecs_wizard.aws.catalog`.

Transcribed from the Amazon ECS Developer Guide ("Task CPU and memory" / "Troubleshoot Amazon
ECS task definition invalid CPU or memory errors"; the same table is in the RegisterTaskDefinition
API reference for `memory`), Linux containers on platform version 1.4.0:

    CPU value          Memory value
    256 (.25 vCPU)     512 MiB, 1 GB, 2 GB
    512 (.5 vCPU)      1 GB, 2 GB, 3 GB, 4 GB
    1024 (1 vCPU)      2 GB, 3 GB, 4 GB, 5 GB, 6 GB, 7 GB, 8 GB
    2048 (2 vCPU)      Between 4 GB and 16 GB in 1-GB increments
    4096 (4 vCPU)      Between 8 GB and 30 GB in 1-GB increments
    8192 (8 vCPU)      Between 16 GB and 60 GB in 4-GB increments
    16384 (16 vCPU)    Between 32 GB and 120 GB in 8-GB increments

https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html

The tests compare the catalog with this table, and tests/strategies.py draws task sizes from
it, so changing a row of the catalog fails a test instead of being copied into the test data.
Written out in GB, as the documentation states it, on purpose: no shared helper with catalog.
"""

from __future__ import annotations

GIB = 1024  # MiB per GB in the table (AWS converts GB to MiB by multiplying by 1024)


def _gb(*values: int) -> list[int]:
    return [v * GIB for v in values]


def _gb_between(first: int, last: int, increment: int) -> list[int]:
    """'Between <first> GB and <last> GB in <increment>-GB increments', both ends included."""
    return _gb(*range(first, last + 1, increment))


FARGATE_CPU_MEMORY_MIB: dict[int, list[int]] = {
    256: [512, *_gb(1, 2)],
    512: _gb(1, 2, 3, 4),
    1024: _gb(2, 3, 4, 5, 6, 7, 8),
    2048: _gb_between(4, 16, 1),
    4096: _gb_between(8, 30, 1),
    8192: _gb_between(16, 60, 4),
    16384: _gb_between(32, 120, 8),
}

# Every valid (cpu, memory) pair.
FARGATE_SIZES: list[tuple[int, int]] = [
    (cpu, memory) for cpu, memories in FARGATE_CPU_MEMORY_MIB.items() for memory in memories
]
