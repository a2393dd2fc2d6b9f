"""`ecs-wizard import-copilot PATH -o ANSWERS`: an AWS Copilot workspace -> answers + report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "import-copilot"
HELP = "turn an AWS Copilot workspace into an answers file, with a field-by-field report"
DESCRIPTION = """\
Read an AWS Copilot workspace (copilot/.workspace, every copilot/environments/<env>/manifest.yml
and every copilot/<service>/manifest.yml) and write the answers file it stands for, with one
environment per Copilot environment (a service's `environments:` overrides become that
environment's overlay). Next to the answers goes ANSWERS.migration.md: one row per manifest
field, migrated, approximated (close, the row says how) or not migrated (the row says what to
do). The same table is printed, grouped by file.

${NAME} in manifests is taken from --var first, then Copilot's own variables
(COPILOT_APPLICATION_NAME, COPILOT_ENVIRONMENT_NAME), then the process environment, but only
for the names given with --env-var: a workspace cannot read the importer's credentials or
tokens (${AWS_SECRET_ACCESS_KEY}, ${GITHUB_TOKEN}) into the answers. Error messages show
${NAME}, never a value read from the environment.
Services that Copilot builds from a Dockerfile (image.build) need the pushed image:
--image SERVICE=URI (a sidecar: --image SERVICE/SIDECAR=URI). Secrets given by name (SSM
parameters, Secrets Manager secrets) become ARNs, which needs --account-id.

The answers are validated before anything is written; Copilot values that would make invalid
answers stop the import with the file, the field, the value and the fix. An existing ANSWERS
(or its report) is never overwritten unless --force is given.

Examples:
  ecs-wizard import-copilot . -o answers.yaml --account-id 123456789012
  ecs-wizard import-copilot ~/src/shop/copilot -o answers.yaml \\
      --image api=123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2 \\
      --env test --env prod --var DOMAIN=example.com
  ecs-wizard import-copilot . -o answers.yaml && ecs-wizard edit answers.yaml
"""
EXIT_CODES = (
    "0 written, everything migrated or approximated; 3 written, something not migrated (see the "
    "report); 1 invalid or unreadable input, or ANSWERS exists (nothing written)"
)


def _pair(what: str):
    def parse(text: str) -> tuple[str, str]:
        key, sep, value = text.partition("=")
        if not sep or not key or not value:
            raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}")
        return key, value

    return parse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", metavar="PATH", type=Path, help="the project root holding copilot/, or copilot/"
    )
    parser.add_argument(
        "-o", "--output", metavar="ANSWERS", required=True, type=Path, help="answers file to write"
    )
    parser.add_argument(
        "--image",
        metavar="SERVICE=URI",
        action="append",
        default=[],
        type=_pair("SERVICE=URI"),
        help="the pushed image of a service Copilot builds (image.build); repeatable",
    )
    parser.add_argument(
        "--env",
        metavar="NAME",
        action="append",
        default=None,
        help="import only these environments (repeatable; default: all, the first is the base)",
    )
    parser.add_argument(
        "--var",
        metavar="NAME=VALUE",
        action="append",
        default=[],
        type=_pair("NAME=VALUE"),
        help="a value for ${NAME} in the manifests; repeatable",
    )
    parser.add_argument(
        "--env-var",
        metavar="NAME",
        action="append",
        default=[],
        help="read ${NAME} from the process environment (only variables named so are read); "
        "repeatable",
    )
    parser.add_argument(
        "--account-id", metavar="ID", help="AWS account id, for the ARNs of secrets given by name"
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite an existing ANSWERS and its report"
    )


def run(args: argparse.Namespace) -> int:
    from ecs_wizard.commands._common import stop_on_term_and_hup

    with stop_on_term_and_hup():
        return _run(args)


def _fail(message: str) -> int:
    from ecs_wizard.ui.present import render_error

    print(render_error(message).plain, file=sys.stderr)
    print("Nothing was written.", file=sys.stderr)
    return 1


def _run(args: argparse.Namespace) -> int:
    from ecs_wizard.copilot import CopilotImportError, import_workspace
    from ecs_wizard.copilot.report import print_table, report_path

    out: Path = args.output
    if out.is_dir() or not out.name:
        return _fail(
            f"cannot write {str(out) or repr('')}: it is a directory; pass a file such as "
            f"{out / 'answers.yaml'}"
        )
    report_file = report_path(out)
    odd = [p for p in (out, report_file) if p.exists() and not p.is_file()]
    if odd:  # /dev/null, a FIFO...: --force would replace it with a regular file
        return _fail(f"{odd[0]} is not a regular file; pass a file name for the answers")
    existing = [p for p in (out, report_file) if p.exists() or p.is_symlink()]
    if existing and not args.force:
        names = " and ".join(str(p) for p in existing)
        verb = "exists" if len(existing) == 1 else "exist"
        return _fail(f"{names} {verb}; pass --force to overwrite")
    try:
        result = import_workspace(
            args.path,
            images=dict(args.image),
            envs=args.env,
            variables=dict(args.var),
            account_id=args.account_id,
            env_vars=args.env_var,
        )
    except CopilotImportError as exc:
        return _fail(str(exc))
    print_table(result.rows)
    try:
        write_both(out, report_file, result)
    except OSError as exc:
        return _fail(f"cannot write {out}: {exc.strerror or exc}")
    print(f"Wrote {out} and {report_file}.")
    code = result.exit_code()
    if code:
        print(
            f"Some fields were not migrated: {report_file} says what to do for each.",
            file=sys.stderr,
        )
    print(f"Next: ecs-wizard edit {out}   (or: ecs-wizard render {out} -o infra/)")
    return code


def write_both(out: Path, report_file: Path, result) -> None:
    """The report, then the answers, each atomically; a failed answers write removes the
    report it just wrote, so a failure leaves nothing new behind."""
    from ecs_wizard.model.fileio import write_atomic
    from ecs_wizard.model.yamlio import dump_answers

    text = dump_answers(result.answers)
    had_report = report_file.exists()
    write_atomic(report_file, result.markdown())
    try:
        write_atomic(out, text)
    except BaseException:
        if not had_report:
            report_file.unlink(missing_ok=True)
        raise
