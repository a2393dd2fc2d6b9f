"""Write a generated file tree into a directory without ever losing the user's edits.

`DIR/.ecs-wizard/manifest.json` records the SHA-256 of every file of the last render. On the
next render a file is overwritten only if it is still exactly what we wrote; a file the user
edited (or one we did not write) is a conflict. Conflicts abort the whole write before any
file is touched, unless `force` is set, in which case every conflicting file is first copied
to `DIR/.ecs-wizard/backups/<timestamp>/`. Each file is written atomically (temp file, fsync,
rename), and relative paths are checked so nothing lands outside DIR.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

STATE_DIR = ".ecs-wizard"
MANIFEST = f"{STATE_DIR}/manifest.json"


def write_atomic(path: Path | str, data: bytes | str) -> None:
    """Replace `path` with `data` so readers see the old or the new file, never half of one.

    Temp file in the same directory, fsync, rename, fsync of the directory. An existing file
    keeps its mode; a new one gets the usual umask-derived mode.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = p.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(p.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class UnsafePath(ValueError):
    """A generated path would escape the output directory."""


class RenderConflict(RuntimeError):
    """Files in the output directory were changed since the last render."""

    def __init__(self, out_dir: Path, paths: list[str]) -> None:
        self.out_dir = out_dir
        self.paths = paths
        listing = "\n".join(f"  - {p}" for p in paths)
        super().__init__(
            f"{len(paths)} file(s) in {out_dir} were edited since the last render or were not "
            f"written by ecs-wizard:\n{listing}\n"
            "Nothing was written. Move your changes into the answers file, or re-run with "
            "--force to overwrite them (a backup is kept in "
            f"{out_dir / STATE_DIR / 'backups'})."
        )


@dataclass
class WriteReport:
    out_dir: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    backed_up: list[str] = field(default_factory=list)
    backup_dir: Path | None = None


def safe_relpath(rel: str) -> PurePosixPath:
    """Validate a generated relative path: no absolute paths, `..`, or odd components."""
    p = PurePosixPath(rel)
    if (
        p.is_absolute()
        or not p.parts
        or str(p) != rel  # "a//b", "./x": not a path we generate, so not one we accept
        or any(part in ("", ".", "..") for part in p.parts)
    ):
        raise UnsafePath(f"refusing to write outside the output directory: {rel!r}")
    if any("\\" in part or "\x00" in part for part in p.parts):
        raise UnsafePath(f"refusing odd path component in {rel!r}")
    return p


def _resolve_inside(out_dir: Path, rel: PurePosixPath) -> Path:
    target = out_dir.joinpath(*rel.parts)
    # A symlink anywhere on the way could redirect the write outside DIR.
    probe = out_dir
    for part in rel.parts:
        probe = probe / part
        if probe.is_symlink():
            raise UnsafePath(f"refusing to write through the symbolic link {probe}")
    if not target.resolve().is_relative_to(out_dir.resolve()):
        raise UnsafePath(f"refusing to write outside {out_dir}: {rel}")
    return target


def read_manifest(out_dir: Path) -> dict[str, str]:
    path = out_dir / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files", {}) if isinstance(data, dict) else {}
    return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)}


def edited_files(out_dir: Path) -> list[str]:
    """Files recorded in the manifest whose content changed since the last render."""
    changed = []
    for rel, digest in sorted(read_manifest(out_dir).items()):
        path = out_dir / rel
        if path.is_file() and _sha256(path.read_bytes()) != digest:
            changed.append(rel)
    return changed


def write_tree(out_dir: Path, files: Mapping[str, str], *, force: bool = False) -> WriteReport:
    """Write `files` (relative POSIX path → text) into `out_dir`; see the module docstring."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise NotADirectoryError(f"{out_dir} exists and is not a directory")
    previous = read_manifest(out_dir)
    plan: list[tuple[str, Path, bytes]] = []
    conflicts: list[str] = []
    report = WriteReport(out_dir=out_dir)

    for rel in sorted(files):
        target = _resolve_inside(out_dir, safe_relpath(rel))
        data = files[rel].encode("utf-8")
        if target.exists():
            if not target.is_file():
                raise UnsafePath(f"{target} exists and is not a regular file")
            current = target.read_bytes()
            if current == data:
                report.unchanged.append(rel)
                continue
            if previous.get(rel) != _sha256(current):
                conflicts.append(rel)
        plan.append((rel, target, data))

    # Files we wrote last time and no longer generate: remove them if untouched.
    stale: list[tuple[str, Path]] = []
    for rel in sorted(set(previous) - set(files)):
        target = _resolve_inside(out_dir, safe_relpath(rel))
        if not target.is_file():
            continue
        if _sha256(target.read_bytes()) == previous[rel]:
            stale.append((rel, target))
        else:
            conflicts.append(rel)

    if conflicts and not force:
        raise RenderConflict(out_dir, sorted(conflicts))

    if conflicts:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup_dir = out_dir / STATE_DIR / "backups" / stamp
        n = 1
        while backup_dir.exists():
            n += 1
            backup_dir = out_dir / STATE_DIR / "backups" / f"{stamp}-{n}"
        for rel in sorted(conflicts):
            src = out_dir / rel
            dst = backup_dir / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
            report.backed_up.append(rel)
        report.backup_dir = backup_dir

    for rel, target, data in plan:
        write_atomic(target, data)
        report.written.append(rel)
    for rel, target in stale:
        if rel not in conflicts:
            target.unlink()
            report.removed.append(rel)

    manifest = {
        "generator": "ecs-wizard",
        "files": {rel: _sha256(files[rel].encode("utf-8")) for rel in sorted(files)},
    }
    write_atomic(out_dir / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return report
