"""A one-line input bound to a draft path."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from ecs_wizard.screens.messages import FieldChanged
from ecs_wizard.screens.widgets.ids import path_id
from ecs_wizard.ui.fields import format_value, parse_value


class BoundInput(Input):
    """Shows the value at `path` as text of its `kind`; posts `FieldChanged` with the parsed
    value on every edit (the app writes it into the draft)."""

    def __init__(
        self, path: str, value: Any = None, *, kind: str = "str", placeholder: str = ""
    ) -> None:
        super().__init__(
            value=format_value(kind, value),
            placeholder=placeholder,
            id=path_id(path),
            compact=True,
        )
        self.path = path
        self.kind = kind

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(FieldChanged(self.path, parse_value(self.kind, event.value)))
