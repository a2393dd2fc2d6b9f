"""Modal dialogs: a generic choice dialog and the help screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown, Static


class ChoiceDialog(ModalScreen[str]):
    """A question with a few buttons; dismisses with the chosen button's id (Escape:
    the `cancel` choice).

    Title and body are plain text, never markup: they carry names, paths and error messages
    the user typed or the filesystem holds, and `[b]` or `[/]` in one must show as written
    (markup would restyle it, or raise MarkupError and lose the dialog)."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, title: str, body: str, choices: list[tuple[str, str]], *, cancel: str = "cancel"
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.body = body
        self.choices = choices
        self.cancel = cancel

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.title_text, id="dialog-title", markup=False)
            yield Static(self.body, id="dialog-body", markup=False)
            with Horizontal(id="dialog-buttons"):
                for choice_id, label in self.choices:
                    variant = (
                        "error"
                        if choice_id in ("discard", "overwrite", "remove")
                        else ("primary" if choice_id == self.choices[0][0] else "default")
                    )
                    yield Button(label, id=f"choice-{choice_id}", variant=variant, compact=True)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(self.cancel)

    def key_left(self) -> None:
        self.focus_previous()

    def key_right(self) -> None:
        self.focus_next()


HELP_TEXT = """\
# ecs-wizard — keys

| Key | Action |
| --- | --- |
| Tab / Shift+Tab | next / previous field |
| Ctrl+N | next step (blocked while the step has errors) |
| Ctrl+B | previous step (always allowed) |
| F1 or ? | this help |
| Ctrl+S | save the answers file (when editing one) |
| Ctrl+Q / Ctrl+C | quit (asks when there is unsaved work) |
| F2 / F3 / F4 | add / duplicate / remove a service or rule |
| F5 / F6 | add / remove a container (services step) |
| F7 / F8 | move a rule up / down (routing step) |
| F5 | export the Terraform project (review step) |
| F9 | plan the exported project (review step) |
| F10 | plan against the local AWS emulator: no account needed (review step) |

Lists are comma-separated (`subnet-a, subnet-b`); maps are `KEY=value, KEY2=value`;
header conditions take several values as `X-Env=blue|green`.

Every change is validated as you type with the same rules as `ecs-wizard validate`, and
the draft is autosaved; the next start offers to resume it.
"""


#: the help's first line, always in view (the keys list scrolls under it)
HELP_CLOSE = "Help — Esc/F1 to close, arrows to scroll"


class HelpScreen(ModalScreen[None]):
    """The keys. Escape, F1 (the app's F1 toggles it), q or ? close it."""

    BINDINGS: ClassVar = [
        Binding("escape,f1,q,question_mark", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(HELP_CLOSE, id="help-close", markup=False)
            with VerticalScroll(id="help-body"):
                yield Markdown(HELP_TEXT)

    def action_close(self) -> None:
        self.dismiss(None)
