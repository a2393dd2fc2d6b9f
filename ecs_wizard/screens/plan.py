"""The plan view in the TUI.

- `PlanView` (in `ecs_wizard.screens.plan_view`): a parsed Plan as a tree with filters and
  a detail pane.
- `PlanScreen(target, terraform_bin=None, options=None, env=None, *, title=None,
  banner=None, on_close=None)`: runs init/plan/show for a PlanTarget (or a project
  directory, planned as it is) in a thread worker, streams terraform's output, then shows
  the PlanView. Escape cancels a running plan (SIGINT to terraform's process group) and,
  once stopped, closes the screen; it dismisses with the PlanResult (or None if it never
  ran), so the wizard's review screen can push it and look. `title` replaces the title line,
  `banner` adds a highlighted block under it (the emulator run's label and notes). The
  screen owns the target: when it goes away (dismissed or the app exits) and terraform has
  stopped, it closes the target and then runs `on_close`, exactly once.
- `PlanViewScreen(plan)` / `PlanViewApp(plan_json)`: the same view for an existing plan JSON
  (`ecs-wizard show-plan --tui`). `PlanRunApp` wraps PlanScreen for `ecs-wizard plan --tui`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import RichLog, Static

from ecs_wizard.plan.model import Plan, load_plan
from ecs_wizard.plan.runner import (
    PlanOptions,
    PlanResult,
    PlanRunner,
    ProgressLine,
    Status,
)
from ecs_wizard.plan.target import AwsTarget, PlanTarget
from ecs_wizard.screens import term_signals
from ecs_wizard.screens.plain_notify import PlainNotifications
from ecs_wizard.screens.plan_view import ALL_MODULES, PlanView
from ecs_wizard.screens.widgets.step_footer import StepFooter

__all__ = ["ALL_MODULES", "PlanRunApp", "PlanScreen", "PlanView", "PlanViewApp", "PlanViewScreen"]

CSS_PATH = Path(__file__).with_name("plan.tcss")
#: on a screen shorter than this, the banner starts collapsed to its first line (b shows it)
COLLAPSE_BANNER_BELOW = 30


class Banner(Static):
    """The emulator run's label and notes; b or a click folds it to its first line."""

    def on_click(self) -> None:
        self.toggle_class("-collapsed")


class PlanViewScreen(Screen[None]):
    """A parsed plan, full screen. Escape/q closes."""

    CSS_PATH = CSS_PATH
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self, plan: Plan, title: str = "Terraform plan") -> None:
        super().__init__()
        self.plan = plan
        self.plan_title = title

    def compose(self) -> ComposeResult:
        yield Static(self.plan_title, id="plan-title", markup=False)
        yield PlanView(self.plan, id="plan-view")
        yield StepFooter()

    def action_close(self) -> None:
        self.dismiss(None)


