"""services[].cpu_architecture reaches the task definition's runtime_platform (an offline plan),
and the Graviton detection agrees between catalog.py and the Terraform that repeats it."""

from __future__ import annotations

import re
from pathlib import Path

from ecs_wizard import render
from ecs_wizard.aws import catalog
from tests.answers_fixtures import answers_with

from .conftest import TF
from .test_render_terraform import planned, render_to


def test_an_arm64_fargate_service_gets_an_arm64_task_definition(tf: TF, tmp_path: Path) -> None:
    a, root = render_to(tmp_path / "p", answers_with(**{"services[1].cpu_architecture": "ARM64"}))
    assert 'cpu_architecture = "ARM64"' in (root / render.TFVARS_FILE).read_text(encoding="utf-8")
    plan = tf.plan_json(root)
    archs = {}
    for td in planned(plan, "aws_ecs_task_definition"):
        name = re.search(r'module\.service\["([^"]+)"\]', td["address"])[1]
        after = td["change"]["after"]
        archs[name] = after["runtime_platform"][0]["cpu_architecture"]
        assert after["requires_compatibilities"] == ["FARGATE"]
    expected = {s.name: "X86_64" for s in a.services} | {a.services[1].name: "ARM64"}
    assert archs == expected


def test_graviton_detection_is_the_same_in_python_and_terraform() -> None:
    hcl_regex = catalog.GRAVITON_INSTANCE_TYPE_RE.replace("\\", "\\\\")
    for tf_file in ("root/main.tf", "modules/ecs-cluster/main.tf"):
        text = (render.PACKAGE_DIR / tf_file).read_text(encoding="utf-8")
        assert f'regex("{hcl_regex}"' in text, tf_file
