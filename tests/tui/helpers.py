"""Keyboard helpers for driving the wizard with Textual's Pilot."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Checkbox, Input, Select

from ecs_wizard.screens.widgets.ids import path_id

SIZE = (80, 24)


async def focus(pilot: Any, selector: str) -> Any:
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    widget.scroll_visible(animate=False)
    await pilot.pause()
    return widget


async def type_field(pilot: Any, path: str, text: str) -> None:
    """Focus the field bound to `path`, clear it with keys, type `text`."""
    await type_input(pilot, "#" + path_id(path), text)


async def type_input(pilot: Any, selector: str, text: str) -> None:
    """Clear with Home, Ctrl+K; type the first characters key by key and paste the rest
    (as a terminal delivers a paste) to keep the suite fast."""
    widget = await focus(pilot, selector)
    assert isinstance(widget, Input), widget
    await pilot.press("home", "ctrl+k")
    head, tail = text[:4], text[4:]
    if head:
        await pilot.press(*head)
    if tail:
        widget.post_message(events.Paste(tail))
    await pilot.pause()
    assert widget.value == text


async def toggle(pilot: Any, selector: str, want: bool) -> None:
    widget = await focus(pilot, selector)
    assert isinstance(widget, Checkbox)
    if widget.value != want:
        await pilot.press("space")
        await pilot.pause()
        await pilot.pause()


async def choose(pilot: Any, selector: str, value: Any) -> None:
    """Open a Select with Enter and move to the option with `value` using the arrows."""
    widget = await focus(pilot, selector)
    assert isinstance(widget, Select)
    values = [v for _, v in widget._options if v is not Select.BLANK]
    target = values.index(value)
    current = values.index(widget.value) if widget.value in values else -1
    await pilot.press("enter")
    await pilot.pause()
    # the overlay opens with the current option highlighted (or the first when blank)
    steps = target - max(current, 0)
    for _ in range(abs(steps)):
        await pilot.press("down" if steps > 0 else "up")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()
    assert pilot.app.screen.query_one(selector).value == value


async def next_step(pilot: Any) -> None:
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pilot.pause()
