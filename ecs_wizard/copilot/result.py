"""What an import gives back: the answers, one report row per manifest field, and the error
that stops an import (file, field, value and fix)."""

from __future__ import annotations

from dataclasses import dataclass, field
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
        from ecs_wizard.copilot.report import markdown

        return markdown(self.rows)


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
