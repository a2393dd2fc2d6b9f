"""Widget ids derived from draft paths, so screens and tests can find a path's widget."""

from __future__ import annotations

import re


def path_id(path: str) -> str:
    """`services[0].name` -> `f-services-0--name`: a valid, stable DOM id for the path."""
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", path)
