"""How plan values read: display text, masks for sensitive parts, and secret redaction.

A leaf of the plan package (imports none of its modules): the model, the attribute diff and
the renderers all mask and display values the same way through it.
"""

from __future__ import annotations

import json
from typing import Any

SENSITIVE = "(sensitive value)"
UNKNOWN = "(known after apply)"
NULL = "null"

#: Compact displays of containers are cut at this length.
MAX_INLINE = 120


def display(value: Any) -> str:
    """Compact, single-line display of a (non-sensitive) value."""
    if value is None:
        return NULL
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))
    if len(text) > MAX_INLINE:
        text = text[: MAX_INLINE - 1] + "…"
    return text


def masked(value: Any, mask: Any) -> Any:
    """A copy of `value` with every part marked sensitive in `mask` replaced by a marker."""
    if mask is True:
        return SENSITIVE
    if isinstance(value, dict) and isinstance(mask, dict) and mask:
        return {k: masked(v, mask.get(k)) for k, v in value.items()}
    if isinstance(value, list) and isinstance(mask, list) and mask:
        return [masked(v, mask[i] if i < len(mask) else None) for i, v in enumerate(value)]
    return value


def secret_forms(secrets: frozenset[str] | list[str]) -> list[str]:
    """Each secret raw and JSON-escaped (as it appears inside JSON strings), longest first."""
    forms = {f for secret in secrets for f in (secret, json.dumps(secret)[1:-1]) if f}
    return sorted(forms, key=len, reverse=True)


def redact(text: str, secrets: frozenset[str] | list[str], forms: list[str] | None = None) -> str:
    """Replace every occurrence of a known secret (raw or JSON-escaped) with the marker."""
    for form in secret_forms(secrets) if forms is None else forms:
        if form in text:
            text = text.replace(form, SENSITIVE)
    return text


#: Shorter sensitive values are not used for defensive redaction (too many false hits).
MIN_SECRET_LEN = 4


def _collect_secrets(value: Any, mask: Any, out: set[str]) -> None:
    """Add the scalar values of `value` that `mask` marks sensitive to `out`."""
    if mask is True:
        if isinstance(value, dict):
            for v in value.values():
                _collect_secrets(v, True, out)
        elif isinstance(value, list):
            for v in value:
                _collect_secrets(v, True, out)
        elif value is not None and not isinstance(value, bool):
            text = str(value)
            if len(text) >= MIN_SECRET_LEN:
                out.add(text)
    elif isinstance(mask, dict) and isinstance(value, dict):
        for k, m in mask.items():
            if m:
                _collect_secrets(value.get(k), m, out)
    elif isinstance(mask, list) and isinstance(value, list):
        for i, m in enumerate(mask):
            if m and i < len(value):
                _collect_secrets(value[i], m, out)


def plan_secrets(data: dict[str, Any]) -> frozenset[str]:
    """All values the plan JSON marks sensitive: resource attributes, outputs, variables."""
    out: set[str] = set()
    for key in ("resource_changes", "resource_drift"):
        for rc in data.get(key) or ():
            ch = rc.get("change") if isinstance(rc, dict) else None
            if isinstance(ch, dict):
                _collect_secrets(ch.get("before"), ch.get("before_sensitive"), out)
                _collect_secrets(ch.get("after"), ch.get("after_sensitive"), out)
    for ch in (data.get("output_changes") or {}).values():
        if isinstance(ch, dict):
            _collect_secrets(ch.get("before"), bool(ch.get("before_sensitive")) or None, out)
            _collect_secrets(ch.get("after"), bool(ch.get("after_sensitive")) or None, out)
    declared = ((data.get("configuration") or {}).get("root_module") or {}).get("variables") or {}
    for name, var in (data.get("variables") or {}).items():
        if isinstance(var, dict) and (declared.get(name) or {}).get("sensitive"):
            _collect_secrets(var.get("value"), True, out)
    return frozenset(out)
