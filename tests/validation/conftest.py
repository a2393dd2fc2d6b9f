"""Fixtures for the validation tests."""

from __future__ import annotations

from typing import Any

import pytest

from tests.answers_fixtures import base_answers as _base_answers


@pytest.fixture
def base_answers() -> dict[str, Any]:
    """A fresh copy of the shared base answers (tests/answers_fixtures.py)."""
    return _base_answers()


@pytest.fixture(autouse=True)
def _every_issue_has_a_registered_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every issue the validator produces in these tests carries a registered rule id whose
    severity is the issue's own."""
    from ecs_wizard.validation import engine
    from ecs_wizard.validation.registry import REGISTRY

    def checked(issues: list[Any]) -> None:
        for issue in issues:
            assert issue.rule in REGISTRY, issue
            assert REGISTRY[issue.rule].severity == issue.severity, issue

    real_answers, real_translate = engine.validate_answers, engine.translate
    real_top = engine.top_level_issue

    def validate_answers(answers: Any) -> Any:
        result = real_answers(answers)
        checked(result.issues)
        return result

    def translate(err: Any) -> Any:
        issue = real_translate(err)
        checked([issue])
        return issue

    def top_level_issue(data: Any) -> Any:
        issue = real_top(data)
        checked([issue])
        return issue

    monkeypatch.setattr(engine, "validate_answers", validate_answers)
    monkeypatch.setattr(engine, "translate", translate)
    monkeypatch.setattr(engine, "top_level_issue", top_level_issue)
