"""Shared CLI plumbing for `plan` and `show-plan`: view options, export and error display."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from ecs_wizard.plan.diagnostics import PlanError
    from ecs_wizard.plan.model import Plan

FORMATS = ("text", "markdown", "json")


def add_view_arguments(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("view and export")
    g.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (coloured on a terminal), markdown (a pull-request comment) or json",
    )
    g.add_argument("--output", "-o", metavar="FILE", help="write the export to FILE, not stdout")
    g.add_argument(
        "--force", action="store_true", help="with -o: overwrite FILE when it already exists"
    )
    g.add_argument(
        "--summary-only",
        action="store_true",
        help="counts and the resource list, no attribute changes (every format)",
    )
    g.add_argument(
        "--destructive-only", action="store_true", help="only resources destroyed or replaced"
    )
    g.add_argument(
        "--module",
        metavar="ADDR",
        help='only one module, e.g. \'module.service["api"]\' ("root" for the root module)',
    )
    g.add_argument("--filter", metavar="TEXT", default="", help="only addresses containing TEXT")
    g.add_argument(
        "--tui", action="store_true", help="open the interactive plan viewer (needs a terminal)"
    )


def selected_changes(plan: Plan, args: argparse.Namespace):
    module = getattr(args, "module", None)
    if module in ("root", "."):
        module = ""
    return plan.filtered(
        destructive_only=bool(getattr(args, "destructive_only", False)),
        module=module,
        text=getattr(args, "filter", "") or "",
    )


def export(plan: Plan, args: argparse.Namespace, console: Console) -> int:
    """Render the plan in the chosen format to --output or stdout; returns an exit code."""
    from ecs_wizard.plan.render_json import render_json
    from ecs_wizard.plan.render_markdown import render_markdown
    from ecs_wizard.plan.render_text import render_text

    changes = selected_changes(plan, args)
    fmt = args.format
    summary_only = bool(getattr(args, "summary_only", False))
    if fmt == "json":
        body: str | None = render_json(plan, changes, summary_only=summary_only)
    elif fmt == "markdown":
        body = render_markdown(plan, changes=changes, summary_only=summary_only)
    else:
        body = None
    text = (
        None if body is not None else render_text(plan, changes=changes, details=not summary_only)
    )
    if args.output:
        from ecs_wizard.model.fileio import write_atomic

        out = Path(args.output)
        problem = output_problem(args)
        if problem is not None:
            error_console().print(problem, markup=False)
            return 1
        try:
            assert body is not None or text is not None
            write_atomic(out, body if body is not None else text.plain + "\n")  # type: ignore[union-attr]
        except OSError as exc:
            error_console().print(
                f"Error: cannot write {out}: {exc.strerror or exc}. Nothing was written.",
                markup=False,
            )
            return 1
        error_console().print(f"Wrote the {fmt} plan view to {out}.", markup=False, highlight=False)
        return 0
    if text is None:
        sys.stdout.write(body or "")
        sys.stdout.flush()
    else:
        console.print(text, soft_wrap=not console.is_terminal, highlight=False)
    return 0


def output_problem(args: argparse.Namespace) -> str | None:
    """Why `-o FILE` cannot be written (it exists without --force, it is a folder), or None.
    `plan` asks before running terraform, so a refusal costs nothing."""
    if not getattr(args, "output", None):
        return None
    out = Path(args.output)
    if out.is_dir():
        return f"Error: -o {out} is a directory; pass a file name, e.g. {out / 'plan.md'}."
    if out.exists() and not getattr(args, "force", False):
        return (
            f"Error: -o {out} already exists; nothing was written. Pass --force to "
            "overwrite it, or choose another file name."
        )
    return None


def error_console() -> Console:
    from rich.console import Console

    console = Console(stderr=True, highlight=False)
    console.soft_wrap = not console.is_terminal  # pipes/CI logs: one message, one line
    return console


def print_error(err: PlanError, console: Console | None = None, *, streamed: bool = False) -> None:
    """A failed plan on the terminal: the same drawing as the wizard's, with all of the output
    terraform printed (a terminal scrolls; the wizard's pane shows the tail).

    `streamed`: the terminal showed terraform's lines as they came (no -q). When every line of
    the failed command was among them (`err.shown_live`), the report gives the message and the
    fix without printing each diagnostic a second time; `show -json` (never streamed) and a
    flood cut short as it ran keep theirs."""
    import dataclasses

    from ecs_wizard.ui.present import render_error

    if streamed and err.shown_live:
        err = dataclasses.replace(err, diagnostics=[], output="")
    (console or error_console()).print(render_error(err, output_tail=None))
