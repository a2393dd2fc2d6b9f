"""rules/services.py: counts, deployments, containers, the load balancer target."""

from __future__ import annotations

import pytest

from ecs_wizard.validation import (
    parse_image,
    validate_data,
)
from tests.validation.helpers import Change, check_rule_ids, data, error_at, errors, is_ok, warnings


@pytest.mark.parametrize(
    "image",
    [
        "nginx",
        "nginx:1.27",
        "library/nginx:1.27-alpine",
        "public.ecr.aws/nginx/nginx:1.27",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:1.4.2",
        "localhost:5000/app:dev",
        "ghcr.io/acme/web@sha256:" + "0" * 64,
        "ghcr.io/acme/web:1.0@sha256:" + "0" * 64,
    ],
)
def test_image_valid(image):
    assert parse_image(image) is not None
    assert "services[2].containers[0].image" not in errors(
        data(**{"services[2].containers[0].image": image})
    )


@pytest.mark.parametrize(
    "image", ["", "Nginx:1", "nginx:", "nginx:-1", "a//b", "nginx@sha256:abc", "ex ample/a"]
)
def test_image_invalid(image):
    assert "services[2].containers[0].image" in errors(
        data(**{"services[2].containers[0].image": image})
    )


def test_latest_tag_warns():
    for image in ("nginx", "nginx:latest", "ghcr.io/a/b:latest"):
        w = warnings(data(**{"services[2].containers[0].image": image}))
        assert "services[2].containers[0].image" in w
    assert not warnings(data(**{"services[2].containers[0].image": "nginx@sha256:" + "a" * 64}))


def test_secret_arns():
    path = "services[2].containers[0].secrets"
    good = {
        "A": "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/a",
        "B": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/b-AbCdEf",
    }
    assert validate_data(data(**{path: good})).ok
    e = errors(data(**{path: {"A": "plain-text-secret", "B": "arn:aws:s3:::bucket"}}))
    assert "services[2].containers[0].secrets.A" in e
    assert "services[2].containers[0].secrets.B" in e


def test_secrets_manager_arn_forms():
    """Issue 10: complete and partial Secrets Manager ARNs, with or without a JSON key."""
    path = "services[2].containers[0].secrets"
    sm = "arn:aws:secretsmanager:eu-west-1:123456789012:secret"
    good = {
        "A": f"{sm}:shop/a-AbCdEf",
        "B": f"{sm}:shop/b",
        "C": f"{sm}:shop/c:password::",
        "D": f"{sm}:shop/d-AbCdEf:password:AWSCURRENT:",
    }
    assert validate_data(data(**{path: good})).ok
    bad = {"A": f"{sm}:shop/a-AbCdEf:k:AWSCURRENT:v:extra", "B": f"{sm}:", "C": f"{sm}:a b"}
    e = errors(data(**{path: bad}))
    assert {f"{path}.{k}" for k in bad} <= set(e), e


def test_secrets_kms_key_arns():
    key = "arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
    assert validate_data(data(**{"services[1].secrets_kms_key_arns": [key]})).ok
    for bad in (
        "alias/app",
        "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
        key.replace(":key/", ":alias/"),
    ):
        e = errors(data(**{"services[1].secrets_kms_key_arns": [bad]}))
        assert "services[1].secrets_kms_key_arns[0]" in e, bad


def test_autoscaling_bounds():
    d = data(**{"services[0].autoscaling": {"min": 3, "max": 10}})
    assert "services[0].desired_count" in errors(d)
    d = data(**{"services[0].autoscaling": {"min": 5, "max": 2}})
    assert "services[0].autoscaling.min" in errors(d)
    assert validate_data(data(**{"services[0].autoscaling": {"min": 2, "max": 10}})).ok
    d = data(**{"services[2].autoscaling": {"requests_per_target": 100}})
    assert "services[2].autoscaling.requests_per_target" in errors(d)


def test_deployment_percentages():
    d = data(**{"services[0].deployment": {"minimum_healthy_percent": 100, "maximum_percent": 100}})
    assert "services[0].deployment.maximum_percent" in errors(d)


@pytest.mark.parametrize(("port", "ok"), [(1, True), (65535, True), (0, False), (65536, False)])
def test_port_range(port, ok):
    e = errors(data(**{"services[0].containers[0].port": port}))
    assert ("services[0].containers[0].port" not in e) is ok


def test_ports_unique_within_task():
    d = data()
    d["services"][0]["containers"].append({"name": "side", "image": "envoy:1.0", "port": 80})
    assert "services[0].containers[1].port" in errors(d)
    d["services"][0]["containers"][1]["port"] = 9901
    assert validate_data(d).ok


