"""Attribute-level diff of one resource change.

Walks `before`/`after` together with `after_unknown`, `before_sensitive`/`after_sensitive`
and `replace_paths`, producing flat AttrDiff rows. Sensitive values are never put into an
AttrDiff: only the fact that they changed. Long JSON strings (container definitions, IAM
policies) and multi-line strings get a line-by-line unified diff.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any, Protocol

from ecs_wizard.model.paths import format_path
from ecs_wizard.plan.actions import Action
from ecs_wizard.plan.values import (
    NO_SECRETS,
    SENSITIVE,
    UNKNOWN,
    CountingRedactor,
    Redactor,
    display,
    indented_json,
    masked,
    redact,
    redactor_for,
    safe,
)

__all__ = [
    "SENSITIVE",
    "UNKNOWN",
    "AttrDiff",
    "display",
    "format_path",
    "line_diff",
    "redact",
    "resource_diff",
]

#: Strings at least this long that parse as JSON objects/arrays are diffed line by line.
LONG_JSON_MIN = 40
_MISSING = object()


@dataclass(frozen=True)
class AttrDiff:
    path: str
    kind: str  # "add" | "remove" | "change" | "unknown"
    before: str | None  # display text (already masked); None when absent
    after: str | None
    sensitive: bool = False
    forces_replacement: bool = False
    lines: tuple[str, ...] | None = None  # unified diff body for long JSON / multi-line text

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "path": self.path,
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
            "sensitive": self.sensitive,
            "forces_replacement": self.forces_replacement,
        }
        if self.lines is not None:
            d["lines"] = list(self.lines)
        return d


def _sub(mask: Any, key: Any) -> Any:
    """Descend into a sensitive/unknown mask: True propagates, containers are indexed."""
    if mask is True:
        return True
    if isinstance(mask, dict):
        return mask.get(key)
    if isinstance(mask, list) and isinstance(key, int) and 0 <= key < len(mask):
        return mask[key]
    return None


def _parse_json_blob(value: Any) -> Any:
    if not isinstance(value, str) or len(value) < LONG_JSON_MIN:
        return _MISSING
    s = value.lstrip()
    if not s or s[0] not in "[{":
        return _MISSING
    try:
        return json.loads(value)
    except ValueError:
        return _MISSING


def _blob_lines(value: Any, redactor: Redactor = NO_SECRETS, parsed: Any = None) -> list[str]:
    """The lines a value is diffed as: JSON re-indented, text split at newlines. Secrets are
    redacted in the whole value first (a PEM key split into lines no longer matches).
    `parsed` is `_parse_json_blob(value)` when the caller has it already."""
    if value is None or value is _MISSING:
        return []
    if parsed is None:
        parsed = _parse_json_blob(value)
    if parsed is not _MISSING:
        text = indented_json(parsed)
        return [safe(line) for line in redactor(text).splitlines()]
    if isinstance(value, str):
        return [safe(line) for line in redactor(value).splitlines()]
    return [display(value, redactor)]


def _unified_range(start: int, length: int) -> str:
    """A hunk range as difflib writes it (`1`, `1,4`, `0,0`)."""
    if length == 1:
        return str(start + 1)
    return f"{start if length == 0 else start + 1},{length}"


def unified_body(a: list[str], b: list[str], context: int = 3) -> tuple[str, ...]:
    """difflib's unified diff of two line lists without its ---/+++ header.

    A created or destroyed value (one side empty, most long JSON in a plan) is a single hunk
    of added or removed lines: written out directly, since building difflib's matcher costs
    more than the lines themselves (tests check both paths give the same output)."""
    if not a or not b:
        if not a and not b:
            return ()
        sign, lines = ("+", b) if b else ("-", a)
        head = f"@@ -{_unified_range(0, len(a))} +{_unified_range(0, len(b))} @@"
        return (head, *(sign + line for line in lines))
    out = list(difflib.unified_diff(a, b, lineterm="", n=context))
    return tuple(out[2:])  # the ---/+++ header; never a content line that starts alike


def line_diff(
    before: Any, after: Any, context: int = 3, redactor: Redactor = NO_SECRETS
) -> tuple[str, ...]:
    """Unified diff body (no ---/+++ header) of two long JSON / multi-line strings."""
    return unified_body(_blob_lines(before, redactor), _blob_lines(after, redactor), context)


def _multiline(value: Any) -> bool:
    return isinstance(value, str) and value.count("\n") >= 2


class _Walker:
    def __init__(self, replace_paths: list[list[Any]], redactor: Redactor) -> None:
        self.replace_paths = [tuple(p) for p in replace_paths if isinstance(p, list)]
        self.rows: list[AttrDiff] = []
        self.redactor = CountingRedactor(redactor)

    def redact(self, text: str | None) -> tuple[str | None, bool]:
        if text is None:
            return text, False
        return self.redactor.text(text)

    def show(self, value: Any, mask: Any) -> str:
        """Display text of a value: sensitive parts masked, known secrets redacted."""
        return display(masked(value, mask), self.redactor)

    def forces(self, path: tuple[Any, ...]) -> bool:
        for rp in self.replace_paths:
            n = min(len(rp), len(path))
            if rp[:n] == path[:n]:
                return True
        return False

    def emit(self, path, kind, before, after, sensitive=False, lines=None) -> None:
        # `before`, `after` and `lines` were redacted whole by `show` / `line_diff` (before any
        # cut or split); the path holds map keys, which may be copies too.
        shown_path, hit_p = self.redact(format_path(path, quote_keys=True))
        sensitive = self.redactor.take_hit() or sensitive or hit_p
        self.rows.append(
            AttrDiff(
                path=safe(shown_path or ""),
                kind=kind,
                before=before,
                after=after,
                sensitive=sensitive,
                forces_replacement=self.forces(path),
                lines=lines,
            )
        )

    def walk(self, path, before, after, unknown, bsens, asens) -> None:
        is_unknown = unknown is True
        sensitive = bsens is True or asens is True
        if sensitive:
            # Never display the value, only whether it changes.
            has_before = before is not _MISSING and before is not None
            has_after = is_unknown or (after is not _MISSING and after is not None)
            if not has_before and not has_after:
                return
            if has_before and has_after and not is_unknown and before == after:
                return
            kind = "change" if has_before and has_after else ("add" if has_after else "remove")
            self.emit(
                path,
                kind,
                SENSITIVE if has_before else None,
                (UNKNOWN if is_unknown else SENSITIVE) if has_after else None,
                sensitive=True,
            )
            return
        if is_unknown:
            b = None if before is _MISSING or before is None else self.show(before, bsens)
            self.emit(path, "unknown", b, UNKNOWN)
            return
        b_dict, a_dict = isinstance(before, dict), isinstance(after, dict)
        b_list, a_list = isinstance(before, list), isinstance(after, list)
        absent = (_MISSING, None)
        if (b_dict or before in absent) and (a_dict or after in absent) and (b_dict or a_dict):
            bd = before if b_dict else {}
            ad = after if a_dict else {}
            keys = list(bd) + [k for k in ad if k not in bd]
            if isinstance(unknown, dict):
                keys += [k for k in unknown if k not in bd and k not in ad]
            for k in keys:
                self.walk(
                    (*path, k),
                    bd.get(k, _MISSING),
                    ad.get(k, _MISSING),
                    _sub(unknown, k),
                    _sub(bsens, k),
                    _sub(asens, k),
                )
            return
        if (b_list or before in absent) and (a_list or after in absent) and (b_list or a_list):
            bl = before if b_list else []
            al = after if a_list else []
            n = max(len(bl), len(al), len(unknown) if isinstance(unknown, list) else 0)
            for i in range(n):
                self.walk(
                    (*path, i),
                    bl[i] if i < len(bl) else _MISSING,
                    al[i] if i < len(al) else _MISSING,
                    _sub(unknown, i),
                    _sub(bsens, i),
                    _sub(asens, i),
                )
            return
        b_absent = before is _MISSING or before is None
        a_absent = after is _MISSING or after is None
        if b_absent and a_absent:
            return
        if not b_absent and not a_absent and before == after:
            return
        kind = "add" if b_absent else ("remove" if a_absent else "change")
        lines = None
        parsed_b, parsed_a = _parse_json_blob(before), _parse_json_blob(after)
        if (
            parsed_b is not _MISSING
            or parsed_a is not _MISSING
            or _multiline(before)
            or (_multiline(after))
        ):
            lines = unified_body(
                _blob_lines(before, self.redactor, parsed_b),
                _blob_lines(after, self.redactor, parsed_a),
            )
        self.emit(
            path,
            kind,
            None if b_absent else self.show(before, bsens),
            None if a_absent else self.show(after, asens),
            lines=lines,
        )


class Change(Protocol):
    """What the diff reads of a resource change (model.ResourceChange provides it)."""

    action: Action
    before: Any
    after: Any
    after_unknown: Any
    before_sensitive: Any
    after_sensitive: Any
    replace_paths: list[list[Any]]
    known_secrets: frozenset[str]


def resource_diff(rc: Change) -> list[AttrDiff]:
    """Attribute diff rows for one resource change.

    Creates list every known attribute being set (plus those known after apply); deletes list
    nothing (the whole object goes); updates/replacements list exactly what changes.
    """
    if rc.action is Action.DELETE:
        return []
    before = rc.before if rc.action is not Action.CREATE else None
    w = _Walker(rc.replace_paths, redactor_for(rc.known_secrets))
    w.walk(
        (),
        before if before is not None else _MISSING,
        rc.after if rc.after is not None else _MISSING,
        rc.after_unknown,
        rc.before_sensitive,
        rc.after_sensitive,
    )
    return w.rows
