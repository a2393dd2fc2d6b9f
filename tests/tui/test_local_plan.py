"""F10 on the review screen: export, then plan against the embedded emulator (moto) in a
labelled temporary copy, and clean up (emulator stopped, copy deleted) when the plan screen
goes away — dismissed or the app exits.

The emulator tests run the real terraform + hashicorp/aws provider from the offline mirror
(LocalRun writes its own CLI config from `tfenv.find_provider_mirror()`, as in
tests/e2e/test_local_cli.py); the `tf` fixture makes them fail, never skip, when terraform
or the mirror is missing.
"""

from __future__ import annotations

import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from textual.widgets import Static

from ecs_wizard import emulator
from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import DraftStore
from ecs_wizard.plan.runner import Status
from ecs_wizard.screens.plan import PlanScreen
from ecs_wizard.screens.review import ReviewScreen
from tests.tui.helpers import SIZE, type_input
from tests.tui.test_journeys import exported_tfvars

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"
REVIEW = 5


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


@pytest.fixture
def scratch(tmp_path, monkeypatch) -> Path:
    """Where LocalRun's temporary copy goes (so the test can see that it is removed)."""
    path = tmp_path / "scratch"
    path.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(path))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("AWS_PROFILE", "must-not-be-used")
    return path


def _app(tmp_path: Path) -> WizardApp:
    draft = yaml.safe_load((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"))
    app = WizardApp(draft, store=DraftStore(tmp_path / "state"), start_step=REVIEW)
    app.animation_level = "none"
    return app


async def _to_review(pilot, out: Path) -> ReviewScreen:
    app = pilot.app
    await pilot.pause()
    app.ensure_validated()
    await app.workers.wait_for_complete()
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    assert not app.errors, app.errors
    await type_input(pilot, "#export-dir", str(out))
    return screen


async def _wait_for(pilot, predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}", pytrace=False)
        await pilot.pause(0.2)


def _answers(endpoint: str) -> bool:
    try:
        with urllib.request.urlopen(f"{endpoint}/moto-api/data.json", timeout=1):
            return True
    except (urllib.error.URLError, OSError):
        return False


def _messages(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


@pytest.mark.emulator
@pytest.mark.terraform
@pytest.mark.slow
async def test_f10_exports_plans_against_the_emulator_and_cleans_up(tf, tmp_path, scratch):
    out = tmp_path / "exported"
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        review = await _to_review(pilot, out)
        assert app.exported_to is None
        await pilot.press("f10")  # exports first (nothing exported yet), then plans locally
        await _wait_for(
            pilot, lambda: isinstance(app.screen, PlanScreen), 60, "the emulator plan screen"
        )
        assert app.exported_to == out
        # the export carries the answers the journey started from (examples/minimal.yaml)
        tfvars = exported_tfvars(out)
        assert tfvars["project"]["name"] == "hello"
        assert tfvars["project"]["region"] == "eu-west-1"
        assert tfvars["network"] == {
            "vpc_id": "vpc-0a1b2c3d4e5f60718",
            "public_subnet_ids": ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
            "private_subnet_ids": ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
        }
        [web] = tfvars["services"]
        [container] = web["containers"]
        assert (web["name"], container["name"]) == ("web", "web")
        assert (container["image"], container["port"]) == ("public.ecr.aws/nginx/nginx:1.27", 80)
        assert web["load_balancer"]["container"] == "web"
        assert "https" not in tfvars["alb"]  # HTTP only, as in the example
        plan_screen = app.screen
        local = review.local_run
        assert local is not None and local.source == out.resolve()
        assert plan_screen.project_dir == local.project_dir != out
        assert str(local.workdir).startswith(str(scratch))
        proc = local.emulator._proc
        assert proc is not None and proc.poll() is None
        endpoint = local.emulator.endpoint
        assert endpoint.startswith("http://127.0.0.1:")

        title = str(plan_screen.query_one("#plan-title", Static).render())
        assert "EMULATOR RUN — nothing touches AWS" in title
        banner = str(plan_screen.query_one("#plan-banner", Static).render())
        assert "EMULATOR RUN" in banner and endpoint in banner
        assert "Nothing here touches real AWS" in banner
        assert "network: created VPC" in banner  # the rewrite notes

        await _wait_for(pilot, lambda: plan_screen.result is not None, 300, "terraform plan")
        result = plan_screen.result
        assert result.error is None, result.error
        assert result.status is not Status.CANCELLED
        plan = result.plan()
        assert plan.summary.add > 0
        assert plan.summary.destroy == 0
        types = {rc.type for rc in plan.changes}
        assert {"aws_lb", "aws_ecs_service", "aws_ecs_task_definition"} <= types
        # the plan ran in the copy: the exported project has no state, no .terraform
        assert not (out / ".terraform").exists()
        assert not list(out.glob("*.tfstate*"))

        await pilot.press("escape")  # close the plan view
        await pilot.pause()
        assert app.screen is review
        assert review.local_run is None
        assert proc.poll() is not None  # the emulator process stopped
        assert not _answers(endpoint)
        assert not local.workdir.exists()
        assert list(scratch.iterdir()) == []  # the temporary copy is gone


@pytest.mark.emulator
@pytest.mark.terraform
@pytest.mark.slow
async def test_quitting_during_an_emulator_plan_stops_terraform_and_cleans_up(
    tf, tmp_path, scratch
):
    out = tmp_path / "exported"
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        review = await _to_review(pilot, out)
        await pilot.press("f10")
        await _wait_for(
            pilot, lambda: isinstance(app.screen, PlanScreen), 60, "the emulator plan screen"
        )
        plan_screen = app.screen
        local = review.local_run
        proc = local.emulator._proc
        await _wait_for(pilot, lambda: plan_screen.running, 10, "terraform to start")
        await pilot.press("ctrl+q")  # quit while terraform runs (exported: nothing unsaved)
        await pilot.pause()
    # the plan thread sees the cancel, terraform stops, then the run is closed
    deadline = time.monotonic() + 60
    while (proc.poll() is None or local.workdir.exists()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert proc.poll() is not None
    assert not local.workdir.exists()
    assert list(scratch.iterdir()) == []


async def test_f10_without_moto_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(emulator.server, "moto_available", lambda: False)
    out = tmp_path / "exported"
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        review = await _to_review(pilot, out)
        await pilot.press("f10")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert emulator.MOTO_MISSING_HINT in _messages(app)
        assert "pip install 'ecs-wizard[local]'" in _messages(app)
        assert app.screen is review  # no plan screen, no export, nothing started
        assert review.local_run is None
        assert app.exported_to is None and not out.exists()


async def test_f10_with_errors_does_not_export(tmp_path):
    draft = yaml.safe_load((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"))
    del draft["network"]["vpc_id"]
    app = WizardApp(draft, store=DraftStore(tmp_path / "state"), start_step=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.ensure_validated()
        await app.workers.wait_for_complete()
        assert app.errors
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.exported_to is None
        assert "fix the errors first" in _messages(app)


@pytest.mark.emulator
@pytest.mark.slow
async def test_leaving_the_review_step_while_the_emulator_starts_cleans_up(tmp_path, scratch):
    out = tmp_path / "exported"
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        review = await _to_review(pilot, out)
        await pilot.press("f10")
        await _wait_for(pilot, lambda: review._local_starting, 30, "the emulator to start")
        await _wait_for(pilot, lambda: any(scratch.iterdir()), 30, "the temporary copy")
        await pilot.press("ctrl+b")  # back to routing: the review screen goes away
        await pilot.pause()
        assert not isinstance(app.screen, (ReviewScreen, PlanScreen))
        # the LocalRun opened meanwhile is closed (by the worker or the screen's unmount)
        await _wait_for(pilot, lambda: not any(scratch.iterdir()), 60, "the cleanup")
        assert review.local_run is None
        assert not isinstance(app.screen, PlanScreen)
