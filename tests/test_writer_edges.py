"""writer.py at its edges: file modes, the temp file of an atomic write, the conflict message,
backups made within one second, a damaged manifest, and partial re-renders."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest

from ecs_wizard.model import fileio
from ecs_wizard.rendering import writer


def _ANY(rel: str, content: bytes) -> bool:
    """Every stale file may be deleted (the renderer passes a narrower `removable`)."""
    return True


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


# --- write_atomic -------------------------------------------------------------------------


def test_a_new_file_gets_the_umask_mode(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "new.tf"
    fileio.write_atomic(target, "x")
    assert target.stat().st_mode & 0o7777 == 0o644  # 0o666 & ~0o022


def test_an_existing_file_keeps_its_mode(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "script.sh"
    target.write_text("old")
    target.chmod(0o751)
    fileio.write_atomic(target, "new")
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o7777 == 0o751


def test_the_temp_file_is_a_hidden_sibling_terraform_does_not_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same directory (the rename is atomic only within one file system); hidden and not
    ending in .tf (a temp file left by a crash must not be read as configuration)."""
    renames: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        renames.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(fileio.os, "replace", spy)
    target = tmp_path / "sub" / "main.tf"
    fileio.write_atomic(target, b"data")
    [(src, dst)] = renames
    assert dst == target
    assert src.parent == target.parent
    assert src.name.startswith(".main.tf.") and src.name.endswith(".tmp"), src.name
    assert target.read_bytes() == b"data"


def test_a_failed_rename_keeps_the_old_file_and_removes_the_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "main.tf"
    target.write_text("old")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "replace", broken)
    with pytest.raises(OSError, match="No space left"):
        fileio.write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["main.tf"]


# --- paths ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "message"),
    [
        ("/etc/passwd", "outside the output directory: '/etc/passwd'"),
        ("../x.tf", "outside the output directory: '../x.tf'"),
        ("a/../b.tf", "outside the output directory: 'a/../b.tf'"),
        (".", "outside the output directory: '.'"),
        ("a\\b.tf", "odd path component in 'a\\\\b.tf'"),
        ("a\x00b.tf", "odd path component in 'a\\x00b.tf'"),
    ],
)
def test_safe_relpath_refuses_and_says_why(rel: str, message: str) -> None:
    with pytest.raises(writer.UnsafePath) as excinfo:
        writer.safe_relpath(rel)
    assert message in str(excinfo.value)


def test_safe_relpath_accepts_generated_paths() -> None:
    assert writer.safe_relpath("modules/alb/main.tf") == PurePosixPath("modules/alb/main.tf")
    manifest = writer.safe_relpath(".ecs-wizard/manifest.json")
    assert manifest.parts == (".ecs-wizard", "manifest.json")


