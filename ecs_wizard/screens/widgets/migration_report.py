"""The Copilot migration report (ANSWERS.migration.md, written by `ecs-wizard import-copilot`
next to the answers) on the review step: one line per manifest field, grouped by file."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from ecs_wizard.copilot.report import REPORT_SUFFIX, parse_markdown, report_path, summary
from ecs_wizard.copilot.result import ReportRow

MARKS = {"migrated": ("✓", "green"), "approximated": ("~", "yellow"), "not migrated": ("✗", "red")}
#: a report is a few kilobytes; never read more than this into the wizard
MAX_CHARS = 1_000_000


def report_for(source: Path | None) -> Path | None:
    """The report next to the answers the wizard opened (a file, or a directory holding
    answers.yaml), if there is one."""
    if source is None:
        return None
    path = source / f"answers{REPORT_SUFFIX}" if source.is_dir() else report_path(source)
    return path if path.is_file() else None


def report_text(rows: list[ReportRow], path: Path) -> Text:
    text = Text()
    text.append(f"Imported from AWS Copilot ({path.name}): {summary(rows)}\n", style="bold")
    file = None
    for r in rows:
        if r.file != file:
            file = r.file
            text.append(f"\n{file}\n", style="bold")
        mark, style = MARKS[r.status]
        text.append(f"  {mark} {r.field}", style=style)
        text.append(f" — {r.status}: {r.detail}\n")
    return text


class MigrationReport(Static):
    """Read-only: the rows of the report file (parsed back from its markdown table)."""

    def __init__(self, path: Path) -> None:
        try:
            with path.open(encoding="utf-8", errors="replace") as fh:
                rows = parse_markdown(fh.read(MAX_CHARS))
            content = report_text(rows, path)
        except OSError as exc:
            content = Text(f"{path}: cannot read the migration report ({exc.strerror})")
        super().__init__(content, id="migration-report")
