"""Hypothesis strategies for answers data (reusable by render tests).

`valid_answers()` draws plain dicts (as parsed from YAML) that validate with no errors.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from ecs_wizard import catalog
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
    return c


@st.composite
def service(draw: Any, name: str, with_lb: bool) -> dict[str, Any]:
    cpu, memory = draw(FARGATE_SIZES)
    n_containers = draw(st.integers(1, 2))
    ports = draw(st.lists(st.integers(1, 65535), min_size=2, max_size=2, unique=True))
    containers = [
        draw(container(f"c{j}", ports[j] if (with_lb and j == 0) or draw(st.booleans()) else None))
        for j in range(n_containers)
    ]
    desired = draw(st.integers(2, 4))
    s: dict[str, Any] = {
        "name": name,
        "cpu": cpu,
        "memory": memory,
        "desired_count": desired,
        "containers": containers,
    }
    if draw(st.booleans()):
        lo = draw(st.integers(1, desired))
        s["autoscaling"] = {"min": lo, "max": draw(st.integers(desired, 20))}
    if with_lb:
        s["load_balancer"] = {
            "container": "c0",
            "health_check": {"path": draw(st.sampled_from(["/", "/health", "/healthz"]))},
        }
    return s


@st.composite
def valid_answers(draw: Any, max_services: int = 4, max_rules: int = 4) -> dict[str, Any]:
    region = draw(st.sampled_from(catalog.REGIONS))
    names = draw(st.lists(NAME, min_size=1, max_size=max_services, unique=True))
    lb_flags = [True] + [draw(st.booleans()) for _ in names[1:]]
    services = [draw(service(n, lb)) for n, lb in zip(names, lb_flags, strict=True)]
    lb_names = [n for n, lb in zip(names, lb_flags, strict=True) if lb]
    subnets = draw(st.lists(HEX17, min_size=4, max_size=4, unique=True))
    data: dict[str, Any] = {
        "version": 1,
        "project": {
            # "sg" would make security group names start with "sg-" (E-NAMES-SG-PREFIX)
            "name": draw(NAME.filter(lambda n: n != "sg")),
            "environment": draw(st.sampled_from(["prod", "staging", "dev"])),
            "region": region,
        },
        "network": {
            "vpc_id": "vpc-" + draw(HEX17),
            "public_subnet_ids": [f"subnet-{s}" for s in subnets[:2]],
            "private_subnet_ids": [f"subnet-{s}" for s in subnets[2:]],
        },
        "services": services,
    }
    if draw(st.booleans()):
        data["cluster"] = {
            "capacity": {"fargate": {"weight": 1, "base": 1}, "fargate_spot": {"weight": 3}},
            "log_retention_days": draw(st.sampled_from([7, 30, 90, 365])),
        }
    default = draw(st.sampled_from(lb_names))
    alb: dict[str, Any] = {"default_action": {"forward": default}}
    if draw(st.booleans()):
        alb["https"] = {"certificates": [{"arn": cert_arn(region)}]}
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
        {
            "name": f"r{i}",
            "priority": p,
            "service": targets[i],
            # distinct literal first segments: no rule can shadow another
            "paths": [f"/r{i}/*"],
            **({"hosts": [f"h{i}.example.com"]} if draw(st.booleans()) else {}),
        }
        for i, p in enumerate(priorities)
    ]
    return data
