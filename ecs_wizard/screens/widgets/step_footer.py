"""The key footer of the step screens, rebuilt only when its keys change."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class StepFooter(Footer):
    """Textual's Footer rebuilds all its keys on every bindings signal (each focus change,
    screen switch, ...), three times while a step screen starts up; this one rebuilds only
    when the keys it would show differ from the ones it shows."""

    _shows: tuple[Any, ...] | None = None

    def _keys(self) -> tuple[Any, ...]:
        return tuple(
            (b.key, b.key_display, b.description, b.action, b.group, enabled, tooltip)
            for _, b, enabled, tooltip in self.screen.active_bindings.values()
            if b.show
        )

    def compose(self) -> ComposeResult:
        # Show the screen's keys from the start (Textual's Footer starts empty and waits for
        # the first bindings signal); that signal then finds nothing to change.
        self._bindings_ready = True
        self._shows = self._keys()
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            keys = self._keys()
            if keys == self._shows:
                return
            self._shows = keys  # what the rebuild scheduled below will show
        super().bindings_changed(screen)
