"""Step 2: cluster capacity and sizing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Static

from ecs_wizard.aws.sizing import compute_sizing, format_sizing
from ecs_wizard.model.draft import new_capacity_provider
from ecs_wizard.model.paths import get_path
from ecs_wizard.screens.base import StepScreen
from ecs_wizard.screens.steps import step
from ecs_wizard.screens.widgets.block_toggle import BlockToggle
from ecs_wizard.screens.widgets.field import Field, check_field, select_field, text_field

PROVIDERS = (("fargate", "Fargate"), ("fargate_spot", "Fargate Spot"), ("ec2", "EC2"))


def _instance_options() -> list[tuple[str, str]]:
    from ecs_wizard.aws.catalog import INSTANCE_TYPES

    return [
        (f"{name}  {it.vcpu} vCPU {it.memory_mib // 1024} GiB {it.arch}", name)
        for name, it in sorted(INSTANCE_TYPES.items())
    ]


def _new_provider(key: str) -> Callable[[], dict[str, Any]]:
    """The settings a capacity provider starts with when first switched on (the same as the
    prompt mode's: draft.new_capacity_provider)."""
    return lambda: new_capacity_provider(key)


class ClusterScreen(StepScreen):
    STEP_TITLE = step("cluster").title
    PREFIXES = step("cluster").prefixes

    def compose_form(self) -> ComposeResult:
        from ecs_wizard.aws.catalog import CONTAINER_INSIGHTS, LOG_RETENTION_DAYS

        d = self.draft
        yield select_field(
            "Container Insights",
            d,
            "cluster.container_insights",
            [(c, c) for c in CONTAINER_INSIGHTS],
            default="enabled",
        )
        yield select_field(
            "Log retention (days)",
            d,
            "cluster.log_retention_days",
            [(str(n), n) for n in LOG_RETENTION_DAYS],
            default=30,
        )
        capacity = get_path(d, "cluster.capacity") or {}
        for key, label in PROVIDERS:
            on = isinstance(capacity.get(key), dict)
            yield Static(label, classes="section", markup=False)
            toggle = BlockToggle(f"cluster.capacity.{key}", on, f"Use {label}", _new_provider(key))
            yield Field(f"{label} capacity", toggle)
            if not on:
                continue
            base = f"cluster.capacity.{key}"
            if key == "ec2":
                yield select_field("Instance type", d, f"{base}.instance_type", _instance_options())
                yield text_field("Min size", d, f"{base}.min_size", "int", "1")
                yield text_field("Desired capacity", d, f"{base}.desired_capacity", "int", "min")
                yield text_field("Max size", d, f"{base}.max_size", "int", "3")
                yield text_field(
                    "Target capacity %", d, f"{base}.target_capacity_percent", "int", "100"
                )
                yield check_field("Spot instances", d, f"{base}.spot", False)
                yield text_field("Root volume (GB)", d, f"{base}.root_volume_gb", "int", "30")
            yield text_field("Weight", d, f"{base}.weight", "int", "1")
            yield text_field("Base", d, f"{base}.base", "int", "0")
        yield Static("Sizing", classes="section", markup=False)
        yield Static(self._sizing_text(), id="sizing", markup=False)

    def _sizing_text(self) -> str:
        return format_sizing(compute_sizing(self.draft))

    def draft_changed(self) -> None:
        self.query_one("#sizing", Static).update(self._sizing_text())
