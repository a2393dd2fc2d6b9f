"""`validation: {ignore: [...]}` silences warnings by id; errors cannot be silenced."""

from __future__ import annotations

import pytest

from ecs_wizard.validation import validate_data
from tests.validation.helpers import check_rule_ids, data, errors, warnings

SHADOWED = [
    {"name": "api", "priority": 10, "service": "api", "paths": ["/api/*"]},
    {"name": "v2", "priority": 20, "service": "web", "paths": ["/api/v2/*"]},
]


def _shadowed() -> dict:
    return data(**{"routing": SHADOWED})


def test_a_warning_is_silenced_by_its_id_and_only_that_one():
    assert "routing[1]" in warnings(_shadowed())
    d = _shadowed()
    d["validation"] = {"ignore": ["W-ROUTING-SHADOW"]}
    r = validate_data(d)
    assert r.ok and not r.warnings, r.issues
    d["services"][0]["enable_execute_command"] = True
    assert [(i.path, i.rule) for i in validate_data(d).warnings] == [
        ("services[0].enable_execute_command", "W-SERVICES-EXEC")
    ]


def test_an_unknown_id_is_an_error_with_a_suggestion():
    d = data(**{"routing": SHADOWED})
    d["validation"] = {"ignore": ["W-ROUTING-SHADOW", "W-ROUTING-SHADOWS"]}
    (issue,) = validate_data(d).errors
    assert (issue.path, issue.rule) == ("validation.ignore[1]", "E-VALIDATION-IGNORE")
    assert "did you mean `W-ROUTING-SHADOW`?" in issue.fix
    assert issue.value == "W-ROUTING-SHADOWS"


def test_errors_cannot_be_silenced():
    d = data(**{"routing[1].priority": 10})
    d["validation"] = {"ignore": ["E-ROUTING-PRIORITY"]}
    e = errors(d)
    assert "routing[1].priority" in e
    assert e["validation.ignore[0]"] == [
        "`E-ROUTING-PRIORITY` is an error: errors cannot be silenced, only warnings"
    ]


@pytest.mark.parametrize(
    ("validation", "path"),
    [
        ({"ignore": "W-ROUTING-SHADOW"}, "validation.ignore"),
        ({"ignores": []}, "validation.ignores"),
    ],
)
def test_the_settings_are_shaped_like_the_rest_of_the_answers(validation, path):
    d = data()
    d["validation"] = validation
    assert path in errors(d)


def test_an_empty_ignore_list_changes_nothing():
    d = data()
    d["validation"] = {"ignore": []}
    r = validate_data(d)
    assert r.ok and not r.warnings
    assert r.answers is not None and "validation" in r.answers.to_data()


RULE_IDS = [
    (
        {"validation": {"ignore": ["W-NOPE"]}},
        [("validation.ignore[0]", "E-VALIDATION-IGNORE")],
    ),
]


@pytest.mark.parametrize(("change", "expected"), RULE_IDS)
def test_rule_ids(change, expected):
    check_rule_ids(change, expected)
