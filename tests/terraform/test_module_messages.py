"""Module refusals name the field and the fix in their message (issue 10, issue 11).

`terraform test` only checks *that* a rule refuses (expect_failures); these plans check what
the user reads. Offline (fake credentials, provider mirror); fails, never skips, when
terraform or the mirror is missing (the `tf` fixture).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ..conftest import TF, write_offline_override
from .conftest import copy_module

pytestmark = [pytest.mark.terraform]

_SERVICE_CALL = """
module "service" {
  source      = "./ecs-service"
  name        = "shop-prod-web"
  cluster_arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop-prod"
  region      = "eu-west-1"
  vpc_id      = "vpc-0a1b2c3d4e5f60718"
  subnet_ids  = ["subnet-0bbbbbbbbbbbbbbb1"]
  containers = [
    { name = "web", image = "nginx:1.27", port_mappings = [{ container_port = 80 }] },
    { name = "sidecar", image = "busybox:1.36", essential = false },
  ]
  load_balancer = {
    container_name        = "%s"
    container_port        = 80
    alb_security_group_id = "sg-0ccccccccccccccc1"
    target_group_name     = "shop-prod-web"
  }
}
"""


def _plan_error(tf: TF, tmp_path: Path, container_name: str) -> str:
    copy_module("ecs-service", tmp_path)
    (tmp_path / "main.tf").write_text(_SERVICE_CALL % container_name, encoding="utf-8")
    write_offline_override(tmp_path)
    tf.init(tmp_path)
    proc = tf.run(tmp_path, "plan", "-refresh=false", "-input=false", "-no-color", check=False)
    assert proc.returncode != 0, proc.stdout[-3000:]
    return re.sub(r"\s+", " ", proc.stderr.replace("│", " "))


def test_lb_container_name_that_is_no_container_lists_the_containers(tf: TF, tmp_path: Path):
    err = _plan_error(tf, tmp_path, "api")
    assert "load_balancer.container_name (api) must name one of the containers: web, sidecar" in (
        err
    ), err


def test_lb_container_without_the_port_says_which_port(tf: TF, tmp_path: Path):
    err = _plan_error(tf, tmp_path, "sidecar")
    assert "load_balancer.container_port (80) must be a tcp port mapping of container sidecar" in (
        err
    ), err
    assert "must name one of the containers" not in err
