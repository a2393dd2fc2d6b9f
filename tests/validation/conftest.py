"""Fixtures for the validation tests."""

from __future__ import annotations

from typing import Any

import pytest

from tests.answers_fixtures import base_answers as _base_answers


@pytest.fixture
def base_answers() -> dict[str, Any]:
    """A fresh copy of the shared base answers (tests/answers_fixtures.py)."""
    return _base_answers()
