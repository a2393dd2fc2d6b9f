"""Shape errors: pydantic's errors translated into issues at exact paths, with a fix.

Phase one of validation. The model reports every shape problem at once (unknown keys with a
"did you mean", missing keys, wrong types); each kind of problem has its own rule id.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel

from ecs_wizard.model.answers import Answers
from ecs_wizard.model.paths import format_path
from ecs_wizard.model.suggest import suggest
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.registry import register

_SCHEMA_DOC = "https://json-schema.org/understanding-json-schema/reference/object"

register(
    "E-FILE-READ",
    "error",
    "The answers file can be read and parsed as YAML",
    "https://yaml.org/spec/1.2.2/",
    tags=("shape",),
)
for _id, _title in (
    ("E-SHAPE-TOP-LEVEL", "The answers file is a mapping"),
    ("E-SHAPE-UNKNOWN-KEY", "Only known keys (did you mean ...?)"),
    ("E-SHAPE-MISSING", "Required keys are present"),
    ("E-SHAPE-CHOICE", "The value is one of the allowed choices"),
    ("E-SHAPE-RANGE", "Numbers are within their bounds"),
    ("E-SHAPE-TOO-SHORT", "Lists have their minimum number of items"),
    ("E-SHAPE-TYPE", "Values have the right type"),
    ("E-SHAPE-INVALID", "Values pass the model's own checks"),
    ("E-SHAPE-PATH", "A field edited live exists in the answers"),
):
    register(_id, "error", _title, _SCHEMA_DOC, tags=("shape",))


def _issue(rule: str, path: str, message: str, fix: str = "", value: Any = None) -> Issue:
    return Issue(path, message, fix, value, "error", rule)


def top_level_issue(data: Any) -> Issue:
    """The issue for answers that are not a mapping at all."""
    kind = "empty" if data is None else f"a {type(data).__name__}"
    return _issue(
        "E-SHAPE-TOP-LEVEL",
        "(top level)",
        f"the answers file is {kind}, expected a mapping",
        "start from `ecs-wizard` examples (version: 1, project:, network:, services:)",
    )


def _unwrap(tp: Any) -> Any:
    """Strip Optional / Union[..., None]."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
    return tp


def _type_at(loc: tuple[str | int, ...]) -> Any:
    """The declared type at `loc` (walking models, lists and dicts), or None if unknown."""
    tp: Any = Answers
    for part in loc:
        tp = _unwrap(tp)
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if not isinstance(part, str) or part not in tp.model_fields:
                return None
            tp = tp.model_fields[part].annotation
        elif origin is list and isinstance(part, int):
            tp = typing.get_args(tp)[0]
        elif origin is dict and isinstance(part, str):
            tp = typing.get_args(tp)[1]
        else:
            return None
    return _unwrap(tp)


def _field_description(loc: tuple[str | int, ...]) -> str:
    parent = _type_at(loc[:-1])
    if isinstance(parent, type) and issubclass(parent, BaseModel) and isinstance(loc[-1], str):
        f = parent.model_fields.get(loc[-1])
        if f is not None and f.description:
            return f.description
    return ""


_TYPE_WORDS = {
    "int": "a whole number",
    "bool": "true or false",
    "str": "a text string",
    "list": "a list",
    "dict": "a mapping (key: value pairs)",
    "model": "a mapping (key: value pairs)",
}


_TRUE_WORDS = frozenset({"yes", "y", "on"})
_YAML11_BOOLS = _TRUE_WORDS | {"no", "n", "off"}


def _int_example(loc: tuple[str | int, ...]) -> int:
    """A number that fits the field, for fixes: its default, 80 for a port, else 1."""
    parent = _type_at(loc[:-1]) if loc else None
    if isinstance(parent, type) and issubclass(parent, BaseModel) and isinstance(loc[-1], str):
        f = parent.model_fields.get(loc[-1])
        if f is not None and isinstance(f.default, int) and not isinstance(f.default, bool):
            return f.default
    return 80 if loc and "port" in str(loc[-1]) else 1


def _kind(err_type: str) -> str | None:
    for prefix in ("int", "bool", "string", "list", "dict", "model"):
        if err_type.startswith(prefix):
            return "str" if prefix == "string" else prefix
    return None


def translate(err: dict[str, Any]) -> Issue:
    """The issue for one pydantic error."""
    loc = tuple(err["loc"])
    path = format_path(loc)
    etype = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if etype == "extra_forbidden":
        key = str(loc[-1])
        parent = _type_at(loc[:-1])
        allowed = list(parent.model_fields) if isinstance(parent, type) else []
        best = suggest(key, allowed)
        fix = f"did you mean `{best}`?" if best else "remove it"
        if allowed:
            fix += f" (allowed keys here: {', '.join(allowed)})"
        return _issue("E-SHAPE-UNKNOWN-KEY", path, f"unknown key `{key}`", fix, value)
    if etype == "missing":
        key = str(loc[-1]) if loc else "?"
        desc = _field_description(loc)
        fix = f"add `{key}:`" + (f" ({desc})" if desc else "")
        return _issue("E-SHAPE-MISSING", path, f"`{key}` is required", fix)
    if etype == "literal_error":
        expected = ctx.get("expected", "")
        options = re.findall(r"'([^']*)'|(\d+)", str(expected))
        opts = [a or b for a, b in options]
        best = suggest(str(value), opts)
        fix = f"did you mean `{best}`?" if best else f"use one of: {', '.join(opts)}"
        return _issue("E-SHAPE-CHOICE", path, f"must be one of: {', '.join(opts)}", fix, value)
    if etype in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        op = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤"}.get(
            etype, "<"
        )
        bound = next(iter(ctx.values()), "?")
        return _issue(
            "E-SHAPE-RANGE", path, f"must be {op} {bound}", f"use a value {op} {bound}", value
        )
    if etype == "too_short":
        n = ctx.get("min_length", 1)
        return _issue(
            "E-SHAPE-TOO-SHORT",
            path,
            f"needs at least {n} item(s)",
            f"add at least {n} entry",
            value,
        )
    if etype in ("int_from_float", "int_parsing_size"):
        return _issue(
            "E-SHAPE-TYPE", path, "must be a whole number", "remove the decimal part", value
        )
    kind = _kind(etype)
    if kind is not None:
        what = _TYPE_WORDS[kind]
        fixes = {
            "int": f"write a number without quotes, e.g. {_int_example(loc)}",
            "bool": "write true or false",
            "str": 'quote the value, e.g. "1.0"',
            "list": "write a YAML list, e.g. [a, b] or one `- item` per line",
            "dict": "write `key: value` pairs indented under this key",
            "model": "write `key: value` pairs indented under this key",
        }
        fix = fixes[kind]
        if isinstance(value, str) and value.lower() in _YAML11_BOOLS:
            # YAML 1.1 read these as booleans (and a number field then took True as 1).
            if kind == "int":
                fix = f"`{value}` is not a number: write {_int_example(loc)}"
            elif kind == "bool":
                fix = f"write {'true' if value.lower() in _TRUE_WORDS else 'false'}"
        return _issue("E-SHAPE-TYPE", path or "(top level)", f"must be {what}", fix, value)
    return _issue(
        "E-SHAPE-INVALID", path, err.get("msg", "invalid value"), "check the value", value
    )
