"""The base of every answers model class (kept apart so the answers' parts can live in their
own modules without importing each other in a circle)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    # strict: a number is a number and a boolean a boolean, as written. Lax mode turned
    # `port: true` into 1 and `enabled: "yes"` into True; YAML 1.1 words never reach here
    # as booleans any more (yamlio), and this keeps the wizard's draft and the CLI equal.
    model_config = ConfigDict(extra="forbid", validate_default=False, strict=True)
