"""The base of every answers model class (kept apart so the answers' parts can live in their
own modules without importing each other in a circle)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    # strict: a number is a number and a boolean a boolean, as written. Lax mode turned
    # `port: true` into 1 and `enabled: "yes"` into True; YAML 1.1 words never reach here
    # as booleans any more (yamlio), and this keeps the wizard's draft and the CLI equal.
    model_config = ConfigDict(extra="forbid", validate_default=False, strict=True)


def scalar_to_str(value: Any) -> Any:
    """YAML turns `PORT: 8080` / `DEBUG: true` into int/bool; ECS wants strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return value


def str_map(value: Any) -> Any:
    """A map's scalar values as strings (a `mode="before"` field validator)."""
    if isinstance(value, dict):
        return {k: scalar_to_str(v) for k, v in value.items()}
    return value
