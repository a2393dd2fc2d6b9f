"""Figures for the plan view.

1. Load + render the summary of a synthetic plan JSON with 5,000 resource changes
   (target: under 1 s). Also reports the resource-list view and full attribute diffs.
1b. Secret redaction at scale: `show-plan` of a plan with 5,000 changes and 5,000 sensitive
   values (each resource also carries an unmarked copy of another's secret), and of 10,000.
   Goals (issue 22): the text view of 5,000 in at most 7x the CPU of a process that only
   `json.load`s the same file; 10,000 within 2.05x of 5,000 (linear). Also printed: the
   in-process ratio, without the interpreter's start-up. CPU time, median of --rounds after
   a warm-up, every command in turn each round; the processes run from a bytecode cache as
   an installed package does (--compile-every-start to keep PYTHONDONTWRITEBYTECODE).
2. `ecs-wizard plan` total time next to plain `terraform plan` + `terraform show -json`
   on the same project in the same run (target: overhead under 10 %).

Run:  .venv/bin/python benchmarks/bench_plan.py [--resources 5000] [--rounds 5]
Needs terraform and the offline provider mirror for part 2 (skip it with --no-terraform).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ecs_wizard.plan.model import load_plan  # noqa: E402
from ecs_wizard.plan.render_text import render_summary, render_text  # noqa: E402
from ecs_wizard.terraform import tfenv  # noqa: E402

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


def secrets_plan(n: int) -> dict:
    """n created resources, each with its own sensitive value and an unmarked copy of the
    previous resource's secret inside a JSON document (the view must redact every copy)."""
    rcs = []
    for i in range(n):
        secret = f"pw-{i:06d}-{random.Random(i).getrandbits(64):016x}"
        copied = f"pw-{i - 1:06d}-{random.Random(i - 1).getrandbits(64):016x}" if i else "none"
        rcs.append(
            {
                "address": f"aws_ssm_parameter.p{i}",
                "mode": "managed",
                "type": "aws_ssm_parameter",
                "name": f"p{i}",
                "provider_name": "registry.terraform.io/hashicorp/aws",
                "change": {
                    "actions": ["create"],
                    "before": None,
                    "after": {
                        "name": f"/app/p{i}",
                        "value": secret,
                        "description": json.dumps({"copy": copied, "i": i}),
                    },
                    "after_unknown": {"arn": True},
                    "before_sensitive": False,
                    "after_sensitive": {"value": True},
                },
            }
        )
    return {"format_version": "1.2", "terraform_version": "1.11.4", "resource_changes": rcs}


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run_cpu(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """CPU time (user + system, from the kernel's accounting of children) and wall time of
    `cmd` run once as a fresh process."""
    t, c = time.perf_counter(), _child_cpu()
    subprocess.run(cmd, check=True, capture_output=True, cwd=REPO, env=env)
    return _child_cpu() - c, time.perf_counter() - t


def _child_env(tmp: Path, bytecode_cache: bool) -> dict[str, str]:
    """The environment the measured processes run in. With `bytecode_cache`, Python may
    write bytecode, to a cache of its own (`PYTHONPYCACHEPREFIX` in `tmp`, filled by the
    warm-up run): a package installed by pip runs from bytecode compiled at install, and
    the floor's json module from the standard library's. Without it, the caller's
    environment as it is (PYTHONDONTWRITEBYTECODE=1 makes every start compile ecs_wizard's
    sources, which the floor never does)."""
    env = dict(os.environ)
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


#: Goals of issue 22: the text view of 5,000 changes with secrets within 7x `json.load` of
#: the same file; 10,000 changes within 2.05x of 5,000.
RATIO_GOAL = 7.0
SCALE_GOAL = 2.05


def bench_secrets(
    rounds: int, sizes: tuple[int, ...] = (5000, 10000), *, bytecode_cache: bool = True
) -> None:
    """`ecs-wizard show-plan` as a user runs it (a fresh process, each format, to a file) on
    plans with n secrets, against the floor of a fresh Python process that only does
    `json.load` of the same file. CPU time (the fairer figure on a machine shared with other
    jobs), median of `rounds`. Every command runs once as a warm-up (not counted), then the
    rounds run the commands in turn (floor, each format, each size), so that a change in
    the machine's load falls on all of them alike rather than on one ratio. The in-process
    figures (view vs `json.load` alone, no start-up) are printed too."""
    cache = "bytecode cached as installed" if bytecode_cache else "compiled at every start"
    print(
        "\nSecret redaction: `show-plan -o FILE` of n changes with n sensitive values (+ n "
        f"unmarked copies), CPU, median of {rounds} processes, run in turn ({cache})"
    )
    formats = ("text", "json", "markdown")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = _child_env(tmp, bytecode_cache)
        commands: dict[tuple[str, int], list[str]] = {}
        checks = {}
        for n in sizes:
            path = tmp / f"secrets-{n}.json"
            path.write_text(json.dumps(secrets_plan(n)))
            load = [sys.executable, "-c", "import json, sys; json.load(open(sys.argv[1]))"]
            commands[("floor", n)] = [*load, str(path)]
        for fmt in formats:
            for n in sizes:
                out = tmp / f"view-{n}.{fmt}"
                cmd = [sys.executable, "-m", "ecs_wizard", "show-plan"]
                commands[(fmt, n)] = [*cmd, str(tmp / f"secrets-{n}.json"), "--format", fmt]
                commands[(fmt, n)] += ["-o", str(out)]

                def check(out: Path = out, fmt: str = fmt) -> None:
                    if "pw-000001" in out.read_text():
                        raise SystemExit(f"show-plan --format {fmt} leaked a secret")
                    out.unlink()

                checks[(fmt, n)] = check
        samples: dict[tuple[str, int], list[tuple[float, float]]] = {k: [] for k in commands}
        for counted in [False] + [True] * rounds:
            for key, cmd in commands.items():
                sample = _run_cpu(cmd, env)
                if counted:
                    samples[key].append(sample)
                if key in checks:
                    checks[key]()
        med = {
            k: (statistics.median(c for c, _ in v), statistics.median(w for _, w in v))
            for k, v in samples.items()
        }
        small, large = sizes[0], sizes[-1]
        print(
            f"  floor: python -c 'json.load(...)'  {small}: {med[('floor', small)][0] * 1000:5.0f}"
            f" ms CPU   {large}: {med[('floor', large)][0] * 1000:5.0f} ms CPU"
        )
        for fmt in formats:
            (c_s, w_s), (c_l, _) = med[(fmt, small)], med[(fmt, large)]
            ratio, scale = c_s / med[("floor", small)][0], c_l / c_s
            ok = "OK" if ratio <= RATIO_GOAL and scale <= SCALE_GOAL else "OVER GOAL"
            print(
                f"  --format {fmt:<8} {small}: {c_s * 1000:5.0f} ms CPU ({w_s * 1000:5.0f} wall) "
                f"= {ratio:4.1f}x json.load   {large}: {c_l * 1000:5.0f} ms CPU   "
                f"{large}/{small} x{scale:.2f}  [{ok}: <={RATIO_GOAL:g}x, <=x{SCALE_GOAL}]"
            )
        _in_process(tmp, sizes, rounds)


def _in_process(tmp: Path, sizes: tuple[int, ...], rounds: int) -> None:
    """The same work without a process's start-up: load + the plain text view, against
    `json.load` alone, in this process."""
    from ecs_wizard.plan.exported import load_any
    from ecs_wizard.plan.render_text import plain_text
    from ecs_wizard.plan.values import redactor_for

    print("  in this process (no start-up, no imports), CPU, median:")
    for n in sizes:
        path = tmp / f"secrets-{n}.json"
        loads, views = [], []
        for _ in range(rounds):
            t = time.process_time()
            with path.open("rb") as fh:
                json.load(fh)
            loads.append(time.process_time() - t)
            redactor_for.cache_clear()
            t = time.process_time()
            plain_text(load_any(path))
            views.append(time.process_time() - t)
        load, view = statistics.median(loads), statistics.median(views)
        print(
            f"    {n}: json.load {load * 1000:5.0f} ms   load + text view {view * 1000:5.0f} ms"
            f"   = {view / load:4.1f}x"
        )


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
    ap.add_argument("--no-terraform", action="store_true", help="only the view benchmarks")
    ap.add_argument(
        "--compile-every-start",
        action="store_true",
        help="show-plan processes keep the caller's PYTHONDONTWRITEBYTECODE (no bytecode cache)",
    )
    args = ap.parse_args()
    bench_view(args.resources, args.rounds)
    bench_secrets(args.rounds, bytecode_cache=not args.compile_every_start)
    if not args.no_terraform:
        bench_plan(args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
