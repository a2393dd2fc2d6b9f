"""The container editor's advanced fields: what a sidecar needs (essential, its own CPU and
memory, command, entrypoint, a read-only root filesystem)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ecs_wizard.screens.widgets.field import Field, check_field, text_field


def sidecar_fields(draft: dict[str, Any], container: str) -> Iterator[Field]:
    """The fields of the container at path `container` (`services[0].containers[1]`)."""
    c = container
    yield check_field("Essential", draft, f"{c}.essential", True)
    yield text_field("CPU units", draft, f"{c}.cpu", "int", "share of the task (e.g. 128)")
    yield text_field("Memory (MiB)", draft, f"{c}.memory", "int", "no limit (e.g. 256)")
    yield text_field("Command", draft, f"{c}.command", "argv", "image default (e.g. serve -p 80)")
    yield text_field("Entrypoint", draft, f"{c}.entrypoint", "argv", "image default")
    # Unset (answers written before the question existed) reads as writable, the model's
    # default; new containers start read-only (draft.new_container).
    yield check_field("Read-only root", draft, f"{c}.readonly_root_filesystem", False)
