"""The project writer never loses user edits and never writes outside its directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ecs_wizard.model import fileio
from ecs_wizard.rendering import writer


def test_first_write_creates_files_and_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = writer.write_tree(out, {"main.tf": "a\n", "modules/x/main.tf": "b\n"})
    assert sorted(report.written) == ["main.tf", "modules/x/main.tf"]
    assert (out / "modules/x/main.tf").read_text() == "b\n"
    assert set(writer.read_manifest(out)) == {"main.tf", "modules/x/main.tf"}


def test_rerender_overwrites_untouched_files(tmp_path: Path) -> None:
    writer.write_tree(tmp_path, {"main.tf": "v1\n"})
    report = writer.write_tree(tmp_path, {"main.tf": "v2\n"})
    assert report.written == ["main.tf"] and not report.backed_up
    assert (tmp_path / "main.tf").read_text() == "v2\n"


def test_identical_rerender_writes_nothing(tmp_path: Path) -> None:
    writer.write_tree(tmp_path, {"main.tf": "v1\n"})
    report = writer.write_tree(tmp_path, {"main.tf": "v1\n"})
    assert report.written == [] and report.unchanged == ["main.tf"]


def test_user_edit_is_a_conflict_and_nothing_is_written(tmp_path: Path) -> None:
    writer.write_tree(tmp_path, {"main.tf": "v1\n", "other.tf": "o1\n"})
    (tmp_path / "main.tf").write_text("user edit\n")
    with pytest.raises(writer.RenderConflict) as excinfo:
        writer.write_tree(tmp_path, {"main.tf": "v2\n", "other.tf": "o2\n"})
    assert excinfo.value.paths == ["main.tf"]
    assert "--force" in str(excinfo.value)
    # All-or-nothing: the untouched file was not updated either.
    assert (tmp_path / "main.tf").read_text() == "user edit\n"
    assert (tmp_path / "other.tf").read_text() == "o1\n"
    assert writer.edited_files(tmp_path) == ["main.tf"]


def test_force_keeps_a_backup_of_the_edit(tmp_path: Path) -> None:
    writer.write_tree(tmp_path, {"main.tf": "v1\n"})
    (tmp_path / "main.tf").write_text("user edit\n")
    report = writer.write_tree(tmp_path, {"main.tf": "v2\n"}, force=True)
    assert report.backed_up == ["main.tf"]
    assert report.backup_dir is not None
    assert (report.backup_dir / "main.tf").read_text() == "user edit\n"
    assert (tmp_path / "main.tf").read_text() == "v2\n"
    assert writer.edited_files(tmp_path) == []


def test_foreign_file_with_same_name_is_a_conflict(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text("someone else's\n")
    with pytest.raises(writer.RenderConflict):
        writer.write_tree(tmp_path, {"main.tf": "ours\n"})
    assert (tmp_path / "main.tf").read_text() == "someone else's\n"


def test_unrelated_files_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    writer.write_tree(tmp_path, {"main.tf": "ours\n"})
    assert (tmp_path / "notes.txt").read_text() == "mine\n"


def test_files_no_longer_generated_are_removed_only_if_untouched(tmp_path: Path) -> None:
    ours = lambda rel, data: True  # noqa: E731
    writer.write_tree(tmp_path, {"a.tf": "a\n", "b.tf": "b\n"})
    report = writer.write_tree(tmp_path, {"a.tf": "a\n"}, removable=ours)
    assert report.removed == ["b.tf"] and not (tmp_path / "b.tf").exists()

    writer.write_tree(tmp_path, {"a.tf": "a\n", "c.tf": "c\n"})
    (tmp_path / "c.tf").write_text("edited\n")
    with pytest.raises(writer.RenderConflict):
        writer.write_tree(tmp_path, {"a.tf": "a\n"}, removable=ours)


@pytest.mark.parametrize("bad", ["../escape.tf", "/abs.tf", "a/../../b.tf", "", "a//b", "./x"])
def test_paths_cannot_escape(tmp_path: Path, bad: str) -> None:
    with pytest.raises(writer.UnsafePath):
        writer.write_tree(tmp_path / "out", {bad: "x"})
    assert not (tmp_path / "escape.tf").exists()


def test_symlink_inside_output_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(outside, out / "modules")
    with pytest.raises(writer.UnsafePath, match="symbolic link"):
        writer.write_tree(out, {"modules/main.tf": "x"})
    assert not (outside / "main.tf").exists()


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    fileio.write_atomic(target, "one")
    fileio.write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]
