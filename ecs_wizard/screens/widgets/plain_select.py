"""A pick list whose option labels are plain text.

Textual reads a `str` label as content markup. Our labels carry names the user typed (services,
containers, rules, environments, port names), and a draft holds them before validation: a name
like `[b]api[/]` restyled the list, and a lone `[/]` raised MarkupError while the screen mounted,
which ended the wizard. Labels go in as `Content`, which is shown as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.content import Content
from textual.widgets import Select


def plain(label: Any) -> Any:
    """`label` as plain-text content when it is a string (other renderables pass through)."""
    return Content(label) if isinstance(label, str) else label


def plain_options(options: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [(plain(label), value) for label, value in options]


class PlainSelect(Select):
    """`Select` with plain-text option labels (see the module docstring)."""

    def __init__(self, options: Iterable[tuple[Any, Any]], **kwargs: Any) -> None:
        super().__init__(plain_options(options), **kwargs)

    def set_options(self, options: Iterable[tuple[Any, Any]]) -> None:
        super().set_options(plain_options(options))
