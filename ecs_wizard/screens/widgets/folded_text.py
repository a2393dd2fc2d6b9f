"""Text that breaks long tokens (resource addresses, ARNs) at their separators instead of in
the middle of a word.

Rich wraps at spaces and cuts a word longer than the line anywhere; in the plan view's detail
pane (about 40 columns at 80x24) that split `module.svc["api"].aws_ecs_service.this` as
`module.svc["api"].aws_ec` / `s_service.this`. `fold_tokens` breaks such a token after a `.`,
`/`, `:`, `,` or `-`, or before a `[`, and indents the rest; only a piece with no separator in
reach is cut where it must be.
"""

from __future__ import annotations

import re
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

_TOKEN = re.compile(r"\S+")
_AFTER = frozenset(".:/,-")


def break_points(token: str) -> list[int]:
    """Offsets inside `token` where it may be broken: after . : / , - and before [."""
    return [i for i in range(1, len(token)) if token[i - 1] in _AFTER or token[i] == "["]


def _pieces(token: str, room: int) -> list[tuple[int, int]]:
    """(start, end) pieces of `token`, each at most `room` cells, cut at break points."""
    points = break_points(token)
    out = []
    start = 0
    while cell_len(token[start:]) > room:
        fits = [p for p in points if start < p and cell_len(token[start:p]) <= room]
        end = fits[-1] if fits else start + max(1, room)  # no separator in reach: cut
        out.append((start, end))
        start = end
    out.append((start, len(token)))
    return out


def fold_tokens(text: Text, width: int) -> Text:
    """`text` with every token wider than a line broken at its separators onto indented
    continuation lines (styles kept)."""
    if width <= 4:
        return text
    lines = []
    for line in text.split("\n", allow_blank=True):
        plain = line.plain
        indent = len(plain) - len(plain.lstrip(" "))
        cont = " " * min(indent + 2, width // 3)
        room = width - len(cont)
        out = Text(style=line.style, end="")
        pos = 0
        for match in _TOKEN.finditer(plain):
            if cell_len(match.group()) <= room:
                continue
            pieces = _pieces(match.group(), room)
            for n, (a, b) in enumerate(pieces):
                start = match.start() + a
                out.append_text(line[pos:start])
                if n:
                    out.append("\n" + cont)
                out.append_text(line[start : match.start() + b])
                pos = match.start() + b
        out.append_text(line[pos:])
        lines.append(out)
    return Text("\n", end=text.end).join(lines)


class FoldedStatic(Static):
    """A Static showing rich Text folded by `fold_tokens` for the width it is laid out at."""

    _fold_width = 0

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        self._set_fold_width(width)
        return super().get_content_height(container, viewport, width)

    def on_resize(self) -> None:
        self._set_fold_width(self.size.width)

    def _set_fold_width(self, width: int) -> None:
        if width and width != self._fold_width:
            self._fold_width = width
            self._layout_cache.clear()  # the Visual rendered for the old width
            self.refresh(layout=True)

    def render(self) -> Any:
        content = self.content
        if isinstance(content, Text) and self._fold_width:
            return fold_tokens(content, self._fold_width)
        return super().render()
