"""`ecs-wizard plan DIR`: terraform init (when needed) + plan + show -json, as a rich diff."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecs_wizard.plan.runner import PlanOptions, PlanResult
    from ecs_wizard.plan.target import EmulatorTarget, PlanTarget

NAME = "plan"
HELP = "run terraform plan in a rendered project and show what would change"
#: What each exit code means (cli.py adds the usage-error code).
EXIT_CODES = (
    "0 no changes, 2 changes present (like terraform's -detailed-exitcode), 1 error, 130 cancelled"
)
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

Examples:
  ecs-wizard plan out/
  ecs-wizard plan out/ --var-file prod.tfvars --target 'module.service["api"]'
  ecs-wizard plan out/ --format markdown -o plan.md       # for a pull-request comment
  ecs-wizard plan out/ --refresh=false --destructive-only
  ecs-wizard plan out/ --var image_tag=v2 --plan-arg=-replace='module.alb.aws_lb.this'
  ECS_WIZARD_TERRAFORM=tofu ecs-wizard plan out/
  ecs-wizard plan out/ --env prod      # a project with environments: prod's values and state

No AWS account? --local runs the same plan against an embedded AWS emulator (moto) on
127.0.0.1, in a temporary copy of DIR whose network ids are rewritten to a VPC created in the
emulator; --apply then applies it there too. Clearly labelled, never touches real AWS, your
directory or its state, and cleans up after itself (needs `pip install 'ecs-wizard[local]'`):
  ecs-wizard render ecs_wizard/examples/full.yaml -o /tmp/shop
  ecs-wizard plan /tmp/shop --local
  ecs-wizard plan out/ --local --apply
  ecs-wizard plan out/ --local --tui      # the emulator plan in the viewer (F10 in the wizard)
"""


