"""Hypothesis strategies for answers data (reusable by render tests).

`valid_answers()` draws plain dicts (as parsed from YAML) that validate with no errors. It
covers every feature of the answers model: Fargate, Fargate Spot and EC2 capacity (in the
default strategy or opted into per service), task sizes from AWS's Fargate table
(tests/fargate_table.py, not the catalog), containers with health checks, environment and
secrets, autoscaling and deployment settings, tags, HTTPS with existing or requested (ACM,
optionally Route 53 validated) certificates, a forward or fixed-response default action, and
rules with hosts, methods, HTTP headers, query strings and source IPs.
tests/test_strategies.py checks that each feature does come up.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from ecs_wizard.aws import catalog
from tests import fargate_table
from tests.answers_fixtures import cert_arn

NAME = st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True)
HEX17 = st.from_regex(r"[0-9a-f]{17}", fullmatch=True)
IMAGES = st.sampled_from(
    [
        "public.ecr.aws/nginx/nginx:1.27",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2",
        "ghcr.io/acme/web-app:v2.0.1",
        "registry.example.com:5000/team/app:2024.06",
        "library/redis:7.2",
        "nginx@sha256:" + "a" * 64,
    ]
)
# From the tests' own statement of AWS's table, not from catalog: a wrong catalog row must
# make generated answers fail validation, not be copied into them.
FARGATE_SIZES = st.sampled_from(fargate_table.FARGATE_SIZES)
# Instance types with at least 4 GiB, so every EC2 task size below fits on one instance.
INSTANCE_TYPES = st.sampled_from(["m6i.large", "m7g.large", "c6i.large", "t3.medium", "r6g.large"])
EC2_SIZES = st.tuples(st.integers(128, 1024), st.integers(128, 2048))
TAGS = st.dictionaries(
    st.sampled_from(["team", "cost-center", "owner", "app:tier"]),
    st.sampled_from(["platform", "1234", "ops@example.com", "web tier", ""]),
    min_size=1,
    max_size=3,
)

FARGATE = ("fargate", "fargate_spot")


@st.composite
def health_check(draw: Any) -> dict[str, Any]:
    hc: dict[str, Any] = {
        "command": draw(
            st.sampled_from(
                [
                    ["CMD-SHELL", "curl -f http://localhost/ || exit 1"],
                    ["CMD", "/bin/healthcheck", "--quiet"],
                ]
            )
        )
    }
    if draw(st.booleans()):
        hc["interval"] = draw(st.integers(5, 300))
        hc["timeout"] = draw(st.integers(2, 60))
        hc["retries"] = draw(st.integers(1, 10))
        hc["start_period"] = draw(st.integers(0, 300))
    return hc


@st.composite
def container(draw: Any, name: str, port: int | None) -> dict[str, Any]:
    c: dict[str, Any] = {"name": name, "image": draw(IMAGES)}
    if port is not None:
        c["port"] = port
    if draw(st.booleans()):
        c["environment"] = {"LOG_LEVEL": draw(st.sampled_from(["info", "debug"]))}
    if draw(st.booleans()):
        c["secrets"] = {
            "DB_PASSWORD": "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db-password"
        }
    if draw(st.integers(0, 2)) == 0:
        c["health_check"] = draw(health_check())
    return c


@st.composite
def deployment(draw: Any) -> dict[str, Any]:
    minimum, maximum = draw(st.sampled_from([(0, 100), (50, 150), (100, 200), (100, 400)]))
    return {
        "minimum_healthy_percent": minimum,
        "maximum_percent": maximum,
        "circuit_breaker_rollback": draw(st.booleans()),
        "ignore_image_changes": draw(st.booleans()),
    }


@st.composite
def service(
    draw: Any, name: str, with_lb: bool, capacity: list[str] | None, on_ec2: bool
) -> dict[str, Any]:
    """A service; `capacity` is its own provider list (None: the cluster default), `on_ec2`
    whether that places it on EC2 (task sizes are then free, within the instance)."""
    cpu, memory = draw(EC2_SIZES if on_ec2 else FARGATE_SIZES)
    n_containers = draw(st.integers(1, 2))
    ports = draw(st.lists(st.integers(1, 65535), min_size=2, max_size=2, unique=True))
    containers = [
        draw(container(f"c{j}", ports[j] if (with_lb and j == 0) or draw(st.booleans()) else None))
        for j in range(n_containers)
    ]
    desired = draw(st.integers(2, 4))
    s: dict[str, Any] = {"name": name}
    if capacity is not None:
        s["capacity"] = capacity
    s.update({"cpu": cpu, "memory": memory, "desired_count": desired, "containers": containers})
    if draw(st.booleans()):
        lo = draw(st.integers(1, desired))
        scaling: dict[str, Any] = {"min": lo, "max": draw(st.integers(desired, 20))}
        target = draw(st.sampled_from(["default", "cpu", "memory", "requests"]))
        if target == "cpu":
            scaling["cpu_percent"] = draw(st.integers(10, 90))
        elif target == "memory":
            scaling["memory_percent"] = draw(st.integers(10, 90))
        elif target == "requests" and with_lb:
            scaling["requests_per_target"] = draw(st.integers(100, 5000))
        s["autoscaling"] = scaling
    if draw(st.booleans()):
        s["deployment"] = draw(deployment())
    if with_lb:
        s["load_balancer"] = {
            "container": "c0",
            "health_check": {"path": draw(st.sampled_from(["/", "/health", "/healthz"]))},
        }
    return s


@st.composite
def cluster_capacity(draw: Any) -> tuple[dict[str, Any] | None, list[str], list[list[str]]]:
    """(cluster.capacity or None, the default strategy's providers, per-service lists)."""
    mode = draw(st.sampled_from(["none", "fargate_spot", "ec2_default", "ec2_opt_in"]))
    if mode == "none":
        return None, ["fargate"], [["fargate"]]
    if mode == "fargate_spot":
        capacity = {
            "fargate": {"weight": draw(st.integers(0, 3)), "base": draw(st.integers(0, 2))},
            "fargate_spot": {"weight": draw(st.integers(1, 4))},
        }
        default = [n for n in FARGATE if capacity[n]["weight"] or capacity[n].get("base")]
        return capacity, default, [["fargate"], ["fargate_spot"], ["fargate", "fargate_spot"]]
    ec2: dict[str, Any] = {"instance_type": draw(INSTANCE_TYPES)}
    lo = draw(st.integers(0, 2))
    hi = draw(st.integers(max(lo, 1), 6))
    ec2.update(min_size=lo, max_size=hi)
    if draw(st.booleans()):
        ec2["desired_capacity"] = draw(st.integers(lo, hi))
    if draw(st.booleans()):
        ec2.update(
            target_capacity_percent=draw(st.integers(1, 100)),
            spot=draw(st.booleans()),
            root_volume_gb=draw(st.integers(30, 100)),
        )
    if draw(st.booleans()):
        ec2["ami_id"] = "ami-" + draw(HEX17)
    if mode == "ec2_default":  # EC2 is the default; Fargate Spot only for who asks for it
        ec2.update(weight=draw(st.integers(1, 3)), base=draw(st.integers(0, 1)))
        return {"ec2": ec2, "fargate_spot": {"weight": 0}}, ["ec2"], [["ec2"], ["fargate_spot"]]
    ec2["weight"] = 0  # Fargate by default; EC2 only for who asks for it
    return {"fargate": {"weight": 1}, "ec2": ec2}, ["fargate"], [["ec2"], ["fargate"]]


@st.composite
def certificates(draw: Any, region: str, project: str) -> list[dict[str, Any]]:
    kinds = draw(st.sampled_from([["arn"], ["domain"], ["domain", "arn"], ["arn", "domain"]]))
    out: list[dict[str, Any]] = []
    for kind in kinds:
        if kind == "arn":
            out.append({"arn": cert_arn(region)})
            continue
        cert: dict[str, Any] = {"domain": f"{project}.example.com"}
        if draw(st.booleans()):
            cert["subject_alternative_names"] = [f"*.{project}.example.com"]
        if draw(st.booleans()):
            cert["route53_zone_id"] = "Z" + draw(st.from_regex(r"[0-9A-Z]{12,20}", fullmatch=True))
        out.append(cert)
    return out


# One value each: with the path and a host, a rule stays within 5 condition values.
CONDITIONS: dict[str, Any] = {
    "methods": st.sampled_from([["GET"], ["POST"], ["GET", "HEAD"], ["PUT", "DELETE"]]),
    "http_headers": st.sampled_from(
        [{"X-Env": ["blue"]}, {"User-Agent": ["*Mobile*"]}, {"x-canary": ["1"]}]
    ),
    "query_strings": st.sampled_from([{"version": "2"}, {"lang": "en*"}, {"beta": "true"}]),
    "source_ips": st.sampled_from([["10.0.0.0/8"], ["192.168.0.0/16"], ["2001:db8::/32"]]),
}


def _value_count(rule: dict[str, Any]) -> int:
    return (
        len(rule.get("paths", []))
        + len(rule.get("hosts", []))
        + len(rule.get("methods", []))
        + len(rule.get("source_ips", []))
        + sum(len(v) for v in rule.get("http_headers", {}).values())
        + len(rule.get("query_strings", {}))
    )


@st.composite
def routing_rule(draw: Any, i: int, priority: int, service_name: str) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "name": f"r{i}",
        "priority": priority,
        "service": service_name,
        # distinct literal first segments: no rule can shadow another
        "paths": [f"/r{i}/*"],
    }
    if draw(st.booleans()):
        rule["hosts"] = [f"h{i}.example.com"]
    kinds = draw(st.lists(st.sampled_from(sorted(CONDITIONS)), unique=True, max_size=3))
    for kind in kinds:
        rule[kind] = draw(CONDITIONS[kind])
    while _value_count(rule) > catalog.CONDITION_VALUES_PER_RULE:
        rule.pop("hosts", None) if "hosts" in rule else rule.pop(kinds.pop())
    return rule


