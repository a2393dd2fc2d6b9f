"""What an import gives back: the answers, one report row per manifest field, and the error
that stops an import (file, field, value and fix)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, Literal

Status = Literal["migrated", "approximated", "not migrated"]
STATUSES: tuple[Status, ...] = ("migrated", "approximated", "not migrated")

#: exit code of an import that left something behind (answers still written)
EXIT_NOT_MIGRATED = 3


@dataclass(frozen=True)
class ReportRow:
    """One manifest field: what became of it. `detail` says what was done, or what to do."""

    file: str
    field: str
    status: Status
    detail: str


@dataclass(frozen=True)
class ImportResult:
    answers: dict[str, Any]
    rows: tuple[ReportRow, ...] = field(default=())

    def exit_code(self) -> int:
        """0 when every field was migrated or approximated, 3 when something was not."""
        return EXIT_NOT_MIGRATED if any(r.status == "not migrated" for r in self.rows) else 0

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for r in self.rows if r.status == s) for s in STATUSES}

    def markdown(self) -> str:
        return markdown(self.rows)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def grouped(rows: Iterable[ReportRow]) -> list[tuple[str, list[ReportRow]]]:
    order: dict[str, int] = {}
    for r in rows:
        order.setdefault(r.file, len(order))
    ordered = sorted(rows, key=lambda r: order[r.file])
    return [(f, list(g)) for f, g in groupby(ordered, key=lambda r: r.file)]


def summary(rows: Iterable[ReportRow]) -> str:
    rows = list(rows)
    return ", ".join(f"{sum(1 for r in rows if r.status == s)} {s}" for s in STATUSES)


def markdown(rows: Iterable[ReportRow]) -> str:
    rows = list(rows)
    out = [
        "# Migration from AWS Copilot",
        "",
        f"{summary(rows)}. Each row is one manifest field: *migrated* means the answers do "
        "what Copilot did; *approximated*, something close (the detail says how); *not "
        "migrated*, nothing: the detail says what to do.",
        "",
    ]
    for file, group in grouped(rows):
        out += [f"## {file}", "", "| field | status | detail |", "| --- | --- | --- |"]
        out += [f"| `{_cell(r.field)}` | {r.status} | {_cell(r.detail)} |" for r in group]
        out.append("")
    return "\n".join(out)


class CopilotImportError(Exception):
    """Copilot input that cannot become valid answers. Nothing is written."""

    def __init__(self, file: str, field: str, value: Any, fix: str, problem: str = "") -> None:
        self.file = file
        self.field = field
        self.value = None if value is None else str(value)
        self.fix = fix
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        value = "" if self.value is None else f" (value: {self.value!r})"
        problem = f": {self.problem}" if self.problem else ""
        return f"{self.file}: {self.field}{value}{problem}. Fix: {self.fix}"