def test_load_balancer_container():
    e = errors(data(**{"services[0].load_balancer.container": "wbe"}))
    assert "services[0].load_balancer.container" in e
    d = data()
    del d["services"][1]["containers"][0]["port"]
    assert "services[1].load_balancer.container" in errors(d)
    d = data()
    d["services"][0]["containers"].append({"name": "side", "image": "envoy:1.0"})
    d["services"][0]["load_balancer"]["container"] = "side"
    assert any("has no port" in m for m in errors(d)["services[0].load_balancer.container"])


def test_target_health_check():
    lb = "services[0].load_balancer.health_check"
    e = errors(data(**{lb: {"path": "health", "matcher": "600", "timeout": 30, "interval": 30}}))
    assert set(e) == {
        f"services[0].load_balancer.health_check.{k}" for k in ("path", "matcher", "timeout")
    }
    assert validate_data(data(**{lb: {"path": "/h", "matcher": "200,302-399"}})).ok


@pytest.mark.parametrize(
    ("name", "secret"),
    [("DB_PASSWORD", True), ("API_KEY", True), ("GITHUB_TOKEN", True), ("PRIVATE_PEM", True),
     ("AWS_SECRET_ACCESS_KEY", True), ("KEYCLOAK_URL", False), ("LOG_LEVEL", False),
     ("MONKEY", False)],
)  # fmt: skip
def test_secret_looking_env_names(name, secret):
    w = warnings(data(**{"services[2].containers[0].environment": {name: "x"}}))
    path = f"services[2].containers[0].environment.{name}"
    assert (path in w) is secret


def test_env_and_secret_names():
    env = {"1BAD": "x"}
    assert "services[2].containers[0].environment.1BAD" in errors(
        data(**{"services[2].containers[0].environment": env})
    )
    arn = "arn:aws:ssm:eu-west-1:123456789012:parameter/x"
    d = data(
        **{
            "services[2].containers[0].environment": {"DSN_URL": "x"},
            "services[2].containers[0].secrets": {"DSN_URL": arn},
        }
    )
    assert "services[2].containers[0].secrets.DSN_URL" in errors(d)


def test_risky_choice_warnings():
    d = data(
        **{
            "alb.internal": True,
            "alb.deletion_protection": False,
            "services[0].desired_count": 1,
            "services[0].enable_execute_command": True,
        }
    )
    r = validate_data(d)
    assert r.ok
    assert {"alb.ingress_cidrs", "alb.deletion_protection",
            "services[0].desired_count", "services[0].enable_execute_command"} <= {
        i.path for i in r.warnings
    }  # fmt: skip
    assert "cluster.log_retention_days" in errors(data(**{"cluster": {"log_retention_days": 10}}))
    # Never-expiring logs are refused: every log group must have a retention.
    assert "cluster.log_retention_days" in errors(data(**{"cluster": {"log_retention_days": 0}}))


HC = "services[2].containers[0].health_check"


HC_PATH = "services[2].containers[0].health_check"


def test_container_health_check_timeout_at_most_60():
    e = error_at(data(**{HC: {"command": ["CMD", "true"], "timeout": 61}}), f"{HC_PATH}.timeout")
    assert e.message == "must be ≤ 60" and e.value == 61
    assert is_ok(data(**{HC: {"command": ["CMD", "true"], "timeout": 60}}))


def test_container_health_check_command_needs_cmd_and_a_command():
    e = error_at(data(**{HC: {"command": ["NONE"]}}), f"{HC_PATH}.command")
    assert "CMD or CMD-SHELL" in e.message and "remove health_check" in e.fix
    assert e.value == ["NONE"]
    e = error_at(data(**{HC: {"command": ["CMD-SHELL"]}}), f"{HC_PATH}.command")
    assert "no command after CMD-SHELL" in e.message
    assert is_ok(data(**{HC: {"command": ["CMD-SHELL", "exit 0"]}}))


def test_at_most_ten_containers_per_service():
    many = [{"name": f"c{i}", "image": "acme/worker:1.0"} for i in range(11)]
    e = error_at(data(**{"services[2].containers": many}), "services[2].containers")
    assert "at most 10" in e.message and e.value == 11
    assert is_ok(data(**{"services[2].containers": many[:10]}))


def test_task_count_at_most_5000():
    e = error_at(data(**{"services[2].desired_count": 5001}), "services[2].desired_count")
    assert e.message == "must be ≤ 5000"
    sc = {"min": 2, "max": 5001}
    assert error_at(data(**{"services[2].autoscaling": sc}), "services[2].autoscaling.max")
    sc["max"] = 5000
    assert is_ok(data(**{"services[2].autoscaling": sc, "services[2].desired_count": 5000}))


