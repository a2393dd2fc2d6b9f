"""`ecs-wizard show-plan PLAN.json`: render an existing plan JSON offline."""

from __future__ import annotations

import argparse
import sys

NAME = "show-plan"
HELP = "render an existing plan JSON (from any Terraform project) as a readable diff"
#: What each exit code means (cli.py adds the usage-error code).
EXIT_CODES = "0 shown or written, 1 unreadable plan JSON or output not writable"
DESCRIPTION = """\
Render the JSON of a saved Terraform plan as a readable diff, offline: header counts,
a loud warning for anything destroyed or replaced, resources grouped by module and type,
attribute-level changes (sensitive values masked, long JSON diffed line by line).

Make the JSON with terraform (or OpenTofu) in the project directory:

  terraform plan -out=tfplan
  terraform show -json tfplan > plan.json

It also reads back its own `--format json` export (ecs-wizard-plan/1), e.g. one saved by a
CI job, and draws it the same way.

Examples:
  ecs-wizard show-plan plan.json
  ecs-wizard show-plan plan.json --format markdown > comment.md    # PR comment
  ecs-wizard show-plan plan.json --destructive-only
  terraform show -json tfplan | ecs-wizard show-plan -
  ecs-wizard show-plan plan.json --tui                             # interactive viewer
  ecs-wizard show-plan view.json        # a `--format json -o view.json` export, drawn again
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from ecs_wizard.ui.plan_cli import add_view_arguments

    parser.add_argument("plan_json", metavar="PLAN.json", help="plan JSON file, or - for stdin")
    add_view_arguments(parser)


def run(args: argparse.Namespace) -> int:
    # rich is imported only to draw on a terminal or an error: writing a view to a file or a
    # pipe needs none of it (its import is a fifth of show-plan's start-up)
    from ecs_wizard.plan.model import PlanFormatError
    from ecs_wizard.ui.plan_cli import collector_paused, error_console, export

    try:
        with collector_paused():  # a large plan's objects: see collector_paused
            plan = _load(args.plan_json)
    except PlanFormatError as exc:
        from ecs_wizard.ui.present import render_error

        error_console().print(render_error(f"{args.plan_json}: {exc}", prefix="Error: "))
        return 1
    if plan is None:
        return 1
    if args.tui:
        from ecs_wizard.ui.present import render_error

        if not sys.stdout.isatty():
            error_console().print(
                render_error("--tui needs a terminal (stdout is not one).", prefix="Error: ")
            )
            return 1
        from ecs_wizard.screens.plan import PlanViewApp

        PlanViewApp(plan).run()
        return 0
    return export(plan, args)


def _load(source: str):
    """The plan (or its export) from a file or `-` for stdin; None after saying that the file
    does not exist."""
    from pathlib import Path

    from ecs_wizard.plan.exported import load_any

    if source == "-":
        return load_any(sys.stdin.buffer.read())
    path = Path(source)
    if not path.is_file():
        from ecs_wizard.ui.plan_cli import error_console
        from ecs_wizard.ui.present import render_error

        error_console().print(
            render_error(
                f"{path} does not exist. Pass the JSON written by "
                "`terraform show -json tfplan > plan.json`.",
                prefix="Error: ",
            )
        )
        return None
    return load_any(path)
