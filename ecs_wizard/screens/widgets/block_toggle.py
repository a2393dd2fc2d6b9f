"""The switch for an optional block of the draft (HTTPS, autoscaling, a capacity provider)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import Checkbox

from ecs_wizard.screens.messages import BlockToggled
from ecs_wizard.screens.widgets.ids import path_id
from ecs_wizard.screens.widgets.state_checkbox import StateCheckbox


class BlockToggle(StateCheckbox):
    """Ticked while the dict at `path` exists. Switching it off keeps the block's settings
    aside (the app's stash) so switching it on again brings them back; the first time on, the
    block starts as `default()`. Posts `BlockToggled`; the step screen asks the app to apply it
    and rebuilds its form (the fields under the block appear or go)."""

    def __init__(
        self, path: str, on: bool, label: str, default: Callable[[], dict[str, Any]]
    ) -> None:
        super().__init__(label, bool(on), id=path_id(path), compact=True)
        self.path = path
        self.default = default

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.post_message(BlockToggled(self.path, bool(event.value), self.default, self))
