"""The names of a rendered project's files that more than the renderer reads: the tfvars, and
with environments each environment's var, backend and data folder. One statement of what the
renderer writes (render.py, rendering.teams) and the planner reads (plan.workdir, the plan
command, the emulator run). No imports, so the plan layer can use it without the renderer."""

from __future__ import annotations

TFVARS_FILE = "terraform.tfvars"  # the answers one to one (render.tfvars_data); auto-loaded
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
