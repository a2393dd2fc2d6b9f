"""Rendered projects through the real terraform (offline): fmt, validate, plan, graph.

Counts are derived from the answers, not copied from terraform's output.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecs_wizard import render
from ecs_wizard.aws import naming
from ecs_wizard.model.answers import Answers
from ecs_wizard.model.yamlio import load_answers_file

from .conftest import TF, count_by_type, write_offline_override
from .profiles import budget
from .strategies import valid_answers

EXAMPLES = render.PACKAGE_DIR / "examples"
TEST_AMI = "ami-0123456789abcdef0"


def example_data(name: str) -> dict:
    data = load_answers_file(EXAMPLES / f"{name}.yaml")
    ec2 = data.get("cluster", {}).get("capacity", {}).get("ec2")
    if ec2 is not None:
        ec2["ami_id"] = TEST_AMI  # the SSM AMI look-up needs AWS; an explicit AMI does not
    return data


def render_to(tmp: Path, data: dict) -> tuple[Answers, Path]:
    answers = Answers.model_validate(data)
    render.write_project(answers, tmp)
    write_offline_override(tmp, answers.project.region)
    return answers, tmp


def expected_counts(a: Answers) -> dict[str, int]:
    lb = a.lb_services()
    certs = a.alb.https.certificates if a.alb.https else []
    new_certs = [c for c in certs if c.domain]
    autoscaled = [s for s in a.services if s.autoscaling]
    return {
        "aws_ecs_cluster": 1,
        "aws_ecs_service": len(a.services),
        "aws_ecs_task_definition": len(a.services),
        "aws_lb_target_group": len(lb),
        "aws_lb_listener_rule": len(a.routing),
        "aws_lb_listener": 1 + (a.alb.https is not None),
        "aws_lb": 1,
        "aws_acm_certificate": len(new_certs),
        "aws_acm_certificate_validation": len(new_certs),
        "aws_lb_listener_certificate": max(len(certs) - 1, 0),
        "aws_appautoscaling_target": len(autoscaled),
        "aws_launch_template": int(a.cluster.capacity.ec2 is not None),
        "aws_autoscaling_group": int(a.cluster.capacity.ec2 is not None),
        "aws_ecs_capacity_provider": int(a.cluster.capacity.ec2 is not None),
    }


def planned(plan: dict, rtype: str) -> list[dict]:
    return [
        rc
        for rc in plan["resource_changes"]
        if rc["type"] == rtype and rc["change"]["actions"] == ["create"]
    ]


@pytest.mark.parametrize("name", ["full", "minimal", "ec2"])
def test_example_renders_to_a_plannable_project(tf: TF, tmp_path: Path, name: str) -> None:
    a, root = render_to(tmp_path / name, example_data(name))
    tf.run(root, "fmt", "-check", "-recursive", "-diff")
    tf.init(root)
    tf.run(root, "validate", "-no-color")
    plan = tf.plan_json(root)
    counts = count_by_type(plan)
    for rtype, n in expected_counts(a).items():
        assert counts.get(rtype, 0) == n, f"{rtype}: expected {n}, planned {counts.get(rtype, 0)}"

    # Names computed in HCL agree with ecs_wizard.aws.naming.
    [alb] = planned(plan, "aws_lb")
    assert alb["change"]["after"]["name"] == naming.alb_name(a.project.name, a.project.environment)
    tg_names = sorted(rc["change"]["after"]["name"] for rc in planned(plan, "aws_lb_target_group"))
    expected = sorted(
        naming.target_group_name(a.project.name, a.project.environment, s.name)
        for s in a.lb_services()
    )
    assert len(tg_names) == len(expected)
    for got, base in zip(tg_names, expected, strict=True):
        assert got.startswith(base + "-") and len(got) <= 32

    # Rule priorities and conditions come from the answers.
    rules = {rc["change"]["after"]["priority"]: rc for rc in planned(plan, "aws_lb_listener_rule")}
    assert sorted(rules) == sorted(r.priority for r in a.routing)
    for r in a.routing:
        conditions = rules[r.priority]["change"]["after"]["condition"]
        paths = [v for c in conditions for p in c.get("path_pattern", []) for v in p["values"]]
        hosts = [v for c in conditions for h in c.get("host_header", []) for v in h["values"]]
        assert sorted(paths) == sorted(r.paths) and sorted(hosts) == sorted(r.hosts)


def test_full_example_is_secure_by_default(tf: TF, tmp_path: Path) -> None:
    a, root = render_to(tmp_path / "full", example_data("full"))
    plan = tf.plan_json(root)
    listeners = {
        rc["change"]["after"]["port"]: rc["change"]["after"]
        for rc in planned(plan, "aws_lb_listener")
    }
    https = listeners[443]
    assert https["protocol"] == "HTTPS"
    assert https["ssl_policy"] == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    [redirect] = listeners[80]["default_action"]
    assert redirect["type"] == "redirect"
    assert redirect["redirect"][0]["protocol"] == "HTTPS"
    assert redirect["redirect"][0]["status_code"] == "HTTP_301"
    [lt] = planned(plan, "aws_launch_template")
    assert lt["change"]["after"]["metadata_options"][0]["http_tokens"] == "required"
    # Services never get public IPs and sit in the private subnets.
    for svc in planned(plan, "aws_ecs_service"):
        [net] = svc["change"]["after"]["network_configuration"]
        assert net["assign_public_ip"] is False
        assert sorted(net["subnets"]) == sorted(a.network.private_subnet_ids)
    # Task security groups admit traffic only from the ALB's security group.
    ingress = planned(plan, "aws_vpc_security_group_ingress_rule")
    task_rules = [r for r in ingress if r["address"].startswith("module.service")]
    assert len(task_rules) == len(a.lb_services())
    # ... and, for a Service Connect server, from the project's other Service Connect services.
    connected = [x.name for x in a.services if x.service_connect]
    servers = [x.name for x in a.services if x.service_connect and x.service_connect.server]
    connect_rules = [r for r in ingress if ".service_connect[" in r["address"]]
    assert len(connect_rules) == sum(len(connected) - 1 for _ in servers)
    for r in task_rules + connect_rules:
        assert r["change"]["after"]["cidr_ipv4"] is None
        assert "referenced_security_group_id" in r["change"]["after_unknown"]
    # Secrets reach the task as valueFrom, never as plain environment.
    web_td = next(rc for rc in planned(plan, "aws_ecs_task_definition") if '"web"' in rc["address"])
    defs = web_td["change"]["after"]["container_definitions"]
    assert "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/session-key" in defs
    assert '"valueFrom"' in defs
    # Every log group has a retention.
    for lg in planned(plan, "aws_cloudwatch_log_group"):
        assert lg["change"]["after"]["retention_in_days"] > 0


def _graph_edges(dot: str) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for src, dst in re.findall(r'"([^"]+)"\s*->\s*"([^"]+)"', dot):
        edges[src].add(dst)
    return edges


def _reaches(edges: dict[str, set[str]], start: str, target_re: str) -> bool:
    seen, todo = set(), [start]
    pattern = re.compile(target_re)
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        if node != start and pattern.search(node):
            return True
        todo.extend(edges.get(node, ()))
    return False


def test_services_wait_for_their_listener_and_rules(tf: TF, tmp_path: Path) -> None:
    """The ordering trap: a service is created only after whatever forwards to its group.

    Terraform's graph names resources of a for_each module once (not per instance), so this
    only proves that the edges service -> listener/rule exist for the module as a whole. It
    cannot tell which rules a given service waits for. That per-instance wiring (each service
    waits for exactly the rules and listeners that forward to it; each rule forwards to the
    service it names) is checked on planned values by tests/terraform/test_wiring.py.
    """
    _, root = render_to(tmp_path / "full", example_data("full"))
    tf.init(root)
    dot = tf.run(root, "graph", "-type=plan").stdout
    edges = _graph_edges(dot)
    nodes = set(edges) | {d for ds in edges.values() for d in ds}

    svc_nodes = [n for n in nodes if "aws_ecs_service." in n]
    assert svc_nodes, "no aws_ecs_service in the graph"
    for node in svc_nodes:
        assert _reaches(edges, node, r"aws_lb_listener_rule\.this"), node
        assert _reaches(edges, node, r"aws_lb_listener\.(https|http)"), node
    https = [n for n in nodes if "aws_lb_listener.https" in n]
    assert https and all(_reaches(edges, n, "aws_acm_certificate_validation") for n in https)


@given(valid_answers(max_services=3, max_rules=3), st.data())
@settings(
    max_examples=budget(ci=4, deep=30),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_random_valid_answers_plan_offline(tf: TF, tmp_path_factory, data: dict, _) -> None:
    root = tmp_path_factory.mktemp("random")
    data = copy.deepcopy(data)
    ec2 = data.get("cluster", {}).get("capacity", {}).get("ec2")
    if ec2 is not None and "ami_id" not in ec2:
        ec2["ami_id"] = TEST_AMI  # the SSM AMI look-up needs AWS
    a, root = render_to(root, data)
    plan = tf.plan_json(root)
    counts = count_by_type(plan)
    for rtype, n in expected_counts(a).items():
        assert counts.get(rtype, 0) == n, f"{rtype}: expected {n}, planned {counts.get(rtype, 0)}"


def test_moved_blocks_are_valid_terraform(tf: TF, tmp_path: Path) -> None:
    data = example_data("minimal")
    _, root = render_to(tmp_path / "p", copy.deepcopy(data))
    data["services"][0]["autoscaling"] = {"min": 2, "max": 4}
    render.write_project(Answers.model_validate(data), root)
    assert (root / render.MOVED_FILE).is_file()
    tf.init(root)
    tf.run(root, "validate", "-no-color")
    plan = tf.plan_json(root)
    # Nothing to move yet (no state), but the plan must accept the block.
    assert any(rc["type"] == "aws_ecs_service" for rc in plan["resource_changes"])


def test_graviton_ec2_services_get_arm64_tasks(tf: TF, tmp_path: Path) -> None:
    a, root = render_to(tmp_path / "ec2", example_data("ec2"))
    assert a.cluster.capacity.ec2 is not None and a.cluster.capacity.ec2.instance_type.startswith(
        "m7g"
    )
    plan = tf.plan_json(root)
    on_ec2 = {s.name for s in a.services if "ec2" in (s.capacity or [])}
    for td in planned(plan, "aws_ecs_task_definition"):
        name = re.search(r'module\.service\["([^"]+)"\]', td["address"])[1]
        arch = td["change"]["after"]["runtime_platform"][0]["cpu_architecture"]
        assert arch == ("ARM64" if name in on_ec2 else "X86_64"), td["address"]