def _bool(value: str) -> bool:
    v = value.lower()
    if v in ("true", "1", "yes"):
        return True
    if v in ("false", "0", "no"):
        return False
    raise argparse.ArgumentTypeError("expected true or false")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from ecs_wizard.ui.plan_cli import add_view_arguments

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
    g.add_argument(
        "--env",
        metavar="NAME",
        help="the environment to plan, for a project rendered with environments: its var file, "
        "its S3 backend file and its own .terraform/envs/NAME (required then; refused otherwise)",
    )
    g.add_argument(
        "--backend-config",
        action="append",
        default=[],
        metavar="FILE|KEY=VALUE",
        help="passed to init after the environment's backend file (repeatable), e.g. a profile",
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


def run(args: argparse.Namespace) -> int:
    from ecs_wizard.commands._common import stop_on_term_and_hup

    if getattr(args, "tui", False) and not args.local:
        # The full-screen viewer runs terraform in a worker thread; a KeyboardInterrupt
        # raised inside Textual's event loop is not the way to stop it: PlanRunApp handles
        # TERM/HUP itself (stops terraform, waits, restores the terminal, exits 130).
        return _run(args)
    with stop_on_term_and_hup():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from ecs_wizard.plan.runner import PlanOptions
    from ecs_wizard.ui.plan_cli import error_console, output_problem
    from ecs_wizard.ui.present import render_error

    problem = output_problem(args)  # before terraform runs for minutes
    if problem is not None:
        error_console().print(problem, markup=False)
        return 1

    var_files = _var_files(args)
    if var_files is None:
        return 1
    if args.apply and not args.local:
        error_console().print(
            render_error(
                "--apply only works with --local (the emulator). To change real "
                "infrastructure, run `terraform apply` on the saved plan yourself.",
                prefix="Error: ",
            )
        )
        return 1
    environment, problem = _environment(Path(args.directory), args.env)
    if problem:
        error_console().print(render_error(problem, prefix="Error: "))
        return 1
    options = PlanOptions(
        environment=environment,
        backend_configs=list(args.backend_config),
        var_files=var_files,
        targets=args.target,
        refresh=args.refresh,
        force_init=args.init,
        extra_plan_args=[f"-var={v}" for v in args.var] + list(args.plan_arg),
    )
    if args.local:
        return _run_emulator(args, options)
    if args.tui:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            error_console().print(render_error("--tui needs a terminal.", prefix="Error: "))
            return 1
        from ecs_wizard.screens.plan import PlanRunApp

        app = PlanRunApp(Path(args.directory), terraform_bin=args.terraform_bin, options=options)
        return int(app.run() or 0)
    return _run_aws(args, options)


def _environment(directory: Path, env: str | None) -> tuple[str | None, str | None]:
    """(environment, problem): --env is required for a project with environments and refused
    for one without, so a plan can never silently use the wrong state or values."""
    from ecs_wizard.model.suggest import suggest
    from ecs_wizard.rendering.layout import ENVS_DIR

    names = sorted(p.name.removesuffix(".tfvars") for p in (directory / ENVS_DIR).glob("*.tfvars"))
    if not names:
        if env is not None:
            return None, (
                f"--env {env}: {directory} has no environments (no envs/*.tfvars). Drop --env, "
                "or add `environments:` to the answers and render again."
            )
        return None, None
    if env is None:
        return None, (
            f"{directory} has environments ({', '.join(names)}): say which one to plan, "
            f"e.g. --env {names[0]}."
        )
    if env not in names:
        close = suggest(env, names)
        hint = f"did you mean --env {close}?" if close else f"use one of: {', '.join(names)}"
        return None, f"--env {env}: {directory} has no such environment; {hint}"
    return env, None


def _var_files(args: argparse.Namespace) -> list[str] | None:
    """--var-file paths terraform can open from inside DIR (None: one is missing, reported)."""
    from ecs_wizard.ui.plan_cli import error_console
    from ecs_wizard.ui.present import render_error

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
            return None
        var_files.append(str(p))
    return var_files


def _plan(target: PlanTarget, args: argparse.Namespace, options: PlanOptions) -> PlanResult:
    """Run the plan with terraform's output shown live on stderr."""
    from ecs_wizard.ui.plan_progress import LiveProgress

    progress = LiveProgress(args.quiet)
    runner = target.runner(options, terraform_bin=args.terraform_bin, on_line=progress)
    with progress:
        return runner.run()


def _run_aws(args: argparse.Namespace, options: PlanOptions) -> int:
    from rich.console import Console

    from ecs_wizard.plan.runner import Status
    from ecs_wizard.plan.target import AwsTarget
    from ecs_wizard.ui.plan_cli import error_console, export, print_error

    with AwsTarget(Path(args.directory)) as target:
        result = _plan(target, args, options)
    if result.status is Status.CANCELLED:
        error_console().print(
            "[bold yellow]Cancelled.[/] Terraform was interrupted and has stopped; "
            "no plan was saved."
        )
        return result.exit_code
    if result.error is not None:
        print_error(result.error, streamed=not args.quiet)
        return result.exit_code
    plan = result.plan()
    code = export(plan, args, Console(highlight=False))
    if code != 0:
        return code
    import shlex

    plan_file = result.plan_file
    project = shlex.quote(str(target.project_dir))
    error_console().print(
        f"Saved plan: {plan_file} (apply it with "
        f"`cd {project} && terraform apply {shlex.quote(str(plan_file))}`)",
        markup=False,
        highlight=False,
    )
    return result.exit_code


def _run_emulator(args: argparse.Namespace, options: PlanOptions) -> int:
    """`--local [--apply]`: the same plan view, against the emulator in a temporary copy."""
    from rich.console import Console
    from rich.markup import escape

    from ecs_wizard.commands import _common
    from ecs_wizard.plan.runner import Status
    from ecs_wizard.plan.target import EmulatorTarget, TargetError
    from ecs_wizard.ui.plan_cli import error_console, export, print_error

    err = error_console()
    tui = bool(getattr(args, "tui", False))
    if tui and args.apply:
        err.print(
            "[bold red]Error:[/] --apply streams terraform apply in the terminal: drop --tui "
            "to apply (or drop --apply to review the emulator plan in the viewer)."
        )
        return 1
    if tui and not _common.has_tty():
        err.print("[bold red]Error:[/] --tui needs a terminal; drop --tui in scripts and CI.")
        return 1
    target = EmulatorTarget(Path(args.directory), apply=args.apply, environment=options.environment)
    try:
        target.open()
    except TargetError as exc:
        err.print(f"[bold red]Error:[/] {escape(str(exc))}", highlight=False)
        return 1
    with target:
        if tui:
            return _emulator_tui(target, args, options)
        err.print(f"[bold magenta]{escape(target.banner)}[/]", highlight=False)
        for note in target.notes:
            err.print(f"  [magenta]emulator:[/] {escape(note)}", highlight=False)
        result = _plan(target, args, options)
        if result.status is Status.CANCELLED:
            err.print("[bold yellow]Cancelled.[/] The emulator run was stopped and cleaned up.")
            return result.exit_code
        if result.error is not None:
            print_error(result.error, streamed=not args.quiet)
            return result.exit_code
        code = export(result.plan(), args, Console(highlight=False))
        if code != 0:
            return code
        if not args.apply:
            err.print(
                "[magenta]Emulator run:[/] plan shown above (against the emulator). Add --apply "
                "to apply it there too; nothing was saved.",
                highlight=False,
            )
            return result.exit_code
        return _apply_in_emulator(target, args, result)


#: Seconds `--local --tui` waits, after the viewer closed, for terraform to stop and the
#: emulator run to be cleaned up (the runner's own grace periods are shorter).
TUI_CLOSE_WAIT = 60.0


def _emulator_tui(target: EmulatorTarget, args: argparse.Namespace, options: PlanOptions) -> int:
    """The emulator plan in the full-screen viewer (as F10 in the wizard shows it)."""
    from ecs_wizard.screens.plan_local_app import LocalPlanRunApp

    app = LocalPlanRunApp(target, str(target.source), args.terraform_bin, options)
    code = app.run()
    app.closed.wait(TUI_CLOSE_WAIT)  # PlanScreen closes the target once terraform stopped
    return int(code) if code is not None else 130


def _apply_in_emulator(target: EmulatorTarget, args: argparse.Namespace, result: PlanResult) -> int:
    from rich.text import Text

    from ecs_wizard.plan.apply_report import explain_apply_failure
    from ecs_wizard.plan.outbuf import OutputBuffer
    from ecs_wizard.ui.plan_cli import error_console

    err = error_console()
    err.print("[magenta]Emulator run:[/] applying the plan in the emulator…")
    kept = OutputBuffer()  # always kept (also with -q): a failure shows the real error

    def log(line: str) -> None:
        kept.append(line + "\n")
        if not args.quiet:
            err.print(f"  {line}", markup=False, highlight=False)

    rc = target.apply(result.plan_file, args.terraform_bin, log)
    if rc != 0:
        failure = explain_apply_failure(rc, kept.text())
        err.print(Text("Error: ", style="bold red") + Text(failure.message()))
        details = failure.details()
        if details and args.quiet:  # streamed just above otherwise
            err.print(Text(details, style="red"))
        err.print(Text(failure.note(), style="yellow" if failure.emulator_gap else ""))
        return 1
    err.print(
        "[bold green]Applied in the emulator.[/] The emulator and its temporary copy are "
        "removed now; run `terraform apply` in your directory for real AWS.",
    )
    return 0
