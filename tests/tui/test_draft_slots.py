"""Drafts are kept per project (#11): one slot per answers file or project directory (its
absolute, resolved path; the "new" slot for a project without a file), and the resume
dialog says which project, which step and when."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import DraftStore, default_draft
from ecs_wizard.screens.resume_dialog import describe_draft
from tests.tui.helpers import SIZE


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


def _draft(name: str) -> dict:
    draft = default_draft()
    draft["project"]["name"] = name
    return draft


def test_each_project_has_its_own_slot(tmp_path):
    store = DraftStore(tmp_path / "state")
    store.save(_draft("one"), source=tmp_path / "one.yaml", step=1)
    store.save(_draft("two"), source=tmp_path / "two.yaml", step=2)
    store.save(_draft("new"), source=None, step=3)
    assert store.load(tmp_path / "one.yaml")[0]["project"]["name"] == "one"
    assert store.load(tmp_path / "two.yaml")[0]["project"]["name"] == "two"
    assert store.load()[0]["project"]["name"] == "new"
    store.clear(tmp_path / "one.yaml")
    assert store.load(tmp_path / "one.yaml") is None
    assert store.load(tmp_path / "two.yaml") is not None


def test_the_source_is_stored_absolute_and_resolved(tmp_path, monkeypatch):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.chdir(tmp_path / "link")
    store = DraftStore(tmp_path / "state")
    store.save(_draft("shop"), source="answers.yaml", step=1)
    _, meta = store.load(tmp_path / "real" / "answers.yaml")  # the same slot
    assert meta["source"] == str((tmp_path / "real" / "answers.yaml").resolve())
    monkeypatch.chdir(tmp_path)  # another working directory: the relative name differs
    assert store.load("answers.yaml") is None


def test_latest_is_the_most_recently_saved(tmp_path):
    store = DraftStore(tmp_path / "state")
    store.save(_draft("old"), source=tmp_path / "old.yaml")
    store.save(_draft("recent"), source=tmp_path / "recent.yaml")
    meta_path = store.meta_path_of(tmp_path / "old.yaml")
    meta = json.loads(meta_path.read_text())
    meta["saved_at"] = "2020-01-01T00:00:00+00:00"
    meta_path.write_text(json.dumps(meta))
    assert store.latest()[0]["project"]["name"] == "recent"


def test_describe_draft_names_project_step_and_time(tmp_path):
    now = datetime(2026, 11, 29, 22, 0, tzinfo=UTC)
    meta = {
        "source": str(tmp_path / "shop.yaml"),
        "step": 2,
        "saved_at": (now - timedelta(minutes=5)).isoformat(),
        "project": "shop",
    }
    text = describe_draft(meta, now=now)
    assert f"Project: shop ({tmp_path / 'shop.yaml'})" in text
    assert "Step:    3. Services & containers" in text
    local = (now - timedelta(minutes=5)).astimezone()
    assert f"Saved:   {local:%Y-%m-%d %H:%M} (5 min ago)" in text
    new = describe_draft({"step": 0, "saved_at": "garbage"}, now=now)
    assert "(no name yet) (a new project, not exported yet)" in new
    assert "unknown" in new


async def test_resume_dialog_says_which_project_step_and_when(tmp_path):
    store = DraftStore(tmp_path / "state")
    store.save(_draft("shop"), source=None, step=3)
    app = WizardApp(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        body = str(app.screen.query_one("#dialog-body").render())
        assert "Project: shop (a new project" in body
        assert "4. ALB listeners" in body
        assert "Saved:" in body and "just now" in body
        await pilot.press("enter")  # resume
        await pilot.pause()
        await pilot.pause()
        assert app.step == 3 and app.draft["project"]["name"] == "shop"


async def test_edit_finds_the_draft_of_its_file(tmp_path):
    source = tmp_path / "shop.yaml"
    source.write_text("version: 1\n")
    store = DraftStore(tmp_path / "state")
    store.save(_draft("other"), source=tmp_path / "other.yaml", step=1)
    store.save(_draft("shop-draft"), source=source, step=2)
    app = WizardApp(_draft("shop"), source=source, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        body = str(app.screen.query_one("#dialog-body").render())
        assert f"Project: shop-draft ({source})" in body
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.draft["project"]["name"] == "shop-draft"
        assert app.source == source


def test_drafts_stay_owner_only(tmp_path):
    store = DraftStore(tmp_path / "state")
    old = os.umask(0o022)
    try:
        store.save(_draft("x"), source=tmp_path / "x.yaml")
    finally:
        os.umask(old)
    path = store.slot_path(tmp_path / "x.yaml")
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.with_suffix(".json").stat().st_mode & 0o777 == 0o600
    assert Path(path.parent).stat().st_mode & 0o777 == 0o700
