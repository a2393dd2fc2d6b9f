"""The wizard's autosaved draft (and the prompt mode's rescue draft) is readable by its
owner only: it holds whatever was typed, before it was checked."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ecs_wizard.commands.prompt import finish
from ecs_wizard.model.draft import DraftStore, default_draft


@pytest.fixture
def open_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_draft_files_are_0600_in_a_0700_folder(tmp_path: Path, open_umask) -> None:
    store = DraftStore(tmp_path / "state" / "ecs-wizard")
    store.save(default_draft(), source="answers.yaml", step=1)
    assert _mode(store.slot_path("answers.yaml")) == 0o600
    assert _mode(store.meta_path_of("answers.yaml")) == 0o600
    assert _mode(store.directory) == 0o700
    assert _mode(store.slot_path("answers.yaml").parent) == 0o700


def test_an_older_world_readable_draft_is_tightened(tmp_path: Path, open_umask) -> None:
    store = DraftStore(tmp_path)
    store.path.parent.mkdir()
    store.path.write_text("version: 1\n")
    store.path.chmod(0o644)
    store.save(default_draft())
    assert _mode(store.path) == 0o600


def test_prompt_rescue_draft_is_0600(tmp_path: Path, open_umask, capsys) -> None:
    draft = default_draft()  # incomplete: not valid, so the rescue draft is written
    assert finish(draft, tmp_path / "answers.yaml", None, force=False) == 1
    rescue = tmp_path / "answers.yaml.draft"
    assert _mode(rescue) == 0o600
    assert "ecs-wizard edit" in capsys.readouterr().err
