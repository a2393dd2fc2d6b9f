"""`ecs-wizard edit answers.yaml` after an import: the wizard opens the imported answers and
the review step shows the migration report written next to them."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Static, TabbedContent

from ecs_wizard.app import WizardApp
from ecs_wizard.cli import main
from ecs_wizard.commands._common import load_for_edit
from ecs_wizard.model.draft import DraftStore
from tests.tui.helpers import SIZE

from .core_ws import WEB, workspace

REVIEW = 5


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


def _import(tmp_path: Path, capsys) -> Path:
    root = workspace(tmp_path / "ws", {"web": WEB + "nlb: {port: 443/tls}\n"})
    out = tmp_path / "answers.yaml"
    assert main(["import-copilot", str(root), "-o", str(out)]) == 3
    capsys.readouterr()
    return out


def test_review_step_shows_the_migration_report(tmp_path: Path, capsys) -> None:
    asyncio.run(_shows_report(_import(tmp_path, capsys), tmp_path))


async def _shows_report(answers: Path, tmp_path: Path) -> None:
    data, source = load_for_edit(str(answers))
    app = WizardApp(data, source=source, store=DraftStore(tmp_path / "state"), start_step=REVIEW)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.file_errors, app.file_errors  # the imported answers are valid
        app.screen.query_one("#review-tabs", TabbedContent).active = "tab-migration"
        await pilot.pause()
        report = app.screen.query_one("#migration-report", Static)
        text = str(report.render())
        assert "Imported from AWS Copilot" in text
        assert "copilot/web/manifest.yml" in text
        assert "✗ nlb — not migrated" in text
        assert "✓ image.location — migrated" in text


def test_no_report_no_tab(tmp_path: Path, capsys) -> None:
    answers = _import(tmp_path, capsys)
    answers.with_name("answers.migration.md").unlink()
    asyncio.run(_no_tab(answers, tmp_path))


async def _no_tab(answers: Path, tmp_path: Path) -> None:
    data, source = load_for_edit(str(answers))
    app = WizardApp(data, source=source, store=DraftStore(tmp_path / "state"), start_step=REVIEW)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query("#migration-report")
