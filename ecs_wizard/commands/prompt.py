"""`ecs-wizard prompt`: the wizard's questions in a plain terminal (questionary)."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

NAME = "prompt"
HELP = "answer the wizard's questions one by one in a plain terminal"
#: What each exit code means (cli.py adds the usage-error code).
EXIT_CODES = "0 answers written, 1 invalid answers / output exists / no terminal, 130 aborted"
DESCRIPTION = """\
Asks the same questions as the full-screen wizard, one after another, with the same
defaults and the same validation, then writes an answers file (and, with --render, the
Terraform project). Values given as flags or found in --answers FILE are not asked again.

Examples:
  ecs-wizard prompt
  ecs-wizard prompt --name shop --region eu-west-1 --output shop.yaml
  ecs-wizard prompt --answers draft.yaml --render out/

Needs an interactive terminal; for CI write the answers file and use `ecs-wizard render`.
"""

# flag -> (draft path, kind)
PREFILL_FLAGS: dict[str, tuple[str, str]] = {
    "name": ("project.name", "str"),
    "environment": ("project.environment", "str"),
    "region": ("project.region", "str"),
    "vpc_id": ("network.vpc_id", "str"),
    "public_subnets": ("network.public_subnet_ids", "list"),
    "private_subnets": ("network.private_subnet_ids", "list"),
}
# sections that, when the answers file has them, are not asked about again
PRESET_SECTIONS = ("cluster.capacity", "services", "alb.https", "alb.default_action", "routing")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--answers", metavar="FILE", help="pre-fill from an answers file")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="answers.yaml",
        help="answers file to write (default: answers.yaml)",
    )
    parser.add_argument("--render", metavar="DIR", help="also render the Terraform project")
    parser.add_argument(
        "--force",
        action="store_true",
        help="overwrite an existing output file / hand-edited rendered files (with backup)",
    )
    g = parser.add_argument_group("pre-fill (skips the question)")
    g.add_argument("--name", help="project name")
    g.add_argument("--environment", help="environment, e.g. prod")
    g.add_argument("--region", help="AWS region, e.g. eu-west-1")
    g.add_argument("--vpc-id", help="existing VPC id")
    g.add_argument("--public-subnets", metavar="IDS", help="comma-separated subnet ids (ALB)")
    g.add_argument("--private-subnets", metavar="IDS", help="comma-separated subnet ids (tasks)")


def build_base(args: argparse.Namespace) -> tuple[dict[str, Any] | None, set[str]]:
    """The draft to start from and the sections not to ask about. Raises ValueError."""
    from ecs_wizard.model.draft import PREFILLED, default_draft
    from ecs_wizard.model.paths import get_path, set_path
    from ecs_wizard.ui.fields import parse_value

    base: dict[str, Any] | None = None
    preset: set[str] = set()
    if args.answers:
        from ecs_wizard.commands._common import load_for_edit

        base, _ = load_for_edit(args.answers)
        preset = {p for p in PRESET_SECTIONS if get_path(base, p) is not None}
        preset |= {p for p in PREFILLED if get_path(base, p) is not None}  # the file's own
    flags = {k: getattr(args, k) for k in PREFILL_FLAGS if getattr(args, k, None)}
    if flags:
        if base is None:
            base = default_draft()
            base["services"] = []
            base["alb"].pop("default_action", None)
        for key, value in flags.items():
            path, kind = PREFILL_FLAGS[key]
            set_path(base, path, parse_value(kind, value))
            preset.add(path)  # given: not asked
    return base, preset


def run(args: argparse.Namespace) -> int:
    from ecs_wizard.commands._common import require_tty

    output = Path(args.output)
    try:
        base, preset = build_base(args)
    except ValueError as exc:
        from ecs_wizard.ui.present import render_error

        print(render_error(exc, prefix="ecs-wizard prompt: ").plain, file=sys.stderr)
        return 1
    if output.exists() and not args.force and str(output) != str(args.answers or ""):
        print(
            f"ecs-wizard prompt: {output} exists; choose another --output or pass --force.",
            file=sys.stderr,
        )
        return 1
    if not require_tty("prompt"):
        return 1
    from ecs_wizard.prompt.questions import Aborted, run_prompt

    try:
        draft = run_prompt(base, preset=preset)
    except (Aborted, KeyboardInterrupt):
        print("Aborted: nothing was written.", file=sys.stderr)
        return 130
    return finish(draft, output, args.render, force=args.force)


def finish(draft: dict[str, Any], output: Path, render_dir: str | None, *, force: bool) -> int:
    """Validate, write the answers file atomically, optionally render. Returns the exit code."""
    from ecs_wizard.model.yamlio import dump_answers, write_text_atomic
    from ecs_wizard.ui.fields import format_issue
    from ecs_wizard.validation import validate_data

    result = validate_data(draft)
    for issue in result.warnings:
        print(f"warning: {format_issue(issue)}", file=sys.stderr)
    if not result.ok:
        for issue in result.errors:
            print(f"error: {format_issue(issue)}", file=sys.stderr)
        from ecs_wizard.model.draft import dump_draft
        from ecs_wizard.model.fileio import write_atomic

        rescue = output.with_name(output.name + ".draft")
        write_atomic(rescue, dump_draft(draft), mode=0o600)  # a draft: owner only
        print(
            f"Not written: {len(result.errors)} error(s). Your answers are in {rescue}; fix "
            f"them there or with `ecs-wizard edit {shlex.quote(str(rescue))}`.",
            file=sys.stderr,
        )
        return 1
    write_text_atomic(output, dump_answers(result.answers))
    print(f"Wrote {output}")
    if render_dir:
        from ecs_wizard import render

        try:
            report = render.write_project(result.answers, Path(render_dir), force=force)
        except Exception as exc:  # RenderConflict and friends: a message, not a traceback
            from ecs_wizard.ui.present import render_error

            print(render_error(exc, prefix="ecs-wizard prompt: ").plain, file=sys.stderr)
            return 1
        print(f"Rendered {len(report.written)} file(s) into {render_dir}")
    return 0
