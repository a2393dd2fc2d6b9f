"""A labelled form row and the shorthands that build the common ones from a draft."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Label, Static

from ecs_wizard.model.paths import get_path
from ecs_wizard.model.paths import is_under as issue_matches
from ecs_wizard.screens.widgets.bound_checkbox import BoundCheckbox
from ecs_wizard.screens.widgets.bound_input import BoundInput
from ecs_wizard.screens.widgets.bound_select import BoundSelect
from ecs_wizard.ui.field_labels import wizard_issue_text


class Field(Widget):
    """Label + widget on one row, the field's issues underneath.

    A two-column grid (label | widget; the issues line spans both), so a field costs no
    row container. The issues line (`.field-error`) is mounted the first time the field
    has an issue to show: most fields never do, and every widget composed up front costs
    start-up time."""

    def __init__(self, label: str, widget: Any, *, paths: tuple[str, ...] = ()) -> None:
        super().__init__(classes="field")
        self.label = label
        self.widget = widget
        self.paths = paths or (getattr(widget, "path", ""),)
        self._shown: tuple[bool, bool, str] = (False, False, "")
        self._error: Static | None = None

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label", markup=False)
        yield self.widget

    def mark_override(self, base_value: str | None) -> None:
        """Show that the edited environment overrides this field (None: it does not), and
        the base value it overrides."""
        overriding = base_value is not None
        if overriding == self.has_class("-override") and (
            not overriding or self.tooltip == f"overrides the base answers' {base_value}"
        ):
            return
        self.set_class(overriding, "-override")
        self.tooltip = f"overrides the base answers' {base_value}" if overriding else None
        if self.is_attached:
            label = self.query_one(".field-label", Label)
            label.update(f"{self.label} ≠ base" if overriding else self.label)

    def show(self, errors: list[Any], warnings: list[Any]) -> None:
        mine_e = [i for i in errors if any(issue_matches(i.path, p) for p in self.paths)]
        mine_w = [i for i in warnings if any(issue_matches(i.path, p) for p in self.paths)]
        text = "\n".join(wizard_issue_text(i, with_where=False) for i in (mine_e or mine_w))
        state = (bool(mine_e), bool(mine_w) and not mine_e, text)
        if state == self._shown:
            return  # nothing changed: no style or layout work on this keystroke
        if self._error is None and text and not self.is_attached:
            return  # not in the DOM (yet, or any more): nothing to show it in
        self._shown = state
        self.set_class(state[0], "-invalid")
        self.set_class(state[1], "-warning")
        if self._error is not None:
            self._error.update(text)
        elif text:
            self._error = Static(text, classes="field-error", markup=False)
            self.mount(self._error)


def text_field(label: str, draft: dict, path: str, kind: str = "str", hint: str = "") -> Field:
    return Field(label, BoundInput(path, get_path(draft, path), kind=kind, placeholder=hint))


def check_field(label: str, draft: dict, path: str, default: bool) -> Field:
    value = get_path(draft, path)
    return Field(label, BoundCheckbox(path, default if value is None else value))


def select_field(
    label: str, draft: dict, path: str, options: list[tuple[str, Any]], default: Any = None
) -> Field:
    value = get_path(draft, path)
    return Field(label, BoundSelect(path, options, default if value is None else value))
