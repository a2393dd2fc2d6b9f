"""Reading a manifest map field by field: every key read gets a report row, and every key no
handler read becomes a "not migrated: unknown field" row, so nothing is dropped silently.
Typed getters stop the import with the file, the field, the value and the fix."""

from __future__ import annotations

import re
import shlex
from typing import Any

from ecs_wizard.copilot.result import CopilotImportError, ReportRow, Status

_DURATION_RE = re.compile(r"^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?$")
_MS_RE = re.compile(r"^(\d+)ms$")


class Report:
    """The rows of one import, in the order fields were read; a field reported twice keeps
    its first row."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str], ReportRow] = {}

    def add(self, file: str, field: str, status: Status, detail: str) -> None:
        self._rows.setdefault((file, field), ReportRow(file, field, status, detail))

    def has(self, file: str, field: str) -> bool:
        return (file, field) in self._rows

    def rows(self) -> tuple[ReportRow, ...]:
        return tuple(self._rows.values())


class Section:
    """One map of a manifest (`http`, `count`, a sidecar...) at `prefix` in `file`."""

    def __init__(self, report: Report, file: str, prefix: str, data: dict[str, Any] | None) -> None:
        self.report, self.file, self.prefix = report, file, prefix
        self.data = data or {}
        self.read: set[str] = set()

    def path(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def __contains__(self, key: str) -> bool:
        return key in self.data

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return self.data.get(key, default)

    def row(self, key: str, status: Status, detail: str) -> None:
        self.read.add(key)
        if key in self.data:
            self.report.add(self.file, self.path(key), status, detail)

    def default_row(self, key: str, detail: str) -> None:
        """A row for `key` the manifest leaves out, whose Copilot default the import writes
        out because ecs-wizard's own default differs (the report says what was assumed)."""
        if key not in self.data:
            self.report.add(self.file, self.path(key), "migrated", detail)

    def fail(self, key: str, value: Any, problem: str, fix: str) -> CopilotImportError:
        return CopilotImportError(self.file, self.path(key), value, fix, problem)

    def sub(self, key: str) -> Section:
        """The map at `key` (an empty section when absent); a non-map value is an error."""
        value = self.get(key)
        if value is not None and not isinstance(value, dict):
            raise self.fail(
                key, value, "must be a map", f"see Copilot's manifest reference for `{key}`"
            )
        return Section(self.report, self.file, self.path(key), value)

    def finish(self) -> None:
        for key in self.data:
            if key not in self.read:
                self.report.add(
                    self.file,
                    self.path(str(key)),
                    "not migrated",
                    "unknown field: not part of Copilot's manifest specification as "
                    "ecs-wizard reads it; check the spelling, or carry it over by hand",
                )

    # -- typed getters ---------------------------------------------------------------------
    def int_(self, key: str, *, lo: int | None = None, hi: int | None = None) -> int | None:
        v = self.get(key)
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, int):
            raise self.fail(key, v, "must be a whole number", f"write a number, e.g. `{key}: 2`")
        if lo is not None and v < lo:
            bound = f"at least {lo}" if hi is None else f"between {lo} and {hi}"
            raise self.fail(key, v, f"must be {bound}", f"use a value of {bound}")
        if hi is not None and v > hi:
            bound = f"at most {hi}" if lo is None else f"between {lo} and {hi}"
            raise self.fail(key, v, f"must be {bound}", f"use a value of {bound}")
        return v

    def bool_(self, key: str) -> bool | None:
        v = self.get(key)
        if v is None:
            return None
        if not isinstance(v, bool):
            raise self.fail(key, v, "must be true or false", f"write `{key}: true` or `false`")
        return v

    def str_(self, key: str) -> str | None:
        v = self.get(key)
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, str | int | float):
            raise self.fail(key, v, "must be text", f"write `{key}: VALUE`")
        return str(v)

    def strs(self, key: str) -> list[str] | None:
        """A list of text (a single string is a list of one)."""
        v = self.get(key)
        if v is None:
            return None
        if isinstance(v, str):
            return [v]
        if not isinstance(v, list) or not all(
            isinstance(x, str | int) and not isinstance(x, bool) for x in v
        ):
            raise self.fail(key, v, "must be a list of text", f'write `{key}: ["a", "b"]`')
        return [str(x) for x in v]

    def words(self, key: str) -> list[str] | None:
        """A command: a list, or a string split the way a shell splits it."""
        v = self.get(key)
        if v is None:
            return None
        if isinstance(v, str):
            try:
                return shlex.split(v)
            except ValueError as exc:
                raise self.fail(
                    key, v, f"cannot be split into words ({exc})", "write it as a list"
                ) from None
        return self.strs(key)

    def duration(self, key: str) -> int | None:
        """Seconds of a Go duration (`6s`, `1m30s`, `2m`) or a plain number of seconds."""
        v = self.get(key)
        if v is None:
            return None
        seconds = parse_duration(v)
        if seconds is None:
            raise self.fail(
                key, v, "is not a duration", f"write it like 30s, 2m or 1m30s (`{key}: 30s`)"
            )
        return seconds


def parse_duration(value: Any) -> int | None:
    """Whole seconds (rounded up) of a Go duration or a number; None when it is neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(-(-value // 1)) if value >= 0 else None
    if not isinstance(value, str) or not value:
        return None
    text = value.strip()
    if (m := _MS_RE.match(text)) is not None:
        return -(-int(m.group(1)) // 1000)
    m = _DURATION_RE.match(text)
    if m is None or not any(m.groups()):
        return None
    h, mi, s = (float(g) if g else 0.0 for g in m.groups())
    total = h * 3600 + mi * 60 + s
    return int(-(-total // 1))
