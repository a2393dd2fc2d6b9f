"""The cluster's answers: its capacity providers (Fargate, Fargate Spot, an EC2 Auto Scaling
group) and settings. Part of the answers model (`ecs_wizard.model.answers` re-exports them)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ecs_wizard.model.base import Model as _Model

ContainerInsights = Literal["enabled", "enhanced", "disabled"]


class FargateCapacity(_Model):
    weight: int = Field(1, ge=0, le=1000)
    base: int = Field(0, ge=0, le=100000)


class Ec2Capacity(_Model):
    instance_type: str = Field(description="EC2 instance type, e.g. m6i.large or m7g.large.")
    ami_id: str | None = Field(
        None,
        description="AMI for the instances; default: the latest ECS-optimized Amazon Linux 2023 "
        "AMI (looked up in SSM at plan time).",
    )
    min_size: int = Field(1, ge=0)
    max_size: int = Field(3, ge=0)
    desired_capacity: int | None = Field(
        None, ge=0, description="Initial size; null lets managed scaling decide."
    )
    target_capacity_percent: int = Field(100, ge=1, le=100)
    spot: bool = False
    root_volume_gb: int = Field(30, ge=30, le=16384)
    weight: int = Field(1, ge=0, le=1000)
    base: int = Field(0, ge=0, le=100000)


class Capacity(_Model):
    """Capacity providers of the cluster. Listing none means: Fargate only (weight 1)."""

    fargate: FargateCapacity | None = None
    fargate_spot: FargateCapacity | None = None
    ec2: Ec2Capacity | None = None

    @model_validator(mode="after")
    def _default_fargate(self) -> Capacity:
        if self.fargate is None and self.fargate_spot is None and self.ec2 is None:
            self.fargate = FargateCapacity()
        return self

    def providers(self) -> dict[str, FargateCapacity | Ec2Capacity]:
        """The configured providers, in a stable order."""
        return {
            name: p
            for name, p in (
                ("fargate", self.fargate),
                ("fargate_spot", self.fargate_spot),
                ("ec2", self.ec2),
            )
            if p is not None
        }


class Cluster(_Model):
    container_insights: ContainerInsights = "enabled"
    log_retention_days: int = Field(30, ge=0)
    capacity: Capacity = Field(default_factory=Capacity)
