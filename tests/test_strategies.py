"""The random answers strategy produces every answers feature, and each often enough.

Hypothesis runs `valid_answers()` N times (derandomized: the same draws every run) and this
counts the draws with each feature. A feature the strategy stops producing fails here, instead
of silently dropping out of every property test that uses the strategy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from hypothesis import Phase, given, settings

from tests.strategies import valid_answers

N = 300
MIN_SHARE = 0.03  # each feature in at least 3 % of the draws (9 of 300)


def _capacity(d: dict[str, Any]) -> dict[str, Any]:
    return d.get("cluster", {}).get("capacity", {})


def _containers(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for s in d["services"] for c in s["containers"]]


def _certs(d: dict[str, Any]) -> list[dict[str, Any]]:
    return d["alb"].get("https", {}).get("certificates", [])


def _rules_with(key: str) -> Callable[[dict[str, Any]], bool]:
    return lambda d: any(r.get(key) for r in d["routing"])


FEATURES: dict[str, Callable[[dict[str, Any]], bool]] = {
    "ec2 capacity": lambda d: "ec2" in _capacity(d),
    "ec2 in the default strategy": lambda d: (
        _capacity(d).get("ec2", {}).get("weight", 1) > 0 and "ec2" in _capacity(d)
    ),
    "explicit ami": lambda d: "ami_id" in _capacity(d).get("ec2", {}),
    "fargate spot": lambda d: "fargate_spot" in _capacity(d),
    "per-service capacity": lambda d: any("capacity" in s for s in d["services"]),
    "service opted into ec2": lambda d: any("ec2" in s.get("capacity", []) for s in d["services"]),
    "service opted into fargate spot": lambda d: any(
        "fargate_spot" in s.get("capacity", []) for s in d["services"]
    ),
    "task size above 4 vCPU": lambda d: any(s["cpu"] >= 8192 for s in d["services"]),
    "https with an existing certificate": lambda d: any("arn" in c for c in _certs(d)),
    "requested certificate": lambda d: any("domain" in c for c in _certs(d)),
    "requested certificate with route 53 zone": lambda d: any(
        "route53_zone_id" in c for c in _certs(d)
    ),
    "certificate SANs": lambda d: any("subject_alternative_names" in c for c in _certs(d)),
    "fixed-response default action": lambda d: "fixed_response" in d["alb"]["default_action"],
    "forward default action": lambda d: "forward" in d["alb"]["default_action"],
    "rule hosts": _rules_with("hosts"),
    "rule methods": _rules_with("methods"),
    "rule http headers": _rules_with("http_headers"),
    "rule query strings": _rules_with("query_strings"),
    "rule source ips": _rules_with("source_ips"),
    "container health check": lambda d: any("health_check" in c for c in _containers(d)),
    "container secrets": lambda d: any("secrets" in c for c in _containers(d)),
    "tags": lambda d: bool(d["project"].get("tags")),
    "deployment settings": lambda d: any("deployment" in s for s in d["services"]),
    "ignore image changes": lambda d: any(
        s.get("deployment", {}).get("ignore_image_changes") for s in d["services"]
    ),
    "autoscaling": lambda d: any("autoscaling" in s for s in d["services"]),
    "request-count autoscaling": lambda d: any(
        "requests_per_target" in s.get("autoscaling", {}) for s in d["services"]
    ),
    "service without load balancer": lambda d: any("load_balancer" not in s for s in d["services"]),
    "several rules": lambda d: len(d["routing"]) >= 2,
}


def feature_counts(n: int = N) -> Counter[str]:
    seen: Counter[str] = Counter()

    @given(valid_answers())
    @settings(
        max_examples=n, derandomize=True, database=None, phases=[Phase.generate], deadline=None
    )
    def draw(data: dict[str, Any]) -> None:
        seen["draws"] += 1
        seen.update(name for name, has in FEATURES.items() if has(data))

    draw()
    return seen


def test_strategy_produces_every_feature():
    seen = feature_counts()
    draws = seen["draws"]
    assert draws >= N * 0.9, f"only {draws} draws"
    rare = {f: seen[f] for f in FEATURES if seen[f] < MIN_SHARE * draws}
    assert not rare, f"features in fewer than {MIN_SHARE:.0%} of {draws} draws: {rare}"


if __name__ == "__main__":  # print the figures: python -m tests.test_strategies
    counts = feature_counts()
    for name in FEATURES:
        print(f"{counts[name]:5d} / {counts['draws']}  {name}")
