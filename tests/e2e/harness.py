"""Render → init → plan/apply → destroy against the emulator, with plan JSON at each step."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecs_wizard.emulator import (
    Emulator,
    LocalizedAnswers,
    localize_answers,
    write_emulator_override,
)
from ecs_wizard.model.answers import Answers
from ecs_wizard.render import write_project
from ecs_wizard.validation import validate_data

PARALLELISM = "-parallelism=20"


def validated(data: dict) -> Answers:
    result = validate_data(data)
    assert result.ok, "answers for the e2e project must be valid: " + "; ".join(
        f"{i.path}: {i.message}" for i in result.errors
    )
    assert result.answers is not None
    return result.answers


@dataclass
class E2EProject:
    tf: Any
    emu: Emulator
    root: Path
    localized: LocalizedAnswers
    answers: Answers
    plans: list[dict] = field(default_factory=list)

    @classmethod
    def create(cls, tf: Any, emu: Emulator, root: Path, data: dict) -> E2EProject:
        localized = localize_answers(data, emu)
        answers = validated(localized.data)
        project = cls(tf, emu, root, localized, answers)
        project.render(answers)
        tf.run(root, "init", "-input=false", "-no-color", "-backend=false")
        return project

    def render(self, answers: Answers) -> None:
        self.answers = answers
        write_project(answers, self.root, force=True)
        write_emulator_override(self.root, answers.project.region, self.emu.endpoint)

    def plan(self, *extra: str) -> dict:
        """plan (refreshing against the emulator) → plan JSON; the plan file stays for apply."""
        self.tf.run(
            self.root, "plan", "-input=false", "-no-color", PARALLELISM, "-out=tfplan", *extra
        )
        plan = json.loads(self.tf.run(self.root, "show", "-json", "tfplan").stdout)
        self.plans.append(plan)
        return plan

    def apply(self) -> dict:
        """plan + apply that exact plan; returns the plan JSON that was applied."""
        plan = self.plan()
        self.tf.run(self.root, "apply", "-input=false", "-no-color", PARALLELISM, "tfplan")
        return plan

    def outputs(self) -> dict[str, Any]:
        raw = json.loads(self.tf.run(self.root, "output", "-json").stdout)
        return {k: v["value"] for k, v in raw.items()}

    def destroy(self) -> None:
        self.tf.run(self.root, "destroy", "-auto-approve", "-input=false", "-no-color", PARALLELISM)


def planned_resources(plan: dict) -> dict[str, dict]:
    """address → planned values, from a plan's planned_values (all module levels)."""
    out: dict[str, dict] = {}

    def walk(module: dict) -> None:
        for r in module.get("resources", []):
            out[r["address"]] = r
        for child in module.get("child_modules", []):
            walk(child)

    walk(plan.get("planned_values", {}).get("root_module", {}))
    return out
