"""Where a rendered project with environments keeps each environment's files: one statement of
the names the renderer writes (ecs_wizard.teams) and the planner reads (plan.workdir, the plan
command, the emulator run). No imports, so the plan layer can use it without the renderer."""

from __future__ import annotations

ENVS_DIR = "envs"  # envs/<env>.tfvars, envs/<env>.s3.tfbackend, envs/<env>.local.tfbackend
BACKEND_FILE = "backend.s3.tfbackend"  # the S3 backend of a project without environments
ENV_DATA_DIR = ".terraform/envs"  # TF_DATA_DIR of each environment: .terraform/envs/<env>


def env_vars(env: str) -> str:
    return f"{ENVS_DIR}/{env}.tfvars"


def env_s3_backend(env: str) -> str:
    return f"{ENVS_DIR}/{env}.s3.tfbackend"


def env_local_backend(env: str) -> str:
    return f"{ENVS_DIR}/{env}.local.tfbackend"


def env_data_dir(env: str) -> str:
    return f"{ENV_DATA_DIR}/{env}"
