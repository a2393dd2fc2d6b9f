"""The migration report: a markdown table (answers.migration.md) and the terminal table (rich,
NO_COLOR respected), both grouped by file, one row per manifest field."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ecs_wizard.copilot.result import STATUSES, ReportRow, grouped, markdown, summary

__all__ = ["markdown", "parse_markdown", "print_table", "report_path", "summary"]

STATUS_STYLE = {"migrated": "green", "approximated": "yellow", "not migrated": "bold red"}
REPORT_SUFFIX = ".migration.md"


def report_path(answers_path: Any) -> Any:
    """answers.yaml -> answers.migration.md, next to it."""
    from pathlib import Path

    p = Path(answers_path)
    return p.with_name(p.stem + REPORT_SUFFIX)


def parse_markdown(text: str) -> list[ReportRow]:
    """Rows back from answers.migration.md (for the wizard's review step)."""
    rows: list[ReportRow] = []
    file = ""
    for line in text.splitlines():
        if line.startswith("## "):
            file = line[3:].strip()
        elif line.startswith("| `") and file:
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            if len(cells) >= 3 and cells[1] in STATUSES:
                rows.append(ReportRow(file, cells[0].strip("`"), cells[1], " | ".join(cells[2:])))  # type: ignore[arg-type]
    return rows


def print_table(rows: Iterable[ReportRow], *, file: Any = None) -> None:
    """The report as a rich table per file (plain text on a pipe; no colour with NO_COLOR)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # values are shown as written: no markup ([...] in a command) and no emoji codes
    # (`:secret:` in a Secrets Manager ARN)
    console = Console(file=file, highlight=False, emoji=False, markup=False)
    rows = list(rows)
    for name, group in grouped(rows):
        table = Table(title=Text(name), title_justify="left", show_lines=False, expand=False)
        table.add_column("field", overflow="fold")
        table.add_column("status", no_wrap=True)
        table.add_column("detail", overflow="fold")
        for r in group:
            table.add_row(
                Text(r.field), Text(r.status, style=STATUS_STYLE[r.status]), Text(r.detail)
            )
        console.print(table)
    console.print(Text(summary(rows), style="bold"))
