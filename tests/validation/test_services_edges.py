"""rules/services.py, edge by edge: each rule at its bounds (one in, one out), with the exact
message, fix and value (issue 14: the mutation run of services.py)."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.validation import validate_data
from ecs_wizard.validation.rules.services import looks_secret
from tests.validation.helpers import data

C0 = "services[0].containers[0]"


def found(d: dict[str, Any], rule: str) -> list[tuple[str, str, str, Any]]:
    return [(i.path, i.message, i.fix, i.value) for i in validate_data(d).issues if i.rule == rule]


def svc0(**fields: Any) -> dict[str, Any]:
    return data(**{f"services[0].{k}": v for k, v in fields.items()})


def container0(**fields: Any) -> dict[str, Any]:
    return data(**{f"{C0}.{k}": v for k, v in fields.items()})


# --- autoscaling and deployment ----------------------------------------------------------------


def test_autoscaling_bounds():
    def scaling(desired: int, lo: int, hi: int) -> list[tuple[str, str, str, Any]]:
        d = svc0(desired_count=desired, autoscaling={"min": lo, "max": hi, "cpu_percent": 60})
        return found(d, "E-SERVICES-AUTOSCALING")

    assert scaling(2, 2, 2) == []
    assert scaling(2, 1, 3) == []
    assert scaling(3, 3, 2) == [
        ("services[0].autoscaling.min", "min (3) is greater than max (2)", "make min ≤ max", 3)
    ]
    outside = (
        "services[0].desired_count",
        "must be between autoscaling min (2) and max (4)",
        "adjust desired_count or the autoscaling bounds",
    )
    assert scaling(1, 2, 4) == [(*outside, 1)]
    assert scaling(5, 2, 4) == [(*outside, 5)]


def test_request_scaling_needs_the_load_balancer():
    d = data()
    d["services"][2]["autoscaling"] = {"min": 2, "max": 4, "requests_per_target": 100}
    assert found(d, "E-SERVICES-AUTOSCALING") == [
        (
            "services[2].autoscaling.requests_per_target",
            "request-count scaling needs the service behind the load balancer",
            "add a load_balancer or use cpu_percent/memory_percent",
            100,
        )
    ]
    d = svc0(autoscaling={"min": 2, "max": 4, "requests_per_target": 100})
    assert found(d, "E-SERVICES-AUTOSCALING") == []


@pytest.mark.parametrize(("minimum", "maximum", "ok"), [(100, 101, True), (100, 100, False)])
def test_deployment_maximum_above_minimum(minimum, maximum, ok):
    d = svc0(deployment={"minimum_healthy_percent": minimum, "maximum_percent": maximum})
    expected = (
        "services[0].deployment.maximum_percent",
        "must be greater than minimum_healthy_percent (100), or deployments cannot start a "
        "new task",
        "e.g. minimum_healthy_percent: 100, maximum_percent: 200",
        maximum,
    )
    assert found(d, "E-SERVICES-DEPLOYMENT") == ([] if ok else [expected])


def test_at_most_ten_containers():
    def containers(n: int) -> list[dict[str, Any]]:
        return [{"name": f"c{k}", "image": "nginx:1.27"} for k in range(n)]

    d = data()
    d["services"][2]["containers"] = containers(10)
    assert found(d, "E-SERVICES-CONTAINER-COUNT") == []
    d["services"][2]["containers"] = containers(11)
    assert found(d, "E-SERVICES-CONTAINER-COUNT") == [
        (
            "services[2].containers",
            "has 11 containers; an ECS task definition holds at most 10",
            "keep at most 10 containers, or split the service",
            11,
        )
    ]


# --- images ------------------------------------------------------------------------------------


def test_image_reference_and_latest():
    assert found(container0(image="Bad Image"), "E-SERVICES-IMAGE") == [
        (
            f"{C0}.image",
            "is not a valid image reference",
            "use [registry/]repository[:tag][@sha256:digest], e.g. public.ecr.aws/nginx/nginx:1.27",
            "Bad Image",
        )
    ]
    latest = (
        f"{C0}.image",
        "uses the `latest` tag, so deployments are not reproducible",
        "pin a version tag or a digest, e.g. nginx:1.27",
    )
    assert found(container0(image="nginx"), "W-SERVICES-IMAGE-LATEST") == [(*latest, "nginx")]
    assert found(container0(image="nginx:latest"), "W-SERVICES-IMAGE-LATEST") == [
        (*latest, "nginx:latest")
    ]
    digest = "nginx@sha256:" + "a" * 64
    assert found(container0(image=digest), "W-SERVICES-IMAGE-LATEST") == []
    pinned = container0(image="nginx:latest@sha256:" + "a" * 64)
    assert found(pinned, "W-SERVICES-IMAGE-LATEST") == []
    assert found(container0(image="nginx:1.27"), "W-SERVICES-IMAGE-LATEST") == []
    assert found(container0(image="Bad Image"), "W-SERVICES-IMAGE-LATEST") == []


def test_image_length():
    ok = "r.io/" + "a" * 240 + ":1.2345678"  # 255
    assert len(ok) == 255 and found(container0(image=ok), "E-SERVICES-IMAGE-LENGTH") == []
    long = ok + "9"
    assert found(container0(image=long), "E-SERVICES-IMAGE-LENGTH") == [
        (
            f"{C0}.image",
            "is 256 characters; ECS accepts image references of at most 255",
            "shorten it: pin by digest without a tag (repository@sha256:...), or use a "
            "shorter repository path",
            long,
        )
    ]


# --- ports, environment, secrets --------------------------------------------------------------


@pytest.mark.parametrize(("port", "ok"), [(0, False), (1, True), (65535, True), (65536, False)])
def test_port_bounds(port, ok):
    issues = found(container0(port=port, **{}), "E-SERVICES-PORT")
    expected = [(f"{C0}.port", "must be 1-65535", "use a valid TCP port", port)]
    assert issues == ([] if ok else expected)


def test_ports_are_unique_within_a_task_only():
    d = data()
    d["services"][0]["containers"] += [
        {"name": "b", "image": "b:1", "port": 80},
        {"name": "c", "image": "c:1"},
        {"name": "d", "image": "d:1", "port": 80},
    ]
    message = (
        "port 80 is already used by containers[0] (containers of a task share one network "
        "namespace)"
    )
    assert found(d, "E-SERVICES-PORT") == [
        ("services[0].containers[1].port", message, "use a different port", 80),
        ("services[0].containers[3].port", message, "use a different port", 80),
    ]
    d = data(**{"services[1].containers[0].port": 80})  # another service: fine
    assert found(d, "E-SERVICES-PORT") == []


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("DB_PASSWORD", True),
        ("PASSWORD", True),
        ("API_KEY", True),
        ("API_KEYS", True),
        ("db_pwd", True),
        ("GITHUB_TOKEN_VALUE", True),
        ("MY_CREDENTIALS", True),
        ("PRIVATE_THING", True),
        ("KEYBOARD", False),
        ("MONKEY", False),
        ("LOG_LEVEL", False),
        ("PORT", False),
    ],
)
def test_looks_secret(name, secret):
    assert looks_secret(name) is secret


def test_env_and_secret_names():
    d = container0(
        environment={"1BAD": "x", "GOOD_1": "y"},
        secrets={"bad-name": "arn:aws:ssm:eu-west-1:123456789012:parameter/x"},
    )
    fix = "use up to 255 letters, digits and underscores, not starting with a digit"
    assert found(d, "E-SERVICES-ENV-NAME") == [
        (f"{C0}.environment.1BAD", "is not a valid environment variable name", fix, "1BAD"),
        # values under secrets are redacted from reports
        (f"{C0}.secrets.bad-name", "is not a valid environment variable name", fix, None),
    ]


def test_plaintext_secret_warning():
    d = container0(environment={"DB_PASSWORD": "x", "LOG_LEVEL": "info", "1_TOKEN": "y"})
    assert found(d, "W-SERVICES-PLAINTEXT-SECRET") == [
        (
            f"{C0}.environment.DB_PASSWORD",
            "looks like a secret but is stored in plain text in the task definition",
            "move it to `secrets` (DB_PASSWORD: arn:aws:ssm:...:parameter/... or a Secrets "
            "Manager ARN)",
            "DB_PASSWORD",
        )
    ]


def test_secret_arns_and_secrets_also_in_environment():
    ssm = "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db"
    d = container0(secrets={"DB": ssm, "BAD": "not-an-arn"}, environment={"DB": "x"})
    assert found(d, "E-SERVICES-SECRET") == [
        (
            f"{C0}.secrets.BAD",
            "must be the ARN of an SSM parameter or a Secrets Manager secret",
            "e.g. arn:aws:ssm:eu-west-1:123456789012:parameter/app/db-password or "
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db (optionally "
            "with the secret's 6-character suffix, and :json-key:version-stage:version-id)",
            None,  # redacted: a secret's value never appears in a report
        ),
        (f"{C0}.secrets.DB", "is also set in `environment`", "keep it in `secrets` only", None),
    ]
    assert found(container0(secrets={"DB": ssm}), "E-SERVICES-SECRET") == []


def test_secrets_kms_keys():
    key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    d = svc0(secrets_kms_key_arns=[key, "alias/app"])
    assert found(d, "E-SERVICES-SECRETS-KMS") == [
        (
            "services[0].secrets_kms_key_arns[1]",
            "must be the ARN of a KMS key (kms:Decrypt is granted on key ARNs; an alias or key "
            "id matches nothing)",
            "e.g. arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab "
            "(aws kms describe-key --key-id alias/<name> shows it)",
            "alias/app",
        )
    ]


# --- health checks and the load balancer target -------------------------------------------


@pytest.mark.parametrize(
    ("command", "message", "fix"),
    [
        (
            ["curl", "x"],
            "must start with CMD or CMD-SHELL followed by the command",
            'e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]; to turn the check '
            "off, remove health_check",
        ),
        (
            [],
            "must start with CMD or CMD-SHELL followed by the command",
            'e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]; to turn the check '
            "off, remove health_check",
        ),
        (
            ["CMD"],
            "has no command after CMD",
            'add the command to run, e.g. ["CMD", "curl -f http://localhost/ || exit 1"]',
        ),
        (
            ["CMD-SHELL"],
            "has no command after CMD-SHELL",
            'add the command to run, e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]',
        ),
        (["CMD", "true"], None, None),
        (["CMD-SHELL", "true"], None, None),
    ],
)
def test_container_health_check_command(command, message, fix):
    d = container0(health_check={"command": command})
    expected = [(f"{C0}.health_check.command", message, fix, command)] if message else []
    assert found(d, "E-SERVICES-HEALTH-CHECK") == expected


def test_lb_container():
    d = data()
    d["services"][0]["load_balancer"] = {"container": "wbe"}
    assert found(d, "E-SERVICES-LB-CONTAINER") == [
        (
            "services[0].load_balancer.container",
            "no container named `wbe` in service `web`",
            "did you mean `web`?",
            "wbe",
        )
    ]
    d["services"][0]["load_balancer"] = {"container": "zzz"}
    d["services"][0]["containers"].append({"name": "side", "image": "side:1"})
    assert found(d, "E-SERVICES-LB-CONTAINER")[0][2] == "use one of: web, side"
    d["services"][0]["load_balancer"] = {"container": "side"}
    assert found(d, "E-SERVICES-LB-CONTAINER") == [
        (
            "services[0].load_balancer.container",
            "container `side` has no port",
            "set `port:` on container `side`",
            "side",
        )
    ]
    d = data()
    d["services"][0]["containers"][0].pop("port")
    d["services"][0]["load_balancer"] = {}
    assert found(d, "E-SERVICES-LB-CONTAINER") == [
        (
            "services[0].load_balancer.container",
            "no container of this service has a port to receive traffic",
            "set `port:` on the container that serves HTTP",
            None,
        )
    ]


def _target(**hc: Any) -> list[tuple[str, str, str, Any]]:
    return found(svc0(load_balancer={"health_check": hc}), "E-SERVICES-TARGET-HEALTH")


def test_target_health_check_path():
    assert _target(path="/" + "a" * 1023) == []
    long = "/" + "a" * 1024
    assert _target(path=long) == [
        (
            "services[0].load_balancer.health_check.path",
            "is 1025 characters; target group health check paths are at most 1024",
            "use a short path that only checks health, e.g. /health",
            long,
        )
    ]
    assert _target(path="health") == [
        (
            "services[0].load_balancer.health_check.path",
            "must start with /",
            "e.g. /health",
            "health",
        )
    ]


@pytest.mark.parametrize(
    ("matcher", "ok"),
    [
        ("200", True),
        ("200-399", True),
        ("200,302", True),
        ("499", True),
        ("199", False),
        ("500", False),
        ("200-500", False),
        ("200,", False),
        ("2xx", False),
    ],
)
def test_target_health_check_matcher(matcher, ok):
    expected = (
        "services[0].load_balancer.health_check.matcher",
        "must be HTTP codes 200-499, e.g. 200, 200-399 or 200,302",
        'e.g. "200-399"',
        matcher,
    )
    assert _target(matcher=matcher) == ([] if ok else [expected])


def test_target_health_check_timeout_below_interval():
    assert _target(timeout=9, interval=10) == []
    assert _target(timeout=10, interval=10) == [
        (
            "services[0].load_balancer.health_check.timeout",
            "must be less than the interval (10)",
            "lower timeout or raise interval",
            10,
        )
    ]


# --- warnings: single task, ECS Exec -----------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "warned"),
    [
        ({"desired_count": 1}, True),
        ({"desired_count": 2}, False),
        ({"desired_count": 1, "autoscaling": {"min": 1, "max": 3, "cpu_percent": 60}}, True),
        ({"desired_count": 1, "autoscaling": {"min": 0, "max": 3, "cpu_percent": 60}}, True),
        ({"desired_count": 2, "autoscaling": {"min": 1, "max": 3, "cpu_percent": 60}}, False),
    ],
)
def test_single_task_warning(fields, warned):
    expected = (
        "services[0].desired_count",
        "a single task means downtime whenever it is replaced or its AZ fails",
        "run at least 2 tasks (desired_count: 2)",
        1,
    )
    assert found(svc0(**fields), "W-SERVICES-SINGLE-TASK") == ([expected] if warned else [])


def test_ecs_exec_warning_and_read_only_root():
    d = svc0(enable_execute_command=True)
    d["services"][0]["containers"] += [
        {"name": "a", "image": "a:1", "readonly_root_filesystem": False},
        {"name": "b", "image": "b:1", "readonly_root_filesystem": True},
    ]
    assert found(d, "W-SERVICES-EXEC") == [
        (
            "services[0].enable_execute_command",
            "ECS Exec gives shell access into running containers",
            "enable it only while debugging",
            True,
        )
    ]
    assert found(d, "E-SERVICES-EXEC-READONLY") == [
        (
            "services[0].containers[2].readonly_root_filesystem",
            "ECS Exec's SSM agent must write to the container's filesystem; AWS does not "
            "support ECS Exec with a read-only root filesystem",
            "set readonly_root_filesystem: false on this container while you debug with ECS "
            "Exec, or set enable_execute_command: false",
            True,
        )
    ]
    d["services"][0]["enable_execute_command"] = False
    assert found(d, "W-SERVICES-EXEC") == found(d, "E-SERVICES-EXEC-READONLY") == []


@pytest.mark.parametrize(
    "name", ["DBPASSWORD", "MYSECRETVALUE", "GHTOKEN", "AWSCREDENTIALS1", "SSHPRIVATEKEY"]
)
def test_a_secret_word_inside_a_longer_name_still_looks_secret(name):
    # not a whole _-separated word: found by the substring fallback
    assert looks_secret(name) and looks_secret(name.lower())


def test_every_service_is_checked_past_one_that_is_skipped():
    d = data()
    # services[1]: no load balancer and ECS Exec off; services[2]: all of it wrong
    d["services"][1].pop("load_balancer")
    d["routing"] = [r for r in d["routing"] if r["service"] != "api"]
    d["services"][2].update(
        enable_execute_command=True,
        load_balancer={"container": "wrk", "health_check": {"path": "health"}},
    )
    d["services"][2]["containers"][0].update(port=80, readonly_root_filesystem=True)
    assert [p for p, *_ in found(d, "E-SERVICES-LB-CONTAINER")] == [
        "services[2].load_balancer.container"
    ]
    assert [p for p, *_ in found(d, "E-SERVICES-TARGET-HEALTH")] == [
        "services[2].load_balancer.health_check.path"
    ]
    assert [p for p, *_ in found(d, "E-SERVICES-EXEC-READONLY")] == [
        "services[2].containers[0].readonly_root_filesystem"
    ]


def test_a_service_whose_lb_container_has_no_port_does_not_stop_the_check():
    d = data()
    d["services"][0]["containers"][0].pop("port")
    d["services"][0]["load_balancer"] = {}
    d["services"][1]["load_balancer"] = {"container": "apx"}
    assert [p for p, *_ in found(d, "E-SERVICES-LB-CONTAINER")] == [
        "services[0].load_balancer.container",
        "services[1].load_balancer.container",
    ]


def test_single_task_follows_the_autoscaling_floor():
    # desired_count 1 below an autoscaling min of 2 is an error, but never a single task
    d = svc0(desired_count=1, autoscaling={"min": 2, "max": 3, "cpu_percent": 60})
    assert found(d, "W-SERVICES-SINGLE-TASK") == []
    assert [p for p, *_ in found(d, "E-SERVICES-AUTOSCALING")] == ["services[0].desired_count"]
