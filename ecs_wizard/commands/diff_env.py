"""`ecs-wizard diff-env ANSWERS A B`: how two environments differ, as merged answers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

NAME = "diff-env"
HELP = "show how two environments of an answers file differ (their merged answers)"
#: What each exit code means (cli.py adds the usage-error code).
EXIT_CODES = "0 no differences, 2 differences, 1 unknown environment or invalid answers"
DESCRIPTION = """\
Merge each environment's overlay onto the base answers, as render and validate do, and list
every value that differs between the two: its path, the value in the first environment and
the value in the second. Services and rules are matched by name. In a terminal it is a table;
otherwise one tab-separated line per difference.

ANSWERS is an answers file, or a rendered directory (its answers.yaml).

Examples:
  ecs-wizard diff-env answers.yaml staging prod
  ecs-wizard diff-env infra/ staging prod
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("answers", metavar="ANSWERS", help="answers file or rendered directory")
    parser.add_argument("first", metavar="A", help="an environment")
    parser.add_argument("second", metavar="B", help="another environment")


def flatten(value: Any, path: str = "") -> dict[str, Any]:
    """path → leaf value; `services` and `routing` items are keyed by their name."""
    from ecs_wizard.model.paths import format_path, parse_path

    out: dict[str, Any] = {}
    if isinstance(value, dict) and value:
        for key, sub in value.items():
            out.update(flatten(sub, format_path([*parse_path(path), key]) if path else str(key)))
    elif (
        isinstance(value, list)
        and value
        and all(isinstance(x, dict) and "name" in x for x in value)
        and path in ("services", "routing")
    ):
        for item in value:
            out.update(flatten(item, f"{path}.{item['name']}"))
    else:
        out[path] = value
    return out


def differences(a: dict[str, Any], b: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    fa, fb = flatten(a), flatten(b)
    missing = object()
    rows = []
    for path in sorted(set(fa) | set(fb)):
        va, vb = fa.get(path, missing), fb.get(path, missing)
        if va != vb:
            rows.append((path, None if va is missing else va, None if vb is missing else vb))
    return rows


def run(args: argparse.Namespace) -> int:
    from ecs_wizard.commands._common import print_result, read_answers
    from ecs_wizard.model.yamlio import AnswersFileError
    from ecs_wizard.ui.present import render_error
    from ecs_wizard.validation import validate_data

    source = args.answers
    if Path(source).is_dir():
        source = str(Path(source) / "answers.yaml")
    try:
        data = read_answers(source)
    except AnswersFileError as exc:
        print(render_error(exc).plain, file=sys.stderr)
        return 1
    result = validate_data(data)
    if not result.ok:
        print_result(result, source, stderr=True)
        return 1
    names = list(result.environments)
    for env in (args.first, args.second):
        if env not in result.environments:
            known = ", ".join(names) if names else "none (the file has no environments:)"
            print(
                f"error: no environment {env!r} in {source}; environments: {known}", file=sys.stderr
            )
            return 1
    a = result.environments[args.first].to_data(resolved=True)
    b = result.environments[args.second].to_data(resolved=True)
    rows = [r for r in differences(a, b) if r[0] != "project.environment"]  # their names
    if not rows:
        print(f"{args.first} and {args.second} have the same answers (but their names).")
        return 0
    import json

    def shown(value: Any) -> str:
        return "—" if value is None else json.dumps(value, ensure_ascii=False)

    if not sys.stdout.isatty():
        # For scripts and CI logs: one line per difference, never folded.
        print(f"path\t{args.first}\t{args.second}")
        for path, va, vb in rows:
            print(f"{path}\t{shown(va)}\t{shown(vb)}")
        return 2

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(f"{args.first} vs {args.second}"), show_lines=False)
    table.add_column("path", overflow="fold")
    table.add_column(Text(args.first), overflow="fold")
    table.add_column(Text(args.second), overflow="fold")
    for path, va, vb in rows:
        # Text, not str: user values are never read as console markup.
        table.add_row(
            Text(path),
            Text(shown(va)),
            Text(shown(vb)),
        )
    Console(highlight=False).print(table)
    return 2
