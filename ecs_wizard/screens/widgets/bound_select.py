"""A pick list bound to a draft path."""

from __future__ import annotations

from typing import Any

from textual.widgets import Select

from ecs_wizard.screens.messages import FieldChanged
from ecs_wizard.screens.widgets.ids import path_id
from ecs_wizard.screens.widgets.plain_select import PlainSelect


class BoundSelect(PlainSelect):
    """A pick list bound to a draft path; the option whose value is `none_token` (if any)
    stands for "remove the key" (the model's default). A current value that is not among
    the options is kept, labelled "(current)", rather than silently replaced."""

    def __init__(
        self,
        path: str,
        options: list[tuple[str, Any]],
        value: Any = None,
        *,
        none_token: Any = None,
    ) -> None:
        self.none_token = none_token
        if value is None and none_token is not None:
            value = none_token
        values = [v for _, v in options]
        if value is not None and value not in values:
            options = [*options, (f"{value} (current)", value)]
        super().__init__(
            options,
            value=value if value is not None else Select.BLANK,
            allow_blank=value is None,
            id=path_id(path),
            compact=True,
        )
        self.path = path

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.BLANK else event.value
        if self.none_token is not None and value == self.none_token:
            value = None
        self.post_message(FieldChanged(self.path, value))
