"""What the 80x24 tests read: the screen as text, the keys a footer must show, the label a
user sees for a control."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from textual.containers import ScrollableContainer
from textual.widget import Widget
from textual.widgets import Button, Checkbox, DataTable, Tabs

from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import DraftStore
from tests.tui.test_snapshots import DRAFT, STEPS, settle

SMALL = (80, 24)

__all__ = ["SMALL", "STEPS", "footer_keys", "screen_lines", "settle", "visible_label", "wizard"]


def wizard(tmp_path: Path, step: int, draft: dict[str, Any] | None = None) -> WizardApp:
    app = WizardApp(
        copy.deepcopy(draft or DRAFT), store=DraftStore(tmp_path / "state"), start_step=step
    )
    app.animation_level = "none"
    return app


def screen_lines(app: Any) -> list[str]:
    """The screen as the terminal shows it, one string per row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def footer_keys(app: Any) -> list[str]:
    """ "key label" for every binding the screen asks its footer to show (one per action)."""
    seen: set[str] = set()
    keys = []
    for _, binding, _enabled, _tooltip in app.screen.active_bindings.values():
        if binding.show and binding.action not in seen:
            seen.add(binding.action)
            keys.append(f"{app.get_key_display(binding)} {binding.description}")
    return keys


def visible_label(widget: Widget) -> str:
    """The text a user reads as the control's name: its field's label, its own label (a
    checkbox, a button), a table's headers, tab names, or a scroll pane's tab title."""
    node = widget
    while node is not None and not isinstance(node, type(widget.screen)):
        if node.has_class("field"):
            label = node.query(".field-label")
            if label:
                return str(label.first().render())
        node = node.parent  # type: ignore[assignment]
    if isinstance(widget, Checkbox) and str(widget.label).strip():
        return str(widget.label)
    if isinstance(widget, Button):
        return str(widget.label)
    if isinstance(widget, DataTable):
        return " ".join(str(c.label) for c in widget.columns.values())
    if isinstance(widget, Tabs):
        return " ".join(str(t.label) for t in widget.query("Tab"))
    if isinstance(widget, ScrollableContainer):
        pane = widget.parent
        title = getattr(pane, "_title", None)
        return str(title) if title else ""
    return ""


def contrast(a: Any, b: Any) -> float:
    """WCAG contrast ratio of two colours (textual.color.Color or rich Color; 1.0: the same)."""

    def luminance(color: Any) -> float:
        r, g, b = color.rgb[:3] if hasattr(color, "rgb") else color.get_truecolor()[:3]

        def channel(c: int) -> float:
            c = c / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def cells(app: Any, region: Any) -> list[tuple[str, Any]]:
    """(character, rich Style) of every cell of `region` as rendered now."""
    out = []
    for strip in screen_strips(app)[region.y : region.bottom]:
        for segment in strip.crop(region.x, region.right):
            out.extend((ch, segment.style) for ch in segment.text)
    return out


def screen_strips(app: Any) -> list[Any]:
    return list(app.screen._compositor.render_strips())


def cut_keys(app: Any) -> list[str]:
    """The footer keys ("key label") not fully shown in the footer's rows of the screen."""
    from textual.widgets import Footer

    footer = app.screen.query_one(Footer)
    rows = screen_lines(app)[footer.region.y : footer.region.bottom]
    return [key for key in footer_keys(app) if not any(key in row for row in rows)]
