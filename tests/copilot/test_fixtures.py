"""The three Copilot workspaces (tests/copilot/fixtures) through the whole path a migrating team
takes: `import-copilot` → `validate` → `render` → offline `terraform plan` per environment, with
the resource counts and the routing derived from the manifests themselves (derive.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecs_wizard.cli import main
from ecs_wizard.model.environments import environment_names, merge
from ecs_wizard.model.yamlio import load_answers_file
from ecs_wizard.validation import validate_data_all
from tests.conftest import TF
from tests.terraform import wiring

from . import derive
from .cli_run import CASES, import_copilot, plan_environments, report_path
from .routing import misrouted
from .workspace import WORKSPACES, copy_fixture, load_manifests


def _imported(tmp_path: Path, capsys, name: str) -> tuple[Path, Path, dict]:
    ws = copy_fixture(name, tmp_path)
    answers = tmp_path / "answers.yaml"
    case = CASES[name]
    run = import_copilot(capsys, ws, answers, *case.args)
    assert run.code == case.exit_code, run.out + run.err
    return ws, answers, load_answers_file(answers)


def _env_data(data: dict, env: str) -> dict:
    return merge(data, env).data if environment_names(data) else data


@pytest.mark.parametrize("name", WORKSPACES)
def test_import_writes_valid_answers_and_the_report(tmp_path: Path, capsys, name: str) -> None:
    ws, answers, data = _imported(tmp_path, capsys, name)
    result = validate_data_all(data)
    assert result.ok, [f"{i.path}: {i.message}" for i in result.errors]
    assert not [w for w in result.warnings if w.rule == "W-ROUTING-SHADOW"], result.warnings
    capsys.readouterr()
    assert main(["validate", str(answers)]) == 0, capsys.readouterr().err
    report = report_path(answers)
    assert report.is_file(), "answers.migration.md must be written next to the answers"
    text = report.read_text(encoding="utf-8")
    assert text.count("|") > 10 and "migrated" in text
    envs, workloads = load_manifests(ws)
    for workload in workloads:
        assert f"{workload}/manifest.yml" in text, f"no report row for {workload}"
    assert (
        data["project"]["name"] == (ws / "copilot" / ".workspace").read_text().split(":")[1].strip()
    )
    declared = [e for e in envs if e in CASES[name].envs]
    assert sorted(environment_names(data) or [data["project"]["environment"]]) == sorted(declared)


@pytest.mark.parametrize("name", WORKSPACES)
def test_answers_follow_the_manifests(tmp_path: Path, capsys, name: str) -> None:
    ws, _, data = _imported(tmp_path, capsys, name)
    envs, workloads = load_manifests(ws)
    for env in CASES[name].envs:
        want = derive.expected(envs, workloads, env)
        a = _env_data(data, env)
        services = {s["name"]: s for s in a["services"]}
        assert sorted(services) == sorted(want.services), env
        balanced = {n for n, s in services.items() if s.get("load_balancer")}
        # a Backend Service's http may keep its target group, never a rule on the public ALB
        assert set(want.lb_services) <= balanced <= set(want.lb_services + want.backend_http)
        public = [r for r in a.get("routing", []) if r["service"] in want.backend_http]
        assert not (want.lb_services and public), f"{env}: internal service routed: {public}"
        for svc, count in want.desired.items():
            assert services[svc]["desired_count"] == count, (env, svc)
        for svc, (low, high) in want.ranges.items():
            scaling = services[svc].get("autoscaling")
            assert scaling and (scaling["min"], scaling["max"]) == (low, high), (env, svc)
        assert len(a.get("routing", [])) == len(want.rules), (
            env,
            a.get("routing"),
        )
        if want.default_service:
            assert a["alb"]["default_action"].get("forward") == want.default_service
        certs = (a["alb"].get("https") or {}).get("certificates", [])
        assert len([c for c in certs if c.get("arn")]) == want.certificates, env


@pytest.mark.terraform
@pytest.mark.parametrize("name", WORKSPACES)
def test_render_and_plan_each_environment(tf: TF, tmp_path: Path, capsys, name: str) -> None:
    ws, answers, _ = _imported(tmp_path, capsys, name)
    out = tmp_path / "infra"
    capsys.readouterr()
    assert main(["render", str(answers), "-o", str(out), "-q"]) == 0, capsys.readouterr().err
    envs, workloads = load_manifests(ws)
    plans = plan_environments(tf, out, CASES[name].envs)
    app = plans[CASES[name].envs[0]].values["project"]["name"]
    for env, ep in plans.items():
        want = derive.expected(envs, workloads, env)
        prefix = f"{app}-{ep.values['project']['environment']}"
        target_of = {s: wiring.target_group_arn(f"{prefix}-{s}") for s in want.lb_services}
        counts = {
            t: len(ep.created(t))
            for t in ("aws_ecs_service", "aws_lb_target_group", "aws_lb_listener_rule")
        }
        balanced = [s["name"] for s in ep.values["services"] if s.get("load_balancer")]
        assert set(want.lb_services) <= set(balanced) <= {*want.lb_services, *want.backend_http}
        assert counts == {
            "aws_ecs_service": len(want.services),
            "aws_lb_target_group": len(balanced),
            "aws_lb_listener_rule": len(want.rules),
        }, env
        scaling = {
            service: (t["min_capacity"], t["max_capacity"])
            for service, t in ep.created_in("aws_appautoscaling_target")
        }
        assert scaling == want.ranges, env
        desired = {s["name"]: s["desired_count"] for s in ep.created("aws_ecs_service")}
        for svc, count in want.desired.items():
            assert desired[f"{prefix}-{svc}"] == count, (env, svc)
        https = [x for x in ep.created("aws_lb_listener") if x["protocol"] == "HTTPS"]
        assert len(https) == (1 if want.certificates else 0), env
        default = next(
            (
                a.get("target_group_arn")
                for x in ep.created("aws_lb_listener")
                for a in x["default_action"]
                if a["type"] == "forward" and (x["protocol"] == "HTTPS" or not https)
            ),
            None,
        )
        problems = misrouted(want.routes, ep.listener_rules(), default, target_of)
        assert problems == [], "\n".join(problems)
