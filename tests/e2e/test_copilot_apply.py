"""A Copilot workspace on the strict emulator: `import-copilot` of the multi-env fixture, its
`staging` environment applied (one apply: the CI budget), then through the AWS API: the
answers' generic checks (ALB, listeners, rules, target groups, services, task definitions,
roles) and, for every `alias` host and `path` the manifests declare, the listener rules send
the request to the target group of the service that declared it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecs_wizard.emulator import Emulator
from ecs_wizard.model.environments import merge
from ecs_wizard.model.yamlio import load_answers_file
from tests.copilot import derive
from tests.copilot.cli_run import CASES, import_copilot
from tests.copilot.routing import ListenerRule, misrouted
from tests.copilot.workspace import copy_fixture, load_manifests

from . import checks

pytestmark = [pytest.mark.emulator, pytest.mark.terraform, pytest.mark.slow]

ENV = "staging"


def _https_rules(emu: Emulator, region: str, alb_arn: str) -> tuple[list[ListenerRule], str]:
    elb = emu.client("elbv2", region)
    listeners = elb.describe_listeners(LoadBalancerArn=alb_arn)["Listeners"]
    (https,) = [x for x in listeners if x["Protocol"] == "HTTPS"]
    rules, default = [], ""
    for r in elb.describe_rules(ListenerArn=https["ListenerArn"])["Rules"]:
        (action,) = r["Actions"]
        target = checks._forward_target(action) if action["Type"] == "forward" else ""
        if r["IsDefault"]:
            default = target
            continue
        conds = {c["Field"]: c for c in r["Conditions"]}
        hosts = conds.get("host-header", {}).get("HostHeaderConfig", {}).get("Values", [])
        paths = conds.get("path-pattern", {}).get("PathPatternConfig", {}).get("Values", [])
        rules.append(ListenerRule(int(r["Priority"]), tuple(hosts), tuple(paths), target))
    return rules, default


def test_multi_env_staging_applies_and_routes_each_alias_and_path(
    e2e_project, tmp_path: Path, capsys
) -> None:
    ws = copy_fixture("multi-env", tmp_path)
    answers = tmp_path / "answers.yaml"
    run = import_copilot(capsys, ws, answers, *CASES["multi-env"].args)
    assert run.code == CASES["multi-env"].exit_code, run.out + run.err
    data = merge(load_answers_file(answers), ENV).data
    data["alb"] = {**data.get("alb", {}), "deletion_protection": False}
    project = e2e_project(data)
    project.apply()
    out = project.outputs()
    a = project.answers
    checks.check_all(project.emu, a, out)

    envs, workloads = load_manifests(ws)
    want = derive.expected(envs, workloads, ENV)
    assert sorted(out["service_names"]) == sorted(want.services)
    rules, default = _https_rules(project.emu, a.project.region, out["alb_arn"])
    assert len(rules) == len(want.rules)
    target_of = {s: out["target_group_arns"][s] for s in want.lb_services}
    problems = misrouted(want.routes, rules, default or None, target_of)
    assert problems == [], "\n".join(problems)
