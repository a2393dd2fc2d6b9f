"""Step 1: project and network."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Static

from ecs_wizard.model.paths import get_path
from ecs_wizard.screens.base import StepScreen
from ecs_wizard.screens.steps import step
from ecs_wizard.screens.widgets.bound_input import BoundInput
from ecs_wizard.screens.widgets.field import Field, check_field, text_field


class RegionInput(BoundInput):
    """The region as typed text that completes from `catalog.REGIONS` (Right arrow or End
    accepts the suggestion). One widget where a pick list of every region costs six; an
    unknown region is reported on the field by the validation (with a "did you mean")."""

    def __init__(self, value: Any) -> None:
        from ecs_wizard.aws.catalog import REGIONS

        super().__init__("project.region", value, placeholder="us-east-1 (type to complete)")
        self.suggester = SuggestFromList(REGIONS, case_sensitive=False)


class ProjectScreen(StepScreen):
    STEP_TITLE = step("project").title
    PREFIXES = step("project").prefixes

    def compose_form(self) -> ComposeResult:
        d = self.draft
        yield Static("Project", classes="section", markup=False)
        yield text_field("Name", d, "project.name", hint="e.g. shop (a-z, 0-9, -)")
        yield text_field("Environment", d, "project.environment", hint="prod")
        yield Field("Region", RegionInput(get_path(d, "project.region")))
        yield text_field("Tags", d, "project.tags", kind="dict", hint="team=platform, owner=me")
        yield Static("Network (existing VPC)", classes="section", markup=False)
        yield text_field("VPC id", d, "network.vpc_id", hint="vpc-0a1b2c3d4e5f60718")
        # Also on the ALB step. Here too, because it decides whether the VPC needs public
        # subnets: a private-only VPC could not get past this step without it.
        yield check_field("Internal (no internet)", d, "alb.internal", False)
        yield text_field(
            "Public subnets (ALB)",
            d,
            "network.public_subnet_ids",
            "list",
            "subnet-…, subnet-… (none for an internal ALB)",
        )
        yield text_field(
            "Private subnets (tasks)", d, "network.private_subnet_ids", "list", "subnet-…, …"
        )
