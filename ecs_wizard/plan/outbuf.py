"""Bounded capture of a child's text output: terraform can print gigabytes (a provider bug, a
debug log on stderr); we keep its start and its end, read in bounded lines, and say how much
was left out. Memory and what is shown stay bounded however much it prints."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import TextIO

MAX_LINE = 64 * 1024  # characters kept of one line (a longer one is cut, the rest skipped)
HEAD = 64 * 1024  # characters kept from the start of the output
TAIL = 256 * 1024  # characters kept from its end


def bounded_lines(stream: TextIO, limit: int = MAX_LINE) -> Iterator[str]:
    """The lines of `stream`, each at most `limit` characters (plus a note when cut); a
    line longer than that is never held in memory whole."""
    while True:
        line = stream.readline(limit)
        if not line:
            return
        if not line.endswith("\n"):
            skipped = 0
            while True:
                more = stream.readline(limit)
                if not more:
                    break
                skipped += len(more.rstrip("\n"))
                if more.endswith("\n"):
                    break
            if skipped:
                line += f"… [{skipped} more characters of this line not kept]\n"
        yield line


class OutputBuffer:
    """The first `head` and last `tail` characters of what was appended (whole lines)."""

    def __init__(self, head: int = HEAD, tail: int = TAIL) -> None:
        self.head_limit, self.tail_limit = head, tail
        self._head: list[str] = []
        self._head_size = 0
        self._tail: deque[str] = deque()
        self._tail_size = 0
        self.omitted = 0  # characters dropped between head and tail

    def append(self, line: str) -> None:
        if self._head_size + len(line) <= self.head_limit and not self._tail:
            self._head.append(line)
            self._head_size += len(line)
            return
        self._tail.append(line)
        self._tail_size += len(line)
        while self._tail_size > self.tail_limit and len(self._tail) > 1:
            dropped = self._tail.popleft()
            self._tail_size -= len(dropped)
            self.omitted += len(dropped)

    def __bool__(self) -> bool:
        return bool(self._head or self._tail)

    def text(self) -> str:
        middle = (
            f"\n… [{self.omitted} characters of terraform output left out here] …\n\n"
            if self.omitted
            else ""
        )
        return "".join(self._head) + middle + "".join(self._tail)
