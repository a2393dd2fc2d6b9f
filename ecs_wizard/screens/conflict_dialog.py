"""The export's conflict dialog: which files were edited by hand, what overwriting them
would change (a diff per file), Cancel or Overwrite (a backup is kept)."""

from __future__ import annotations

from typing import ClassVar

from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from ecs_wizard.screens.dialogs import ChoiceDialog

#: how many files the dialog lists by name (the rest is counted)
LISTED = 8


class DiffView(Static):
    """One file's diff, coloured; `diff_text` is the plain diff."""

    def __init__(self, diff: str) -> None:
        super().__init__(Syntax(diff, "diff", theme="ansi_dark", word_wrap=False))
        self.diff_text = diff


class ConflictDialog(ChoiceDialog):
    """Files edited since the last render; dismisses with "overwrite" or "cancel"."""

    DEFAULT_CSS: ClassVar[str] = """
    ConflictDialog #dialog { width: 100; }
    ConflictDialog #dialog-diff { height: auto; max-height: 30vh; border: round $panel; }
    """

    def __init__(self, out_dir: str, diffs: dict[str, str], kept: list[str]) -> None:
        paths = sorted(diffs)
        listing = "\n".join(f"  - {p}" for p in paths[:LISTED])
        if len(paths) > LISTED:
            listing += f"\n  … and {len(paths) - LISTED} more"
        body = (
            f"In {out_dir}:\n{listing}\nNothing was written. Overwrite (a backup is kept) "
            "would change:"
        )
        if kept:
            body = (
                f"In {out_dir}:\n{listing}\n(Your edits of {', '.join(kept)} are kept either "
                "way: the render does not change those files.)\nNothing was written. Overwrite "
                "(a backup is kept) would change:"
            )
        super().__init__(
            "Files were edited since the last render",
            body,
            [("cancel", "Cancel"), ("overwrite", "Overwrite (keep a backup)")],
        )
        self.diffs = diffs

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.title_text, id="dialog-title", markup=False)
            yield Static(self.body, id="dialog-body", markup=False)
            with VerticalScroll(id="dialog-diff"):
                for path in sorted(self.diffs):
                    diff = self.diffs[path] or f"{path}: would be removed"
                    yield DiffView(diff)
                if not self.diffs:
                    yield Static(Text("(no diff)", style="dim"), markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button("Cancel", id="choice-cancel", compact=True, variant="primary")
                yield Button(
                    "Overwrite (keep a backup)",
                    id="choice-overwrite",
                    compact=True,
                    variant="error",
                )
