"""The base of the wizard's step screens.

A bound widget (`ecs_wizard.screens.widgets`) knows the draft path it edits
(`services[0].containers[0].port`) and how to turn its text into a value; when the user
changes it, it posts `FieldChanged` and the app writes the value into the draft,
re-validates, autosaves and tells the screen to show the issues whose path falls under each
field. Screens read the draft; only the app writes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets._select import SelectOverlay

from ecs_wizard.model.paths import is_under as issue_matches
from ecs_wizard.screens.messages import (
    BlockToggled,
    DraftUpdated,
    FieldChanged,
    FieldsChanged,
    FormReshaped,
)
from ecs_wizard.screens.widgets.field import Field
from ecs_wizard.screens.widgets.overlay_fit import fit_select_overlay
from ecs_wizard.screens.widgets.step_footer import StepFooter
from ecs_wizard.ui.field_labels import wizard_issue_text
from ecs_wizard.ui.present import ISSUE_MARKS

if TYPE_CHECKING:
    from ecs_wizard.app import WizardApp

#: the widgets a step screen focuses first (the first focusable one, in form order)
FIRST_FIELD = "Input, Select, Checkbox, DataTable"


class StepScreen(Screen):
    """Base of every wizard step: a title bar, a scrolling form, an issues panel, a footer."""

    STEP_TITLE: ClassVar[str] = ""
    #: issues whose path starts with one of these belong to (and block) this step
    PREFIXES: ClassVar[tuple[str, ...]] = ()

    BINDINGS: ClassVar = [
        Binding("question_mark", "app.help", "Help", show=False),
    ]

    #: No auto-focus: `after_mount` focuses the first field. Textual's default ("*") would
    #: focus the scrolling form as it is composed, only for `after_mount` to move focus away
    #: again; each of those focus changes re-styles the whole form (~60 ms apiece at start-up).
    AUTO_FOCUS = ""

    #: what the issues panel shows (text, has errors, has only warnings), to skip redraws;
    #: reset whenever the panel is composed anew (a recompose builds an empty one)
    _panel_state: tuple[str, bool, bool] | None = None

    @property
    def wizard(self) -> WizardApp:
        """The app, typed: the draft, its issues and the methods that change it."""
        return cast("WizardApp", self.app)

    @property
    def draft(self) -> dict[str, Any]:
        """The draft, to read (write it through `self.wizard.update_draft` and friends)."""
        return self.wizard.draft

    def compose(self) -> ComposeResult:
        # A recompose (a structural change: a rule, service or container added or removed, a
        # block switched, another service picked) builds a new, empty issues panel: what the
        # old one showed says nothing about it, so the next refresh must draw it whatever.
        self._panel_state = None
        yield self.wizard.step_bar()
        # Not a Tab stop: focus moves through the fields, and the form scrolls to the focused
        # one; focusable, the form was a Tab stop that showed no focus at all.
        with VerticalScroll(id="form", can_focus=False):
            yield from self.compose_form()
        yield Static("", id="issues", markup=False)
        yield StepFooter()

    def compose_form(self) -> ComposeResult:  # pragma: no cover - overridden
        yield from ()

    def on_mount(self) -> None:
        self.refresh_issues()
        self.after_mount()

    def after_mount(self) -> None:
        """Hook: focus the first field etc."""
        for selector in (FIRST_FIELD, "*"):  # "*": what Textual's auto-focus would pick
            for widget in self.query(selector):
                if widget.focusable:
                    widget.focus()
                    return

    async def _rebuild(self, *focus: str | None) -> None:
        """Compose the form again (fields appear or go with the draft's shape), show the
        issues, and focus the first of `focus` (selectors) that exists afterwards."""
        await self.recompose()
        self.rebuilt()
        self.refresh_issues()
        for selector in focus:
            if selector and self.query(selector):
                self.query_one(selector).focus()
                return

    def rebuilt(self) -> None:
        """Hook: fill what `compose` leaves empty (tables) after a rebuild."""

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, SelectOverlay):  # a Select's list opens
            fit_select_overlay(event.widget)

    def on_field_changed(self, message: FieldChanged) -> None:
        message.stop()
        self.wizard.update_draft(message.path, message.value)

    def on_fields_changed(self, message: FieldsChanged) -> None:
        message.stop()
        self.wizard.update_many(message.values)

    async def on_block_toggled(self, message: BlockToggled) -> None:
        message.stop()
        if self.wizard.toggle_block(message.path, message.on, message.default):
            await self._rebuild(f"#{message.toggle.id}")

    async def on_form_reshaped(self, message: FormReshaped) -> None:
        message.stop()
        await self._rebuild(message.focus)

    def on_draft_updated(self, message: DraftUpdated) -> None:
        self.refresh_issues()
        self.draft_changed()

    def draft_changed(self) -> None:
        """Hook: refresh derived views (sizing, tables)."""

    def my_issues(self) -> tuple[list[Any], list[Any]]:
        errors = [i for i in self.wizard.errors if self.owns(i.path)]
        warnings = [i for i in self.wizard.warnings if self.owns(i.path)]
        return errors, warnings

    def owns(self, path: str) -> bool:
        return any(issue_matches(path, p) for p in self.PREFIXES)

    def refresh_issues(self) -> None:
        errors, warnings = self.my_issues()
        env = self.wizard.ui.environment
        for fld in self.query(Field):
            fld.show(errors, warnings)
            if env is not None or fld.has_class("-override"):
                fld.mark_override(self._base_value(env, fld.paths[0]))
        panel = self.query_one("#issues", Static)
        shown = [*errors[:4], *warnings[: max(0, 4 - len(errors))]]
        lines = [_issue_line(i, self.draft) for i in shown]
        more = len(errors) + len(warnings) - len(lines)
        if more > 0:
            lines.append(f"… and {more} more")
        state = ("\n".join(lines), bool(errors), bool(warnings) and not errors)
        if state == self._panel_state:
            return
        self._panel_state = state
        panel.update(state[0])
        panel.set_class(state[1], "-errors")
        panel.set_class(state[2], "-warnings")
        panel.display = bool(lines)

    def _base_value(self, env: str | None, path: str) -> str | None:
        """The base answers' value at `path` when environment `env` overrides it, else None."""
        if env is None or not path or path == "-":
            return None
        from ecs_wizard.model.env_view import overridden
        from ecs_wizard.model.paths import get_path

        if not overridden(self.wizard.file_draft, env, self.draft, path):
            return None
        value = get_path(self.wizard.file_draft, path)
        return "default" if value is None else repr(value)

    def focus_first_error(self) -> None:
        for fld in self.query(Field):
            if fld.has_class("-invalid") and fld.widget.focusable:
                fld.widget.focus()
                fld.scroll_visible()
                return


def _issue_line(issue: Any, draft: Any) -> str:
    """An issue in the panel, in the form's words: "✗ Service web › Port: … — fix"."""
    mark = ISSUE_MARKS.get(issue.severity, ISSUE_MARKS["error"])[0]
    return f"{mark} {wizard_issue_text(issue, draft)}"
