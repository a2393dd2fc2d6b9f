"""Helpers for the validation tests: the shared base answers and issues grouped by path."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from ecs_wizard.validation import Issue, validate_data
from tests.answers_fixtures import CERT, answers_with

__all__ = [
    "CERT",
    "Change",
    "check_rule_ids",
    "data",
    "error_at",
    "errors",
    "is_ok",
    "mutated",
    "rule_ids",
    "warnings",
]

data = answers_with


def errors(d: dict[str, Any]) -> dict[str, list[str]]:
    """Error messages by path."""
    out: dict[str, list[str]] = {}
    for i in validate_data(d).errors:
        out.setdefault(i.path, []).append(i.message)
    return out


def warnings(d: dict[str, Any]) -> dict[str, list[str]]:
    """Warning messages by path."""
    out: dict[str, list[str]] = {}
    for i in validate_data(d).warnings:
        out.setdefault(i.path, []).append(i.message)
    return out


def rule_ids(d: dict[str, Any]) -> set[tuple[str, str]]:
    """(path, rule id) of every issue."""
    return {(i.path, i.rule) for i in validate_data(d).issues}


def error_at(d: dict[str, Any], path: str) -> Issue:
    """The single error at exactly `path`; it must carry a fix."""
    found = [i for i in validate_data(d).errors if i.path == path]
    assert len(found) == 1, validate_data(d).errors
    assert found[0].fix
    return found[0]


def is_ok(d: dict[str, Any]) -> bool:
    r = validate_data(d)
    assert r.ok, r.errors
    return True


Change = dict[str, Any] | Callable[[dict[str, Any]], None]


def mutated(change: Change) -> dict[str, Any]:
    """The base answers with `change` applied: path changes, or a function editing the dict.

    The values are copied: a row of a RULE_IDS table (built once, at import) may hold whole
    sections, and a caller that edits the result (test_messages' name breakers) must not edit
    the row for the next test, nor for a second run in the same process (mutmut's)."""
    if callable(change):
        d = data()
        change(d)
        return d
    return data(**copy.deepcopy(change))


def check_rule_ids(change: Change, expected: list[tuple[str, str]]) -> None:
    """The mutated answers report (at least) the expected (path, rule id) issues."""
    found = rule_ids(mutated(change))
    assert set(expected) <= found, found
