"""ecs-service ordering that day 2 depends on, read from `terraform graph`.

The containers name their log group by string (`awslogs-group`), so only an explicit
`depends_on` orders the task definition (and so the first tasks) after the group: without it,
tasks of a new service can start before the group exists and fail with
ResourceInitializationError. `terraform test` cannot see dependencies; the graph can.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ..conftest import TF
from .conftest import copy_module

pytestmark = [pytest.mark.terraform]

_EDGE = re.compile(r'^\s*"([^"]+)" -> "([^"]+)";?\s*$')


def graph_edges(tf: TF, module: Path) -> set[tuple[str, str]]:
    tf.init(module)
    out = tf.run(module, "graph").stdout
    return {(m.group(1), m.group(2)) for m in map(_EDGE.match, out.splitlines()) if m}


def test_graph_edges_parser() -> None:
    line = '  "aws_ecs_task_definition.this" -> "aws_cloudwatch_log_group.this";'
    assert _EDGE.match(line).groups() == (
        "aws_ecs_task_definition.this",
        "aws_cloudwatch_log_group.this",
    )


def test_task_definition_waits_for_its_log_group(tf: TF, tmp_path: Path) -> None:
    edges = graph_edges(tf, copy_module("ecs-service", tmp_path))
    assert ("aws_ecs_task_definition.this", "aws_cloudwatch_log_group.this") in edges, (
        "aws_ecs_task_definition.this must depend on aws_cloudwatch_log_group.this "
        "(depends_on): the first tasks log to that group"
    )
    # The services reach the log group through the task definition.
    assert ("aws_ecs_service.this", "aws_ecs_task_definition.this") in edges
