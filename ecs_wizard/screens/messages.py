"""Messages the wizard's widgets and screens exchange: small dataclasses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from textual.widget import Widget


@dataclass
class FieldChanged(Message):
    """A bound widget's value changed; `value is None` removes the key (model default)."""

    path: str
    value: Any


@dataclass
class FormReshaped(Message):
    """A widget changed which fields the form should show (e.g. Service Connect as a
    server): the step screen composes its form again and focuses `focus` (a selector)."""

    focus: str


@dataclass
class FieldsChanged(Message):
    """A widget that edits several paths at once changed them (one change, one autosave)."""

    values: dict[str, Any]


@dataclass
class DraftUpdated(Message):
    """The draft changed and was re-validated (sent to the active screen)."""

    errors: list[Any] = field(default_factory=list)
    warnings: list[Any] = field(default_factory=list)


@dataclass
class RenderDone(Message):
    """A render worker finished: the files, or the error that stopped it."""

    files: dict[str, str] | None
    error: str | None = None


@dataclass
class ExportDone(Message):
    """An export worker finished."""

    out_dir: str
    ok: bool
    detail: str = ""
    conflicts: list[str] = field(default_factory=list)
    #: per conflicting file, a diff from the user's version to the render's
    diffs: dict[str, str] = field(default_factory=dict)
    #: files edited by hand that the render left as they are (their content did not change)
    kept: list[str] = field(default_factory=list)


@dataclass
class BlockToggled(Message):
    """An optional block's switch changed (`on`: the block should exist); `default` builds
    the block the first time it is switched on; `toggle` is the switch, to focus again."""

    path: str
    on: bool
    default: Callable[[], dict[str, Any]]
    toggle: Widget
