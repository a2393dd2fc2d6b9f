"""Regenerate the committed JSON Schema of the answers file from the model:
`python -m ecs_wizard.model.schema_file` (tests/test_answers_model.py fails when it is stale)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ecs_wizard.model.answers import Answers

SCHEMA_PATH = "schema/answers.schema.json"  # relative to the ecs_wizard package


def answers_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the answers file, generated from the model."""
    schema = Answers.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def answers_json_schema_text() -> str:
    """The committed schema file's text."""
    return json.dumps(answers_json_schema(), indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def write() -> Path:
    target = Path(__file__).resolve().parents[1] / SCHEMA_PATH
    target.write_text(answers_json_schema_text(), encoding="utf-8")
    return target


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    print(f"wrote {write()}")
