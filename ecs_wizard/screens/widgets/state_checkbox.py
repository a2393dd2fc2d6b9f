"""A checkbox whose state reads without colour too."""

from __future__ import annotations

from textual.widgets import Checkbox


class StateCheckbox(Checkbox):
    """Shows [X] on and [ ] off, so the state is visible under NO_COLOR."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "X" if self.value else " "
