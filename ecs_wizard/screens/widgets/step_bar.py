"""The bar at the top of the wizard's step screens: every step's name, the current one marked,
shortened until it fits the width (at 80 columns "4. ALB listeners & certificates" does not
fit beside the other five names)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget


def short_name(title: str) -> str:
    """The first word of a step's title ("ALB listeners & certificates" → "ALB")."""
    return title.split(" ")[0].split("&")[0]


def step_bar_text(titles: Sequence[str], current: int, width: int) -> str:
    """The widest of these that fits `width` cells: the current step's full title and the
    others' short names; every short name; the current step's short name and the others'
    numbers."""

    def build(current_full: bool, others_named: bool) -> str:
        parts = []
        for i, title in enumerate(titles):
            if i == current:
                parts.append(f"[{i + 1}. {title if current_full else short_name(title)}]")
            else:
                parts.append(f"{i + 1}.{short_name(title)}" if others_named else f"{i + 1}")
        return " ".join(parts)

    candidates = [build(True, True), build(False, True), build(False, False)]
    for text in candidates:
        if cell_len(text) <= width:
            return text
    return candidates[-1]


class StepBar(Widget):
    """Draws `step_bar_text` for its own width, so it fits after every resize."""

    DEFAULT_CSS = """
    StepBar {
        height: 1;
    }
    """

    def __init__(self, titles: Sequence[str], current: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.titles = list(titles)
        self.current = current

    def render(self) -> Text:
        text = Text(step_bar_text(self.titles, self.current, self.size.width), no_wrap=True)
        start = text.plain.find("[")
        if start >= 0:
            text.stylize("bold reverse", start, text.plain.find("]", start) + 1)
        return text
