"""`ecs-wizard` / `ecs-wizard wizard`: the full-screen interactive wizard."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

NAME = "wizard"
HELP = "open the interactive wizard (what `ecs-wizard` runs in a terminal)"
DESCRIPTION = """\
Design the cluster, services, load balancer and routing step by step in a full-screen
terminal UI, with every field validated as you type, then export the Terraform project.

Your draft is autosaved after every change (in $ECS_WIZARD_STATE_DIR, else
$XDG_STATE_HOME/ecs-wizard, else ~/.local/state/ecs-wizard) and offered for resume at the
next start. Press F1 inside for the keys.

Examples:
  ecs-wizard                       # same as `ecs-wizard wizard`
  ecs-wizard wizard --new          # ignore an autosaved draft
  ecs-wizard edit answers.yaml     # open an existing answers file
  ecs-wizard prompt                # plain question-and-answer mode instead

Needs an interactive terminal; for CI use `ecs-wizard validate` and `ecs-wizard render`.
"""

NO_TTY_MESSAGE = (
    "ecs-wizard {command}: this is interactive and needs a terminal (stdin and stdout must be "
    "a TTY).\nIn scripts and CI, write the answers file and run `ecs-wizard render ANSWERS -o "
    "DIR` (check it with `ecs-wizard validate ANSWERS`)."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--new", action="store_true", help="start a new project without offering to resume"
    )


def has_tty() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def require_tty(command: str) -> bool:
    if has_tty():
        return True
    print(NO_TTY_MESSAGE.format(command=command), file=sys.stderr)
    return False


def load_for_edit(target: str) -> tuple[dict[str, Any], Path]:
    """Read ANSWERS.yaml (or DIR/answers.yaml) for editing; raises ValueError with a
    user-facing message."""
    from ecs_wizard.yamlio import AnswersFileError, load_answers_file

    path = Path(target).expanduser()
    source = path
    if path.is_dir():
        path = path / "answers.yaml"
        if not path.is_file():
            raise ValueError(
                f"{source} has no answers.yaml: pass an answers file, or a directory written "
                "by `ecs-wizard render` (use `ecs-wizard import DIR` for older ones)."
            )
    elif not path.is_file():
        raise ValueError(f"{path}: no such file.")
    try:
        data = load_answers_file(path)
    except AnswersFileError as exc:
        raise ValueError(str(exc)) from None
    except OSError as exc:
        raise ValueError(f"{path}: {exc.strerror}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: the answers file must be a mapping (version: 1, project: …).")
    return data, source


def run(args: argparse.Namespace) -> int:
    if not require_tty("wizard"):
        return 1
    from ecs_wizard.app import WizardApp

    app = WizardApp(offer_resume=not getattr(args, "new", False))
    app.run()
    return int(app.return_code or 0)
