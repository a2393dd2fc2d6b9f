"""`ecs-wizard validate ANSWERS`: check an answers file and explain every problem."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

NAME = "validate"
HELP = "check an answers file: every error with its path, the bad value and the fix"
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

Exit codes: 0 valid (warnings allowed), 1 errors or unreadable file, 2 bad usage.
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


def _read(path: str) -> Any:
    from ecs_wizard.yamlio import load_answers_file, load_answers_text

    if path == "-":
        return load_answers_text(sys.stdin.read(), source="<stdin>")
    return load_answers_file(path)


def _value_text(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 120 else text[:117] + "..."


def run(args: argparse.Namespace) -> int:
    from ecs_wizard.validation import validate_data_all as validate_data
    from ecs_wizard.yamlio import AnswersFileError

    source = "<stdin>" if args.answers == "-" else args.answers
    try:
        data = _read(args.answers)
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
            print(f"error: {exc}", file=sys.stderr)
        return 1

    result = validate_data(data)
    if args.format == "json":
        payload = {"file": source, **result.to_dict()}
        print(json.dumps(payload, indent=2, ensure_ascii=False, default=str))
        return 0 if result.ok else 1

    return print_result(result, source, show_ids=args.show_ids)


def print_result(result: Any, source: str, *, stderr: bool = False, show_ids: bool = False) -> int:
    """Print a ValidationResult for people (rich, NO_COLOR-aware); return the exit code."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True, stderr=stderr)
    n_err, n_warn = len(result.errors), len(result.warnings)
    for title, issues, style, mark in (
        ("Errors", result.errors, "bold red", "✗"),
        ("Warnings", result.warnings, "bold yellow", "!"),
    ):
        if not issues:
            continue
        console.print(Text(f"{title} ({len(issues)})", style=style))
        for issue in issues:
            line = Text(f"  {mark} ", style=style)
            line.append(issue.path or "(top level)", style="bold")
            if show_ids and issue.rule:
                line.append(f"  [{issue.rule}]", style="dim")
            console.print(line)
            if issue.value is not None:
                console.print(Text(f"      value: {_value_text(issue.value)}", style="dim"))
            console.print(Text(f"      {issue.message}"))
            if issue.fix:
                console.print(Text(f"      fix: {issue.fix}", style="green"))
        console.print()
    plural = lambda n, w: f"{n} {w}{'' if n == 1 else 's'}"  # noqa: E731
    if result.ok:
        summary = f"{source}: valid" + (f" ({plural(n_warn, 'warning')})" if n_warn else "")
        console.print(Text(summary, style="bold green"))
        return 0
    console.print(
        Text(f"{source}: {plural(n_err, 'error')}, {plural(n_warn, 'warning')}", style="bold red")
    )
    return 1
