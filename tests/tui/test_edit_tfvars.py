"""`ecs-wizard edit DIR` after a hand edit of DIR/terraform.tfvars (#11): it used to open
answers.yaml and ignore the edit (the next export overwrote it). It now offers to import the
edits first: import / ignore / cancel."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecs_wizard import render
from ecs_wizard.commands._common import load_for_edit
from ecs_wizard.commands.edit import build_app
from ecs_wizard.model.answers import Answers
from ecs_wizard.model.yamlio import load_answers_file
from ecs_wizard.rendering.hand_edits import import_edits, tfvars_edited
from tests.tui.helpers import SIZE

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


def _project(tmp_path: Path, example: str = "minimal") -> Path:
    out = tmp_path / "proj"
    render.write_project(
        Answers.model_validate(load_answers_file(EXAMPLES / f"{example}.yaml")), out
    )
    return out


def _hand_edit(out: Path) -> None:
    tfvars = out / "terraform.tfvars"
    text = tfvars.read_text()
    assert "desired_count = 2" in text
    tfvars.write_text(text.replace("desired_count = 2", "desired_count = 7", 1))


def test_hand_edits_are_found_and_read(tmp_path):
    out = _project(tmp_path, "full")
    assert not tfvars_edited(out)
    _hand_edit(out)
    assert tfvars_edited(out)
    data, _ = load_for_edit(str(out))
    edits = import_edits(out, data)
    assert edits.error is None
    assert edits.changed == ["services[0].desired_count"]
    assert edits.data["services"][0]["desired_count"] == 7
    # what the tfvars does not carry comes from answers.yaml; auto stays auto
    assert edits.data.get("validation") == data.get("validation")
    http = (edits.data.get("alb") or {}).get("http") or {}
    assert ("redirect_to_https" in http) == (
        "redirect_to_https" in ((data.get("alb") or {}).get("http") or {})
    )


def test_unreadable_tfvars_is_said_not_raised(tmp_path):
    out = _project(tmp_path)
    (out / "terraform.tfvars").write_text("services = [\n")
    data, _ = load_for_edit(str(out))
    edits = import_edits(out, data)
    assert edits.error and "terraform.tfvars" in edits.error
    assert edits.data == data


async def _open(tmp_path: Path, choice: str):
    out = _project(tmp_path)
    _hand_edit(out)
    data, source = load_for_edit(str(out))
    app = build_app(data, source)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        body = str(app.screen.query_one("#dialog-body").render())
        assert "services[0].desired_count" in body
        await pilot.click(f"#choice-{choice}")
        await pilot.pause()
        await pilot.pause()
        return app


async def test_edit_dir_offers_to_import_and_imports(tmp_path):
    app = await _open(tmp_path, "import")
    assert app.draft["services"][0]["desired_count"] == 7
    assert app.dirty


async def test_edit_dir_hand_edits_can_be_ignored(tmp_path):
    app = await _open(tmp_path, "ignore")
    assert app.draft["services"][0].get("desired_count", 2) == 2
    assert not app.dirty


async def test_edit_dir_cancel_quits(tmp_path):
    app = await _open(tmp_path, "cancel")
    assert app.return_code == 1


async def test_no_dialog_without_hand_edits(tmp_path):
    out = _project(tmp_path)
    data, source = load_for_edit(str(out))
    app = build_app(data, source)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query("#dialog-body")


async def test_markup_in_the_directory_name_is_shown_as_written(tmp_path):
    out = tmp_path / "x[/b]"
    render.write_project(Answers.model_validate(load_answers_file(EXAMPLES / "minimal.yaml")), out)
    _hand_edit(out)
    data, source = load_for_edit(str(out))
    app = build_app(data, source)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "x[/b]/terraform.tfvars" in str(app.screen.query_one("#dialog-body").render())


async def test_editing_the_answers_file_of_a_rendered_project_offers_too(tmp_path):
    out = _project(tmp_path)
    _hand_edit(out)
    data, source = load_for_edit(str(out / "answers.yaml"))
    app = build_app(data, source)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        body = str(app.screen.query_one("#dialog-body").render())
        assert f"{out}/terraform.tfvars changed" in body
        await pilot.click("#choice-import")
        await pilot.pause()
        assert app.draft["services"][0]["desired_count"] == 7
        assert app.source == out / "answers.yaml"


async def _with_saved_draft(tmp_path: Path, choice: str):
    """A hand-edited tfvars and a saved draft of the same project: one dialog at a time."""
    import copy

    from ecs_wizard.model.draft import DraftStore

    out = _project(tmp_path)
    _hand_edit(out)
    data, source = load_for_edit(str(out))
    resumed = copy.deepcopy(data)
    resumed["services"][0]["desired_count"] = 4  # work of an earlier session
    DraftStore(tmp_path / "state").save(resumed, source=source, step=2)
    app = build_app(data, source)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        body = str(app.screen.query_one("#dialog-body").render())
        assert "Step:" in body and "services[0].desired_count" not in body  # resume first
        await pilot.click(f"#choice-{choice}")
        await pilot.pause()
        await pilot.pause()
        return app, [str(w.render()) for w in app.screen.query("#dialog-body")]


async def test_a_resumed_draft_is_not_replaced_by_the_tfvars_import(tmp_path):
    app, dialogs = await _with_saved_draft(tmp_path, "resume")
    assert dialogs == []  # no import dialog over the resumed work
    assert app.draft["services"][0]["desired_count"] == 4


async def test_without_resuming_the_tfvars_import_is_offered_next(tmp_path):
    _, dialogs = await _with_saved_draft(tmp_path, "new")
    assert len(dialogs) == 1 and "services[0].desired_count" in dialogs[0]
