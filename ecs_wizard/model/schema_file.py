"""Regenerate the committed JSON Schema of the answers file from the model:
`python -m ecs_wizard.model.schema_file` (tests/test_answers_model.py fails when it is stale)."""

from __future__ import annotations

from pathlib import Path

from ecs_wizard.model.answers import SCHEMA_PATH, answers_json_schema_text


def write() -> Path:
    target = Path(__file__).resolve().parents[1] / SCHEMA_PATH
    target.write_text(answers_json_schema_text(), encoding="utf-8")
    return target


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    print(f"wrote {write()}")