@st.composite
def valid_answers(draw: Any, max_services: int = 4, max_rules: int = 4) -> dict[str, Any]:
    region = draw(st.sampled_from(catalog.REGIONS))
    names = draw(st.lists(NAME, min_size=1, max_size=max_services, unique=True))
    lb_flags = [True] + [draw(st.booleans()) for _ in names[1:]]
    capacity, default_providers, opt_ins = draw(cluster_capacity())
    services = []
    for n, lb in zip(names, lb_flags, strict=True):
        own = draw(st.none() | st.sampled_from(opt_ins))
        services.append(draw(service(n, lb, own, "ec2" in (own or default_providers))))
    lb_names = [n for n, lb in zip(names, lb_flags, strict=True) if lb]
    subnets = draw(st.lists(HEX17, min_size=4, max_size=4, unique=True))
    project_name = draw(NAME.filter(lambda n: n != "sg"))  # "sg": names would start "sg-"
    project: dict[str, Any] = {
        "name": project_name,
        "environment": draw(st.sampled_from(["prod", "staging", "dev"])),
        "region": region,
    }
    if draw(st.booleans()):
        project["tags"] = draw(TAGS)
    data: dict[str, Any] = {
        "version": 1,
        "project": project,
        "network": {
            "vpc_id": "vpc-" + draw(HEX17),
            "public_subnet_ids": [f"subnet-{s}" for s in subnets[:2]],
            "private_subnet_ids": [f"subnet-{s}" for s in subnets[2:]],
        },
        "services": services,
    }
    cluster: dict[str, Any] = {}
    if capacity is not None:
        cluster["capacity"] = capacity
    if draw(st.booleans()):
        cluster["log_retention_days"] = draw(st.sampled_from([7, 30, 90, 365]))
    if cluster:
        data["cluster"] = cluster
    alb: dict[str, Any] = {}
    if draw(st.integers(0, 3)) == 0:
        alb["default_action"] = {
            "fixed_response": {
                "status_code": draw(st.sampled_from([200, 403, 404, 503])),
                "content_type": draw(st.sampled_from(["text/plain", "application/json"])),
                "message_body": draw(st.sampled_from(["Not found", '{"error": "none"}', ""])),
            }
        }
        default = None
    else:
        default = draw(st.sampled_from(lb_names))
        alb["default_action"] = {"forward": default}
    if draw(st.booleans()):
        alb["https"] = {"certificates": draw(certificates(region, project_name))}
    data["alb"] = alb
    # Every load-balanced service must be reachable (ECS refuses a target group that no listener
    # forwards to): the default action covers one, each other one gets a rule of its own.
    unrouted = [n for n in lb_names if n != default]
    n_rules = draw(st.integers(len(unrouted), max(max_rules, len(unrouted))))
    targets = unrouted + [draw(st.sampled_from(lb_names)) for _ in range(n_rules - len(unrouted))]
    targets = draw(st.permutations(targets))
    priorities = draw(st.lists(st.integers(1, 50000), min_size=n_rules, max_size=n_rules,
                               unique=True))  # fmt: skip
    data["routing"] = [
        draw(routing_rule(i, p, targets[i])) for i, p in enumerate(priorities)
    ]  # fmt: skip
    return data
