"""Where a plan keeps its files, and whether `terraform init` must run again.

A project's plan file and init fingerprint live in `DIR/.ecs-wizard/` (per environment in
`DIR/.ecs-wizard/envs/<env>/`); an environment also has its own terraform data directory
(`TF_DATA_DIR=DIR/.terraform/envs/<env>`) and backend file, so one environment's backend is
never used for another (see ecs_wizard.teams, which writes those files).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ecs_wizard.writer import STATE_DIR

PLAN_FILE = "tfplan"
FINGERPRINT_FILE = "init.fingerprint"
# Mirrors ecs_wizard.teams (kept literal so the plan layer does not import the renderer).
ENV_DATA_DIR = ".terraform/envs"
ENV_VARS = "envs/{env}.tfvars"
ENV_BACKEND = "envs/{env}.s3.tfbackend"
ENV_LOCAL_BACKEND = "envs/{env}.local.tfbackend"
BACKEND_FILE = "backend.s3.tfbackend"


def work_dir(project_dir: Path, environment: str | None = None) -> Path:
    """Where the plan file and init fingerprint live (one directory per environment)."""
    base = project_dir / STATE_DIR
    return base / "envs" / environment if environment else base


def backend_config(project_dir: Path, environment: str | None = None) -> str | None:
    """The `-backend-config` file `init` needs, relative to the project (None: no backend)."""
    candidates = (
        [ENV_BACKEND.format(env=environment), ENV_LOCAL_BACKEND.format(env=environment)]
        if environment
        else [BACKEND_FILE]
    )
    return next((rel for rel in candidates if (project_dir / rel).is_file()), None)


def init_fingerprint(project_dir: Path, environment: str | None = None) -> str:
    """Hash of what decides whether `terraform init` must run again.

    The lock file, the backend configuration file, plus every `source`/`version`/
    `required_providers`/`backend` line of the root module and of local modules it calls
    (recursively).
    """
    h = hashlib.sha256()
    lock = project_dir / ".terraform.lock.hcl"
    h.update(lock.read_bytes() if lock.is_file() else b"no-lock")
    backend = backend_config(project_dir, environment)
    if backend is not None:
        h.update((project_dir / backend).read_bytes())
    pattern = re.compile(r'^\s*(?:source|version|backend\s+"|required_providers|cloud\s*\{).*$')
    local_source = re.compile(r'^\s*source\s*=\s*"(\.{1,2}/[^"]*)"')
    seen: set[Path] = set()
    todo = [project_dir.resolve()]
    while todo:
        d = todo.pop()
        if d in seen or not d.is_dir():
            continue
        seen.add(d)
        for tf in sorted(d.glob("*.tf")) + sorted(d.glob("*.tf.json")):
            h.update(str(tf.relative_to(project_dir.resolve().parent)).encode())
            try:
                lines = tf.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                continue
            for line in lines:
                if pattern.match(line):
                    h.update(line.strip().encode())
                    m = local_source.match(line)
                    if m:
                        todo.append((d / m.group(1)).resolve())
    return h.hexdigest()


def needs_init(project_dir: Path, environment: str | None = None) -> bool:
    """True when `.terraform` is missing or the lock file / module calls changed since init."""
    data_dir = project_dir / (f"{ENV_DATA_DIR}/{environment}" if environment else ".terraform")
    work = work_dir(project_dir, environment)
    if not data_dir.is_dir() and (
        (project_dir / ".terraform.lock.hcl").exists() or not work.is_dir()
    ):
        # Providers/modules were never installed here. (A config using only built-ins, like
        # terraform_data, gets no .terraform directory even after init: the fingerprint decides.)
        return True
    stored = work / FINGERPRINT_FILE
    try:
        return stored.read_text(encoding="utf-8").strip() != init_fingerprint(
            project_dir, environment
        )
    except OSError:
        return True
