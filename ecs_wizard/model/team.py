"""The answers' team settings: where the Terraform state lives and the CI pipeline to generate
(see README, Teams). Environments themselves are overlays, merged by
ecs_wizard.model.environments."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ecs_wizard.model.base import Model as _Model


class StateConfig(_Model):
    """Where Terraform keeps the state: an S3 bucket shared by the team, with locking."""

    backend: Literal["s3"] = Field("s3", description="State backend (S3 is the one supported).")
    bucket: str = Field(description="Existing (or bootstrap/-created) S3 bucket for the state.")
    region: str | None = Field(None, description="The bucket's region (default: project.region).")
    key_prefix: str = Field(
        "ecs-wizard",
        description="State key: <key_prefix>/<project>/<environment>/terraform.tfstate.",
    )
    key_includes_project: bool | None = Field(
        None,
        description="false: the key without the project, <key_prefix>/<environment>/"
        "terraform.tfstate, as ecs-wizard wrote it before (two projects sharing a bucket then "
        "share keys). Unset: with the project, except over a render that used the old key, "
        "which keeps it (render sets false in the rendered answers).",
    )
    lock: Literal["lockfile", "dynamodb"] = Field(
        "lockfile",
        description="lockfile: S3-native lock files (Terraform/OpenTofu >= 1.10); "
        "dynamodb: a DynamoDB lock table (older versions).",
    )
    dynamodb_table: str | None = Field(None, description="Lock table (when lock: dynamodb).")
    kms_key_id: str | None = Field(
        None, description="SSE-KMS key (id, ARN or alias) for the state."
    )


class CiRoles(_Model):
    """One environment's pair of CI roles (an environment in its own account needs its own)."""

    aws_role_arn: str = Field(description="The apply role in this environment's account.")
    plan_role_arn: str | None = Field(
        None, description="The read-only plan role in this environment's account."
    )


class GithubCi(_Model):
    aws_role_arn: str = Field(
        description="IAM role the apply job assumes through GitHub's OIDC provider (no "
        "long-lived keys); trust only the protected GitHub environment's subject claim."
    )
    plan_role_arn: str | None = Field(
        None,
        description="Read-only IAM role for the plan jobs (pull requests and the default "
        "branch), so a pushed branch never gets credentials that can apply. Without it, the "
        "plan jobs use aws_role_arn (a warning).",
    )
    roles: dict[str, CiRoles] = Field(
        default_factory=dict,
        description="Per environment: its own apply and plan roles (an environment in "
        "another account).",
    )
    environments: list[str] = Field(
        default_factory=list,
        description="Environments to plan on pull requests and apply on the default branch "
        "(default: all of them, in file order).",
    )
    working_directory: str = Field(
        ".",
        description="The rendered directory's path from the repository root (the workflow "
        "runs there).",
    )


class CiConfig(_Model):
    github: GithubCi | None = Field(None, description="Write .github/workflows/ecs-wizard.yml.")
