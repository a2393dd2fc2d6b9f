"""Replacing a pick list's options in place (a rename, an error marker), without a change
event and without a stale label."""

from __future__ import annotations

from typing import Any

from textual.widgets import Select
from textual.widgets._select import SelectCurrent

from ecs_wizard.screens.widgets.plain_select import plain


def replace_options(select: Select, options: list[tuple[str, Any]], value: Any) -> None:
    """Give `select` these options and select `value`, posting no `Select.Changed`.

    `Select.set_options` keeps the closed list's label when the selected value stays the
    same (its value watcher does not run), so after a rename the list showed the old name;
    the label is drawn again here from the new options."""
    if [(str(label), v) for label, v in select._options if v is not Select.BLANK] == [
        (str(label), v) for label, v in options
    ] and select.value == value:
        return
    with select.prevent(Select.Changed):
        select.set_options(options)
        if value in [v for _, v in options]:
            select.value = value
    for label, option_value in options:
        if option_value == select.value:
            select.query_one(SelectCurrent).update(plain(label))
            break
