"""The shared base answers: one valid, warning-free project that tests and benchmarks mutate.

`base_answers()` returns a fresh dict every call; `answers_with(**changes)` applies changes at
paths in the answers grammar (`services[0].cpu`, see `ecs_wizard.model.paths`). `minimal_answers()`
is the smallest valid input, for tests of the model's defaults; `network()`, `cert_arn()` and
the id constants serve tests that type or draw their own answers.
"""

from __future__ import annotations

import copy
from typing import Any

from ecs_wizard.model.paths import put_path


def cert_arn(region: str = "eu-west-1") -> str:
    """The ACM certificate ARN of the base answers, in `region` (a certificate must be in the
    ALB's region)."""
    return f"arn:aws:acm:{region}:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"


CERT = cert_arn()
VPC_ID = "vpc-0a1b2c3d4e5f60718"
PUBLIC_SUBNETS = ("subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2")
PRIVATE_SUBNETS = ("subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2")


def network() -> dict[str, Any]:
    """A valid network block: one VPC, two public and two private subnets."""
    return {
        "vpc_id": VPC_ID,
        "public_subnet_ids": list(PUBLIC_SUBNETS),
        "private_subnet_ids": list(PRIVATE_SUBNETS),
    }


_BASE: dict[str, Any] = {
    "version": 1,
    "project": {"name": "shop", "environment": "prod", "region": "eu-west-1"},
    "network": network(),
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


def base_answers() -> dict[str, Any]:
    """A fresh copy of the base answers: three services (two load-balanced), HTTPS, two rules."""
    return copy.deepcopy(_BASE)


def minimal_answers() -> dict[str, Any]:
    """The smallest valid input, left to the model's defaults: a project name, the network and
    one service ("web", nginx on port 80) behind the ALB. No version, cluster, alb or routing;
    validates with no errors and one warning (no HTTPS)."""
    return {
        "project": {"name": "hello"},
        "network": network(),
        "services": [
            {
                "name": "web",
                "containers": [{"name": "web", "image": "nginx:1.27", "port": 80}],
                "load_balancer": {},
            }
        ],
    }


def answers_with(**changes: Any) -> dict[str, Any]:
    """The base answers with `changes` applied, e.g. answers_with(**{"services[0].cpu": 256})."""
    data = base_answers()
    for path, value in changes.items():
        put_path(data, path, value)
    return data
