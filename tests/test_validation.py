"""Unit tests for each validation rule: a valid and an invalid case, exact paths."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from ecs_wizard import naming
from ecs_wizard.validation import (
    glob_subsumes,
    parse_image,
    validate_data,
    validate_field,
)

CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
BASE: dict[str, Any] = {
    "version": 1,
    "project": {"name": "shop", "environment": "prod", "region": "eu-west-1"},
    "network": {
        "vpc_id": "vpc-0a1b2c3d4e5f60718",
        "public_subnet_ids": ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
        "private_subnet_ids": ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
    },
    "services": [
        {
            "name": "web",
            "cpu": 512,
            "memory": 1024,
            "containers": [{"name": "web", "image": "nginx:1.27", "port": 80}],
            "load_balancer": {"container": "web"},
        },
        {
            "name": "api",
            "containers": [{"name": "api", "image": "acme/api:1.0", "port": 8080}],
            "load_balancer": {},
        },
        {"name": "worker", "containers": [{"name": "worker", "image": "acme/worker:1.0"}]},
    ],
    "alb": {"https": {"certificates": [{"arn": CERT}]}},
    "routing": [
        {"name": "api", "priority": 10, "service": "api", "paths": ["/api/*"]},
        {"name": "admin", "priority": 20, "service": "web", "hosts": ["admin.example.com"]},
    ],
}


def data(**changes: Any) -> dict[str, Any]:
    """A deep copy of BASE with dotted-path changes, e.g. data(**{"project.name": "x"})."""
    d = copy.deepcopy(BASE)
    for path, value in changes.items():
        node: Any = d
        parts = [int(p) if p.isdigit() else p for p in path.split(".")]
        for p in parts[:-1]:
            node = node[p]
        node[parts[-1]] = value
    return d


def errors(d: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for i in validate_data(d).errors:
        out.setdefault(i.path, []).append(i.message)
    return out


def warnings(d: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for i in validate_data(d).warnings:
        out.setdefault(i.path, []).append(i.message)
    return out


def test_base_is_valid_and_warning_free():
    r = validate_data(data())
    assert r.ok and not r.warnings, r.issues


# --- shape errors --------------------------------------------------------------------------


def test_unknown_keys_suggest_the_closest_key_at_the_exact_path():
    d = data()
    d["services"][1]["containers"][0]["prot"] = 8080
    d["alb"]["htps"] = {}
    r = validate_data(d)
    by_path = {i.path: i for i in r.errors}
    assert "did you mean `port`?" in by_path["services[1].containers[0].prot"].fix
    assert "did you mean `https`?" in by_path["alb.htps"].fix
    assert by_path["services[1].containers[0].prot"].value == 8080


def test_all_shape_errors_are_reported_at_once():
    d = data(**{"project.region": 5, "services.0.cpu": "big", "cluster": {"x": 1}})
    del d["network"]["vpc_id"]
    e = errors(d)
    assert set(e) >= {
        "project.region",
        "services[0].cpu",
        "cluster.x",
        "network.vpc_id",
    }
    assert e["network.vpc_id"] == ["`vpc_id` is required"]


def test_literal_suggestion_and_non_mapping_top_level():
    r = validate_data(data(**{"cluster": {"container_insights": "enable"}}))
    (issue,) = r.errors
    assert issue.path == "cluster.container_insights" and "`enabled`" in issue.fix
    assert validate_data(None).errors[0].path == "(top level)"
    assert not validate_data([1, 2]).ok


# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["shop", "a", "my-shop-2"])
def test_project_name_valid(name):
    assert "project.name" not in errors(data(**{"project.name": name}))


@pytest.mark.parametrize("name", ["Shop", "2shop", "shop-", "sh_op", "x" * 33])
def test_project_name_invalid(name):
    assert "project.name" in errors(data(**{"project.name": name}))


def test_service_rule_and_container_names():
    e = errors(data(**{"services.2.name": "Worker", "routing.1.name": "Admin Rule"}))
    assert "services[2].name" in e and "routing[1].name" in e
    e = errors(data(**{"services.2.containers.0.name": "bad name"}))
    assert "services[2].containers[0].name" in e
    assert "services[2].containers[0].name" not in errors(
        data(**{"services.2.containers.0.name": "Worker_1"})
    )


def test_unique_service_container_and_rule_names():
    d = data(**{"services.2.name": "api", "routing.1.name": "api"})
    d["services"][0]["containers"].append({"name": "web", "image": "nginx:1.27"})
    e = errors(d)
    assert any("duplicate service name" in m for m in e["services[2].name"])
    assert "routing[1].name" in e
    assert "services[0].containers[1].name" in e


def test_naming_shortens_deterministically_and_uniquely():
    long_a = naming.target_group_name("averyveryverylongproject", "production", "service-a")
    long_b = naming.target_group_name("averyveryverylongproject", "production", "service-b")
    # 27: the ecs-service module appends a 5-character suffix within AWS's 32.
    assert len(long_a) <= 27 and len(long_b) <= 27 and long_a != long_b
    assert long_a == naming.target_group_name("averyveryverylongproject", "production", "service-a")
    assert naming.target_group_name("shop", "prod", "web") == "shop-prod-web"
    assert len(naming.alb_name("a" * 40, "prod")) <= 32
    assert not naming.alb_name("internal", "x").startswith("internal-")
    assert not naming.shorten("a" * 25 + "-" * 10 + "b", 32).endswith("-")


def test_long_names_validate_because_they_are_shortened():
    d = data(**{"project.name": "a" * 32, "project.environment": "production-eu"})
    assert validate_data(d).ok


def test_tags():
    assert "project.tags.aws:team" in errors(data(**{"project.tags": {"aws:team": "x"}}))
    assert validate_data(data(**{"project.tags": {"team": "platform"}})).ok


# --- ids, ARNs, CIDRs, region, images ------------------------------------------------------


@pytest.mark.parametrize("vpc", ["vpc-0a1b2c3d", "vpc-0a1b2c3d4e5f60718"])
def test_vpc_id_valid(vpc):
    assert validate_data(data(**{"network.vpc_id": vpc})).ok


@pytest.mark.parametrize("vpc", ["vpc-123", "vpc-0A1B2C3D", "0a1b2c3d", "vpc-0a1b2c3d4e5f6071"])
def test_vpc_id_invalid(vpc):
    assert "network.vpc_id" in errors(data(**{"network.vpc_id": vpc}))


def test_subnets():
    e = errors(data(**{"network.public_subnet_ids": ["subnet-0aaaaaaaaaaaaaaa1"]}))
    assert "network.public_subnet_ids" in e
    e = errors(data(**{"network.private_subnet_ids": []}))
    assert "network.private_subnet_ids" in e
    e = errors(data(**{"network.private_subnet_ids": ["subnet-xyz", "subnet-xyz"]}))
    assert "network.private_subnet_ids[0]" in e and "network.private_subnet_ids[1]" in e
    w = warnings(data(**{"network.private_subnet_ids": ["subnet-0bbbbbbbbbbbbbbb1"]}))
    assert "network.private_subnet_ids" in w


def test_region():
    r = validate_data(data(**{"project.region": "eu-west-9"}))
    (issue,) = [i for i in r.errors if i.path == "project.region"]
    assert "`eu-west-" in issue.fix
    # a valid region is accepted, but the eu-west-1 certificate no longer matches it
    assert set(errors(data(**{"project.region": "ap-southeast-2"}))) == {
        "alb.https.certificates[0].arn"
    }


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
        data(**{"services.2.containers.0.image": image})
    )


@pytest.mark.parametrize(
    "image", ["", "Nginx:1", "nginx:", "nginx:-1", "a//b", "nginx@sha256:abc", "ex ample/a"]
)
def test_image_invalid(image):
    assert "services[2].containers[0].image" in errors(
        data(**{"services.2.containers.0.image": image})
    )


def test_latest_tag_warns():
    for image in ("nginx", "nginx:latest", "ghcr.io/a/b:latest"):
        w = warnings(data(**{"services.2.containers.0.image": image}))
        assert "services[2].containers[0].image" in w
    assert not warnings(data(**{"services.2.containers.0.image": "nginx@sha256:" + "a" * 64}))


@pytest.mark.parametrize(
    ("cidr", "ok"),
    [("10.0.0.0/8", True), ("2001:db8::/32", True), ("10.0.0.1/8", False),
     ("10.0.0.0/33", False), ("banana", False), ("10.0.0.1", False)],
)  # fmt: skip
def test_cidrs(cidr, ok):
    e = errors(data(**{"alb.ingress_cidrs": [cidr], "routing.1.source_ips": [cidr]}))
    assert ("alb.ingress_cidrs[0]" not in e) is ok
    assert ("routing[1].source_ips[0]" not in e) is ok


def test_host_bits_fix_names_the_network():
    r = validate_data(data(**{"alb.ingress_cidrs": ["10.1.2.3/8"]}))
    assert r.errors[0].fix == "use 10.0.0.0/8"


def test_secret_arns():
    path = "services.2.containers.0.secrets"
    good = {
        "A": "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/a",
        "B": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/b-AbCdEf",
    }
    assert validate_data(data(**{path: good})).ok
    e = errors(data(**{path: {"A": "plain-text-secret", "B": "arn:aws:s3:::bucket"}}))
    assert "services[2].containers[0].secrets.A" in e
    assert "services[2].containers[0].secrets.B" in e


def test_certificates():
    bad_arn = {"alb.https.certificates": [{"arn": "arn:aws:acm:eu-west-1:1:certificate/x"}]}
    assert "alb.https.certificates[0].arn" in errors(data(**bad_arn))
    other_region = CERT.replace("eu-west-1", "us-east-1")
    e = errors(data(**{"alb.https.certificates": [{"arn": other_region}]}))
    assert any("us-east-1" in m for m in e["alb.https.certificates[0].arn"])
    both = {"alb.https.certificates": [{"arn": CERT, "domain": "example.com"}]}
    assert "alb.https.certificates[0]" in errors(data(**both))
    good = {"domain": "example.com", "subject_alternative_names": ["*.example.com"],
            "route53_zone_id": "Z0123456789ABCDEFGHIJ"}  # fmt: skip
    assert validate_data(data(**{"alb.https.certificates": [good]})).ok
    bad = {**good, "domain": "exa mple.com", "route53_zone_id": "zone"}
    e = errors(data(**{"alb.https.certificates": [bad]}))
    assert {"alb.https.certificates[0].domain", "alb.https.certificates[0].route53_zone_id"} <= (
        set(e)
    )


# --- sizes and counts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cpu", "memory"),
    [(256, 512), (256, 2048), (512, 4096), (1024, 8192), (2048, 16384), (4096, 30720),
     (8192, 61440), (16384, 122880), (16384, 32768)],
)  # fmt: skip
def test_fargate_pairs_valid(cpu, memory):
    assert validate_data(data(**{"services.0.cpu": cpu, "services.0.memory": memory})).ok


@pytest.mark.parametrize(
    ("cpu", "memory", "path"),
    [(256, 4096, "memory"), (512, 512, "memory"), (1024, 9216, "memory"), (300, 1024, "cpu"),
     (8192, 18432, "memory"), (16384, 36864, "memory"), (4096, 31744, "memory")],
)  # fmt: skip
def test_fargate_pairs_invalid(cpu, memory, path):
    e = errors(data(**{"services.0.cpu": cpu, "services.0.memory": memory}))
    assert f"services[0].{path}" in e


def test_container_sums_within_task():
    d = data()
    d["services"][0]["containers"] = [
        {"name": "web", "image": "nginx:1.27", "port": 80, "cpu": 384, "memory": 768},
        {"name": "side", "image": "envoy:1.0", "cpu": 256, "memory": 512},
    ]
    e = errors(d)
    assert len(e["services[0].containers"]) == 2
    d["services"][0]["containers"][1].update(cpu=128, memory=256)
    assert validate_data(d).ok


def _ec2(**ec2: Any) -> dict[str, Any]:
    d = data()
    d["cluster"] = {
        "capacity": {
            "fargate": {"weight": 1},
            "ec2": {"instance_type": "m6i.large", "weight": 0, **ec2},
        }
    }
    d["services"][0]["capacity"] = ["ec2"]
    return d


def test_ec2_task_must_fit_instance():
    d = _ec2()
    d["services"][0].update(cpu=2048, memory=7000)
    assert validate_data(d).ok, validate_data(d).errors
    d["services"][0].update(cpu=4096, memory=8192)
    e = errors(d)
    assert "services[0].cpu" in e and "services[0].memory" in e
    d["services"][0].update(cpu=1024, memory=1000)  # not a Fargate pair, fine on EC2
    assert validate_data(d).ok


def test_asg_min_desired_max():
    assert "cluster.capacity.ec2.desired_capacity" in errors(
        _ec2(min_size=2, max_size=4, desired_capacity=5)
    )
    assert "cluster.capacity.ec2.min_size" in errors(_ec2(min_size=5, max_size=4))
    assert validate_data(_ec2(min_size=1, max_size=4, desired_capacity=4)).ok


def test_unknown_instance_type_is_a_warning_and_bad_format_an_error():
    assert "cluster.capacity.ec2.instance_type" in warnings(_ec2(instance_type="m9z.large"))
    assert "cluster.capacity.ec2.instance_type" in errors(_ec2(instance_type="large"))


def test_capacity_rules():
    d = _ec2(weight=1)
    e = errors(d)
    assert any("mixes Fargate and EC2" in m for m in e["cluster.capacity"])
    d = _ec2()
    d["services"][0]["capacity"] = ["fargate", "ec2"]
    assert "services[0].capacity" in errors(d)
    d = data()
    d["services"][0]["capacity"] = ["fargate_spot"]
    assert "services[0].capacity[0]" in errors(d)
    d["cluster"] = {"capacity": {"fargate": {"base": 1}, "fargate_spot": {"base": 2}}}
    assert "cluster.capacity" in errors(d)
    d["cluster"] = {"capacity": {"fargate": {"weight": 0}}}
    d["services"][0]["capacity"] = ["fargate"]
    assert any("no provider has weight" in m for m in errors(d)["cluster.capacity"])


def test_autoscaling_bounds():
    d = data(**{"services.0.autoscaling": {"min": 3, "max": 10}})
    assert "services[0].desired_count" in errors(d)
    d = data(**{"services.0.autoscaling": {"min": 5, "max": 2}})
    assert "services[0].autoscaling.min" in errors(d)
    assert validate_data(data(**{"services.0.autoscaling": {"min": 2, "max": 10}})).ok
    d = data(**{"services.2.autoscaling": {"requests_per_target": 100}})
    assert "services[2].autoscaling.requests_per_target" in errors(d)


def test_deployment_percentages():
    d = data(**{"services.0.deployment": {"minimum_healthy_percent": 100, "maximum_percent": 100}})
    assert "services[0].deployment.maximum_percent" in errors(d)


# --- ports and load balancer ---------------------------------------------------------------


@pytest.mark.parametrize(("port", "ok"), [(1, True), (65535, True), (0, False), (65536, False)])
def test_port_range(port, ok):
    e = errors(data(**{"services.0.containers.0.port": port}))
    assert ("services[0].containers[0].port" not in e) is ok


def test_ports_unique_within_task():
    d = data()
    d["services"][0]["containers"].append({"name": "side", "image": "envoy:1.0", "port": 80})
    assert "services[0].containers[1].port" in errors(d)
    d["services"][0]["containers"][1]["port"] = 9901
    assert validate_data(d).ok


def test_load_balancer_container():
    e = errors(data(**{"services.0.load_balancer.container": "wbe"}))
    assert "services[0].load_balancer.container" in e
    d = data()
    del d["services"][1]["containers"][0]["port"]
    assert "services[1].load_balancer.container" in errors(d)
    d = data()
    d["services"][0]["containers"].append({"name": "side", "image": "envoy:1.0"})
    d["services"][0]["load_balancer"]["container"] = "side"
    assert any("has no port" in m for m in errors(d)["services[0].load_balancer.container"])


def test_target_health_check():
    lb = "services.0.load_balancer.health_check"
    e = errors(data(**{lb: {"path": "health", "matcher": "600", "timeout": 30, "interval": 30}}))
    assert set(e) == {
        f"services[0].load_balancer.health_check.{k}" for k in ("path", "matcher", "timeout")
    }
    assert validate_data(data(**{lb: {"path": "/h", "matcher": "200,302-399"}})).ok


# --- routing -------------------------------------------------------------------------------


def test_rule_priorities():
    assert "routing[1].priority" in errors(data(**{"routing.1.priority": 10}))
    assert "routing[1].priority" in errors(data(**{"routing.1.priority": 0}))
    assert "routing[1].priority" in errors(data(**{"routing.1.priority": 50001}))
    assert validate_data(data(**{"routing.1.priority": 50000})).ok


def test_rule_needs_a_condition():
    d = data()
    d["routing"][1] = {"name": "all", "priority": 20, "service": "web"}
    assert "routing[1]" in errors(d)


def test_rule_quotas():
    paths = [f"/p{i}/*" for i in range(4)]
    ok = data(**{"routing.0.paths": paths[:3], "routing.0.hosts": ["a.example.com", "b.x"]})
    assert validate_data(ok).ok
    too_many = data(**{"routing.0.paths": paths, "routing.0.hosts": ["a.example.com", "b.x"]})
    assert any("condition values" in m for m in errors(too_many)["routing[0]"])
    wild = data(**{"routing.0.paths": ["/*/*/*"], "routing.0.hosts": ["*.*.*.example.com"]})
    assert any("wildcards" in m for m in errors(wild)["routing[0]"])


def test_rule_condition_formats():
    d = data(
        **{
            "routing.0.paths": ["api/*"],
            "routing.0.hosts": ["bad host"],
            "routing.1.methods": ["get"],
            "routing.1.http_headers": {"X Env": ["blue"]},
        }
    )
    assert {"routing[0].paths[0]", "routing[0].hosts[0]", "routing[1].methods[0]",
            "routing[1].http_headers.X Env"} <= set(errors(d))  # fmt: skip
    good = data(**{"routing.1.methods": ["GET", "HEAD"],
                   "routing.1.http_headers": {"X-Env": ["blue"]},
                   "routing.1.query_strings": {"version": 2}})  # fmt: skip
    assert validate_data(good).ok


def test_rule_and_default_action_reference_lb_services():
    e = errors(data(**{"routing.0.service": "apii", "routing.1.service": "worker"}))
    typo = validate_data(data(**{"routing.0.service": "apii"}))
    assert "`api`" in typo.at("routing[0].service")[0].fix
    assert "routing[0].service" in e and "routing[1].service" in e
    assert "alb.default_action.forward" in errors(data(**{"alb.default_action": {"forward": "x"}}))
    both = {"forward": "web", "fixed_response": {"status_code": 404}}
    assert "alb.default_action" in errors(data(**{"alb.default_action": both}))
    fixed = {"fixed_response": {"status_code": 302}}
    assert "alb.default_action.fixed_response.status_code" in errors(
        data(**{"alb.default_action": fixed})
    )


def test_https_rules():
    d = data()
    del d["alb"]["https"]
    r = validate_data(d)
    assert r.ok and "alb.https" in warnings(d)
    d["alb"]["http"] = {"redirect_to_https": True}
    assert "alb.http.redirect_to_https" in errors(d)
    assert "alb.https.certificates" in errors(data(**{"alb.https.certificates": []}))
    assert "alb.https.ssl_policy" in errors(
        data(**{"alb.https.ssl_policy": "ELBSecurityPolicy-2016-08"})
    )
    assert "alb.https.port" in errors(data(**{"alb.https.port": 80}))
    assert "alb.http.redirect_to_https" in warnings(
        data(**{"alb.http": {"redirect_to_https": False}})
    )


# --- shadowed rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("broad", "narrow", "expected"),
    [
        ("/api/*", "/api/v2/*", True),
        ("/api/v2/*", "/api/*", False),
        ("*", "/anything", True),
        ("/a?c", "/abc", True),
        ("/a?c", "/a*c", False),
        ("/a*", "/a?", True),
        ("/a/*/x", "/a/b/c/x", True),
        ("/a/b", "/a/b", True),
        ("/a/b", "/a/c", False),
        ("*.example.com", "api.example.com", True),
        ("*.example.com", "example.com", False),
    ],
)
def test_glob_subsumes(broad, narrow, expected):
    assert glob_subsumes(broad, narrow) is expected


def _rules(*rules: dict[str, Any]) -> dict[str, Any]:
    d = data()
    del d["services"][1]["load_balancer"]  # every rule routes to web; api would be unrouted
    d["routing"] = [
        {"name": f"r{i}", "service": "web", **r} for i, r in enumerate(rules)
    ]  # fmt: skip
    return d


def test_shadowed_rule_warning_names_both_rules():
    d = _rules(
        {"priority": 10, "paths": ["/api/*"], "hosts": ["api.example.com"]},
        {"priority": 20, "paths": ["/api/v2/*"], "hosts": ["API.example.com"]},
    )
    r = validate_data(d)
    assert r.ok
    (w,) = [i for i in r.warnings if i.path == "routing[1]"]
    assert "`r1`" in w.message and "`r0`" in w.message


def test_shadowing_follows_priority_not_list_order():
    d = _rules({"priority": 20, "paths": ["/api/v2/*"]}, {"priority": 10, "paths": ["/api/*"]})
    assert "routing[0]" in warnings(d)


@pytest.mark.parametrize(
    "later",
    [
        {"paths": ["/api/v2/*"], "hosts": ["other.example.com"]},  # earlier host is narrower
        {"paths": ["/api/v2/*"]},  # later has no host condition: matches more hosts
        {"paths": ["/api/v2/*", "/web/*"], "hosts": ["api.example.com"]},
        {"paths": ["/apiv2"], "hosts": ["api.example.com"]},
    ],
)
def test_no_shadow_warning_when_not_provable(later):
    d = _rules(
        {"priority": 10, "paths": ["/api/*"], "hosts": ["api.example.com"]},
        {"priority": 20, **later},
    )
    assert "routing[1]" not in warnings(d)


def test_shadowing_with_methods_headers_queries_and_source_ips():
    d = _rules(
        {"priority": 1, "paths": ["/x/*"], "methods": ["GET", "POST"],
         "source_ips": ["10.0.0.0/8"]},
        {"priority": 2, "paths": ["/x/y"], "methods": ["GET"], "source_ips": ["10.1.0.0/16"]},
    )  # fmt: skip
    assert "routing[1]" in warnings(d)
    d = _rules(
        {"priority": 1, "http_headers": {"X-Env": ["blue"]}},
        {"priority": 2, "http_headers": {"x-env": ["BLUE"]}, "paths": ["/a"]},
        {"priority": 3, "paths": ["/a"]},
        {"priority": 4, "query_strings": {"v": "2"}},
        {"priority": 5, "query_strings": {"v": "2", "w": "1"}},
    )
    w = warnings(d)
    assert "routing[1]" in w and "routing[2]" not in w and "routing[4]" in w


# --- secrets and risky choices -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "secret"),
    [("DB_PASSWORD", True), ("API_KEY", True), ("GITHUB_TOKEN", True), ("PRIVATE_PEM", True),
     ("AWS_SECRET_ACCESS_KEY", True), ("KEYCLOAK_URL", False), ("LOG_LEVEL", False),
     ("MONKEY", False)],
)  # fmt: skip
def test_secret_looking_env_names(name, secret):
    w = warnings(data(**{"services.2.containers.0.environment": {name: "x"}}))
    path = f"services[2].containers[0].environment.{name}"
    assert (path in w) is secret


def test_env_and_secret_names():
    env = {"1BAD": "x"}
    assert "services[2].containers[0].environment.1BAD" in errors(
        data(**{"services.2.containers.0.environment": env})
    )
    arn = "arn:aws:ssm:eu-west-1:123456789012:parameter/x"
    d = data(
        **{
            "services.2.containers.0.environment": {"DSN_URL": "x"},
            "services.2.containers.0.secrets": {"DSN_URL": arn},
        }
    )
    assert "services[2].containers[0].secrets.DSN_URL" in errors(d)


def test_risky_choice_warnings():
    d = data(
        **{
            "alb.internal": True,
            "alb.deletion_protection": False,
            "services.0.desired_count": 1,
            "services.0.enable_execute_command": True,
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


def test_service_name_length_and_ami_id():
    long_service = "s" * 50
    e = errors(data(**{"services.2.name": long_service}))
    assert any("longer than 59" in m for m in e["services[2].name"])
    ec2 = {"capacity": {"ec2": {"instance_type": "m6i.large", "ami_id": "ami-xyz"}}}
    assert "cluster.capacity.ec2.ami_id" in errors(data(**{"cluster": ec2}))
    ec2["capacity"]["ec2"]["ami_id"] = "ami-0123456789abcdef0"
    assert "cluster.capacity.ec2.ami_id" not in errors(data(**{"cluster": ec2}))


def test_all_rule_errors_are_reported_together():
    d = data(
        **{
            "network.vpc_id": "vpc-1",
            "services.0.memory": 100,
            "routing.1.priority": 10,
            "project.region": "mars-1",
        }
    )
    assert {"network.vpc_id", "services[0].memory", "routing[1].priority", "project.region"} <= set(
        errors(d)
    )


def test_validate_field_and_result_filtering():
    issues = validate_field("services[0].containers[0].port", 0, data())
    assert [i.path for i in issues] == ["services[0].containers[0].port"]
    assert validate_field("services[0].containers[0].port", 8080, data()) == []
    r = validate_data(data(**{"services.1.containers.0.port": 0, "network.vpc_id": "x"}))
    assert [i.path for i in r.at("services[1]")] == ["services[1].containers[0].port"]
    assert r.at("services[10]") == []


def test_tags_and_query_keys_reject_control_characters():
    assert "project.tags.bad\nkey" in errors(data(**{"project.tags": {"bad\nkey": "x"}}))
    assert "project.tags.team" in errors(data(**{"project.tags": {"team": "a\tb"}}))
    assert "project.tags.team" not in errors(data(**{"project.tags": {"team": "Platform Ops"}}))
    d = data(**{"routing.0.query_strings": {"v\n": "2"}})
    assert "routing[0].query_strings" in errors(d)


# --- rules the Terraform modules enforce at plan time ------------------------------------------


def _error_at(d: dict[str, Any], path: str) -> Any:
    """The single error at exactly `path`; it must carry a fix."""
    found = [i for i in validate_data(d).errors if i.path == path]
    assert len(found) == 1, validate_data(d).errors
    assert found[0].fix
    return found[0]


def _ok(d: dict[str, Any]) -> bool:
    r = validate_data(d)
    assert r.ok, r.errors
    return True


HC = "services.2.containers.0.health_check"
HC_PATH = "services[2].containers[0].health_check"


def test_container_name_starts_with_letter_or_digit():  # B3
    e = _error_at(
        data(**{"services.2.containers.0.name": "-worker"}), "services[2].containers[0].name"
    )
    assert "starting with a letter or digit" in e.message and "`worker`" in e.fix
    assert e.value == "-worker"
    assert _ok(data(**{"services.2.containers.0.name": "9_worker-x"}))


def test_container_health_check_timeout_at_most_60():  # B4
    e = _error_at(data(**{HC: {"command": ["CMD", "true"], "timeout": 61}}), f"{HC_PATH}.timeout")
    assert e.message == "must be ≤ 60" and e.value == 61
    assert _ok(data(**{HC: {"command": ["CMD", "true"], "timeout": 60}}))


def test_container_health_check_command_needs_cmd_and_a_command():  # B5
    e = _error_at(data(**{HC: {"command": ["NONE"]}}), f"{HC_PATH}.command")
    assert "CMD or CMD-SHELL" in e.message and "remove health_check" in e.fix
    assert e.value == ["NONE"]
    e = _error_at(data(**{HC: {"command": ["CMD-SHELL"]}}), f"{HC_PATH}.command")
    assert "no command after CMD-SHELL" in e.message
    assert _ok(data(**{HC: {"command": ["CMD-SHELL", "exit 0"]}}))


def test_at_most_ten_containers_per_service():  # B6
    many = [{"name": f"c{i}", "image": "acme/worker:1.0"} for i in range(11)]
    e = _error_at(data(**{"services.2.containers": many}), "services[2].containers")
    assert "at most 10" in e.message and e.value == 11
    assert _ok(data(**{"services.2.containers": many[:10]}))


@pytest.mark.parametrize(
    ("key", "values"),
    [
        ("hosts", ["a.example.com", "b.example.com", "c.example.com", "d.example.com"]),
        ("paths", ["/a", "/b", "/c", "/d"]),
        ("source_ips", ["10.0.0.0/8", "10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16"]),
        ("methods", ["GET", "HEAD", "POST", "PUT"]),
        ("http_headers", {"X-Env": ["a", "b", "c", "d"]}),
    ],
)
def test_at_most_three_values_per_condition(key, values):  # B7
    path = "routing[0]." + ("http_headers.X-Env" if key == "http_headers" else key)
    e = _error_at(data(**{f"routing.0.{key}": values}), path)
    assert "at most 3 per condition" in e.message and e.value == 4
    three = {"X-Env": values["X-Env"][:3]} if key == "http_headers" else values[:3]
    assert _ok(data(**{"routing.0.paths": ["/api/*"], f"routing.0.{key}": three}))


def test_host_pattern_needs_a_dot():  # B8
    e = _error_at(data(**{"routing.1.hosts": ["localhost"]}), "routing[1].hosts[0]")
    assert "dot" in e.message and "localhost.example.com" in e.fix
    assert _ok(data(**{"routing.1.hosts": ["*.example"]}))


@pytest.mark.parametrize("prefix", ["/logs", "logs/", "logs/AWSLogs/x"])
def test_access_logs_prefix(prefix):  # B9
    d = data(**{"alb.access_logs": {"bucket": "my-logs", "prefix": prefix}})
    e = _error_at(d, "alb.access_logs.prefix")
    assert "AWSLogs" in e.message and e.value == prefix and "`logs" in e.fix
    assert _ok(data(**{"alb.access_logs": {"bucket": "my-logs", "prefix": "shop/prod"}}))


def test_duplicate_certificate_domains():  # B10
    certs = [{"domain": "shop.example.com"}, {"domain": "shop.example.com"}]
    e = _error_at(data(**{"alb.https.certificates": certs}), "alb.https.certificates[1].domain")
    assert "certificates[0]" in e.message and "subject_alternative_names" in e.fix
    certs[1] = {"domain": "api.example.com"}
    assert _ok(data(**{"alb.https.certificates": certs}))


def test_ec2_task_size_minimum():  # B11
    cluster = {"capacity": {"ec2": {"instance_type": "m6i.large"}}}  # EC2 only
    d = data(**{"cluster": cluster, "services.2.cpu": 64, "services.2.memory": 100})
    assert _error_at(d, "services[2].cpu").value == 64
    assert "128" in _error_at(d, "services[2].memory").message
    d["services"][2].update(cpu=128, memory=128)
    assert _ok(d)


def test_task_count_at_most_5000():  # B12
    e = _error_at(data(**{"services.2.desired_count": 5001}), "services[2].desired_count")
    assert e.message == "must be ≤ 5000"
    sc = {"min": 2, "max": 5001}
    assert _error_at(data(**{"services.2.autoscaling": sc}), "services[2].autoscaling.max")
    sc["max"] = 5000
    assert _ok(data(**{"services.2.autoscaling": sc, "services.2.desired_count": 5000}))


def test_at_most_sixteen_private_subnets():  # B13
    subnets = [f"subnet-{i:017x}" for i in range(17)]
    e = _error_at(data(**{"network.private_subnet_ids": subnets}), "network.private_subnet_ids")
    assert "at most 16" in e.message and e.value == 17
    assert _ok(data(**{"network.private_subnet_ids": subnets[:16]}))


def test_load_balanced_service_must_be_routed():  # A3
    d = data()
    d["routing"] = [r for r in d["routing"] if r["service"] != "api"]
    e = _error_at(d, "routing")
    assert "`api`" in e.message and "target group" in e.message
    assert "routing rule" in e.fix and "default_action" in e.fix and "remove load_balancer" in e.fix
    d["alb"]["default_action"] = {"forward": "api"}  # web keeps its `admin` rule
    assert _ok(d)


def test_http_without_redirect_warns_that_rules_only_apply_on_https():  # A4
    r = validate_data(data(**{"alb.http": {"redirect_to_https": False}}))
    assert r.ok
    (w,) = [i for i in r.warnings if i.path == "alb.http.redirect_to_https"]
    assert "default action" in w.message and "HTTPS listener" in w.message
    assert not [i for i in validate_data(data()).warnings if "HTTPS listener" in i.message]


def test_tags_that_the_provider_block_overrides_get_a_warning():
    w = warnings(data(**{"project.tags": {"Project": "other", "team": "x"}}))
    assert "project.tags.Project" in w and "project.tags.team" not in w
    from pathlib import Path

    from ecs_wizard.validation import RESERVED_TAGS

    versions_tf = (Path(__file__).parent.parent / "ecs_wizard/root/versions.tf").read_text()

    for tag in RESERVED_TAGS:  # the list matches what versions.tf really adds
        assert f"{tag} " in versions_tf
