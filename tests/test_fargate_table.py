"""The Fargate task sizes in `ecs_wizard.aws.catalog` and the validation against AWS's table as
stated in tests/fargate_table.py (not derived from the catalog)."""

from __future__ import annotations

import itertools

import pytest

from ecs_wizard.aws import catalog
from ecs_wizard.validation import validate_data
from tests.answers_fixtures import answers_with
from tests.fargate_table import FARGATE_CPU_MEMORY_MIB, FARGATE_SIZES


def test_row_count_and_size_count_match_the_documentation():
    # 7 CPU values; 3 + 4 + 7 + 13 + 23 + 12 + 12 memory values
    assert [len(m) for m in FARGATE_CPU_MEMORY_MIB.values()] == [3, 4, 7, 13, 23, 12, 12]
    assert len(FARGATE_SIZES) == 74


@pytest.mark.parametrize("cpu", sorted(FARGATE_CPU_MEMORY_MIB))
def test_catalog_row_matches_aws(cpu):
    assert catalog.FARGATE_CPU_MEMORY.get(cpu) == FARGATE_CPU_MEMORY_MIB[cpu]


def test_catalog_has_no_other_cpu_values():
    assert sorted(catalog.FARGATE_CPU_MEMORY) == sorted(FARGATE_CPU_MEMORY_MIB)


def _fargate_service(cpu: int, memory: int) -> dict:
    return answers_with(**{"services[0].cpu": cpu, "services[0].memory": memory})


def _memory_errors(cpu: int, memory: int) -> set[str]:
    result = validate_data(_fargate_service(cpu, memory))
    return {i.path for i in result.errors}


@pytest.mark.parametrize("cpu", sorted(FARGATE_CPU_MEMORY_MIB))
def test_every_documented_size_is_accepted(cpu):
    for memory in FARGATE_CPU_MEMORY_MIB[cpu]:
        assert _memory_errors(cpu, memory) == set(), (cpu, memory)


def _off_table(cpu: int) -> list[int]:
    """Memory values just outside the row, or between two of its steps."""
    row = FARGATE_CPU_MEMORY_MIB[cpu]
    candidates = {row[0] - 512, row[0] - 1024, row[-1] + 512, row[-1] + 1024}
    candidates |= {(a + b) // 2 for a, b in itertools.pairwise(row)}
    candidates |= {m + 1 for m in row}
    return sorted(m for m in candidates if m > 0 and m not in row)


@pytest.mark.parametrize("cpu", sorted(FARGATE_CPU_MEMORY_MIB))
def test_sizes_off_the_documented_row_are_refused(cpu):
    for memory in _off_table(cpu):
        assert "services[0].memory" in _memory_errors(cpu, memory), (cpu, memory)


@pytest.mark.parametrize("cpu", [128, 384, 3072, 32768])
def test_undocumented_cpu_values_are_refused(cpu):
    assert "services[0].cpu" in _memory_errors(cpu, 2048)
