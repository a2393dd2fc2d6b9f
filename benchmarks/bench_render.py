"""Benchmark: validate + render a 50-service / 100-rule answers file, and `ecs-wizard render`
end to end (target: under 1 s). Reports figures; it is not a test.

Run: .venv/bin/python benchmarks/bench_render.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_validate import big_answers  # noqa: E402


def best(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times) * 1000


def main() -> None:
    t0 = time.perf_counter()
    from ecs_wizard import render
    from ecs_wizard.model.yamlio import dump_answers, load_answers_text
    from ecs_wizard.validation import validate_data

    print(f"import render+validation: {(time.perf_counter() - t0) * 1000:.0f} ms")
    text = dump_answers(big_answers())
    data = load_answers_text(text)
    result = validate_data(data)
    assert result.ok, result.errors[:3]
    answers = result.answers
    print(f"validate (50 services / 100 rules): {best(lambda: validate_data(data)):.1f} ms")
    print(f"render_files: {best(lambda: render.render_files(answers)):.1f} ms")
    tmp = Path(tempfile.mkdtemp())
    try:
        out = tmp / "out"
        fresh = best(lambda: render.write_project(answers, out, force=True), 1)
        print(f"write_project (fresh dir): {fresh:.1f} ms")
        again = best(lambda: render.write_project(answers, out))
        print(f"write_project (re-render, unchanged): {again:.1f} ms")
        path = tmp / "answers.yaml"
        path.write_text(text, encoding="utf-8")
        env = {**os.environ, "NO_COLOR": "1"}
        cli = [
            sys.executable,
            "-m",
            "ecs_wizard",
            "render",
            str(path),
            "-o",
            str(tmp / "cli"),
            "-q",
            "--force",
        ]
        times = []
        for _ in range(3):
            t = time.perf_counter()
            proc = subprocess.run(cli, capture_output=True, text=True, env=env, cwd=REPO)
            times.append(time.perf_counter() - t)
            assert proc.returncode == 0, proc.stdout + proc.stderr
        e2e = min(times) * 1000
        print(f"CLI end to end (`ecs-wizard render`, 50/100): {e2e:.0f} ms (target < 1000)")
        bare = [sys.executable, "-c", "pass"]
        t = time.perf_counter()
        subprocess.run(bare, check=True)
        print(
            f"  (bare python start-up on this machine: {(time.perf_counter() - t) * 1000:.0f} ms)"
        )
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
