"""Run `ecs-wizard import-copilot` the way the other CLI tests do (cli.main in-process), and
plan a rendered project offline per environment, with the routing made readable (the
known-ARN overrides of tests/terraform/wiring.py)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecs_wizard.cli import main
from ecs_wizard.rendering import hcl
from tests.conftest import TF, write_offline_override
from tests.terraform import wiring

from .routing import ListenerRule
from .workspace import ACCOUNT, REGION

WEB_IMAGE = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/shop/web:2026.11.29"


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    exit_code: int
    envs: tuple[str, ...]


# How each shipped workspace is imported, and the exit code its manifests call for.
CASES = {
    "simple-lbws": Case((), 0, ("prod",)),
    "multi-env": Case(
        (
            "--image",
            f"web={WEB_IMAGE}",
            "--var",
            "RELEASE=2026.11.29",
            "--var",
            "API_TAG=1.8.0",
            "--account-id",
            ACCOUNT,
        ),
        3,  # the worker's subscription and the api's topic are not migrated
        ("staging", "prod"),
    ),
    "not-migrated": Case(("--env", "prod"), 3, ("prod",)),
}


@dataclass
class Run:
    code: int
    out: str
    err: str


def import_copilot(capsys: Any, path: Path, answers: Path, *args: str) -> Run:
    capsys.readouterr()
    code = main(["import-copilot", str(path), "-o", str(answers), *args])
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def report_path(answers: Path) -> Path:
    return answers.with_name(answers.stem + ".migration.md")


@dataclass
class EnvPlan:
    env: str
    plan: dict[str, Any]
    values: dict[str, Any]  # the environment's tfvars

    def created(self, rtype: str) -> list[dict[str, Any]]:
        return [
            rc["change"]["after"]
            for rc in self.plan["resource_changes"]
            if rc["type"] == rtype and rc["change"]["actions"] == ["create"]
        ]

    def created_in(self, rtype: str) -> list[tuple[str, dict[str, Any]]]:
        """(the `module.service["NAME"]` key, planned values) of each created `rtype`."""
        return [
            (re.search(r'module\.service\["([^"]+)"\]', rc["address"])[1], rc["change"]["after"])
            for rc in self.plan["resource_changes"]
            if rc["type"] == rtype and rc["change"]["actions"] == ["create"]
        ]

    def listener_rules(self) -> list[ListenerRule]:
        out = []
        for after in self.created("aws_lb_listener_rule"):
            hosts: list[str] = []
            paths: list[str] = []
            for cond in after["condition"]:
                for block in cond.get("host_header") or []:
                    hosts += block["values"]
                for block in cond.get("path_pattern") or []:
                    paths += block["values"]
            (action,) = after["action"]
            out.append(
                ListenerRule(
                    after["priority"], tuple(hosts), tuple(paths), action["target_group_arn"]
                )
            )
        return out


def plan_environments(tf: TF, root: Path, envs: tuple[str, ...]) -> dict[str, EnvPlan]:
    """Plan a rendered project offline, once per environment (or once without environments)."""
    wiring.install_known_arns(root / "modules")
    # the local backend (one state file per environment) needs no settings for a plan
    tf.run(root, "init", "-input=false", "-no-color")
    out = {}
    for env in envs:
        var_file = root / "envs" / f"{env}.tfvars"
        if not var_file.exists():
            var_file = root / "terraform.tfvars"
        values = hcl.loads_tfvars(var_file.read_text(encoding="utf-8"))
        write_offline_override(root, values["project"]["region"])
        tf.run(
            root,
            "plan",
            "-refresh=false",
            "-input=false",
            "-no-color",
            f"-var-file={var_file}",
            f"-out={env}.tfplan",
        )
        plan = json.loads(tf.run(root, "show", "-json", f"{env}.tfplan").stdout)
        out[env] = EnvPlan(env, plan, values)
    return out
