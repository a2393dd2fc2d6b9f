"""`ecs-wizard edit ANSWERS`: open an existing answers file (or rendered directory)."""

from __future__ import annotations

import argparse
import sys

NAME = "edit"
HELP = "open an existing answers file or rendered project in the wizard"
#: What each exit code means (cli.py adds the usage-error code).
EXIT_CODES = "0 done, 1 no answers file to edit or no terminal, 130 interrupted"
DESCRIPTION = """\
Open an answers file in the wizard to change it. Ctrl+S saves it back (only when it is
valid); the Review step re-renders the Terraform project (never silently overwriting files
you edited by hand).

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
        from ecs_wizard.present import render_error

        print(render_error(exc, prefix="ecs-wizard edit: ").plain, file=sys.stderr)
        return 1
    if not require_tty("edit"):
        return 1
    from ecs_wizard.app import WizardApp

    app = WizardApp(data, source=source)
    app.run()
    return int(app.return_code or 0)