def test_resolve_inside_refuses_a_path_that_resolves_outside(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(writer.UnsafePath, match=f"refusing to write outside {out}: ../x"):
        writer._resolve_inside(out, PurePosixPath("../x"))


def test_out_dir_that_is_a_file_is_refused_with_its_name(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("a file")
    with pytest.raises(NotADirectoryError, match=f"{out} exists and is not a directory"):
        writer.write_tree(out, {"main.tf": "x"})


def test_a_directory_where_a_file_goes_is_refused_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "main.tf").mkdir()
    with pytest.raises(writer.UnsafePath, match=r"main\.tf exists and is not a regular file"):
        writer.write_tree(tmp_path, {"main.tf": "x"})


# --- conflicts and backups ----------------------------------------------------------------


def test_conflict_message_lists_every_file_and_the_way_out(tmp_path: Path) -> None:
    writer.write_tree(tmp_path, {"a.tf": "a\n", "b/c.tf": "c\n"})
    (tmp_path / "a.tf").write_text("mine\n")
    (tmp_path / "b" / "c.tf").write_text("mine\n")
    with pytest.raises(writer.RenderConflict) as excinfo:
        writer.write_tree(tmp_path, {"a.tf": "A\n", "b/c.tf": "C\n"})
    err = excinfo.value
    assert err.out_dir == tmp_path
    assert err.paths == ["a.tf", "b/c.tf"]
    assert str(err) == (
        f"2 file(s) in {tmp_path} were edited since the last render or were not written by "
        "ecs-wizard:\n  - a.tf\n  - b/c.tf\nNothing was written. Move your changes into the "
        "answers file, or re-run with --force to overwrite them (a backup is kept in "
        f"{tmp_path / '.ecs-wizard' / 'backups'})."
    )


def test_backup_dir_is_stamped_under_the_state_dir(tmp_path: Path) -> None:
    writer.write_tree(tmp_path, {"main.tf": "v1\n"})
    (tmp_path / "main.tf").write_text("edit\n")
    report = writer.write_tree(tmp_path, {"main.tf": "v2\n"}, force=True)
    assert report.backup_dir is not None
    assert report.backup_dir.parent == tmp_path / ".ecs-wizard" / "backups"
    assert re.fullmatch(r"\d{8}-\d{6}", report.backup_dir.name), report.backup_dir.name


def test_backups_within_one_second_get_numbered_dirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ecs_wizard.rendering import journal

    monkeypatch.setattr(journal.time, "strftime", lambda fmt: "20260101-120000")
    dirs = []
    for i in range(3):
        writer.write_tree(tmp_path, {"main.tf": f"v{i}\n"}, force=True)
        (tmp_path / "main.tf").write_text(f"edit {i}\n")
        report = writer.write_tree(tmp_path, {"main.tf": f"w{i}\n"}, force=True)
        assert report.backup_dir is not None
        assert (report.backup_dir / "main.tf").read_text() == f"edit {i}\n"
        dirs.append(report.backup_dir.relative_to(tmp_path).as_posix())
    base = ".ecs-wizard/backups/20260101-120000"
    assert dirs == [base, f"{base}-2", f"{base}-3"]


def test_force_backs_up_several_files_of_one_directory(tmp_path: Path) -> None:
    files = {"m/a.tf": "a\n", "m/b.tf": "b\n"}
    writer.write_tree(tmp_path, files)
    for rel in files:
        (tmp_path / rel).write_text("edit\n")
    report = writer.write_tree(tmp_path, {"m/a.tf": "A\n", "m/b.tf": "B\n"}, force=True)
    assert report.backed_up == ["m/a.tf", "m/b.tf"]
    assert report.backup_dir is not None
    assert (report.backup_dir / "m" / "b.tf").read_text() == "edit\n"


def test_an_edited_stale_file_is_named_in_the_conflict(tmp_path: Path) -> None:
    writer.write_tree(tmp_path, {"a.tf": "a\n", "old.tf": "o\n"}, removable=_ANY)
    (tmp_path / "old.tf").write_text("edit\n")
    with pytest.raises(writer.RenderConflict) as excinfo:
        writer.write_tree(tmp_path, {"a.tf": "a\n"}, removable=_ANY)
    assert excinfo.value.paths == ["old.tf"]


# --- partial re-renders ---------------------------------------------------------------------


def test_an_unchanged_file_does_not_stop_the_files_after_it(tmp_path: Path) -> None:
    writer.write_tree(tmp_path, {"a.tf": "a\n", "b.tf": "b\n", "c.tf": "c\n"})
    report = writer.write_tree(tmp_path, {"a.tf": "a\n", "b.tf": "B\n", "c.tf": "C\n"})
    assert report.out_dir == tmp_path
    assert report.unchanged == ["a.tf"]
    assert report.written == ["b.tf", "c.tf"]
    assert (tmp_path / "c.tf").read_text() == "C\n"


def test_a_stale_file_the_user_deleted_does_not_stop_the_others(tmp_path: Path) -> None:
    writer.write_tree(tmp_path, {"a.tf": "a\n", "b.tf": "b\n", "c.tf": "c\n"}, removable=_ANY)
    (tmp_path / "b.tf").unlink()
    report = writer.write_tree(tmp_path, {"a.tf": "a\n"}, removable=_ANY)
    assert report.removed == ["c.tf"]
    assert not (tmp_path / "c.tf").exists()


# --- the manifest ---------------------------------------------------------------------------


def test_manifest_is_stable_line_per_file_json(tmp_path: Path) -> None:
    """Sorted keys, two-space indent, trailing newline: a committed manifest diffs cleanly."""
    writer.write_tree(tmp_path, {"b.tf": "b\n", "a.tf": "a\n"})
    text = (tmp_path / ".ecs-wizard" / "manifest.json").read_text()
    sha_a, sha_b = sha("a\n"), sha("b\n")
    assert text == (
        "{\n"
        '  "files": {\n'
        f'    "a.tf": "{sha_a}",\n'
        f'    "b.tf": "{sha_b}"\n'
        "  },\n"
        '  "generator": "ecs-wizard"\n'
        "}\n"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[1, 2]", {}),
        ("null", {}),
        ("{}", {}),
        ("{not json", {}),
        ('{"files": {"a.tf": "x", "b.tf": 1, "c.tf": null}}', {"a.tf": "x"}),
    ],
)
def test_a_damaged_manifest_reads_as_what_can_be_trusted(
    tmp_path: Path, content: str, expected: dict[str, str]
) -> None:
    (tmp_path / ".ecs-wizard").mkdir()
    (tmp_path / ".ecs-wizard" / "manifest.json").write_text(content)
    assert writer.read_manifest(tmp_path) == expected
