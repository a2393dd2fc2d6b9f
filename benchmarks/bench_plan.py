"""Figures for the plan view.

1. Load + render the summary of a synthetic plan JSON with 5,000 resource changes
   (target: under 1 s). Also reports the resource-list view and full attribute diffs.
2. `ecs-wizard plan` total time next to plain `terraform plan` + `terraform show -json`
   on the same project in the same run (target: overhead under 10 %).

Run:  .venv/bin/python benchmarks/bench_plan.py [--resources 5000] [--rounds 5]
Needs terraform and the offline provider mirror for part 2 (skip it with --no-terraform).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ecs_wizard import tfenv  # noqa: E402
from ecs_wizard.plan.model import load_plan  # noqa: E402
from ecs_wizard.plan.render_text import render_summary, render_text  # noqa: E402

FIXTURE = REPO / "tests" / "plan" / "fixtures" / "aws_small"


def synthetic_plan(n: int, seed: int = 5) -> dict:
    """A plan JSON shaped like terraform's, with a realistic mix of actions and attributes."""
    rnd = random.Random(seed)
    actions = (
        [["create"]] * 50 + [["update"]] * 25 + [["delete", "create"]] * 10 + [["delete"]] * 10
    ) + [["no-op"]] * 5
    rcs = []
    for i in range(n):
        act = rnd.choice(actions)
        svc = f'module.service["svc{i % 40}"]'
        rtype = rnd.choice(["aws_ecs_task_definition", "aws_lb_target_group", "aws_iam_role"])
        policy_before = {"Version": "2012-10-17", "Statement": [{"Action": ["s3:GetObject"]}]}
        policy_after = {"Version": "2012-10-17", "Statement": [{"Action": ["s3:PutObject"]}]}
        before = (
            None
            if act == ["create"]
            else {
                "name": f"r{i}",
                "policy": json.dumps(policy_before),
                "tags": {"env": "prod", "i": str(i)},
                "secret": "s3cr3t-value",
            }
        )
        after = (
            None
            if act == ["delete"]
            else {
                "name": f"r{i}",
                "policy": json.dumps(policy_after),
                "tags": {"env": "prod", "i": str(i), "new": "yes"},
                "secret": "s3cr3t-value-2",
            }
        )
        sens = {"secret": True}
        rc = {
            "address": f"{svc}.{rtype}.r{i}",
            "module_address": svc,
            "mode": "managed",
            "type": rtype,
            "name": f"r{i}",
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {
                "actions": act,
                "before": before,
                "after": after,
                "after_unknown": {"arn": True} if after is not None else {},
                "before_sensitive": sens if before is not None else False,
                "after_sensitive": sens if after is not None else False,
            },
        }
        if act == ["delete", "create"]:
            rc["change"]["replace_paths"] = [["name"]]
            rc["action_reason"] = "replace_because_cannot_update"
        if act == ["no-op"]:
            rc["previous_address"] = rc["address"].replace(".r", ".old_r")
        rcs.append(rc)
    return {"format_version": "1.2", "terraform_version": "1.11.4", "resource_changes": rcs}


def timed(fn, rounds: int) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(rounds):
        t = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples), result


def bench_view(n: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.json"
        path.write_text(json.dumps(synthetic_plan(n)))
        size_mb = path.stat().st_size / 1e6

        def load_and_summary():
            plan = load_plan(path)
            return plan, render_summary(plan)

        t_summary, (plan, _) = timed(load_and_summary, rounds)
        t_list, _ = timed(lambda: render_text(load_plan(path), details=False), rounds)
        t_full, _ = timed(lambda: render_text(load_plan(path)), max(1, rounds // 2))
    ok = "OK" if t_summary < 1.0 else "OVER TARGET"
    print(f"Plan view, synthetic plan: {n} resource changes, {size_mb:.1f} MB JSON")
    print(f"  load + summary (header counts, warning)   {t_summary * 1000:8.1f} ms  [{ok}, <1000]")
    print(f"  load + resource tree (no attributes)      {t_list * 1000:8.1f} ms")
    print(f"  load + full attribute diffs of everything {t_full * 1000:8.1f} ms")
    print(f"  summary: {plan.summary.headline()}")


def bench_plan(rounds: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-plan-"))
    try:
        offline = tfenv.offline_terraform(work)
        project = work / "project"
        shutil.copytree(FIXTURE, project)
        (project / "offline_provider_override.tf").write_text(tfenv.offline_provider_override())
        tf, env = str(offline.binary), offline.env
        subprocess.run(
            [tf, "init", "-input=false", "-no-color"],
            cwd=project,
            env=env,
            check=True,
            capture_output=True,
        )

        def plain():
            subprocess.run(
                [tf, "plan", "-input=false", "-refresh=false", "-out=tfplan"],
                cwd=project,
                env=env,
                check=False,
                capture_output=True,
            )
            out = subprocess.run(
                [tf, "show", "-json", "tfplan"],
                cwd=project,
                env=env,
                check=True,
                capture_output=True,
            )
            return len(out.stdout)

        cli = [
            sys.executable,
            "-m",
            "ecs_wizard",
            "plan",
            str(project),
            "--refresh=false",
            "--terraform-bin",
            tf,
            "-q",
            "--format",
            "json",
            "-o",
            str(work / "view.json"),
        ]

        def ours():
            proc = subprocess.run(cli, env=env, capture_output=True, text=True)
            if proc.returncode not in (0, 2):
                raise SystemExit(f"ecs-wizard plan failed:\n{proc.stderr}")
            return proc.returncode

        ours()  # warm-up: writes the init fingerprint, fills OS caches
        plain()
        plain_s, ours_s = [], []
        for _ in range(rounds):  # interleaved, same run, same project
            t = time.perf_counter()
            plain()
            plain_s.append(time.perf_counter() - t)
            t = time.perf_counter()
            ours()
            ours_s.append(time.perf_counter() - t)
        p, o = statistics.median(plain_s), statistics.median(ours_s)
        overhead = (o - p) / p * 100
        ok = "OK" if overhead < 10 else "OVER TARGET"
        print(
            f"\n`ecs-wizard plan` vs plain terraform ({FIXTURE.name}, -refresh=false, "
            f"median of {rounds})"
        )
        print(f"  terraform plan -out + show -json          {p * 1000:8.0f} ms")
        print(f"  ecs-wizard plan (CLI process, JSON view)  {o * 1000:8.0f} ms")
        print(f"  overhead                                  {overhead:8.1f} %   [{ok}, <10 %]")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resources", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-terraform", action="store_true", help="only the view benchmark")
    args = ap.parse_args()
    bench_view(args.resources, args.rounds)
    if not args.no_terraform:
        bench_plan(args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
