"""Hypothesis profiles: `ci` (the default, fast) and `deep`, chosen with the environment
variable ECS_WIZARD_HYPOTHESIS (e.g. `ECS_WIZARD_HYPOTHESIS=deep pytest tests/validation`).

Tests that draw answers leave max_examples to the profile; tests whose every example runs
terraform (seconds each) take theirs from `budget(ci=..., deep=...)`.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

ENV = "ECS_WIZARD_HYPOTHESIS"
PROFILES = {
    "ci": {"max_examples": 40},
    "deep": {"max_examples": 1000},
}


def current() -> str:
    name = os.environ.get(ENV, "ci")
    if name not in PROFILES:
        raise ValueError(f"{ENV}={name!r}: use one of {', '.join(PROFILES)}")
    return name


def register() -> None:
    """Register and load the profile named by the environment (called by tests/conftest.py)."""
    for name, values in PROFILES.items():
        settings.register_profile(
            name,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
            print_blob=True,
            **values,
        )
    settings.load_profile(current())


def budget(*, ci: int, deep: int) -> int:
    """max_examples for a test whose examples are expensive."""
    return deep if current() == "deep" else ci
