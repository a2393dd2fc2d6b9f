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


def account_text(value: Any) -> Any:
    """An account id as text (a `mode="before"` validator). YAML reads 123456789012 as an int;
    only an int that still has its 12 digits is taken as written (a shorter one lost a
    leading zero, or was never an account id)."""
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
        if len(text) != 12:
            raise ValueError(
                f"an account id is 12 digits; YAML read this one as the number {value}: write "
                "it in quotes, e.g. account_id: '012345678901'"
            )
        return text
    return value
