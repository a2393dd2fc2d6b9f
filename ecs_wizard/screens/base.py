"""Building blocks shared by the wizard's step screens.

A bound widget knows the draft path it edits (`services[0].containers[0].port`) and how to
turn its text into a value; when the user changes it, it posts `FieldChanged` and the app
writes the value into the draft, re-validates, autosaves and tells the screen to show the
issues whose path falls under each field.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Checkbox, Footer, Input, Label, Select, Static

from ecs_wizard.messages import DraftUpdated, FieldChanged
from ecs_wizard.paths import get_path
from ecs_wizard.paths import is_under as issue_matches

_INT = re.compile(r"-?\d+")

#: the widgets a step screen focuses first (the first focusable one, in form order)
FIRST_FIELD = "Input, Select, Checkbox, DataTable"


def path_id(path: str) -> str:
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", path)


def parse_value(kind: str, text: str) -> Any:
    """Text typed into a field -> draft value. Empty -> None (the key is removed so the
    model's default applies). Text that is not a valid int is kept as typed so the model
    reports it with its own message."""
    text = text.strip()
    if not text:
        return None
    if kind == "int":
        return int(text) if _INT.fullmatch(text) else text
    if kind == "list":
        return [p.strip() for p in text.split(",") if p.strip()]
    if kind in ("dict", "dictlist"):
        out: dict[str, Any] = {}
        for item in text.split(","):
            if not item.strip():
                continue
            key, _, value = item.partition("=")
            value = value.strip()
            if kind == "dictlist":
                out[key.strip()] = [v.strip() for v in value.split("|") if v.strip()]
            else:
                out[key.strip()] = value
        return out
    if kind == "cmd":
        return ["CMD-SHELL", text]
    return text


def format_value(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "list" and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if kind in ("dict", "dictlist") and isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if isinstance(item, list):
                item = "|".join(str(v) for v in item)
            parts.append(f"{key}={item}")
        return ", ".join(parts)
    if kind == "cmd" and isinstance(value, list):
        if len(value) == 2 and value[0] == "CMD-SHELL":
            return str(value[1])
        return " ".join(str(v) for v in value[1:])
    return str(value)


class BoundInput(Input):
    """A one-line input bound to a draft path."""

    def __init__(
        self, path: str, value: Any = None, *, kind: str = "str", placeholder: str = ""
    ) -> None:
        super().__init__(
            value=format_value(kind, value),
            placeholder=placeholder,
            id=path_id(path),
            compact=True,
        )
        self.path = path
        self.kind = kind

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(FieldChanged(self.path, parse_value(self.kind, event.value)))


class StateCheckbox(Checkbox):
    """A checkbox whose state shows without colour too (NO_COLOR): [X] on, [ ] off."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "X" if self.value else " "


class BoundCheckbox(StateCheckbox):
    #: True for toggles whose change the screen handles itself (the raw event bubbles up)
    screen_handles: ClassVar[bool] = False

    def __init__(self, path: str, value: bool, label: str = "") -> None:
        super().__init__(label, bool(value), id=path_id(path), compact=True)
        self.path = path

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if self.screen_handles:
            return
        event.stop()
        self.post_message(FieldChanged(self.path, bool(event.value)))


class BoundSelect(Select):
    """A pick list bound to a draft path; the option whose value is `none_token` (if any)
    stands for "remove the key" (the model's default)."""

    def __init__(
        self,
        path: str,
        options: list[tuple[str, Any]],
        value: Any = None,
        *,
        none_token: Any = None,
    ) -> None:
        self.none_token = none_token
        if value is None and none_token is not None:
            value = none_token
        values = [v for _, v in options]
        if value is not None and value not in values:
            options = [*options, (f"{value} (current)", value)]
        super().__init__(
            options,
            value=value if value is not None else Select.BLANK,
            allow_blank=value is None,
            id=path_id(path),
            compact=True,
        )
        self.path = path

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.BLANK else event.value
        if self.none_token is not None and value == self.none_token:
            value = None
        self.post_message(FieldChanged(self.path, value))


class Field(Widget):
    """Label + widget on one row, the field's issues underneath.

    A two-column grid (label | widget; the issues line spans both), so a field costs no
    row container. The issues line (`.field-error`) is mounted the first time the field
    has an issue to show: most fields never do, and every widget composed up front costs
    start-up time."""

    def __init__(self, label: str, widget: Any, *, paths: tuple[str, ...] = ()) -> None:
        super().__init__(classes="field")
        self.label = label
        self.widget = widget
        self.paths = paths or (getattr(widget, "path", ""),)
        self._shown: tuple[bool, bool, str] = (False, False, "")
        self._error: Static | None = None

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label")
        yield self.widget

    def show(self, errors: list[Any], warnings: list[Any]) -> None:
        mine_e = [i for i in errors if any(issue_matches(i.path, p) for p in self.paths)]
        mine_w = [i for i in warnings if any(issue_matches(i.path, p) for p in self.paths)]
        text = "\n".join(format_issue(i, with_path=False) for i in (mine_e or mine_w))
        state = (bool(mine_e), bool(mine_w) and not mine_e, text)
        if state == self._shown:
            return  # nothing changed: no style or layout work on this keystroke
        if self._error is None and text and not self.is_attached:
            return  # not in the DOM (yet, or any more): nothing to show it in
        self._shown = state
        self.set_class(state[0], "-invalid")
        self.set_class(state[1], "-warning")
        if self._error is not None:
            self._error.update(text)
        elif text:
            self._error = Static(text, classes="field-error")
            self.mount(self._error)


def format_issue(issue: Any, *, with_path: bool = True) -> str:
    text = f"{issue.message}"
    fix = getattr(issue, "fix", "")
    if fix:
        text += f" — {fix}"
    if with_path and issue.path:
        text = f"{issue.path}: {text}"
    return text


def field(label: str, widget: Any) -> Field:
    return Field(label, widget)


def text_field(label: str, draft: dict, path: str, kind: str = "str", hint: str = "") -> Field:
    return Field(label, BoundInput(path, get_path(draft, path), kind=kind, placeholder=hint))


def check_field(label: str, draft: dict, path: str, default: bool) -> Field:
    value = get_path(draft, path)
    return Field(label, BoundCheckbox(path, default if value is None else value))


def select_field(
    label: str, draft: dict, path: str, options: list[tuple[str, Any]], default: Any = None
) -> Field:
    value = get_path(draft, path)
    return Field(label, BoundSelect(path, options, default if value is None else value))


class StepFooter(Footer):
    """Textual's Footer rebuilds all its keys on every bindings signal (each focus change,
    screen switch, ...), three times while a step screen starts up; this one rebuilds only
    when the keys it would show differ from the ones it shows."""

    _shows: tuple[Any, ...] | None = None

    def _keys(self) -> tuple[Any, ...]:
        return tuple(
            (b.key, b.key_display, b.description, b.action, b.group, enabled, tooltip)
            for _, b, enabled, tooltip in self.screen.active_bindings.values()
            if b.show
        )

    def compose(self) -> ComposeResult:
        # Show the screen's keys from the start (Textual's Footer starts empty and waits for
        # the first bindings signal); that signal then finds nothing to change.
        self._bindings_ready = True
        self._shows = self._keys()
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            keys = self._keys()
            if keys == self._shows:
                return
            self._shows = keys  # what the rebuild scheduled below will show
        super().bindings_changed(screen)


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

    @property
    def draft(self) -> dict[str, Any]:
        return self.app.draft  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield Static(self.app.step_bar(self), id="stepbar")  # type: ignore[attr-defined]
        with VerticalScroll(id="form"):
            yield from self.compose_form()
        yield Static("", id="issues")
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

    def on_field_changed(self, message: FieldChanged) -> None:
        message.stop()
        self.app.update_draft(message.path, message.value)  # type: ignore[attr-defined]

    def on_draft_updated(self, message: DraftUpdated) -> None:
        self.refresh_issues()
        self.draft_changed()

    def draft_changed(self) -> None:
        """Hook: refresh derived views (sizing, tables)."""

    def my_issues(self) -> tuple[list[Any], list[Any]]:
        errors = [i for i in self.app.errors if self.owns(i.path)]  # type: ignore[attr-defined]
        warnings = [i for i in self.app.warnings if self.owns(i.path)]  # type: ignore[attr-defined]
        return errors, warnings

    def owns(self, path: str) -> bool:
        return any(issue_matches(path, p) for p in self.PREFIXES)

    def refresh_issues(self) -> None:
        errors, warnings = self.my_issues()
        for fld in self.query(Field):
            fld.show(errors, warnings)
        panel = self.query_one("#issues", Static)
        lines = [f"✗ {format_issue(i)}" for i in errors[:4]]
        lines += [f"! {format_issue(i)}" for i in warnings[: max(0, 4 - len(lines))]]
        more = len(errors) + len(warnings) - len(lines)
        if more > 0:
            lines.append(f"… and {more} more")
        state = ("\n".join(lines), bool(errors), bool(warnings) and not errors)
        if state == getattr(self, "_panel_state", None):
            return
        self._panel_state = state
        panel.update(state[0])
        panel.set_class(state[1], "-errors")
        panel.set_class(state[2], "-warnings")
        panel.display = bool(lines)

    def focus_first_error(self) -> None:
        for fld in self.query(Field):
            if fld.has_class("-invalid") and fld.widget.focusable:
                fld.widget.focus()
                fld.scroll_visible()
                return
