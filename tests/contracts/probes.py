"""Compare a Python regex with a module's regex on the same inputs."""

from __future__ import annotations

import re
from collections.abc import Iterable


def accepted(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.fullmatch(text) is not None


def python_accepts_only_what_the_module_accepts(
    python: re.Pattern[str], module: re.Pattern[str], probes: Iterable[str]
) -> list[str]:
    """Probes the Python side lets through but the module refuses at plan time."""
    return [p for p in probes if accepted(python, p) and not accepted(module, p)]


def disagreements(
    python: re.Pattern[str], module: re.Pattern[str], probes: Iterable[str]
) -> list[str]:
    """Probes on which the two patterns give different verdicts."""
    return [p for p in probes if accepted(python, p) != accepted(module, p)]


def around(length: int, chars: str = "a") -> list[str]:
    """Strings one shorter than, exactly, and one longer than LENGTH."""
    return [chars * n for n in (length - 1, length, length + 1) if n > 0]
