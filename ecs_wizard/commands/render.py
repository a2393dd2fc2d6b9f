"""`ecs-wizard render ANSWERS -o DIR`: answers file → ready-to-plan Terraform project."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

NAME = "render"
HELP = "write the Terraform project (root module, tfvars, modules) for an answers file"
#: What each exit code means (cli.py adds the usage-error code).
EXIT_CODES = "0 written, 1 invalid answers / edited files / refused changes / unreadable input"
DESCRIPTION = """\
Validate an answers file and write a ready-to-plan Terraform root module into DIR:
versions.tf (providers, region, default tags), main.tf and wiring.tf (the module calls),
variables.tf, outputs.tf, terraform.tfvars (the answers as values), modules/ (the four
shipped modules) and answers.yaml.

Invalid answers write nothing. Re-rendering over an earlier render updates only files you
have not edited; if you edited one, nothing is written and the files are listed — re-run
with --force to overwrite them (a copy is kept under DIR/.ecs-wizard/backups/).

A render is all-or-nothing, even when interrupted (the next run finishes or forgets it).
DIR may not be / or your home directory, and DIR/.ecs-wizard may hold no symbolic link.

Over an earlier render (DIR/answers.yaml), the change is reviewed as a change to the deployed
project: renamed routing rules are moved (moved_rules.tf) instead of re-created with the same
priority; swapped rule priorities, a renamed service or project, and a load balancer replaced
while deletion protection is on are refused with the steps that work (--allow-replacement
renders them anyway, e.g. when DIR was never applied).

Examples:
  ecs-wizard render answers.yaml -o infra/
  ecs-wizard render answers.yaml -o infra/ --force
  ecs-wizard render answers.yaml -o infra/ && ecs-wizard plan infra/
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("answers", metavar="ANSWERS", help="answers YAML file, or - for stdin")
    parser.add_argument(
        "-o", "--output", metavar="DIR", required=True, type=Path, help="directory to write"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="overwrite files edited since the last render (after backing them up)",
    )
    parser.add_argument(
        "--allow-replacement",
        action="store_true",
        help="render even changes to the deployed project that replace resources or need "
        "several applies (renamed services or project, a protected load balancer replaced, "
        "swapped rule priorities): for a directory that was never applied",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def load_valid_answers(path: str, *, quiet: bool = False):
    """Read + validate an answers file; print problems. Returns Answers or None."""
    from ecs_wizard.commands._common import print_result, read_answers
    from ecs_wizard.model.yamlio import AnswersFileError
    from ecs_wizard.validation import validate_data_all as validate_data

    source = "<stdin>" if path == "-" else path
    try:
        data = read_answers(path)
    except AnswersFileError as exc:
        from ecs_wizard.ui.present import render_error

        print(render_error(exc).plain, file=sys.stderr)
        return None
    result = validate_data(data)
    if not result.ok or (result.warnings and not quiet):
        print_result(result, source, stderr=True)
    return result.answers if result.ok else None


def _print_changes(review, *, quiet: bool, allowed: bool) -> None:
    """Day-2 findings against the render in the output directory (ecs_wizard.rendering.changes)."""
    shown = [*(review.errors if allowed else []), *([] if quiet else review.warnings)]
    if not shown:
        return  # the clean path: rich (behind render_error) is not imported
    from ecs_wizard.ui.present import render_error

    if review.errors and allowed:
        print(
            "WARNING: --allow-replacement: these changes replace resources of the deployed "
            "project or may fail half-way through the apply:",
            file=sys.stderr,
        )
        for issue in review.errors:
            print(render_error(issue).plain, file=sys.stderr)
    if review.warnings and not quiet:
        for issue in review.warnings:
            print(render_error(issue).plain, file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from ecs_wizard.commands._common import stop_on_term_and_hup

    with stop_on_term_and_hup():  # like Ctrl-C: the write is finished or not started
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from ecs_wizard.render import RenderConflict, StateKeyMoved, review_changes, write_project
    from ecs_wizard.rendering.changes import ChangeRefused
    from ecs_wizard.rendering.writer import UnsafePath

    answers = load_valid_answers(args.answers, quiet=args.quiet)
    if answers is None:
        print("Nothing was written.", file=sys.stderr)
        return 1
    try:
        review = review_changes(answers, args.output)
        _print_changes(review, quiet=args.quiet, allowed=args.allow_replacement)
        report = write_project(
            answers, args.output, force=args.force, allow_replacement=args.allow_replacement
        )
    except (RenderConflict, ChangeRefused, StateKeyMoved) as exc:
        from ecs_wizard.ui.present import render_error

        print(render_error(exc).plain, file=sys.stderr)
        return 1
    except (UnsafePath, OSError) as exc:
        from ecs_wizard.ui.present import render_error

        print(
            render_error(exc, prefix=f"error: cannot write {args.output}: ").plain, file=sys.stderr
        )
        return 1
    if not args.quiet:
        parts = [f"{len(report.written)} written", f"{len(report.unchanged)} unchanged"]
        if report.removed:
            parts.append(f"{len(report.removed)} removed")
        print(f"Rendered {args.output} ({', '.join(parts)}).")
        if "moved.tf" in report.written:
            print(
                "Services whose autoscaling or ignore_image_changes changed keep running: "
                "moved.tf moves them to their new address in the state."
            )
        if "moved_rules.tf" in report.written:
            print("Renamed routing rules keep their priority: moved_rules.tf moves them.")
        if report.backup_dir is not None:
            print(f"Your edited files were backed up to {report.backup_dir}.")
        where = shlex.quote(str(args.output))
        envs = list(answers.environments or {})
        if envs:
            print(f"Next: ecs-wizard plan {where} --env {shlex.quote(envs[0])}")
        else:
            print(f"Next: ecs-wizard plan {where}   (or: cd {where} && terraform init)")
    return 0
