"""Field values as text, for every front end: typed text -> draft value and back, and one
issue as a line of text.

The Textual wizard and the questionary prompt both use these, so this module imports
neither: the prompt mode must not pay for (or depend on) Textual.
"""

from __future__ import annotations

import re
from typing import Any

#: The integers an answers file accepts (yamlio): no leading zeros, so `0120` means the same
#: (an error) in the wizard as in a file.
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


def parse_value(kind: str, text: str) -> Any:
    """Text typed into a field -> draft value. Empty -> None (the key is removed so the
    model's default applies). Text that is not a valid int is kept as typed so the model
    reports it with its own message."""
    text = text.strip()
    if not text:
        return None
    if kind == "int":
        return int(text) if _INT.fullmatch(text) else text
    if kind == "list":
        return [p.strip() for p in text.split(",") if p.strip()]
    if kind in ("dict", "dictlist"):
        out: dict[str, Any] = {}
        for item in text.split(","):
            if not item.strip():
                continue
            key, _, value = item.partition("=")
            value = value.strip()
            if kind == "dictlist":
                out[key.strip()] = [v.strip() for v in value.split("|") if v.strip()]
            else:
                out[key.strip()] = value
        return out
    if kind == "cmd":
        return ["CMD-SHELL", text]
    if kind == "argv":  # a command line, split as a shell would (quotes keep spaces)
        import shlex

        try:
            return shlex.split(text)
        except ValueError:
            return text  # an unclosed quote: kept as typed, the model reports it
    return text


def format_value(kind: str, value: Any) -> str:
    """A draft value as the text a field shows (the inverse of `parse_value`)."""
    if value is None:
        return ""
    if kind == "list" and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if kind in ("dict", "dictlist") and isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if isinstance(item, list):
                item = "|".join(str(v) for v in item)
            parts.append(f"{key}={item}")
        return ", ".join(parts)
    if kind == "argv" and isinstance(value, list):
        import shlex

        return shlex.join(str(v) for v in value)
    if kind == "cmd" and isinstance(value, list):
        if len(value) == 2 and value[0] == "CMD-SHELL":
            return str(value[1])
        return " ".join(str(v) for v in value[1:])
    return str(value)


def format_issue(issue: Any, *, with_path: bool = True) -> str:
    """One validation issue as one line: `path: message — fix`."""
    text = f"{issue.message}"
    fix = getattr(issue, "fix", "")
    if fix:
        text += f" — {fix}"
    if with_path and issue.path:
        text = f"{issue.path}: {text}"
    return text
