"""Attribute-level diff of one resource change.

Walks `before`/`after` together with `after_unknown`, `before_sensitive`/`after_sensitive`
and `replace_paths`, producing flat AttrDiff rows. Sensitive values are never put into an
AttrDiff: only the fact that they changed. Long JSON strings (container definitions, IAM
policies) and multi-line strings get a line-by-line unified diff.
"""

from __future__ import annotations

import difflib
import json
import re
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
_new = object.__new__


@dataclass(frozen=True)
class AttrDiff:
    path: str
    kind: str  # "add" | "remove" | "change" | "unknown"
    before: str | None  # display text (already masked); None when absent
    after: str | None
    sensitive: bool = False
    forces_replacement: bool = False
    lines: tuple[str, ...] | None = None  # unified diff body for long JSON / multi-line text

    @classmethod
    def make(
        cls,
        path: str,
        kind: str,
        before: str | None,
        after: str | None,
        sensitive: bool,
        forces_replacement: bool,
        lines: tuple[str, ...] | None,
    ) -> AttrDiff:
        """`AttrDiff(...)` without the frozen dataclass's `__init__`, which sets each field
        through `object.__setattr__` (a plan diff makes one row per attribute: this is a
        third of the cost). Same object: equal, hashed and frozen as one made by `__init__`."""
        row = _new(cls)
        d = row.__dict__
        d["path"] = path
        d["kind"] = kind
        d["before"] = before
        d["after"] = after
        d["sensitive"] = sensitive
        d["forces_replacement"] = forces_replacement
        d["lines"] = lines
        return row

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


#: A map key written bare in a path (`tags.env`); any other is quoted (`tags["a b"]`).
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def _step(text: str, part: Any) -> str:
    """`format_path((*path, part), quote_keys=True)` from `text`, that of `path` (the walker
    extends the text a key at a time instead of formatting every row's path from the root;
    a test compares the two)."""
    if isinstance(part, int):
        return f"{text}[{part}]"
    if not _IDENT.match(part):
        return f"{text}[{json.dumps(part)}]"
    return f"{text}.{part}" if text else part


class _Walker:
    #: Whether parts with nothing before (a created resource, an added block) take
    #: `walk_new`, which has no before value to compare (tests turn it off to compare).
    fast_new = True

    def __init__(self, replace_paths: list[list[Any]], redactor: Redactor) -> None:
        self.replace_paths = [tuple(p) for p in replace_paths if isinstance(p, list)]
        self.rows: list[AttrDiff] = []
        self.redactor = CountingRedactor(redactor)

    def show(self, value: Any, mask: Any) -> str:
        """Display text of a value: sensitive parts masked, known secrets redacted."""
        return display(masked(value, mask), self.redactor)

    def forces(self, path: tuple[Any, ...]) -> bool:
        for rp in self.replace_paths:
            n = min(len(rp), len(path))
            if rp[:n] == path[:n]:
                return True
        return False

    def emit(self, path, text, kind, before, after, sensitive=False, lines=None) -> None:
        # `before`, `after` and `lines` were redacted whole by `show` / `line_diff` (before any
        # cut or split); the path (`text`, formatted) holds map keys, which may be copies too.
        redactor = self.redactor
        if redactor:
            shown = redactor.paths.get(text)
            if shown is None:
                redacted, hit = redactor.text(text)
                shown = redactor.paths[text] = (safe(redacted), hit)
            shown_path, hit_p = shown
        else:
            shown_path, hit_p = safe(text), False
        sensitive = redactor.take_hit() or sensitive or hit_p
        self.rows.append(
            AttrDiff.make(
                shown_path,
                kind,
                before,
                after,
                sensitive,
                self.forces(path) if self.replace_paths else False,
                lines,
            )
        )

    def walk(self, path, text, before, after, unknown, bsens, asens) -> None:
        if (
            (before is _MISSING or before is None)
            and bsens is not True
            and not isinstance(bsens, dict | list)
            and self.fast_new
        ):
            # Nothing before, and a before-mask that marks nothing below: what `walk_new`
            # does, without the comparisons.
            self.walk_new(path, text, after, unknown, asens)
            return
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
                text,
                kind,
                SENSITIVE if has_before else None,
                (UNKNOWN if is_unknown else SENSITIVE) if has_after else None,
                sensitive=True,
            )
            return
        if is_unknown:
            b = None if before is _MISSING or before is None else self.show(before, bsens)
            self.emit(path, text, "unknown", b, UNKNOWN)
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
                    _step(text, k),
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
                    _step(text, i),
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
            text,
            kind,
            None if b_absent else self.show(before, bsens),
            None if a_absent else self.show(after, asens),
            lines=lines,
        )

    def walk_new(self, path, text, after, unknown, asens) -> None:
        """`walk` of a part with nothing before it and no before-mask: every row is an
        addition (most of a plan: created resources), so there is nothing to compare."""
        if asens is True:
            if unknown is True:
                self.emit(path, text, "add", None, UNKNOWN, sensitive=True)
            elif after is not _MISSING and after is not None:
                self.emit(path, text, "add", None, SENSITIVE, sensitive=True)
            return
        if unknown is True:
            self.emit(path, text, "unknown", None, UNKNOWN)
            return
        if isinstance(after, dict):
            u_dict = isinstance(unknown, dict)
            for k, v in after.items():
                self.walk_new(
                    (*path, k),
                    _step(text, k),
                    v,
                    (unknown.get(k) if u_dict else _sub(unknown, k)),
                    _sub(asens, k),
                )
            if u_dict:
                for k, u in unknown.items():
                    if k not in after:
                        self.walk_new((*path, k), _step(text, k), _MISSING, u, _sub(asens, k))
            return
        if isinstance(after, list):
            n = max(len(after), len(unknown) if isinstance(unknown, list) else 0)
            for i in range(n):
                self.walk_new(
                    (*path, i),
                    _step(text, i),
                    after[i] if i < len(after) else _MISSING,
                    _sub(unknown, i),
                    _sub(asens, i),
                )
            return
        if after is _MISSING or after is None:
            return
        lines = None
        parsed = _parse_json_blob(after)
        if parsed is not _MISSING or _multiline(after):
            lines = unified_body([], _blob_lines(after, self.redactor, parsed))
        self.emit(path, text, "add", None, self.show(after, asens), lines=lines)


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
        "",
        before if before is not None else _MISSING,
        rc.after if rc.after is not None else _MISSING,
        rc.after_unknown,
        rc.before_sensitive,
        rc.after_sensitive,
    )
    return w.rows
