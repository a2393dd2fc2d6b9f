"""`ecs-wizard plan DIR`: terraform init (when needed) + plan + show -json, as a rich diff."""

from __future__ import annotations

import argparse
import sys

NAME = "plan"
HELP = "run terraform plan in a rendered project and show what would change"
DESCRIPTION = """\
Preview what applying a project would do, before you apply it.

Runs `terraform init` (only when .terraform is missing or providers/modules changed), then
`terraform plan -out=DIR/.ecs-wizard/tfplan`, then `terraform show -json` on the saved plan,
and renders it as a readable diff: counts, a loud warning when anything is destroyed or
replaced, resources grouped by module and type, attribute-level changes with sensitive values
masked. Terraform's output streams live while it runs; Ctrl-C stops it cleanly (terraform is
interrupted and given time to release the state lock).

The binary is --terraform-bin, else $ECS_WIZARD_TERRAFORM, else terraform/tofu on PATH, so
OpenTofu works too. AWS credentials come from the usual places (AWS_PROFILE, AWS_* env vars).

Exit codes (like terraform's -detailed-exitcode):
  0  no changes      2  changes present      1  error      130  cancelled

Examples:
  ecs-wizard plan out/
  ecs-wizard plan out/ --var-file prod.tfvars --target 'module.service["api"]'
  ecs-wizard plan out/ --format markdown -o plan.md       # for a pull-request comment
  ecs-wizard plan out/ --refresh=false --destructive-only
  ecs-wizard plan out/ --var image_tag=v2 --plan-arg=-replace='module.alb.aws_lb.this'
  ECS_WIZARD_TERRAFORM=tofu ecs-wizard plan out/

No AWS account? --local runs the same plan against an embedded AWS emulator (moto) on
127.0.0.1, in a temporary copy of DIR whose network ids are rewritten to a VPC created in the
emulator; --apply then applies it there too. Clearly labelled, never touches real AWS, your
directory or its state, and cleans up after itself (needs `pip install 'ecs-wizard[local]'`):
  ecs-wizard render ecs_wizard/examples/full.yaml -o /tmp/shop
  ecs-wizard plan /tmp/shop --local
  ecs-wizard plan out/ --local --apply
"""


def _bool(value: str) -> bool:
    v = value.lower()
    if v in ("true", "1", "yes"):
        return True
    if v in ("false", "0", "no"):
        return False
    raise argparse.ArgumentTypeError("expected true or false")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from ecs_wizard.plan.cli_support import add_view_arguments

    parser.add_argument("directory", metavar="DIR", help="the Terraform root module to plan")
    g = parser.add_argument_group("terraform")
    g.add_argument("--terraform-bin", metavar="BIN", help="terraform or tofu binary to run")
    g.add_argument("--var-file", action="append", default=[], metavar="FILE", help="passed to plan")
    g.add_argument(
        "--target", action="append", default=[], metavar="ADDR", help="passed as -target"
    )
    g.add_argument(
        "--refresh",
        type=_bool,
        default=True,
        metavar="true|false",
        help="--refresh=false skips reading real infrastructure (faster, ignores drift)",
    )
    g.add_argument(
        "--var", action="append", default=[], metavar="NAME=VALUE", help="passed as -var"
    )
    g.add_argument(
        "--plan-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="any other terraform plan flag, e.g. --plan-arg=-replace=ADDR (repeatable)",
    )
    g.add_argument("--init", action="store_true", help="always run terraform init first")
    g.add_argument("--quiet", "-q", action="store_true", help="do not stream terraform output")
    e = parser.add_argument_group("local emulator (no AWS account needed)")
    e.add_argument(
        "--local",
        action="store_true",
        help="plan against an embedded AWS emulator on 127.0.0.1 in a temporary copy of DIR",
    )
    e.add_argument(
        "--apply", action="store_true", help="with --local: also apply the plan in the emulator"
    )
    add_view_arguments(parser)


class _Progress:
    """Live display of terraform's streamed output: a spinner on a TTY, plain lines otherwise."""

    def __init__(self, quiet: bool) -> None:
        from ecs_wizard.plan.cli_support import error_console

        self.console = error_console()
        self.quiet = quiet
        self.live = self.console.is_terminal and not quiet
        self.status = None

    def __enter__(self):
        if self.live:
            self.status = self.console.status("Starting terraform…", spinner="dots")
            self.status.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self.status is not None:
            self.status.__exit__(*exc)

    def __call__(self, line) -> None:
        from rich.markup import escape
        from rich.text import Text

        if self.quiet and line.level == "info":
            return
        if self.live:
            first = line.text.splitlines()[0] if line.text else ""
            room = max(20, self.console.width - len(line.stage) - 16)  # one line, no wrap
            if len(first) > room:
                first = first[: room - 1] + "…"
            self.status.update(f"[bold]terraform {line.stage}[/]: {escape(first)}")
            if line.level != "info" or (line.stage == "init" and "Error" in line.text):
                style = "red" if line.level == "error" else "yellow"
                self.console.print(Text(line.text, style=style))
            else:
                self.console.print(Text(f"  {line.text}", style="dim"))
        else:
            for part in line.text.splitlines() or [""]:
                self.console.print(f"[{line.stage}] {part}", markup=False, highlight=False)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from rich.console import Console

    from ecs_wizard.plan.cli_support import error_console, export, print_error
    from ecs_wizard.plan.runner import PlanOptions, PlanRunner, Status
    from ecs_wizard.present import render_error

    # terraform runs inside DIR: make var files given relative to the shell's cwd absolute.
    var_files = []
    for f in args.var_file:
        p = Path(f).expanduser()
        if not p.is_absolute() and p.exists():
            p = p.resolve()
        elif not p.is_absolute() and not (Path(args.directory) / p).exists():
            error_console().print(
                render_error(
                    f"--var-file {f}: no such file (relative paths are "
                    f"looked up from the current directory, then from {args.directory}).",
                    prefix="Error: ",
                )
            )
            return 1
        var_files.append(str(p))
    if args.apply and not args.local:
        error_console().print(
            render_error(
                "--apply only works with --local (the emulator). To change real "
                "infrastructure, run `terraform apply` on the saved plan yourself.",
                prefix="Error: ",
            )
        )
        return 1
    if args.local:
        from ecs_wizard.emulator import run_local_plan

        return run_local_plan(args, var_files)
    options = PlanOptions(
        var_files=var_files,
        targets=args.target,
        refresh=args.refresh,
        force_init=args.init,
        extra_plan_args=[f"-var={v}" for v in args.var] + list(args.plan_arg),
    )
    if args.tui:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            error_console().print(render_error("--tui needs a terminal.", prefix="Error: "))
            return 1
        from ecs_wizard.screens.plan import PlanRunApp

        app = PlanRunApp(Path(args.directory), terraform_bin=args.terraform_bin, options=options)
        return int(app.run() or 0)
    progress = _Progress(args.quiet)
    runner = PlanRunner(
        Path(args.directory), terraform_bin=args.terraform_bin, options=options, on_line=progress
    )
    with progress:
        result = runner.run()
    if result.status is Status.CANCELLED:
        error_console().print(
            "[bold yellow]Cancelled.[/] Terraform was interrupted and has stopped; "
            "no plan was saved."
        )
        return result.exit_code
    if result.error is not None:
        print_error(result.error)
        return result.exit_code
    plan = result.plan()
    code = export(plan, args, Console(highlight=False))
    if code != 0:
        return code
    error_console().print(
        f"Saved plan: {result.plan_file} (apply it with `terraform apply {result.plan_file}`)",
        highlight=False,
    )
    return result.exit_code
