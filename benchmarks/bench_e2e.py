"""Figures for the end-to-end run: the full apply → check → destroy cycle of the
largest shipped example against the local AWS emulator (moto), with the real provider.

Phases: emulator start, answers localisation + render, terraform init, apply (plan + apply),
API checks (boto3), idempotency re-plan, destroy. Each is timed; the cycle figure is
apply + check + destroy.

Run:  .venv/bin/python benchmarks/bench_e2e.py [--example full] [--json]
Needs terraform, the offline provider mirror and the `local` extra (moto[server], boto3).

Recorded 2026-11-26 (x86_64, 2 CPUs shared with other jobs, load average ~5, terraform 1.11.4,
hashicorp/aws 5.100.0, moto 5.2.5), example `full`, 58 resources (autoscaling left out):
  emulator start 0.7 s, localise + render 3.9 s, init 0.7 s (plugin cache), apply 79.9 s,
  API checks 3.0 s, idempotency plan 13.4 s, destroy 37.5 s
  apply → check → destroy: 120.4 s
Most of apply/destroy is the provider's own fixed waiters, not the emulator: Route 53 change
INSYNC polling (~16 s), ECS cluster and capacity-provider association (~10 s each), IAM
instance-profile propagation (~6 s), plus ~5-10 s of provider start-up per terraform command.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ecs_wizard.emulator import Emulator, localize_answers, write_emulator_override  # noqa: E402
from ecs_wizard.model.yamlio import load_answers_file  # noqa: E402
from ecs_wizard.render import write_project  # noqa: E402
from ecs_wizard.terraform import tfenv  # noqa: E402
from tests.e2e import checks  # noqa: E402
from tests.e2e.harness import validated  # noqa: E402

EXAMPLES = REPO / "ecs_wizard" / "examples"


def largest_example() -> str:
    sizes = {}
    for path in EXAMPLES.glob("*.yaml"):
        data = load_answers_file(path)
        sizes[path.stem] = len(data.get("services", [])) * 10 + len(data.get("routing", []))
    return max(sizes, key=sizes.__getitem__)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--example", help="example name under ecs_wizard/examples (default: largest)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    name = args.example or largest_example()

    work = Path(tempfile.mkdtemp(prefix="bench-e2e-"))
    timings: dict[str, float] = {}
    tf = tfenv.offline_terraform(work)
    env = dict(tf.env, AWS_EC2_METADATA_DISABLED="true")

    def run(*cmd: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [str(tf.binary), *cmd], cwd=root, env=env, capture_output=True, text=True
        )
        if proc.returncode not in (0, 2):
            sys.exit(
                f"terraform {' '.join(cmd)} failed:\n{proc.stdout[-4000:]}{proc.stderr[-4000:]}"
            )
        return proc

    def timed(label: str, fn):
        start = time.perf_counter()
        value = fn()
        timings[label] = time.perf_counter() - start
        return value

    emu = Emulator(log_path=work / "moto.log")
    try:
        timed("emulator_start", emu.start)
        root = work / "project"
        data = load_answers_file(EXAMPLES / f"{name}.yaml")
        data["alb"] = {**data.get("alb", {}), "deletion_protection": False}

        def prepare():
            localized = localize_answers(data, emu)
            answers = validated(localized.data)
            write_project(answers, root)
            write_emulator_override(root, answers.project.region, emu.endpoint)
            return answers

        answers = timed("localise_render", prepare)
        timed("init", lambda: run("init", "-input=false", "-no-color", "-backend=false"))
        timed("apply", lambda: run("apply", "-auto-approve", "-no-color", "-parallelism=20"))
        outputs = {k: v["value"] for k, v in json.loads(run("output", "-json").stdout).items()}
        timed("check", lambda: checks.check_all(emu, answers, outputs))

        def replan():
            run("plan", "-no-color", "-parallelism=20", "-out=tfplan")
            plan = json.loads(run("show", "-json", "tfplan").stdout)
            problems = checks.unexplained_changes(plan)
            if problems:
                sys.exit("post-apply plan is not clean:\n" + "\n".join(problems))
            return plan

        timed("idempotency_plan", replan)
        timed("destroy", lambda: run("destroy", "-auto-approve", "-no-color", "-parallelism=20"))
        resources = len(json.loads(run("show", "-json", "tfplan").stdout)["resource_changes"])
    finally:
        emu.stop()
        shutil.rmtree(work, ignore_errors=True)

    cycle = timings["apply"] + timings["check"] + timings["destroy"]
    figures = {
        "example": name,
        "resources": resources,
        "timings_s": {k: round(v, 2) for k, v in timings.items()},
        "apply_check_destroy_s": round(cycle, 2),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}",
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"example {name}: {resources} resources ({figures['machine']})")
        for k, v in timings.items():
            print(f"  {k:<18} {v:7.2f} s")
        print(f"  apply → check → destroy: {cycle:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
