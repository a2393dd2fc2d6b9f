"""`ecs-wizard edit ANSWERS`: open an existing answers file (or rendered directory)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

NAME = "edit"
HELP = "open an existing answers file or rendered project in the wizard"
#: What each exit code means (cli.py adds the usage-error code).
EXIT_CODES = "0 done, 1 no answers file to edit or no terminal, 130 interrupted"
DESCRIPTION = """\
Open an answers file in the wizard to change it. Ctrl+S saves it back (only when it is
valid); the Review step re-renders the Terraform project (never silently overwriting files
you edited by hand). For a directory whose terraform.tfvars was edited by hand since the
last render, it first offers to import those edits into the answers.

Examples:
  ecs-wizard edit answers.yaml
  ecs-wizard edit out/             # a directory written by `ecs-wizard render`
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("answers", metavar="ANSWERS", help="answers YAML file or rendered dir")


def run(args: argparse.Namespace) -> int:
    from ecs_wizard.commands._common import load_for_edit, require_tty

    try:
        data, source = load_for_edit(args.answers)
    except ValueError as exc:
        from ecs_wizard.ui.present import render_error

        print(render_error(exc, prefix="ecs-wizard edit: ").plain, file=sys.stderr)
        return 1
    if not require_tty("edit"):
        return 1
    app = build_app(data, source)
    app.run()
    return int(app.return_code or 0)


def build_app(data: dict, source: Path) -> Any:
    """The wizard on these answers; for a rendered directory whose terraform.tfvars was
    edited by hand, it first offers to import those edits."""
    from ecs_wizard.app import WizardApp
    from ecs_wizard.render import ANSWERS_FILE
    from ecs_wizard.rendering.hand_edits import import_edits, tfvars_edited

    # DIR, or DIR/answers.yaml of a rendered project (the README says to edit it in place)
    project = source if source.is_dir() else source.parent
    rendered = source.is_dir() or source.name == ANSWERS_FILE
    edits = import_edits(project, data) if rendered and tfvars_edited(project) else None
    return WizardApp(data, source=source, tfvars_edits=edits)
