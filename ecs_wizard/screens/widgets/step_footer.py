"""The key footer of the wizard's screens: wraps onto more rows instead of cutting keys off,
and is rebuilt only when its keys (or the way they wrap) change."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: at most this many rows of keys (a screen of 24 rows has little to spare)
MAX_ROWS = 3


def key_width(key_display: str, description: str) -> int:
    """Cells a (non-compact) FooterKey takes: " key " then "description "."""
    return cell_len(key_display) + 2 + (cell_len(description) + 1 if description else 0)


def wrap_keys(widths: list[int], width: int) -> list[int]:
    """How many keys go on each row so that no row is wider than `width` (a key wider than
    the whole line gets a row of its own)."""
    rows: list[int] = []
    used = 0
    for w in widths:
        if rows and used + w <= width:
            rows[-1] += 1
            used += w
        else:
            rows.append(1)
            used = w
    return rows


class StepFooter(Footer):
    """Textual's Footer puts every key on one row and cuts off what does not fit (at 80
    columns the services step lost "Back" and "Help"). This one wraps the keys onto as many
    rows as they need (up to MAX_ROWS), so every key and its label stays visible.

    It also rebuilds only when the keys it would show (or their rows) differ from the ones it
    shows: Textual's Footer rebuilds on every bindings signal (each focus change, screen
    switch, ...), three times while a step screen starts up."""

    DEFAULT_CSS = """
    StepFooter {
        layout: vertical;
        height: auto;
        max-height: 3;
    }
    StepFooter > .footer-row {
        height: 1;
        width: 100%;
    }
    """

    _shows: tuple[Any, ...] | None = None

    def _shown_bindings(self) -> list[tuple[Any, bool, str]]:
        return [
            (b, enabled, tooltip)
            for _, b, enabled, tooltip in self.screen.active_bindings.values()
            if b.show
        ]

    def _width(self) -> int:
        return self.size.width or self.screen.size.width or self.app.size.width

    def _layout(self) -> tuple[Any, ...]:
        """What the footer shows: each key and the number of keys on each row."""
        seen: set[str] = set()
        keys = []
        for b, enabled, tooltip in self._shown_bindings():
            if b.action in seen:  # one key per action, as Textual's Footer does
                continue
            seen.add(b.action)
            keys.append(
                (b.key, self.app.get_key_display(b), b.description, b.action, enabled, tooltip)
            )
        rows = wrap_keys([key_width(k[1], k[2]) for k in keys], self._width())
        return (tuple(keys), tuple(rows))

    def compose(self) -> ComposeResult:
        # Show the screen's keys from the start (Textual's Footer starts empty and waits for
        # the first bindings signal); that signal then finds nothing to change.
        self._bindings_ready = True
        self._shows = self._layout()
        keys, rows = self._shows
        start = 0
        for count in rows[:MAX_ROWS]:
            with HorizontalGroup(classes="footer-row"):
                for key, display, description, action, enabled, tooltip in keys[
                    start : start + count
                ]:
                    yield FooterKey(
                        key, display, description, action, disabled=not enabled, tooltip=tooltip
                    ).data_bind(compact=Footer.compact)
            start += count

    def _maybe_recompose(self) -> None:
        layout = self._layout()
        if layout != self._shows:
            self._shows = layout  # what the rebuild scheduled below will show
            self.call_after_refresh(self.recompose)

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._maybe_recompose()

    def on_resize(self, event: events.Resize) -> None:
        if self.is_attached:
            self._maybe_recompose()
