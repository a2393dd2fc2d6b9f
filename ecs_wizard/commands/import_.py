"""`ecs-wizard import DIR_OR_TFVARS -o ANSWERS`: read a rendered tfvars back into answers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "import"
HELP = "turn a rendered terraform.tfvars (hand edits included) back into an answers file"
#: What each exit code means (cli.py adds the usage-error code).
EXIT_CODES = "0 written, 1 unreadable or invalid input / output exists"
DESCRIPTION = """\
Read terraform.tfvars of a rendered project (or the file itself) and write the answers
file it stands for, so the project can be reopened in the wizard or re-rendered after the
tfvars was edited by hand. The result is validated like any answers file.

An existing output file is never overwritten unless --force is given.

Examples:
  ecs-wizard import infra/ -o answers.yaml
  ecs-wizard import infra/terraform.tfvars -o - | less
  ecs-wizard import infra/ -o answers.yaml --force && ecs-wizard edit answers.yaml
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="DIR_OR_TFVARS", type=Path)
    parser.add_argument(
        "-o", "--output", metavar="ANSWERS", required=True, help="answers file to write, or -"
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing ANSWERS")


def run(args: argparse.Namespace) -> int:
    from ecs_wizard.commands._common import print_result
    from ecs_wizard.model.yamlio import dump_answers, write_text_atomic
    from ecs_wizard.rendering.tfimport import ImportError_, import_tfvars
    from ecs_wizard.ui.present import render_error
    from ecs_wizard.validation import validate_data_all as validate_data

    try:
        data = import_tfvars(args.source)
    except ImportError_ as exc:
        print(render_error(exc).plain, file=sys.stderr)
        return 1
    result = validate_data(data)
    if not result.ok:
        print_result(result, str(args.source), stderr=True)
        print("Nothing was written: fix terraform.tfvars and import again.", file=sys.stderr)
        return 1
    text = dump_answers(result.answers)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    out = Path(args.output)
    if out.is_dir():
        print(
            render_error(
                f"cannot write {out}: it is a directory; pass a file name such as "
                f"{out / 'answers.yaml'}. Nothing was written."
            ).plain,
            file=sys.stderr,
        )
        return 1
    if out.exists() and not args.force:
        print(render_error(f"{out} exists; pass --force to overwrite it").plain, file=sys.stderr)
        return 1
    try:
        write_text_atomic(out, text)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(
            render_error(
                f"cannot write {out}: {reason}. Nothing was written; pass a path in a "
                "directory you can write, or -o - for stdout."
            ).plain,
            file=sys.stderr,
        )
        return 1
    print(f"Wrote {out}.", file=sys.stderr)
    return 0
