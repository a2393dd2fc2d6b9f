"""SIGTERM and SIGHUP to `ecs-wizard plan` behave like Ctrl-C: terraform is interrupted and
waited for (never left running, re-parented to init), and an emulator run (`--local`) stops
moto and deletes its temporary copy. Real subprocesses, real signals."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ecs_wizard.cli import main
from tests.conftest import REPO_ROOT

EXAMPLE = REPO_ROOT / "ecs_wizard" / "examples" / "minimal.yaml"


def _is_emulator(cmd: str) -> bool:
    """The emulator's server process: moto's, or moto behind the strict layer."""
    return "moto.server" in cmd or "ecs_wizard.emulator.strict" in cmd


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie waiting to be reaped counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")


def _group_members(pgid: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            members.append(int(entry.name))
    return members


def _children(pid: int) -> list[tuple[int, str]]:
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append((int(entry.name), cmdline))
    return out


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file() and path.read_text().strip():
            return path.read_text().strip()
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"ecs-wizard exited early ({proc.returncode}):\n{out}\n{err}")
        time.sleep(0.05)
    proc.kill()
    pytest.fail(f"terraform never started ({path} not written)")


def _fake_terraform(bindir: Path, pidfile: Path) -> Path:
    """Like terraform: stops on SIGINT (after a moment), runs in the group it was given."""
    bindir.mkdir(exist_ok=True)
    fake = bindir / "terraform"
    fake.write_text(
        "#!/bin/sh\n"
        'case "$1" in\n'
        "  init) exit 0;;\n"
        f"  plan) trap 'sleep 0.2; exit 1' INT; echo \"$$ $(pwd)\" > {pidfile};\n"
        "        while true; do sleep 0.05; done;;\n"
        "  *) exit 1;;\n"
        "esac\n"
    )
    fake.chmod(0o755)
    return fake


def _start(args: list[str], tmp_path: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return subprocess.Popen(
        [sys.executable, "-m", "ecs_wizard", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    out = tmp_path / "proj"
    assert main(["render", str(EXAMPLE), "-o", str(out), "-q"]) == 0
    return out


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_term_and_hup_stop_terraform_like_ctrl_c(project: Path, tmp_path: Path, sig) -> None:
    pidfile = tmp_path / "terraform.pid"
    fake = _fake_terraform(tmp_path / "bin", pidfile)
    proc = _start(["plan", str(project), "--terraform-bin", str(fake)], tmp_path)
    tf_pid = int(_wait_for(pidfile, proc).split()[0])
    try:
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err
        assert "Cancelled" in err and "Traceback" not in err, err
        deadline = time.monotonic() + 10
        while _group_members(tf_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _group_members(tf_pid) == [], "terraform was left running"
    finally:
        for pid in _group_members(tf_pid):  # only the fake terraform we started
            os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()


@pytest.mark.emulator
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_term_and_hup_during_a_local_run_stop_moto_and_delete_the_copy(
    project: Path, tmp_path: Path, sig
) -> None:
    pidfile = tmp_path / "terraform.pid"
    fake = _fake_terraform(tmp_path / "bin", pidfile)
    proc = _start(["plan", str(project), "--local", "--terraform-bin", str(fake)], tmp_path)
    tf_pid_text, copy_dir = _wait_for(pidfile, proc, timeout=120).split(maxsplit=1)
    tf_pid = int(tf_pid_text)
    workdir = Path(copy_dir).parent
    moto = [pid for pid, cmd in _children(proc.pid) if _is_emulator(cmd)]
    assert len(moto) == 1, _children(proc.pid)
    assert workdir.is_dir() and workdir.parent == tmp_path / "tmp"
    try:
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=90)
        assert proc.returncode == 130, err
        assert "Traceback" not in err
        assert not _alive(moto[0]), "the moto server was left running"
        assert _group_members(tf_pid) == [], "terraform was left running"
        assert not workdir.exists(), "the temporary copy was left behind"
    finally:
        for pid in [*_group_members(tf_pid), *(p for p in moto if _alive(p))]:
            os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()


@pytest.mark.emulator
def test_term_while_the_emulator_starts_cleans_up(project: Path, tmp_path: Path) -> None:
    proc = _start(["plan", str(project), "--local"], tmp_path)
    deadline = time.monotonic() + 60
    moto: list[int] = []
    while not moto and time.monotonic() < deadline and proc.poll() is None:
        moto = [pid for pid, cmd in _children(proc.pid) if _is_emulator(cmd)]
        time.sleep(0.01)
    assert moto, "the emulator never started"
    try:
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err
        assert "Traceback" not in err
        deadline = time.monotonic() + 10
        while _alive(moto[0]) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(moto[0]), "the moto server was left running"
        assert list((tmp_path / "tmp").iterdir()) == [], "the temporary copy was left behind"
    finally:
        if _alive(moto[0]):
            os.kill(moto[0], signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()


@pytest.mark.emulator
def test_term_during_a_local_apply_stops_terraform_and_cleans_up(
    project: Path, tmp_path: Path
) -> None:
    pidfile = tmp_path / "apply.pid"
    plan_json = REPO_ROOT / "tests" / "plan" / "fixtures" / "scenario_plan.json"
    fake = tmp_path / "bin" / "terraform"
    fake.parent.mkdir()
    fake.write_text(
        "#!/bin/sh\n"
        'case "$1" in\n'
        "  init) exit 0;;\n"
        "  plan) exit 2;;\n"
        f"  show) cat {plan_json}; exit 0;;\n"
        f"  apply) trap 'sleep 0.2; exit 1' INT; echo \"$$ $(pwd)\" > {pidfile};\n"
        "         while true; do sleep 0.05; done;;\n"
        "esac\n"
    )
    fake.chmod(0o755)
    proc = _start(
        ["plan", str(project), "--local", "--apply", "--terraform-bin", str(fake)], tmp_path
    )
    tf_pid_text, copy_dir = _wait_for(pidfile, proc, timeout=120).split(maxsplit=1)
    tf_pid = int(tf_pid_text)
    moto = [pid for pid, cmd in _children(proc.pid) if _is_emulator(cmd)]
    assert len(moto) == 1
    try:
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=90)
        assert proc.returncode == 130, err
        assert "Traceback" not in err
        assert _group_members(tf_pid) == [] and not _alive(tf_pid), "apply was left running"
        assert not _alive(moto[0]), "the moto server was left running"
        assert not Path(copy_dir).parent.exists(), "the temporary copy was left behind"
    finally:
        for pid in [*_group_members(tf_pid), *(p for p in moto if _alive(p))]:
            os.kill(pid, signal.SIGKILL)
        if _alive(tf_pid):
            os.kill(tf_pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()


def test_symlink_loop_in_the_project_is_a_message_for_local(project: Path, tmp_path: Path) -> None:
    os.symlink("..", project / "modules" / "loop")
    os.symlink("self", project / "self")
    proc = _start(["plan", str(project), "--local"], tmp_path)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in err
    assert "symbolic link" in err
    assert list((tmp_path / "tmp").iterdir()) == []  # no temporary copy left behind
