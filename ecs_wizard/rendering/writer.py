"""Write a generated file tree into a directory without ever losing the user's edits.

`DIR/.ecs-wizard/manifest.json` records the SHA-256 of every file of the last render. On the
next render a file is overwritten only if it is still exactly what we wrote; a file the user
edited (or one we did not write) is a conflict. Conflicts abort the whole write before any
file is touched, unless `force` is set, in which case every conflicting file is first copied
to `DIR/.ecs-wizard/backups/<timestamp>/`.

Safety (README "Safety"): relative paths are checked and symbolic links on the way are
refused, so nothing lands outside DIR; the tool's own folder `DIR/.ecs-wizard` must be a real
directory holding only real directories and single-link regular files (no symlink, FIFO or
hard link anywhere in it); DIR may not be `/`, the home directory or one of its parents. The
whole tree is written all-or-nothing (`journal.py`): staged, committed, manifest last, and an
interrupted write is finished or forgotten by the next run. A file no longer generated is
removed only when the caller says the path is one it generates (`removable`) and it still
hashes as recorded, so a hand-made manifest cannot make a render delete a user's file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ecs_wizard.rendering import journal

STATE_DIR = ".ecs-wizard"
MANIFEST = f"{STATE_DIR}/manifest.json"


_sha256 = journal.sha256


class UnsafePath(ValueError):
    """A generated path would escape the output directory, or DIR is not safe to write."""


class RenderConflict(RuntimeError):
    """Files in the output directory were changed since the last render."""

    def __init__(
        self, out_dir: Path, paths: list[str], diffs: dict[str, str] | None = None
    ) -> None:
        self.out_dir = out_dir
        self.paths = paths
        #: per path, a unified diff from the file as it is to what the render would write
        self.diffs = diffs or {}
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
    #: files edited by hand whose rendered content did not change: left as they are
    kept: list[str] = field(default_factory=list)


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


def refuse_unsafe_output_dir(out_dir: Path) -> None:
    """Refuse `/`, the home directory and its parents as a project directory."""
    try:
        resolved = out_dir.expanduser().resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise UnsafePath(f"cannot use {out_dir} as the output directory: {exc}") from None
    home = Path.home().resolve()
    if resolved == Path(resolved.anchor) or resolved == home or home.is_relative_to(resolved):
        what = "the home directory" if resolved == home else "the filesystem root"
        if resolved not in (home, Path(resolved.anchor)):
            what = "a parent of the home directory"
        raise UnsafePath(
            f"refusing to write a project into {resolved} ({what}): files there would be "
            "mixed with yours. Pass a directory of its own, e.g. -o ./infra"
        )


def check_state_dir(out_dir: Path) -> Path:
    """`DIR/.ecs-wizard`, refused unless every entry in it is a real directory or a
    single-link regular file: a symlink (or hard link, FIFO, device) there could make the
    tool write outside DIR or block. It need not exist yet."""
    state = Path(out_dir) / STATE_DIR
    try:
        st = state.lstat()
    except FileNotFoundError:
        return state
    except OSError as exc:
        raise UnsafePath(f"cannot read {state}: {exc.strerror or exc}") from None
    fix = f"Delete or move {state} away (ecs-wizard recreates what it needs) and run again."
    if stat.S_ISLNK(st.st_mode):
        raise UnsafePath(
            f"{state} is a symbolic link; ecs-wizard keeps its own files there and refuses "
            f"to write through a link (it could point outside {out_dir}). {fix}"
        )
    if not stat.S_ISDIR(st.st_mode):
        raise UnsafePath(
            f"{state} exists but is not a directory (ecs-wizard keeps its files there). {fix}"
        )
    for root, dirs, files in os.walk(state, followlinks=False):
        for name in dirs + files:
            path = Path(root) / name
            try:
                st = path.lstat()
            except FileNotFoundError:
                continue
            if stat.S_ISLNK(st.st_mode):
                problem = "is a symbolic link"
            elif stat.S_ISREG(st.st_mode) and st.st_nlink > 1:
                problem = "is a hard link (it shares its content with another file)"
            elif not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
                problem = "is not a regular file or directory"
            else:
                continue
            raise UnsafePath(
                f"{path} {problem}; ecs-wizard refuses links and special files in its own "
                f"folder {state} (a write could land outside {out_dir}). Delete it and run again."
            )
    return state


# `write_atomic`'s temporary names (and older versions' writes), left behind by a SIGKILL.
_TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")


def _clean_stale_temporaries(out_dir: Path, rels: set[str]) -> None:
    """Delete `.NAME.xxxxxxxx.tmp` files next to files we write (crash leftovers)."""
    by_dir: dict[PurePosixPath, set[str]] = {}
    for rel in rels | {MANIFEST}:
        try:  # a hand-made manifest may list "../x": only look inside DIR
            p = safe_relpath(rel)
        except UnsafePath:
            continue
        by_dir.setdefault(p.parent, set()).add(p.name)
    for rel_dir, names in by_dir.items():
        try:  # no symbolic link on the way (checked once per folder)
            directory = _resolve_inside(out_dir, rel_dir) if rel_dir.parts else out_dir
        except UnsafePath:
            continue
        if not directory.is_dir():
            continue
        for entry in directory.iterdir():
            m = _TEMP_NAME.match(entry.name)
            if m and m["name"] in names and entry.is_file() and not entry.is_symlink():
                entry.unlink(missing_ok=True)


def recover(out_dir: Path) -> list[str]:
    """Finish or forget a write that was interrupted (see journal.py); safe to call any time.
    Returns files that changed by hand since and were backed up on the way."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return []
    with journal.locked(out_dir):
        return _recover(out_dir)


