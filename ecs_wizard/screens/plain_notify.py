"""Notifications as plain text, for every app of ecs-wizard.

Textual reads a notification's message as content markup, and ours quote what the user typed
or the filesystem holds (an issue's value, an export directory, an environment name): a `[/]`
in one raised MarkupError and ended the app. No notification of ours uses markup, so the apps
turn it off for all of them, whatever a caller passes (`Widget.notify` passes markup=True).
"""

from __future__ import annotations

from typing import Any


class PlainNotifications:
    """App mixin (list it before `App`): `notify` never reads markup."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,  # accepted for Textual's signature, and ignored
    ) -> None:
        del markup
        super().notify(  # type: ignore[misc]
            message, title=title, severity=severity, timeout=timeout, markup=False
        )
