"""Benchmark: load + validate a 50-service / 100-rule answers file, and the CLI end to end.

Run: .venv/bin/python benchmarks/bench_validate.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.answers_fixtures import CERT, network  # noqa: E402


def big_answers(n_services: int = 50, n_rules: int = 100) -> dict[str, Any]:
    services = [
        {
            "name": f"svc{i}",
            "cpu": 512,
            "memory": 1024,
            "desired_count": 2,
            "autoscaling": {"min": 2, "max": 10, "cpu_percent": 60},
            "containers": [
                {
                    "name": "app",
                    "image": f"123456789012.dkr.ecr.eu-west-1.amazonaws.com/svc{i}:1.0.{i}",
                    "port": 8080,
                    "environment": {"LOG_LEVEL": "info", "SERVICE": f"svc{i}"},
                    "secrets": {
                        "DB_PASSWORD": f"arn:aws:ssm:eu-west-1:123456789012:parameter/svc{i}/db"
                    },
                },
                {"name": "sidecar", "image": "public.ecr.aws/aws-observability/adot:v0.40.0"},
            ],
            "load_balancer": {"container": "app", "health_check": {"path": "/health"}},
        }
        for i in range(n_services)
    ]
    routing = [
        {
            "name": f"rule{j}",
            "priority": 10 + j,
            "service": f"svc{j % n_services}",
            "hosts": [f"h{j}.example.com"],
            "paths": [f"/r{j}/*", f"/r{j}-v2/*"],
        }
        for j in range(n_rules)
    ]
    return {
        "version": 1,
        "project": {"name": "bench", "environment": "prod", "region": "eu-west-1"},
        "network": network(),
        "services": services,
        "alb": {"https": {"certificates": [{"arn": CERT}]}},
        "routing": routing,
    }


def main() -> None:
    t0 = time.perf_counter()
    from ecs_wizard.model.yamlio import dump_answers, load_answers_text
    from ecs_wizard.validation import validate_data

    t_import = time.perf_counter() - t0
    text = dump_answers(big_answers())
    runs = []
    for _ in range(10):
        t = time.perf_counter()
        data = load_answers_text(text)
        t_load = time.perf_counter() - t
        result = validate_data(data)
        runs.append((t_load, time.perf_counter() - t - t_load))
    assert result.ok, result.errors[:3]
    best_load = min(r[0] for r in runs) * 1000
    best_val = min(r[1] for r in runs) * 1000
    print(f"import validation+yamlio: {t_import * 1000:.0f} ms")
    print(f"load YAML (50 services/100 rules, {len(text)} bytes): {best_load:.1f} ms")
    print(f"validate: {best_val:.1f} ms ({len(result.warnings)} warnings)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answers.yaml"
        path.write_text(text, encoding="utf-8")
        cli = [sys.executable, "-m", "ecs_wizard", "validate", str(path)]
        env = {**os.environ, "NO_COLOR": "1"}
        times = []
        for _ in range(3):
            t = time.perf_counter()
            proc = subprocess.run(cli, capture_output=True, text=True, env=env, cwd=REPO)
            times.append(time.perf_counter() - t)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    print(f"CLI end to end (`ecs-wizard validate`): {min(times) * 1000:.0f} ms (target < 1000)")


if __name__ == "__main__":
    main()
