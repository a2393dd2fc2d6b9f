"""All-or-nothing multi-file writes: stage every file, record the commit, then move them in.

`writer.write_tree` writes a whole project. Renaming one file is atomic, a set of files is
not, so a render interrupted half-way (Ctrl-C, SIGKILL, power loss) could leave a new
`answers.yaml` next to an old `terraform.tfvars`. A `Journal` makes the set atomic *as seen
by the next run*:

1. stage: each new file is written and fsynced as `DIR/.ecs-wizard/staging/<n>`;
2. commit point: `staging/commit.json` (what goes where, and the hash each target had when
   it was planned) is written atomically. Before it exists, nothing in DIR was touched;
3. move: each staged file is renamed over its target, stale files are removed, and the
   manifest is renamed in *last*; then the staging folder is deleted.

`recover(DIR)` runs before the next write (and before a plan): a staging folder without
`commit.json` is deleted (the write never happened); one with it is rolled forward. A target
changed by hand after the crash is copied to the backups first, never lost. While files are
moved, SIGINT/SIGTERM/SIGHUP are held back (in the main thread) and delivered afterwards.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ecs_wizard.model.fileio import default_mode

STAGING = "staging"
COMMIT = "commit.json"
_HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str | None:
    """SHA-256 of a regular file (not followed through a symlink), or None when absent."""
    try:
        if not path.is_file() or path.is_symlink():
            return None
        return sha256(path.read_bytes())
    except OSError:
        return None


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def held_signals() -> Iterator[None]:
    """Hold SIGINT/SIGTERM/SIGHUP back while the body runs, then deliver them (main thread
    only: elsewhere Python delivers signals to the main thread anyway)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {}
    for sig in _HELD_SIGNALS:
        handler = signal.getsignal(sig)
        if handler is None:  # installed outside Python: cannot be put back, leave it
            continue
        previous[sig] = handler
        signal.signal(sig, lambda s, _f: received.append(s))
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sig in dict.fromkeys(received):
            signal.raise_signal(sig)


@contextlib.contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """An exclusive lock on the directory itself (flock on its descriptor: no lock file to
    leave behind); another process writing or recovering the same DIR waits its turn."""
    import fcntl

    fd = os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


@dataclass
class Move:
    rel: str
    staged: str  # name in the staging folder
    before: str | None  # the target's hash when the write was planned (None: absent)
    after: str
    mode: int


@dataclass
class Journal:
    """One staged write of a tree into `out_dir` (see the module docstring)."""

    out_dir: Path
    state_dir: Path
    moves: list[Move] = field(default_factory=list)
    removes: dict[str, str] = field(default_factory=dict)  # rel -> hash it must still have
    manifest: str | None = None

    @property
    def staging(self) -> Path:
        return self.state_dir / STAGING

    def begin(self) -> None:
        discard(self.state_dir)
        self.staging.mkdir(parents=True)

    def stage(self, rel: str, data: bytes, target: Path) -> None:
        name = f"{len(self.moves):05d}"
        try:
            mode = target.stat().st_mode & 0o7777 if target.is_file() else default_mode()
        except OSError:
            mode = default_mode()
        _write_synced(self.staging / name, data, mode)
        self.moves.append(Move(rel, name, file_hash(target), sha256(data), mode))

    def stage_manifest(self, data: bytes) -> None:
        _write_synced(self.staging / "manifest", data, default_mode())
        self.manifest = "manifest"

    def remove(self, rel: str, digest: str) -> None:
        self.removes[rel] = digest

    def commit(self, manifest_path: Path) -> list[str]:
        """Write the commit record (the point of no return), then move everything in.
        Returns the files that had to be backed up (changed since planned: none normally)."""
        record = {
            "moves": [m.__dict__ for m in self.moves],
            "removes": self.removes,
            "manifest": self.manifest,
            "manifest_path": str(manifest_path.relative_to(self.out_dir)),
        }
        with held_signals():
            _write_synced(self.staging / (COMMIT + ".part"), json.dumps(record).encode(), 0o600)
            os.replace(self.staging / (COMMIT + ".part"), self.staging / COMMIT)
            fsync_dir(self.staging)
            return _roll_forward(self.out_dir, self.state_dir, record)

    def abort(self) -> None:
        discard(self.state_dir)


def _write_synced(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(path, mode)


def discard(state_dir: Path) -> None:
    """Delete an uncommitted staging folder (an interrupted write: nothing was changed)."""
    staging = state_dir / STAGING
    if staging.is_dir() and not staging.is_symlink():
        shutil.rmtree(staging)


def recover(out_dir: Path, state_dir: Path) -> list[str]:
    """Finish or forget an interrupted write; returns files backed up on the way."""
    staging = state_dir / STAGING
    if not staging.is_dir() or staging.is_symlink():
        return []
    try:
        record = json.loads((staging / COMMIT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = None
    if not isinstance(record, dict):
        discard(state_dir)
        return []
    with held_signals():
        return _roll_forward(out_dir, state_dir, record)


def _inside(out_dir: Path, rel: object) -> Path | None:
    """`out_dir / rel` when `rel` is a plain relative path with no link on the way, else
    None: the commit record is a file in DIR, and a hand-made one must not send a write
    outside DIR either."""
    if not isinstance(rel, str) or not rel or "\\" in rel or "\x00" in rel:
        return None
    parts = PurePosixPath(rel).parts
    if PurePosixPath(rel).is_absolute() or any(p in ("", ".", "..") for p in parts):
        return None
    probe = out_dir
    for part in parts:
        probe = probe / part
        if probe.is_symlink():
            return None
    return probe


def _roll_forward(out_dir: Path, state_dir: Path, record: dict) -> list[str]:
    staging = state_dir / STAGING
    backed_up: list[str] = []
    backup_dir: Path | None = None
    moves = record.get("moves")
    for m in moves if isinstance(moves, list) else []:
        if not isinstance(m, dict) or not isinstance(m.get("staged"), str):
            continue
        src = _inside(staging, m["staged"])
        target = _inside(out_dir, m.get("rel"))
        if src is None or target is None or "/" in m["staged"] or not src.is_file():
            continue  # moved in before the interruption (or not a record we wrote)
        current = file_hash(target)
        if current not in (m.get("before"), m.get("after")) and target.exists():
            # Changed by hand since the write was planned: keep a copy before replacing it.
            backup_dir = backup_dir or new_backup_dir(state_dir)
            dst = backup_dir / m["rel"]
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(target, dst)
            backed_up.append(m["rel"])
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, target)
        fsync_dir(target.parent)
    removes = record.get("removes")
    for rel, digest in (removes if isinstance(removes, dict) else {}).items():
        target = _inside(out_dir, rel)
        if target is not None and file_hash(target) == digest:
            target.unlink()
    manifest = _inside(staging, record.get("manifest"))
    manifest_path = _inside(out_dir, record.get("manifest_path"))
    if manifest is not None and manifest_path is not None and manifest.is_file():
        os.replace(manifest, manifest_path)
        fsync_dir(manifest_path.parent)
    shutil.rmtree(staging)
    return backed_up


def new_backup_dir(state_dir: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup_dir = state_dir / "backups" / stamp
    n = 1
    while backup_dir.exists():
        n += 1
        backup_dir = state_dir / "backups" / f"{stamp}-{n}"
    return backup_dir
