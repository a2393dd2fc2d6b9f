"""Shared CLI plumbing for `plan` and `show-plan`: view options, export and error display."""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
from collections.abc import Iterator
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


#: Resources drawn per `console.print` on a terminal: small enough that rich's wrap and
#: render stay per piece, large enough that the per-call cost does not dominate.
PRINT_BATCH = 64


def export(plan: Plan, args: argparse.Namespace, console: Console | None = None) -> int:
    """Render the plan in the chosen format to --output or stdout; returns an exit code.

    The text view goes out a resource at a time (`render_text.iter_chunks`): as plain text to
    a file or a plain pipe, in small batches through rich on a terminal (or a forced-colour
    pipe). No Text of the whole plan is built. `console` (stdout's, made when needed)."""
    with collector_paused():
        return _export(plan, args, console)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a plan is loaded and drawn (reference counting
    still frees what is dropped; the collector runs again afterwards).

    A 5,000-resource plan is a few hundred thousand dicts, lists and strings that live until
    the view is done, and each full collection that loading and drawing trigger walked them
    all again: measured, 8 % of the in-process time and most of what grew faster than the
    plan (`benchmarks/bench_plan.py`)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _export(plan: Plan, args: argparse.Namespace, console: Console | None) -> int:
    from ecs_wizard.plan.render_text import iter_chunks

    changes = selected_changes(plan, args)
    fmt = args.format
    details = not getattr(args, "summary_only", False)
    if args.output:
        problem = output_problem(args)
        if problem is not None:
            error_console().print(problem, markup=False)
            return 1
    body: str | None = None
    if fmt == "json":
        from ecs_wizard.plan.render_json import render_json

        body = render_json(plan, changes, summary_only=not details)
    elif fmt == "markdown":
        from ecs_wizard.plan.render_markdown import render_markdown

        body = render_markdown(plan, changes=changes, summary_only=not details)
    if args.output:
        from ecs_wizard.model.fileio import write_atomic

        out = Path(args.output)
        if body is None:
            chunks = iter_chunks(plan, changes=changes, details=details, plain=True)
            body = "".join(chunk.plain() for chunk in chunks) + "\n"
        try:
            write_atomic(out, body)
        except OSError as exc:
            error_console().print(
                f"Error: cannot write {out}: {exc.strerror or exc}. Nothing was written.",
                markup=False,
            )
            return 1
        # plain: the one line needs no rich console (a tenth of show-plan's start-up)
        print(f"Wrote the {fmt} plan view to {out}.", file=sys.stderr, flush=True)
        return 0
    if console is None:
        from rich.console import Console

        console = Console(highlight=False)
    if body is not None:
        sys.stdout.write(body)
        sys.stdout.flush()
    elif console.is_terminal or console.color_system is not None:
        _print_chunks(console, iter_chunks(plan, changes=changes, details=details))
    else:  # a plain pipe: what rich would print, without rich
        file = console.file
        for chunk in iter_chunks(plan, changes=changes, details=details, plain=True):
            file.write(chunk.plain())
        file.write("\n")
        file.flush()
    return 0


def _print_chunks(console: Console, chunks) -> None:
    from ecs_wizard.plan.render_text import join

    batch = []
    for chunk in chunks:
        batch.append(chunk)
        if len(batch) >= PRINT_BATCH:
            console.print(join(batch), soft_wrap=not console.is_terminal, highlight=False, end="")
            batch = []
    console.print(join(batch), soft_wrap=not console.is_terminal, highlight=False)


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
