"""Is a post-apply plan empty? The check, and the few known emulator differences it accepts.

Rules (each one a test in tests/e2e/test_idempotency_check.py, on synthetic plans):
- any action other than no-op, read or an in-place update fails: no quirk allows a
  replacement, a create or a delete;
- every attribute that differs in an update, with a known or an unknown value, must itself be
  a quirk of that resource type: a quirk on one attribute never excuses another;
- the quirks a run shows must be exactly those expected for that project
  (`expected_quirks`), so a quirk that stops showing (fixed in the emulator or the modules)
  fails instead of lingering;
- every quirk names its canary in tests/e2e/test_quirks.py, a test that shows the emulator
  really still differs there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Quirk:
    """An attribute the emulator reads back differently although the resource is as asked."""

    why: str
    canary: str  # test function in tests/e2e/test_quirks.py
    # Only projects with this feature show it (None: every project with the resource type).
    when: str | None = None


# resource type → top-level attribute → Quirk. Keep it to what is truly cosmetic; the strict
# emulator layer (ecs_wizard.emulator.strict) fixed everything else that used to be here.
IDEMPOTENCY_QUIRKS: dict[str, dict[str, Quirk]] = {}


def _diff_paths(before: Any, after: Any, unknown: Any, path: str = "") -> list[tuple[str, bool]]:
    """(path, is_unknown) for every leaf that differs; lists compared element-wise."""
    if unknown is True:
        return [(path, True)]
    if isinstance(before, dict) and isinstance(after, dict):
        out: list[tuple[str, bool]] = []
        for key in sorted(set(before) | set(after)):
            sub = unknown.get(key) if isinstance(unknown, dict) else None
            out += _diff_paths(
                before.get(key), after.get(key), sub, f"{path}.{key}" if path else key
            )
        return out
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        out = []
        for i, (b, a) in enumerate(zip(before, after, strict=True)):
            sub = unknown[i] if isinstance(unknown, list) and i < len(unknown) else None
            out += _diff_paths(b, a, sub, f"{path}[{i}]")
        return out
    if before != after and not (before in (None, "", [], {}) and after in (None, "", [], {})):
        return [(path, False)]
    return []


def _top(path: str) -> str:
    return path.split(".")[0].split("[")[0]


def _changes(plan: dict) -> list[dict]:
    return [
        rc
        for rc in plan.get("resource_changes", [])
        if rc["change"]["actions"] not in (["no-op"], ["read"])
    ]


def unexplained_changes(plan: dict) -> list[str]:
    """Changes in a post-apply plan that no known quirk explains (must be empty)."""
    problems = []
    for rc in _changes(plan):
        change = rc["change"]
        actions = change["actions"]
        if actions != ["update"]:
            replace = sorted(".".join(map(str, p)) for p in change.get("replace_paths") or [])
            problems.append(
                f"{rc['address']}: {actions}"
                + (f" (replace_paths {replace})" if replace else "")
                + " - a post-apply plan may only update in place"
            )
            continue
        quirks = IDEMPOTENCY_QUIRKS.get(rc["type"], {})
        diffs = _diff_paths(change["before"], change["after"], change.get("after_unknown"))
        bad = [
            p + (" (known after apply)" if unk else "") for p, unk in diffs if _top(p) not in quirks
        ]
        if bad or not diffs:
            problems.append(f"{rc['address']}: update of {bad or 'nothing visible'}")
    return problems


def quirks_seen(plan: dict) -> set[str]:
    """'type.attribute' of every quirk an in-place update in the plan shows."""
    seen = set()
    for rc in _changes(plan):
        if rc["change"]["actions"] != ["update"]:
            continue
        change = rc["change"]
        for path, _unk in _diff_paths(
            change["before"], change["after"], change.get("after_unknown")
        ):
            if _top(path) in IDEMPOTENCY_QUIRKS.get(rc["type"], {}):
                seen.add(f"{rc['type']}.{_top(path)}")
    return seen


def expected_quirks(plan: dict, features: set[str]) -> set[str]:
    """The quirks a re-plan of this project must show: those of its resource types whose
    feature (if any) the project has."""
    types = {rc["type"] for rc in plan.get("resource_changes", [])}
    return {
        f"{rtype}.{attr}"
        for rtype, attrs in IDEMPOTENCY_QUIRKS.items()
        if rtype in types
        for attr, quirk in attrs.items()
        if quirk.when is None or quirk.when in features
    }


def idempotency_report(plan: dict, features: set[str]) -> list[str]:
    """Everything wrong with a post-apply plan: unexplained changes and stale quirks."""
    problems = unexplained_changes(plan)
    stale = expected_quirks(plan, features) - quirks_seen(plan)
    problems += [
        f"quirk {q} did not show: the emulator or the modules no longer differ there; "
        "remove it from IDEMPOTENCY_QUIRKS (and its canary)"
        for q in sorted(stale)
    ]
    return problems
