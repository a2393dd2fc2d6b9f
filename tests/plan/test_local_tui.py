"""`ecs-wizard plan DIR --local --tui`: the emulator plan in the full-screen viewer, as F10
shows it in the wizard (it was refused), cleaned up when the viewer closes or on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path
from typing import ClassVar

import pytest
from textual.widgets import Static

from ecs_wizard.cli import main
from ecs_wizard.commands import _common
from ecs_wizard.plan import target as target_mod
from ecs_wizard.plan.runner import PlanOptions, PlanRunner
from ecs_wizard.screens import plan_local_app
from ecs_wizard.screens.plan_local_app import LocalPlanRunApp

NO_CHANGES = '{"format_version":"1.2","resource_changes":[]}'


class FakeEmulatorTarget:
    """Stands in for EmulatorTarget: plans `project` with a fake terraform, records close()."""

    instances: ClassVar[list[FakeEmulatorTarget]] = []

    def __init__(self, source: Path, apply: bool = False, environment: str | None = None):
        self.source = Path(source)
        self.project_dir = self.source
        self.banner = f"EMULATOR RUN of {source}: moto on 127.0.0.1"
        self.notes = ["network ids rewritten to the emulator's VPC"]
        self.closed = False
        self.opened = False
        FakeEmulatorTarget.instances.append(self)

    def open(self):
        self.opened = True
        return self

    def runner(self, options=None, *, terraform_bin=None, on_line=None) -> PlanRunner:
        return PlanRunner(
            self.project_dir, terraform_bin=terraform_bin, options=options, on_line=on_line
        )

    def close(self) -> None:
        self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@pytest.fixture
def tty(monkeypatch):
    monkeypatch.setattr(_common, "has_tty", lambda: True)


@pytest.fixture
def fake_target(monkeypatch):
    FakeEmulatorTarget.instances = []
    monkeypatch.setattr(target_mod, "EmulatorTarget", FakeEmulatorTarget)
    return FakeEmulatorTarget


def test_plan_local_tui_opens_the_viewer_on_the_emulator_target(
    project, fake_target, tty, monkeypatch, capsys
):
    shown = {}

    def fake_run(self):
        shown.update(target=self.target, source=self.source, opened=self.target.opened)
        self.closed.set()
        return 2

    monkeypatch.setattr(LocalPlanRunApp, "run", fake_run)
    assert main(["plan", str(project), "--local", "--tui"]) == 2
    err = capsys.readouterr().err
    assert "does not support --tui" not in err
    (target,) = fake_target.instances
    assert shown == {"target": target, "source": str(project), "opened": True}
    assert target.closed  # cleaned up when the viewer is done


def test_plan_local_tui_apply_is_refused_before_the_emulator_starts(
    project, fake_target, tty, capsys
):
    assert main(["plan", str(project), "--local", "--tui", "--apply"]) == 1
    assert "drop --tui" in capsys.readouterr().err
    assert fake_target.instances == []


def test_plan_local_tui_without_a_terminal_is_refused(project, fake_target, capsys):
    assert main(["plan", str(project), "--local", "--tui"]) == 1
    assert "--tui needs a terminal" in capsys.readouterr().err
    assert fake_target.instances == []


async def _until(predicate, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.05)


def test_the_viewer_labels_the_emulator_run_and_closes_the_target(project, fake_terraform):
    fake = fake_terraform(
        'case "$1" in init) exit 0;; plan) exit 0;;\n'
        f"show) echo '{NO_CHANGES}'; exit 0;;\nesac\nexit 99\n"
    )
    target = FakeEmulatorTarget(project)

    async def body():
        app = LocalPlanRunApp(target, str(project), str(fake), PlanOptions())
        async with app.run_test(size=(100, 30)) as pilot:
            await _until(lambda: getattr(app.screen, "result", None) is not None)
            await pilot.pause()
            title = str(app.screen.query_one("#plan-title", Static).render())
            banner = str(app.screen.query_one("#plan-banner", Static).render())
            assert plan_local_app.EMULATOR_TITLE in title and str(project) in title
            assert "EMULATOR RUN of" in banner and "network ids rewritten" in banner
            await pilot.press("escape")
            await pilot.pause()
        return app

    app = asyncio.run(body())
    assert app.return_value == 0
    assert app.closed.wait(10) and target.closed


def test_sigterm_stops_terraform_and_cleans_up(project, fake_terraform, tmp_path):
    marker = tmp_path / "terraform-interrupted"
    ready = tmp_path / "trap-set"
    fake = fake_terraform(
        'case "$1" in init) exit 0;;\n'
        f"plan) trap 'echo int > {marker}; exit 1' INT; : > {ready}; echo started; "
        "while true; do sleep 0.05; done;;\nesac\nexit 99\n"
    )
    target = FakeEmulatorTarget(project)
    previous = signal.signal(signal.SIGTERM, lambda *_: pytest.fail("app handler not installed"))

    async def body():
        app = LocalPlanRunApp(target, str(project), str(fake), PlanOptions())
        async with app.run_test(size=(100, 30)):
            screen = app.screen
            await _until(lambda: getattr(screen, "running", False) and screen.runner._proc)
            await _until(ready.exists)  # the fake terraform has set its INT trap
            os.kill(os.getpid(), signal.SIGTERM)
            await _until(lambda: app.return_value is not None)
        return app

    try:
        app = asyncio.run(body())
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert app.return_value == 130
    assert app.closed.wait(30) and target.closed
    assert marker.exists()  # terraform got its Ctrl-C and stopped
