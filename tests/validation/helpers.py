"""Helpers for the validation tests: the shared base answers and issues grouped by path."""

from __future__ import annotations

from typing import Any

from ecs_wizard.validation import Issue, validate_data
from tests.answers_fixtures import CERT, answers_with

__all__ = ["CERT", "data", "error_at", "errors", "is_ok", "rule_ids", "warnings"]

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
