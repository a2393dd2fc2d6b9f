"""Write one file so that readers see the old or the new content, never half of one.

The one primitive every layer writes a file with: the answers file and the wizard's draft
(this layer), a rendered project (`rendering.writer`, file by file inside its journal), a
plan export. Standard library only.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def default_mode() -> int:
    """0o666 minus the umask: the mode a new file gets. Read from /proc where it can be (the
    umask is process-wide: setting it to read it races with other threads creating files)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    umask = os.umask(0o077)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path | str, data: bytes | str, *, mode: int | None = None) -> None:
    """Replace `path` with `data` so readers see the old or the new file, never half of one.

    Temp file in the same directory, fsync, rename, fsync of the directory. The file gets
    `mode` when given; else an existing file keeps its mode and a new one gets the usual
    umask-derived mode. The rename replaces a symlink or hard link at `path` instead of
    writing through it.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            mode = p.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = default_mode()
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
