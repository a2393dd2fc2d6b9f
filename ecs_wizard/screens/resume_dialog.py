"""The resume dialog: which project's draft, at which step, saved when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ecs_wizard.screens.dialogs import ChoiceDialog
from ecs_wizard.screens.steps import STEPS


def describe_draft(meta: dict[str, Any], now: datetime | None = None) -> str:
    """The project, the step and the time of a saved draft, as the dialog says them."""
    name = meta.get("project") or "(no name yet)"
    source = meta.get("source")
    where = str(source) if source else "a new project, not exported yet"
    step = meta.get("step")
    if isinstance(step, int) and 0 <= step < len(STEPS):
        step_text = f"{step + 1}. {STEPS[step].title}"
    else:
        step_text = f"1. {STEPS[0].title}"
    return f"Project: {name} ({where})\nStep:    {step_text}\nSaved:   {_when(meta, now)}"


def _when(meta: dict[str, Any], now: datetime | None) -> str:
    raw = meta.get("saved_at")
    try:
        saved = datetime.fromisoformat(str(raw))
    except ValueError:
        return "unknown (an older draft)"
    local = saved.astimezone()
    now = (now or datetime.now(local.tzinfo)).astimezone(local.tzinfo)
    minutes = int((now - local).total_seconds() // 60)
    if minutes < 1:
        ago = "just now"
    elif minutes < 120:
        ago = f"{minutes} min ago"
    elif minutes < 48 * 60:
        ago = f"{minutes // 60} h ago"
    else:
        ago = f"{minutes // (24 * 60)} days ago"
    return f"{local:%Y-%m-%d %H:%M} ({ago})"


def resume_dialog(meta: dict[str, Any], store: Any) -> ChoiceDialog:
    return ChoiceDialog(
        "Resume your unsaved draft?",
        f"{describe_draft(meta)}\n\nAutosaved in {store.directory / 'drafts'}",
        [("resume", "Resume"), ("new", "Start new"), ("discard", "Discard draft")],
        cancel="new",
    )
