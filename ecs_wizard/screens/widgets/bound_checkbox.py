"""A checkbox bound to a boolean at a draft path."""

from __future__ import annotations

from textual.widgets import Checkbox

from ecs_wizard.screens.messages import FieldChanged
from ecs_wizard.screens.widgets.ids import path_id
from ecs_wizard.screens.widgets.state_checkbox import StateCheckbox


class BoundCheckbox(StateCheckbox):
    """Posts `FieldChanged(path, bool)` when ticked or unticked."""

    def __init__(self, path: str, value: bool, label: str = "") -> None:
        super().__init__(label, bool(value), id=path_id(path), compact=True)
        self.path = path

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.post_message(FieldChanged(self.path, bool(event.value)))
