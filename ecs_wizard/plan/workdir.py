"""The tool's folder in a project being planned (`DIR/.ecs-wizard`): where a plan keeps its
files, whether `terraform init` must run again, and checking the folder before use.

A project's plan file and init fingerprint live in `DIR/.ecs-wizard/` (per environment in
`DIR/.ecs-wizard/envs/<env>/`); an environment also has its own terraform data directory
(`TF_DATA_DIR=DIR/.terraform/envs/<env>`) and backend file, so one environment's backend is
never used for another (see ecs_wizard.rendering.teams, which writes those files).

A symbolic link (or hard link) in that folder could redirect our writes outside DIR, so it
is refused (`writer.check_state_dir`); our own writes are renames, which never write
through a link; an old saved plan is deleted before terraform writes a new one.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ecs_wizard.model.fileio import write_atomic
from ecs_wizard.rendering.layout import (
    BACKEND_FILE,
    ENVS_DIR,
    env_data_dir,
    env_local_backend,
    env_s3_backend,
)
from ecs_wizard.rendering.writer import STATE_DIR, check_state_dir, recover

PLAN_FILE = "tfplan"
FINGERPRINT_FILE = "init.fingerprint"


def work_dir(project_dir: Path, environment: str | None = None) -> Path:
    """Where the plan file and init fingerprint live (one directory per environment)."""
    base = project_dir / STATE_DIR
    return base / ENVS_DIR / environment if environment else base


def backend_config(project_dir: Path, environment: str | None = None) -> str | None:
    """The `-backend-config` file `init` needs, relative to the project (None: no backend)."""
    candidates = (
        [env_s3_backend(environment), env_local_backend(environment)]
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
    data_dir = project_dir / (env_data_dir(environment) if environment else ".terraform")
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


def prepare_state_dir(project_dir: Path, plan_file: str, ignored: tuple[str, ...]) -> Path:
    """Check and create `DIR/.ecs-wizard` (finishing an interrupted render first), delete
    the last saved plan (terraform writes a new one), and keep `ignored` out of git.
    Raises UnsafePath or OSError."""
    work = check_state_dir(project_dir)
    recover(project_dir)
    work.mkdir(exist_ok=True)
    (work / plan_file).unlink(missing_ok=True)
    _ignore_in_git(work, ignored)
    return work


def _ignore_in_git(work: Path, names: tuple[str, ...]) -> None:
    """Keep our files out of git: the saved plan holds secrets in clear text.

    Only our own names are added (the renderer keeps files in .ecs-wizard/ that belong in git,
    e.g. its manifest), and an existing .gitignore is extended, never rewritten.
    """
    gitignore = work / ".gitignore"
    try:
        existing = gitignore.read_text(encoding="utf-8") if gitignore.exists() else ""
        missing = [n for n in names if n not in existing.splitlines()]
        if missing:
            prefix = "" if not existing or existing.endswith("\n") else "\n"
            header = "" if existing else "# written by ecs-wizard plan: local, may hold secrets\n"
            # Replaced, not appended to: a rename never writes through a link.
            write_atomic(gitignore, existing + prefix + header + "".join(f"{n}\n" for n in missing))
    except OSError:
        pass  # not fatal: the project's own .gitignore also lists .ecs-wizard/tfplan
