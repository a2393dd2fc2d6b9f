"""Huge terraform output (a provider bug, a debug log on stderr) is bounded in memory and in
what `ecs-wizard plan` prints: the start and the end are kept, the middle is counted."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from ecs_wizard.plan.outbuf import HEAD, MAX_LINE, TAIL, OutputBuffer, bounded_lines
from ecs_wizard.plan.runner import MAX_SHOWN_LINES, PlanRunner, Status
from tests.conftest import REPO_ROOT

# 40 MB in one line without a newline, then 400,000 numbered lines (~6 MB), all on stderr.
FLOOD = (
    'case "$1" in init) exit 0;;\n'
    "plan) echo 'Error: first line of the flood' >&2;\n"
    "  head -c 40000000 /dev/zero | tr '\\0' x >&2; echo >&2;\n"
    "  seq 1 400000 | sed 's/^/noise line /' >&2;\n"
    "  echo 'Error: the last words' >&2; exit 1;;\n"
    "esac\n"
)


def test_buffer_keeps_head_and_tail_and_counts_the_rest() -> None:
    buf = OutputBuffer(head=10, tail=20)
    for i in range(100):
        buf.append(f"line {i:03d}\n")
    text = buf.text()
    assert text.startswith("line 000\n")
    assert text.endswith("line 098\nline 099\n")
    assert "characters of terraform output left out here" in text
    assert len(text) < 10 + 20 + 100 + 2 * 9


def test_long_lines_are_cut_without_reading_them_whole() -> None:
    stream = io.StringIO("a" * (MAX_LINE * 5 + 7) + "\nnext\n")
    lines = list(bounded_lines(stream))
    assert len(lines) == 2
    assert lines[0].startswith("a" * MAX_LINE) and "more characters" in lines[0]
    assert len(lines[0]) < MAX_LINE + 100
    assert lines[1] == "next\n"


def test_runner_keeps_a_bounded_output_of_a_flood(project, fake_terraform) -> None:
    fake = fake_terraform(FLOOD)
    shown = []
    result = PlanRunner(project, terraform_bin=str(fake), on_line=shown.append).run()
    assert result.status is Status.ERROR
    err = result.error
    reported = err.output + "".join(d.summary + d.detail for d in err.diagnostics)
    assert len(reported) < HEAD + TAIL + 2 * MAX_LINE
    assert "the last words" in reported  # the end, where the real error usually is
    assert err.shown_live is False  # cut short as it ran: the report must quote the end
    assert len(shown) <= MAX_SHOWN_LINES + 10
    assert any("not shown as it runs" in line.text for line in shown)


def test_cli_memory_and_printed_output_stay_bounded(project, fake_terraform) -> None:
    fake = fake_terraform(FLOOD)
    proc = subprocess.Popen(
        [sys.executable, "-m", "ecs_wizard", "plan", str(project), "--terraform-bin", str(fake)],
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    # The child's own high-water mark (VmHWM: since its exec), polled until it exits. Not
    # ru_maxrss from wait4: Linux carries the forking parent's RSS into it, so under pytest-xdist
    # it reported the worker's size (307 MB in one CI run), not the command's.
    peaks: list[int] = []

    def watch() -> None:
        while proc.poll() is None:
            with contextlib.suppress(OSError, ValueError):
                status = Path(f"/proc/{proc.pid}/status").read_text()
                line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
                peaks.append(int(line.split()[1]))
            time.sleep(0.02)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    err = proc.stderr.read()
    proc.wait()
    watcher.join(timeout=5)
    assert proc.returncode == 1, err[-2000:]
    assert len(err) < 2_000_000, f"printed {len(err)} bytes"
    assert b"the last words" in err and b"Traceback" not in err
    assert peaks, "could not read the command's memory from /proc"
    peak_mb = max(peaks) / 1024  # KiB
    assert peak_mb < 200, f"peak memory {peak_mb:.0f} MB while terraform printed 46 MB"


def test_fake_flood_is_as_large_as_claimed(project: Path, fake_terraform) -> None:
    fake = fake_terraform(FLOOD)
    out = subprocess.run([str(fake), "plan"], capture_output=True, cwd=project)
    assert len(out.stderr) > 45_000_000
