"""A renamed routing rule is moved, not re-created: proved with `terraform test`.

Re-rendering with a renamed rule writes moved_rules.tf (ecs_wizard.rendering.changes). Without it
Terraform deletes the old rule and creates the new one in parallel, with the same priority,
which AWS refuses (PriorityInUse). Here a root module shaped like the rendered one
(`module "rule"` over the shipped alb-rule module, `for_each` by rule name) is applied against
a mock provider, then the *rendered* moved_rules.tf is added and the renamed rule planned and
applied in the same state: the rule keeps its ARN (moved and updated in place). The control
run without the file shows the ARN changes (a new rule), so the assertion can fail.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ecs_wizard import render
from ecs_wizard.model.answers import Answers
from ecs_wizard.rendering import changes
from tests.answers_fixtures import answers_with, base_answers

from ..conftest import TF

pytestmark = [pytest.mark.terraform, pytest.mark.slow]

ELB = "arn:aws:elasticloadbalancing:eu-west-1:123456789012"
ROOT = """\
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

variable "routing" {
  type = list(object({ name = string, priority = number, paths = list(string) }))
}

module "rule" {
  source   = "%(modules)s/alb-rule"
  for_each = { for r in var.routing : r.name => r }

  listener_arn = "%(elb)s:listener/app/demo/0123456789abcdef/0123456789abcdef"
  priority     = each.value.priority
  conditions   = { path_patterns = each.value.paths }
  action       = { type = "forward", target_group_arn = "%(elb)s:targetgroup/tg/0123456789abcdef" }
}

output "arns" {
  value = { for k, m in module.rule : k => m.arn }
}
"""

TEST = """\
mock_provider "aws" {}

run "deployed" {
  state_key = "project"
  variables {
    routing = [{ name = "api", priority = 10, paths = ["/api/*"] }]
  }
}

run "renamed" {
  state_key = "project"
  module {
    source = "./after"
  }
  variables {
    routing = [{ name = "api-v1", priority = 10, paths = ["/api/*", "/v1/*"] }]
  }
  assert {
    condition     = output.arns == { "api-v1" = run.deployed.arns["api"] }
    error_message = "RULE-RECREATED: the renamed rule must be the deployed one, moved (same ARN)."
  }
}
"""


def _project(tmp: Path, moved: str | None) -> Path:
    root = tmp / "project"
    shutil.copytree(render.MODULES_DIR / "alb-rule", root / "modules" / "alb-rule")
    shutil.rmtree(root / "modules" / "alb-rule" / "tests", ignore_errors=True)
    (root / "main.tf").write_text(ROOT % {"modules": "./modules", "elb": ELB})
    (root / "after").mkdir()
    (root / "after" / "main.tf").write_text(ROOT % {"modules": "../modules", "elb": ELB})
    if moved is not None:
        (root / "after" / changes.RULE_MOVES_FILE).write_text(moved)
    (root / "tests").mkdir()
    (root / "tests" / "rename.tftest.hcl").write_text(TEST)
    return root


def _rendered_rule_moves(tmp: Path) -> str:
    out = tmp / "rendered"
    render.write_project(Answers.model_validate(base_answers()), out)
    renamed = answers_with(**{"routing[0].name": "api-v1"})
    render.write_project(Answers.model_validate(renamed), out)
    return (out / changes.RULE_MOVES_FILE).read_text()


def _terraform_test(tf: TF, root: Path):
    tf.init(root)
    tf.init(root / "after")
    return tf.run(root, "test", "-no-color", check=False, timeout=300)


def test_rendered_moved_block_keeps_the_renamed_rule(tf: TF, tmp_path: Path) -> None:
    moved = _rendered_rule_moves(tmp_path)
    assert 'module.rule["api"]' in moved
    proc = _terraform_test(tf, _project(tmp_path, moved))
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]


def test_without_the_moved_block_the_rule_is_recreated(tf: TF, tmp_path: Path) -> None:
    proc = _terraform_test(tf, _project(tmp_path, None))
    assert proc.returncode != 0 and "RULE-RECREATED" in proc.stdout + proc.stderr
