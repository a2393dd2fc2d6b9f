"""The tool's folder in a project being planned (`DIR/.ecs-wizard`): checked, then prepared.

Terraform writes the saved plan there and we write `init.fingerprint` and `.gitignore`. A
symbolic link (or hard link) in that folder could redirect those writes outside DIR, so it
is refused (`writer.check_state_dir`); our own writes are renames, which never write
through a link; an old saved plan is deleted before terraform writes a new one.
"""

from __future__ import annotations

from pathlib import Path

from ecs_wizard.writer import check_state_dir, recover, write_atomic


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
