"""Live display of terraform's streamed output on the terminal, for the CLI's plan runs."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from rich.markup import escape
from rich.text import Text

from ecs_wizard.plan.runner import ProgressLine
from ecs_wizard.ui.plan_cli import error_console


class LiveProgress:
    """A spinner with the latest line on a TTY, plain `[stage] line` output otherwise.

    Passed to PlanRunner as `on_line`; use it as a context manager around `run()` so the
    spinner is stopped whatever happens.
    """

    def __init__(self, quiet: bool) -> None:
        self.console = error_console()
        self.quiet = quiet
        self.live = self.console.is_terminal and not quiet
        self.status: Any = None

    def __enter__(self) -> LiveProgress:
        if self.live:
            self.status = self.console.status("Starting terraform…", spinner="dots")
            self.status.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.status is not None:
            self.status.__exit__(exc_type, exc, tb)

    def __call__(self, line: ProgressLine) -> None:
        # Quiet: no progress, and no errors either, since the failed run's report (print_error)
        # shows each of them once; warnings are shown (nothing else reports them).
        if self.quiet and line.level in ("info", "error"):
            return
        if self.live:
            first = line.text.splitlines()[0] if line.text else ""
            room = max(20, self.console.width - len(line.stage) - 16)  # one line, no wrap
            if len(first) > room:
                first = first[: room - 1] + "…"
            self.status.update(f"[bold]terraform {line.stage}[/]: {escape(first)}")
            if line.level != "info" or (line.stage == "init" and "Error" in line.text):
                style = "red" if line.level == "error" else "yellow"
                self.console.print(Text(line.text, style=style))
            else:
                self.console.print(Text(f"  {line.text}", style="dim"))
        else:
            for part in line.text.splitlines() or [""]:
                self.console.print(f"[{line.stage}] {part}", markup=False, highlight=False)
