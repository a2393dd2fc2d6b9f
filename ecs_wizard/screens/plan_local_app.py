"""`ecs-wizard plan DIR --local --tui`: the emulator plan in the full-screen plan view.

The same view as F10 in the wizard: an open EmulatorTarget (moto on loopback, a temporary
copy of DIR) planned in PlanScreen, under a title and banner that say it is an emulator run.
PlanScreen closes the target (emulator stopped, copy deleted) once terraform has stopped;
`closed` is set then, so the CLI can wait for it before it returns. SIGTERM and SIGHUP leave
the app like Esc does (exit code 130), which takes that same path.
"""

from __future__ import annotations

import threading
from typing import Any

from textual.app import App

from ecs_wizard.plan.runner import PlanOptions, PlanResult
from ecs_wizard.plan.target import PlanTarget
from ecs_wizard.screens import term_signals
from ecs_wizard.screens.emulator_banner import EMULATOR_TITLE, emulator_banner
from ecs_wizard.screens.plain_notify import PlainNotifications
from ecs_wizard.screens.plan import CSS_PATH, PlanScreen


class LocalPlanRunApp(PlainNotifications, App[int]):
    """Plan an open emulator target in PlanScreen; exits with the plan's exit code."""

    TITLE = "ecs-wizard plan --local"
    CSS_PATH = CSS_PATH

    def __init__(
        self,
        target: PlanTarget,
        source: str,
        terraform_bin: str | None = None,
        options: PlanOptions | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.target = target
        self.source = source
        self.terraform_bin = terraform_bin
        self.options = options
        self.closed = threading.Event()  # set once PlanScreen has closed the target
        self.result: PlanResult | None = None

    def on_mount(self) -> None:
        self._previous_signals = term_signals.install(lambda: self.exit(130))

        def done(result: PlanResult | None) -> None:
            self.result = result
            self.exit(result.exit_code if result is not None else 130)

        self.push_screen(
            PlanScreen(
                self.target,
                self.terraform_bin,
                self.options,
                title=f"{EMULATOR_TITLE} — plan of {self.source}",
                banner=emulator_banner(self.target),
                on_close=self.closed.set,
            ),
            done,
        )

    def on_unmount(self) -> None:
        term_signals.restore(getattr(self, "_previous_signals", {}))
