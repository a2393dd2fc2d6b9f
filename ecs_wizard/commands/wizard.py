"""`ecs-wizard` / `ecs-wizard wizard`: the full-screen interactive wizard."""

from __future__ import annotations

import argparse

NAME = "wizard"
HELP = "open the interactive wizard (what `ecs-wizard` runs in a terminal)"
#: What each exit code means (cli.py adds the usage-error code).
EXIT_CODES = "0 done, 1 no terminal, 130 interrupted"
DESCRIPTION = """\
Design the cluster, services, load balancer and routing step by step in a full-screen
terminal UI, with every field validated as you type, then export the Terraform project.

Your draft is autosaved after every change, one draft per project (in the drafts/ folder of
$ECS_WIZARD_STATE_DIR, else $XDG_STATE_HOME/ecs-wizard, else ~/.local/state/ecs-wizard): the
next start offers the latest one, `edit FILE` that file's, saying which project, which step
and when. Press F1 inside for the keys.

Examples:
  ecs-wizard                       # same as `ecs-wizard wizard`
  ecs-wizard wizard --new          # ignore an autosaved draft
  ecs-wizard edit answers.yaml     # open an existing answers file
  ecs-wizard prompt                # plain question-and-answer mode instead

Needs an interactive terminal; for CI use `ecs-wizard validate` and `ecs-wizard render`.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--new", action="store_true", help="start a new project without offering to resume"
    )


def run(args: argparse.Namespace) -> int:
    from ecs_wizard.commands._common import require_tty

    if not require_tty("wizard"):
        return 1
    from ecs_wizard.app import WizardApp

    app = WizardApp(offer_resume=not getattr(args, "new", False))
    app.run()
    return int(app.return_code or 0)
