"""Pre-filled answers in the prompt mode that typing replaces, as a selected default does.

questionary puts a question's default into the input line as ordinary text, so typing `8080`
at a pre-filled `80` gave `808080`. Here the first printable key typed at an untouched default
replaces it; Enter still accepts it, and any edit (Backspace, a cursor move, Ctrl-U) makes it
ordinary text again. Only prompt_toolkit is imported (never Textual).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from prompt_toolkit.application.current import get_app
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.keys import Keys

REPLACE_HINT = "(type to replace, Enter to keep)"


def replaceable(factory: Callable[..., Any], message: str, default: str = "", **kwargs: Any) -> Any:
    """`factory(message, default=default, **kwargs)` (questionary.text or .autocomplete) whose
    pre-filled default is replaced by the first character typed."""
    if not default:
        return factory(message, default=default, **kwargs)
    state = {"pristine": True}

    @Condition
    def pristine() -> bool:
        buffer = get_app().current_buffer
        return (
            state["pristine"] and buffer.text == default and buffer.cursor_position == len(default)
        )

    bindings = KeyBindings()

    @bindings.add(Keys.Any, filter=pristine)
    def _replace(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        if event.data.isprintable():
            state["pristine"] = False
            buffer.text = ""
        buffer.insert_text(event.data)

    if "instruction" in inspect.signature(factory).parameters:  # text(): say so
        kwargs.setdefault("instruction", REPLACE_HINT)
    question = factory(message, default=default, key_bindings=bindings, **kwargs)
    buffer = question.application.layout.current_buffer

    def touched(_: object) -> None:
        state["pristine"] = False

    buffer.on_text_changed += touched
    buffer.on_cursor_position_changed += touched
    return question
