"""How an error looks, in one place for the CLI and the wizard.

`render_error` turns whatever went wrong (a validation issue, a file or render error, a
failed terraform plan) into a rich `Text`; the CLI prints it (its plain text on a pipe), the
wizard shows it in a widget or a notification. No Textual import: the CLI uses this too.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ecs_wizard.ui.fields import format_issue

#: marks of an issue's severity, as every list of issues shows them
ISSUE_MARKS = {"error": ("✗", "red"), "warning": ("!", "yellow")}

#: how much of terraform's raw output a failed plan shows when it has no diagnostics
PLAN_OUTPUT_TAIL = 3000


def describe(exc: BaseException) -> str:
    """An unexpected exception as one line, its type first (never a traceback in a UI)."""
    return f"{type(exc).__name__}: {exc}"


def render_error(
    error: object, *, prefix: str = "error: ", output_tail: int | None = PLAN_OUTPUT_TAIL
) -> Text:
    """The one drawing of `error`:

    - a validation issue: `✗ path: message — fix` (`!` and yellow for a warning);
    - a failed plan (`PlanError`): the message, terraform's diagnostics (or the tail of its
      output) and how to fix it;
    - an exception or a message: `prefix` in bold red, then the text (AnswersFileError,
      RenderConflict and UnsafePath carry their whole explanation in their text).
    """
    if isinstance(error, BaseException | str):
        return Text(prefix, style="bold red") + Text(str(error))
    if hasattr(error, "severity"):
        mark, style = ISSUE_MARKS.get(error.severity, ISSUE_MARKS["error"])
        return Text(f"{mark} {format_issue(error)}", style=style)
    return _plan_error(error, output_tail)


def _plan_error(err: Any, output_tail: int | None) -> Text:
    t = Text("Error: ", style="bold red") + Text(err.message, style="bold") + "\n\n"
    for d in err.diagnostics:
        t.append_text(diagnostic_renderable(d))
        t.append("\n")
    if not err.diagnostics and err.output.strip():
        output = err.output.strip()
        t.append((output[-output_tail:] if output_tail else output) + "\n\n", style="dim")
    if err.hint:
        t.append("How to fix: ", style="bold green")
        t.append(err.hint)
    return t


def diagnostic_renderable(d: Any) -> Text:
    """One terraform diagnostic (`plan.diagnostics.Diagnostic`): severity, summary, detail."""
    color = "red" if d.severity == "error" else "yellow"
    t = Text()
    t.append(f"{d.severity.capitalize()}: ", style=f"bold {color}")
    t.append(d.summary, style="bold")
    t.append("\n")
    if d.location:
        t.append(f"  on {d.location}\n", style="cyan")
    if d.snippet:
        t.append(f"    {d.snippet.strip()}\n", style="yellow")
    if d.detail:
        t.append("  " + d.detail.replace("\n", "\n  ") + "\n")
    return t
