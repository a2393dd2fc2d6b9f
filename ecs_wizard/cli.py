"""The `ecs-wizard` command line: a thin dispatcher over ecs_wizard.commands.*.

Exit codes: 0 success, 1 user-facing error (bad input, failed validation), 2 "changes
present" (`plan`, `diff-env`; like terraform's -detailed-exitcode), 64 usage error (an unknown
option, a missing or malformed argument: EX_USAGE from sysexits.h, never 2, so a script that
reads 2 as "changes" is not fooled by a typo), 130 when interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import textwrap
from collections.abc import Sequence

from ecs_wizard import __version__

# Module names under ecs_wizard.commands, in the order `--help` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "wizard",
    "edit",
    "prompt",
    "validate",
    "render",
    "import_",
    "import_copilot",
    "plan",
    "show_plan",
    "diff_env",
)

DESCRIPTION = """\
Design an AWS ECS cluster, its services and the Application Load Balancer in front of
them, then get production-grade Terraform for it.

Run with no command in a terminal to open the interactive wizard. For CI, keep the
answers in a YAML file and use `validate` / `render`.
"""

EPILOG = """\
a typical session:
  ecs-wizard                               # answer the questions, export a project
  ecs-wizard validate answers.yaml         # CI: check the answers (exit 1 on errors)
  ecs-wizard render answers.yaml -o infra  # CI: write the Terraform project
  ecs-wizard plan infra                    # terraform init + plan, shown as a diff

`ecs-wizard COMMAND --help` explains each command with examples.
Environment: NO_COLOR disables colour; ECS_WIZARD_TERRAFORM picks terraform or tofu.
Exit codes: 0 ok, 1 error (bad input, failed validation), 2 changes present (`plan`,
`diff-env`, like terraform -detailed-exitcode), 64 usage error (unknown option, missing or
malformed argument), 130 interrupted.
"""

#: Exit code of a usage error (EX_USAGE in sysexits.h). argparse's own 2 would read as
#: "changes present" to a script running `plan` or `diff-env`.
USAGE_ERROR = 64


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors exiting USAGE_ERROR (sub-command parsers inherit it)."""

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(USAGE_ERROR, f"{self.prog}: error: {message}\n")


def _load_commands():
    return [importlib.import_module(f"ecs_wizard.commands.{name}") for name in COMMAND_MODULES]


def _command_named(argv: Sequence[str]) -> str | None:
    """The sub-command an argument list selects: its first word that is not an option (the
    top-level options take no values); None when there is none (the wizard)."""
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--":
            return args[i + 1] if i + 1 < len(args) else None
        if not arg.startswith("-"):
            return arg
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The full parser; given the command line it will parse, only the selected command's
    arguments are added (the others' `add_arguments` may import heavy modules, and are not
    needed to parse it or to list the commands in --help)."""
    selected = _command_named(argv) if argv is not None else None
    parser = _Parser(
        prog="ecs-wizard",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ecs-wizard {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _load_commands():
        p = sub.add_parser(
            module.NAME,
            help=module.HELP,
            description=getattr(module, "DESCRIPTION", module.HELP),
            epilog=textwrap.fill(
                f"Exit codes: {module.EXIT_CODES}, {USAGE_ERROR} usage error (unknown option, "
                "missing or malformed argument).",
                88,
            ),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if argv is None or selected == module.NAME:
            module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    run = getattr(args, "_run", None)
    if run is None:  # no sub-command: the interactive wizard
        run = importlib.import_module("ecs_wizard.commands.wizard").run
    try:
        return int(run(args) or 0)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
