"""rules/settings.py, edge by edge: validation.ignore lists only known warning ids, with the
exact message, fix and value at each index (issue 14: the mutation run of settings.py)."""

from __future__ import annotations

from typing import Any

from ecs_wizard.validation import validate_data
from tests.validation.helpers import data


def found(d: dict[str, Any]) -> list[tuple[str, str, str, Any]]:
    return [
        (i.path, i.message, i.fix, i.value)
        for i in validate_data(d).issues
        if i.rule == "E-VALIDATION-IGNORE"
    ]


def test_ignore_lists_known_warning_ids_only():
    d = data(
        validation={
            "ignore": [
                "W-ALB-DELETION-PROTECTION",
                "W-ALB-DELETON-PROTECTION",
                "E-NAMES-FORMAT",
                "NOPE",
            ]
        }
    )
    assert found(d) == [
        (
            "validation.ignore[1]",
            "`W-ALB-DELETON-PROTECTION` is not a warning rule id",
            "did you mean `W-ALB-DELETION-PROTECTION`?",
            "W-ALB-DELETON-PROTECTION",
        ),
        (
            "validation.ignore[2]",
            "`E-NAMES-FORMAT` is an error: errors cannot be silenced, only warnings",
            "fix the problem it reports and remove this entry",
            "E-NAMES-FORMAT",
        ),
        (
            "validation.ignore[3]",
            "`NOPE` is not a warning rule id",
            "see docs/rules.md for the ids",
            "NOPE",
        ),
    ]


def test_an_error_id_is_never_suggested():
    d = data(validation={"ignore": ["E-NAMES-FORMAX"]})
    [(_, _, fix, _)] = found(d)
    assert not fix.startswith("did you mean `E-")


def test_no_settings_no_issue():
    assert found(data()) == []
    assert found(data(validation={"ignore": []})) == []
