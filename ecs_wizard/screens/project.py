"""Step 1: project and network."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ecs_wizard.screens.base import StepScreen, select_field, text_field
from ecs_wizard.screens.steps import step


def _regions() -> list[tuple[str, str]]:
    from ecs_wizard.catalog import REGIONS

    return [(r, r) for r in REGIONS]


class ProjectScreen(StepScreen):
    STEP_TITLE = step("project").title
    PREFIXES = step("project").prefixes

    def compose_form(self) -> ComposeResult:
        d = self.draft
        yield Static("Project", classes="section")
        yield text_field("Name", d, "project.name", hint="e.g. shop (a-z, 0-9, -)")
        yield text_field("Environment", d, "project.environment", hint="prod")
        yield select_field("Region", d, "project.region", _regions(), default="us-east-1")
        yield text_field("Tags", d, "project.tags", kind="dict", hint="team=platform, owner=me")
        yield Static("Network (existing VPC)", classes="section")
        yield text_field("VPC id", d, "network.vpc_id", hint="vpc-0a1b2c3d4e5f60718")
        yield text_field(
            "Public subnets (ALB)", d, "network.public_subnet_ids", "list", "subnet-…, subnet-…"
        )
        yield text_field(
            "Private subnets (tasks)", d, "network.private_subnet_ids", "list", "subnet-…, …"
        )