C = "services[2].containers[0]"
C0 = "services[0].containers[0]"
WEB = {"name": "web", "image": "nginx:1.27", "port": 80}
WEB2 = {"name": "web2", "image": "nginx:1.27", "port": 80}


# (change to the base answers, expected (path, rule id) issues): one row per check at least.
RULE_IDS: list[tuple[Change, list[tuple[str, str]]]] = [
    (
        {"services[0].autoscaling": {"min": 5, "max": 2}},
        [("services[0].autoscaling.min", "E-SERVICES-AUTOSCALING")],
    ),
    (
        {"services[0].deployment": {"minimum_healthy_percent": 100, "maximum_percent": 100}},
        [("services[0].deployment.maximum_percent", "E-SERVICES-DEPLOYMENT")],
    ),
    (
        {"services[2].containers": [{"name": f"c{i}", "image": "a:1"} for i in range(11)]},
        [("services[2].containers", "E-SERVICES-CONTAINER-COUNT")],
    ),
    ({f"{C}.image": "Not An Image"}, [(f"{C}.image", "E-SERVICES-IMAGE")]),
    ({f"{C}.image": "nginx"}, [(f"{C}.image", "W-SERVICES-IMAGE-LATEST")]),
    (
        {"services[0].containers[0].environment": {}, "services[0].containers": [WEB, WEB2]},
        [("services[0].containers[1].port", "E-SERVICES-PORT")],
    ),
    ({f"{C}.environment": {"1BAD": "x"}}, [(f"{C}.environment.1BAD", "E-SERVICES-ENV-NAME")]),
    (
        {f"{C}.environment": {"DB_PASSWORD": "x"}},
        [(f"{C}.environment.DB_PASSWORD", "W-SERVICES-PLAINTEXT-SECRET")],
    ),
    ({f"{C}.secrets": {"A": "plain"}}, [(f"{C}.secrets.A", "E-SERVICES-SECRET")]),
    (
        {"services[1].secrets_kms_key_arns": ["alias/app-secrets"]},
        [("services[1].secrets_kms_key_arns[0]", "E-SERVICES-SECRETS-KMS")],
    ),
    (
        {f"{C}.health_check": {"command": ["CMD"]}},
        [(f"{C}.health_check.command", "E-SERVICES-HEALTH-CHECK")],
    ),
    (
        {"services[0].load_balancer.container": "wbe"},
        [("services[0].load_balancer.container", "E-SERVICES-LB-CONTAINER")],
    ),
    (
        {"services[0].load_balancer": {"container": "web", "health_check": {"path": "h"}}},
        [("services[0].load_balancer.health_check.path", "E-SERVICES-TARGET-HEALTH")],
    ),
    ({"services[0].desired_count": 1}, [("services[0].desired_count", "W-SERVICES-SINGLE-TASK")]),
    (
        {"services[0].enable_execute_command": True},
        [("services[0].enable_execute_command", "W-SERVICES-EXEC")],
    ),
    (
        {"services[0].enable_execute_command": True, f"{C0}.readonly_root_filesystem": True},
        [(f"{C0}.readonly_root_filesystem", "E-SERVICES-EXEC-READONLY")],
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), RULE_IDS, ids=[",".join(r for _, r in exp) for _, exp in RULE_IDS]
)
def test_rule_ids(change, expected):
    check_rule_ids(change, expected)


@pytest.mark.parametrize(("length", "ok"), [(255, True), (256, False)])
def test_env_name_length(length, ok):
    """The ecs-service module caps environment and secret names at 255 characters."""
    name = "A" * length
    e = errors(data(**{"services[2].containers[0].environment": {name: "x"}}))
    assert (f"services[2].containers[0].environment.{name}" not in e) is ok


def test_execute_command_with_readonly_root_filesystem():
    """Issue 10: refused (AWS does not support ECS Exec on a read-only root filesystem)."""
    ro = {"services[0].enable_execute_command": True, f"{C0}.readonly_root_filesystem": True}
    issue = error_at(data(**ro), f"{C0}.readonly_root_filesystem")
    assert "enable_execute_command" in issue.fix
    assert validate_data(data(**{**ro, "services[0].enable_execute_command": False})).ok
    off = {**ro, f"{C0}.readonly_root_filesystem": False}
    assert f"{C0}.readonly_root_filesystem" not in errors(data(**off))
