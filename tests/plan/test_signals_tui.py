"""SIGTERM and SIGHUP to `ecs-wizard plan --tui` behave like Ctrl-C to the plain `plan`:
terraform is interrupted and waited for, the terminal is restored (out of the alternate
screen, back to cooked mode), exit code 130. A real process on a pseudo-terminal, real
signals."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.plan.test_signals import _fake_terraform, _group_members, project  # noqa: F401

LEAVE_ALT_SCREEN = b"\x1b[?1049l"


def _read_all(fd: int, into: bytearray) -> None:
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the last writer closed the terminal
            return
        if not chunk:
            return
        into.extend(chunk)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_tui_plan_stops_terraform_and_restores_the_terminal(
    project: Path,  # noqa: F811
    tmp_path: Path,
    sig: signal.Signals,
) -> None:
    pidfile = tmp_path / "terraform.pid"
    fake = _fake_terraform(tmp_path / "bin", pidfile)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    cooked = termios.tcgetattr(slave)[3] & (termios.ICANON | termios.ECHO)
    output = bytearray()
    reader = threading.Thread(target=_read_all, args=(master, output), daemon=True)
    reader.start()
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "TERM": "xterm-256color"}
    env.pop("TEXTUAL", None)
    command = ["plan", str(project), "--tui", "--terraform-bin", str(fake)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "ecs_wizard", *command],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    tf_pid = None
    try:
        deadline = time.monotonic() + 60
        while not (pidfile.is_file() and pidfile.read_text().strip()):
            assert proc.poll() is None, f"exited early ({proc.returncode}): {bytes(output)!r}"
            assert time.monotonic() < deadline, "terraform never started"
            time.sleep(0.05)
        tf_pid = int(pidfile.read_text().split()[0])
        assert termios.tcgetattr(slave)[3] & termios.ICANON == 0, "the viewer is in raw mode"
        proc.send_signal(sig)
        proc.wait(timeout=60)
        assert proc.returncode == 130, (proc.returncode, bytes(output[-2000:]))
        deadline = time.monotonic() + 10
        while _group_members(tf_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _group_members(tf_pid) == [], "terraform was left running"
        now = termios.tcgetattr(slave)[3] & (termios.ICANON | termios.ECHO)
        assert now == cooked, "the terminal was left in raw mode"
        time.sleep(0.2)  # let the reader drain the last bytes
        assert LEAVE_ALT_SCREEN in output, "the terminal was left on the alternate screen"
    finally:
        if tf_pid is not None:
            for pid in _group_members(tf_pid):  # only the fake terraform we started
                os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(slave)
        os.close(master)