def _recover(out_dir: Path) -> list[str]:
    state = check_state_dir(out_dir)
    backed_up = journal.recover(out_dir, state)
    _clean_stale_temporaries(out_dir, set(read_manifest(out_dir)))
    return backed_up


def read_manifest(out_dir: Path) -> dict[str, str]:
    path = out_dir / MANIFEST
    if path.is_symlink() or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files", {}) if isinstance(data, dict) else {}
    if not isinstance(files, dict):
        return {}
    return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)}


def edited_files(out_dir: Path) -> list[str]:
    """Files recorded in the manifest whose content changed since the last render."""
    changed = []
    for rel, digest in sorted(read_manifest(out_dir).items()):
        try:
            path = _resolve_inside(out_dir, safe_relpath(rel))
        except UnsafePath:
            continue
        current = journal.file_hash(path)
        if current is not None and current != digest:
            changed.append(rel)
    return changed


Removable = Callable[[str, bytes], bool]


def write_tree(
    out_dir: Path,
    files: Mapping[str, str],
    *,
    force: bool = False,
    removable: Removable | None = None,
    keep_edits: bool = False,
) -> WriteReport:
    """Write `files` (relative POSIX path → text) into `out_dir`; see the module docstring.

    `removable(rel, content)` says whether a file of the last render that is no longer
    generated may be deleted (it must also still hash as recorded); by default none is.
    `keep_edits`: a file edited by hand whose rendered content did not change since the last
    render is left as it is (`report.kept`) instead of being a conflict (the wizard's export;
    the CLI's `--force` restores such files).
    """
    out_dir = Path(out_dir)
    refuse_unsafe_output_dir(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise NotADirectoryError(f"{out_dir} exists and is not a directory")
    check_state_dir(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with journal.locked(out_dir):  # one writer at a time: concurrent renders take turns
        return _write_tree(out_dir, files, force, removable, keep_edits)


def _write_tree(
    out_dir: Path,
    files: Mapping[str, str],
    force: bool,
    removable: Removable | None,
    keep_edits: bool = False,
) -> WriteReport:
    state = check_state_dir(out_dir)
    recovered = _recover(out_dir)
    previous = read_manifest(out_dir)
    _clean_stale_temporaries(out_dir, set(files) | set(previous))
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
                if keep_edits and previous.get(rel) == _sha256(data):
                    # Edited by hand, and this render writes what the last one did: nothing
                    # to bring in, so keep the edit (the manifest still marks it edited).
                    report.kept.append(rel)
                    continue
                conflicts.append(rel)
        plan.append((rel, target, data))

    # Files we wrote last time and no longer generate: remove them if ours and untouched.
    stale: list[tuple[str, Path, str]] = []
    edited_stale: dict[str, str] = {}  # no longer generated but edited: rel -> current hash
    for rel in sorted(set(previous) - set(files)):
        try:
            target = _resolve_inside(out_dir, safe_relpath(rel))
        except UnsafePath:
            continue  # a hand-made manifest entry: never ours to touch
        if not target.is_file() or target.is_symlink():
            continue
        current = target.read_bytes()
        if removable is None or not removable(rel, current):
            continue  # not a path we generate: leave it, and forget it
        if _sha256(current) == previous[rel]:
            stale.append((rel, target, previous[rel]))
        else:
            conflicts.append(rel)
            edited_stale[rel] = _sha256(current)

    if conflicts and not force:
        new = {rel: data for rel, _t, data in plan}
        diffs = {rel: conflict_diff(out_dir / rel, new.get(rel, b"")) for rel in conflicts}
        raise RenderConflict(out_dir, sorted(conflicts), diffs)

    if conflicts:
        backup_dir = journal.new_backup_dir(state)
        for rel in sorted(conflicts):
            src = out_dir / rel
            dst = backup_dir / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
            report.backed_up.append(rel)
        report.backup_dir = backup_dir

    manifest = {
        "generator": "ecs-wizard",
        "files": {rel: _sha256(files[rel].encode("utf-8")) for rel in sorted(files)},
    }
    manifest_bytes = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    manifest_path = out_dir / MANIFEST
    unchanged = not plan and not stale and manifest_path.is_file()
    if unchanged and manifest_path.read_bytes() == manifest_bytes:
        return report  # nothing to do
    txn = journal.Journal(out_dir, state)
    txn.begin()
    try:
        for rel, target, data in plan:
            txn.stage(rel, data, target)
        for rel, _target, digest in stale:
            if rel not in conflicts:
                txn.remove(rel, digest)
        for rel, digest in edited_stale.items():
            # --force: backed up above, then removed like the untouched ones (Terraform
            # would go on reading it).
            txn.remove(rel, digest)
        txn.stage_manifest(manifest_bytes)
    except BaseException:
        txn.abort()
        raise
    changed_meanwhile = txn.commit(out_dir / MANIFEST)
    report.written = [rel for rel, _t, _d in plan]
    report.removed = [rel for rel, _t, _d in stale if rel not in conflicts] + sorted(edited_stale)
    report.backed_up += recovered + changed_meanwhile
    return report


#: how many lines of a conflict's diff are kept (the rest is summed up in one line)
DIFF_LINES = 60


def conflict_diff(path: Path, new: bytes) -> str:
    """A unified diff from the file at `path` (the user's version) to `new` (the render's;
    empty for a file the render would remove), cut to `DIFF_LINES` lines."""
    import difflib

    try:
        old = path.read_bytes()
    except OSError:
        old = b""
    lines = list(
        difflib.unified_diff(
            old.decode("utf-8", "replace").splitlines(),
            new.decode("utf-8", "replace").splitlines(),
            f"{path.name} (yours)",
            f"{path.name} (rendered)",
            lineterm="",
        )
    )
    if len(lines) > DIFF_LINES:
        lines = [*lines[:DIFF_LINES], f"… {len(lines) - DIFF_LINES} more line(s)"]
    return "\n".join(lines)
