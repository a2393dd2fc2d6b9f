"""`ecs-wizard validate ANSWERS`: check an answers file and explain every problem."""

from __future__ import annotations

import argparse
import json
import sys

NAME = "validate"
HELP = "check an answers file: every error with its path, the bad value and the fix"
#: What each exit code means (cli.py adds the usage-error code).
EXIT_CODES = "0 valid (warnings allowed), 1 errors or unreadable file"
DESCRIPTION = """\
Check an answers file (YAML, `version: 1`) without touching AWS or Terraform.

Every problem is reported at once with its exact path (e.g. services[1].containers[0].port),
the value found, what is wrong and how to fix it. Errors make the command exit 1; warnings
(risky but legal choices, such as no HTTPS or a `latest` image tag) are shown and exit 0.
Every issue has a rule id (--show-ids prints them; docs/rules.md lists them all); warnings can
be silenced by id in the answers file: `validation: {ignore: [W-ROUTING-SHADOW]}`.

Examples:
  ecs-wizard validate answers.yaml
  ecs-wizard validate answers.yaml --show-ids
  ecs-wizard validate answers.yaml --format json | jq '.errors[].path'
  cat answers.yaml | ecs-wizard validate -
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("answers", metavar="ANSWERS", help="answers YAML file, or - for stdin")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text; json is for scripts and CI)",
    )
    parser.add_argument(
        "--show-ids",
        action="store_true",
        help="print each issue's rule id (JSON output always includes it as `rule`)",
    )


def run(args: argparse.Namespace) -> int:
    from ecs_wizard.commands._common import print_result, read_answers
    from ecs_wizard.model.yamlio import AnswersFileError
    from ecs_wizard.validation import validate_data_all as validate_data

    source = "<stdin>" if args.answers == "-" else args.answers
    try:
        data = read_answers(args.answers)
    except AnswersFileError as exc:
        if args.format == "json":
            payload = {
                "file": source,
                "ok": False,
                "errors": [
                    {
                        "path": "",
                        "severity": "error",
                        "rule": "E-FILE-READ",
                        "message": exc.message,
                        "fix": "fix the YAML at the given line and column"
                        if exc.line is not None
                        else "check the file name and that it is readable",
                        "value": None,
                        "line": exc.line,
                        "column": exc.column,
                    }
                ],
                "warnings": [],
            }
            print(json.dumps(payload, indent=2, ensure_ascii=False))
        else:
            from ecs_wizard.ui.present import render_error

            print(render_error(exc).plain, file=sys.stderr)
        return 1

    result = validate_data(data)
    if args.format == "json":
        payload = {"file": source, **result.to_dict()}
        print(json.dumps(payload, indent=2, ensure_ascii=False, default=str))
        return 0 if result.ok else 1

    return print_result(result, source, show_ids=args.show_ids)