class PlanScreen(Screen[PlanResult | None]):
    """Run `terraform plan` in `project_dir` (in a worker) and show the result.

    Dismisses with the PlanResult (status, exit_code, plan_json, error), or None.
    """

    CSS_PATH = CSS_PATH
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel_or_close", "Cancel/close"),
        Binding("l", "toggle_log", "Output"),
        Binding("r", "rerun", "Re-run"),
        Binding("b", "toggle_banner", "Banner"),
    ]

    def __init__(
        self,
        target: PlanTarget | Path,
        terraform_bin: str | None = None,
        options: PlanOptions | None = None,
        env: dict[str, str] | None = None,
        *,
        title: str | None = None,
        banner: str | Text | None = None,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        """`target` must be open; a bare directory is planned as it is (with `env`)."""
        super().__init__()
        if isinstance(target, (str, Path)):
            target = AwsTarget(Path(target), env)
        self.target: PlanTarget = target
        self.project_dir = target.project_dir
        self.terraform_bin = terraform_bin
        self.options = options
        self.title_text = title
        self.banner = banner
        self.runner: PlanRunner | None = None
        self.result: PlanResult | None = None
        self.running = False
        # The target is closed (then on_close runs) once, and never while terraform still
        # uses its directory: the lock orders "the plan thread finished" against "the screen
        # went away".
        self._on_close = on_close
        self._target_open = True
        self._close_lock = threading.Lock()
        self._thread_active = False
        self._close_when_thread_ends = False

    def compose(self) -> ComposeResult:
        env = self.options.environment if self.options is not None else None
        default_title = f"Terraform plan — {self.project_dir}" + (
            f" — environment {env}" if env else ""
        )
        yield Static(self.title_text or default_title, id="plan-title", markup=False)
        if self.banner is not None:
            yield Banner(self.banner, id="plan-banner", markup=False)
        yield Static("Starting terraform…", id="plan-status", markup=False)
        yield RichLog(id="plan-log", wrap=True, markup=False, highlight=False, max_lines=5000)
        yield Vertical(id="plan-result")
        yield StepFooter()

    def on_mount(self) -> None:
        if self.banner is not None and self.app.size.height < COLLAPSE_BANNER_BELOW:
            self.query_one(Banner).add_class("-collapsed")
        self.start()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_banner":
            return self.banner is not None or None  # no banner: no key in the footer
        return True

    def action_toggle_banner(self) -> None:
        if self.banner is not None:
            self.query_one(Banner).toggle_class("-collapsed")

    def on_unmount(self) -> None:
        if self.runner is not None and self.running:
            self.runner.cancel()
        with self._close_lock:
            if self._thread_active:
                self._close_when_thread_ends = True  # the plan thread calls it when done
                return
        self._run_on_close()

    def _run_on_close(self) -> None:
        with self._close_lock:
            target, self._target_open = self._target_open, False
        if not target:
            return
        self.target.close()
        if self._on_close is not None:
            self._on_close()

    def _run_plan(self, runner: PlanRunner) -> PlanResult:
        """The worker's body (a thread): the plan, then the close if the screen is gone."""
        try:
            return runner.run()
        finally:
            with self._close_lock:
                self._thread_active = False
                close_now = self._close_when_thread_ends
            if close_now:
                self._run_on_close()

    def start(self) -> None:
        if self.running:
            return
        self.running = True
        self.result = None
        result_box = self.query_one("#plan-result")
        result_box.remove_children()
        result_box.display = False
        log = self.query_one("#plan-log", RichLog)
        log.display = True
        log.clear()
        self._set_status(Text("Running terraform… (Escape cancels)", style="bold"))
        self.runner = self.target.runner(
            self.options, terraform_bin=self.terraform_bin, on_line=self._on_line_threadsafe
        )
        runner = self.runner
        with self._close_lock:
            self._thread_active = True
        self.run_worker(
            lambda: self._run_plan(runner), thread=True, exclusive=True, name="terraform-plan"
        )

    def _set_status(self, text: Text | str) -> None:
        self.query_one("#plan-status", Static).update(text)

    def _on_line_threadsafe(self, line: ProgressLine) -> None:
        with contextlib.suppress(RuntimeError):  # the app may already be gone
            self.app.call_from_thread(self._on_line, line)

    def _on_line(self, line: ProgressLine) -> None:
        style = {"error": "red", "warn": "yellow"}.get(line.level, "")
        self.query_one("#plan-log", RichLog).write(Text(line.text, style=style))
        if line.level == "info":
            first = line.text.splitlines()[0] if line.text else ""
            self._set_status(Text(f"terraform {line.stage}: {first[:200]}", style="bold"))

    def on_worker_state_changed(self, event) -> None:
        from textual.worker import WorkerState

        if event.worker.name != "terraform-plan":
            return
        if event.state == WorkerState.SUCCESS:
            self._finished(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.running = False
            self._set_status(Text(f"Internal error: {event.worker.error}", style="bold red"))

    def _finished(self, result: PlanResult) -> None:
        self.running = False
        self.result = result
        container = self.query_one("#plan-result", Vertical)
        container.display = result.status is not Status.CANCELLED
        if result.status is Status.CANCELLED:
            self._set_status(
                Text(
                    "Cancelled: terraform was interrupted and has stopped. "
                    "Press r to re-run, Escape to close.",
                    style="bold yellow",
                )
            )
            return
        if result.error is not None:
            from ecs_wizard.ui.present import render_error

            t = render_error(result.error)
            self._set_status(Text("terraform failed (press r to re-run)", style="bold red"))
            container.mount(
                VerticalScroll(Static(t, id="plan-error", markup=False), id="plan-error-scroll")
            )
            return
        plan = result.plan()
        self._set_status(
            Text(
                f"Plan saved to {result.plan_file} ({result.duration:.1f}s). "
                "Press l for terraform's output.",
                style="dim",
            )
        )
        self.query_one("#plan-log", RichLog).display = False
        container.mount(PlanView(plan, id="plan-view"))

    def action_toggle_log(self) -> None:
        log = self.query_one("#plan-log", RichLog)
        log.display = not log.display

    def action_rerun(self) -> None:
        self.start()

    def action_cancel_or_close(self) -> None:
        if self.running and self.runner is not None:
            self.runner.cancel()
            self._set_status(Text("Cancelling: waiting for terraform to stop…", style="yellow"))
            return
        self.dismiss(self.result)


class PlanViewApp(PlainNotifications, App[None]):
    """Standalone viewer for an existing plan (dict, JSON text, Path or Plan)."""

    TITLE = "ecs-wizard plan"
    CSS_PATH = CSS_PATH

    def __init__(self, plan_json: dict[str, Any] | str | Path | Plan, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.plan = plan_json if isinstance(plan_json, Plan) else load_plan(plan_json)

    def on_mount(self) -> None:
        self.push_screen(PlanViewScreen(self.plan), lambda _: self.exit())


class PlanRunApp(PlainNotifications, App[int]):
    """`ecs-wizard plan --tui`: run the plan in PlanScreen; exits with the plan's exit code."""

    TITLE = "ecs-wizard plan"
    CSS_PATH = CSS_PATH

    def __init__(
        self,
        project_dir: Path,
        terraform_bin: str | None = None,
        options: PlanOptions | None = None,
        env: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.screen_args = (Path(project_dir), terraform_bin, options, env)

    def on_mount(self) -> None:
        def done(result: PlanResult | None) -> None:
            self.exit(result.exit_code if result is not None else 130)

        self.plan_screen = PlanScreen(*self.screen_args)
        self.push_screen(self.plan_screen, done)
        # SIGTERM and SIGHUP as Ctrl-C is for the plain `plan`: terraform is interrupted and
        # waited for, then the viewer exits (restoring the terminal) with 130. By default they
        # ended the process at once, leaving terraform running and the terminal in raw mode.
        self._previous_signals = term_signals.install(self.stop_for_signal)

    def stop_for_signal(self) -> None:
        """Stop terraform (if it runs), wait until it has stopped, exit with 130."""
        screen = self.plan_screen
        if screen.running and screen.runner is not None:
            screen.runner.cancel()
            screen._set_status(Text("Stopping: waiting for terraform to stop…", style="yellow"))

        def exit_when_stopped() -> None:
            if not screen.running:
                self.exit(130)

        exit_when_stopped()
        self.set_interval(0.05, exit_when_stopped)

    def on_unmount(self) -> None:
        term_signals.restore(getattr(self, "_previous_signals", {}))
