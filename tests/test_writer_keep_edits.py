"""With `keep_edits` (the wizard's export), a hand edit in a file whose rendered content did
not change is kept, with or without force (#11: "Overwrite" in the wizard's conflict dialog
dropped it); a conflict carries a diff of each file, from the user's version to the
render's. Without it (the CLI) such an edit stays a conflict that --force overwrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecs_wizard.rendering import writer


def test_hand_edit_of_a_file_the_render_does_not_change_is_kept(tmp_path: Path) -> None:
    writer.write_tree(tmp_path, {"main.tf": "m1\n", "terraform.tfvars": "a = 1\n"})
    (tmp_path / "main.tf").write_text("m1\n# mine\n")
    files = {"main.tf": "m1\n", "terraform.tfvars": "a = 2\n"}
    with pytest.raises(writer.RenderConflict):  # the CLI's default: a conflict
        writer.write_tree(tmp_path, files)
    report = writer.write_tree(tmp_path, files, keep_edits=True)
    assert report.kept == ["main.tf"] and report.written == ["terraform.tfvars"]
    assert (tmp_path / "main.tf").read_text() == "m1\n# mine\n"
    assert writer.edited_files(tmp_path) == ["main.tf"]  # still known as edited


def test_force_overwrites_only_what_the_render_changes(tmp_path: Path) -> None:
    writer.write_tree(tmp_path, {"main.tf": "m1\n", "terraform.tfvars": "a = 1\n"})
    (tmp_path / "main.tf").write_text("m1\n# mine\n")
    (tmp_path / "terraform.tfvars").write_text("a = 7\n")
    with pytest.raises(writer.RenderConflict) as excinfo:
        writer.write_tree(
            tmp_path, {"main.tf": "m1\n", "terraform.tfvars": "a = 2\n"}, keep_edits=True
        )
    assert excinfo.value.paths == ["terraform.tfvars"]
    report = writer.write_tree(
        tmp_path, {"main.tf": "m1\n", "terraform.tfvars": "a = 2\n"}, force=True, keep_edits=True
    )
    assert report.kept == ["main.tf"] and report.backed_up == ["terraform.tfvars"]
    assert (tmp_path / "main.tf").read_text() == "m1\n# mine\n"
    assert (tmp_path / "terraform.tfvars").read_text() == "a = 2\n"


def test_a_conflict_carries_a_diff_per_file(tmp_path: Path) -> None:
    writer.write_tree(tmp_path, {"a.tf": "x = 1\ny = 2\n"})
    (tmp_path / "a.tf").write_text("x = 1\ny = 3\n")
    with pytest.raises(writer.RenderConflict) as excinfo:
        writer.write_tree(tmp_path, {"a.tf": "x = 1\ny = 4\n"})
    diff = excinfo.value.diffs["a.tf"]
    assert "-y = 3" in diff and "+y = 4" in diff and "a.tf (yours)" in diff


def test_a_long_diff_is_cut(tmp_path: Path) -> None:
    writer.write_tree(tmp_path, {"a.tf": "x\n"})
    (tmp_path / "a.tf").write_text("".join(f"line {i}\n" for i in range(500)))
    with pytest.raises(writer.RenderConflict) as excinfo:
        writer.write_tree(tmp_path, {"a.tf": "y\n"})
    lines = excinfo.value.diffs["a.tf"].splitlines()
    assert len(lines) == writer.DIFF_LINES + 1 and lines[-1].endswith("more line(s)")
