"""The Textual plan view: Pilot tests and snapshots (80×24, 120×40)."""

from __future__ import annotations

import asyncio
import functools
import shutil
import time

import pytest
from textual.app import App
from textual.widgets import Input, Select, Static, Tree

from ecs_wizard.plan.model import ResourceChange
from ecs_wizard.plan.runner import Status
from ecs_wizard.screens.plan import PlanScreen, PlanView, PlanViewApp
from tests.plan.conftest import FIXTURES, SECRET_VALUES

PLAN_JSON = FIXTURES / "scenario_plan.json"


def run_async(fn):
    """Run an async test body with asyncio.run (no pytest-asyncio needed)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


def leaves(app) -> list[str]:
    tree = app.screen.query_one("#plan-tree", Tree)
    out = []

    def walk(node):
        for child in node.children:
            if isinstance(child.data, ResourceChange):
                out.append(child.data.address)
            walk(child)

    walk(tree.root)
    return out


def detail_text(app) -> str:
    return str(app.screen.query_one("#plan-detail", Static).render())


@run_async
async def test_tree_groups_by_module_and_type():
    app = PlanViewApp(PLAN_JSON)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one("#plan-tree", Tree)
        modules = [str(n.label.plain) for n in tree.root.children if n.data[0] == "module"]
        assert modules == ["root module +1 ~2 -/+1 -1", 'module.svc["api"] ~1']
        assert len(leaves(app)) == 7
        assert leaves(app)[0] == "terraform_data.cluster"


@run_async
async def test_filters_destructive_text_and_module():
    app = PlanViewApp(PLAN_JSON)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert leaves(app) == ["terraform_data.cluster", "terraform_data.legacy"]
        await pilot.press("d")
        await pilot.pause()
        assert len(leaves(app)) == 7
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"svc")
        await pilot.pause()
        assert leaves(app) == ['module.svc["api"].terraform_data.task']
        await pilot.press("enter")  # back to the tree
        assert isinstance(app.focused, Tree)
        app.screen.query_one("#plan-filter", Input).value = "no-such-thing"
        await pilot.pause()
        assert leaves(app) == []
        app.screen.query_one("#plan-filter", Input).value = ""
        app.screen.query_one("#plan-module", Select).value = ""
        await pilot.pause()
        assert "terraform_data.legacy" in leaves(app)
        assert not any(a.startswith("module.") for a in leaves(app))


@run_async
async def test_collapse_and_expand_all():
    app = PlanViewApp(PLAN_JSON)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one("#plan-tree", Tree)
        await pilot.press("c")
        await pilot.pause()
        assert not any(n.is_expanded for n in tree.root.children)
        await pilot.press("e")
        await pilot.pause()
        assert all(n.is_expanded for n in tree.root.children if n.children)


@run_async
async def test_detail_shows_attribute_diff_and_masks_secrets():
    app = PlanViewApp(PLAN_JSON)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(PlanView)
        tree = app.screen.query_one("#plan-tree", Tree)
        nodes = {}

        def walk(node):
            for child in node.children:
                if isinstance(child.data, ResourceChange):
                    nodes[child.data.name] = child
                walk(child)

        walk(tree.root)
        view.show_node(nodes["cluster"])
        await pilot.pause()
        text = detail_text(app)
        assert "must be replaced" in text and "# forces replacement" in text
        view.show_node(nodes["secret"])
        await pilot.pause()
        text = detail_text(app)
        assert "(sensitive value)" in text
        assert not any(v in text for v in SECRET_VALUES)
        view.show_node(nodes["policy"])
        await pilot.pause()
        assert '"s3:PutObject"' in detail_text(app)


@run_async
async def test_escape_closes_the_viewer():
    app = PlanViewApp(PLAN_JSON)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 0


class Host(App):
    """Stands in for the wizard's review screen: pushes PlanScreen and keeps the result."""

    def __init__(self, screen: PlanScreen) -> None:
        super().__init__()
        self.plan_screen = screen
        self.result = "pending"

    def on_mount(self) -> None:
        self.push_screen(self.plan_screen, self.done)

    def done(self, result) -> None:
        self.result = result


async def wait_for(predicate, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.05)


@pytest.mark.terraform
@run_async
async def test_plan_screen_runs_terraform_and_shows_the_tree(tf, tmp_path):
    from tests.plan.conftest import scenario_project

    d = scenario_project(tf, tmp_path)
    screen = PlanScreen(d, terraform_bin=str(tf.binary), env=tf.env)
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(lambda: screen.result is not None)
        await pilot.pause()
        assert screen.result.status is Status.CHANGES
        assert app.screen.query_one(PlanView)
        assert "terraform_data.cluster" in leaves(app)
        log_lines = "\n".join(str(line.text) for line in app.screen.query_one("#plan-log").lines)
        assert "Plan to replace" in log_lines
        await pilot.press("escape")
        await pilot.pause()
        assert app.result.status is Status.CHANGES and app.result.exit_code == 2


@pytest.mark.terraform
@run_async
async def test_plan_screen_shows_terraform_errors(tf, tmp_path):
    d = shutil.copytree(FIXTURES / "broken", tmp_path / "broken")
    screen = PlanScreen(d, terraform_bin=str(tf.binary), env=tf.env)
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(lambda: screen.result is not None)
        await pilot.pause()
        text = str(app.screen.query_one("#plan-error", Static).render())
        assert "Reference to undeclared input variable" in text and "main.tf:2" in text


@run_async
async def test_plan_screen_escape_cancels_running_terraform(project, fake_terraform, tmp_path):
    marker = tmp_path / "interrupted"
    fake = fake_terraform(
        'case "$1" in init) exit 0;;\n'
        f"plan) trap 'echo int > {marker}; exit 1' INT; echo started; "
        "while true; do sleep 0.05; done;;\nesac\n"
    )
    screen = PlanScreen(project, terraform_bin=str(fake))
    app = Host(screen)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(
            lambda: any("started" in str(x.text) for x in app.screen.query_one("#plan-log").lines)
        )
        await pilot.press("escape")  # cancel
        await wait_for(lambda: screen.result is not None)
        await pilot.pause()
        assert screen.result.status is Status.CANCELLED
        assert "Cancelled" in str(app.screen.query_one("#plan-status", Static).render())
        assert marker.read_text().strip() == "int"
        await pilot.press("escape")  # close
        await pilot.pause()
        assert app.result.status is Status.CANCELLED


def _select_cluster(pilot) -> None:
    async def run():
        await pilot.pause()
        tree = pilot.app.screen.query_one("#plan-tree", Tree)
        tree.move_cursor(tree.root.children[0].children[0].children[0])
        await pilot.pause()

    return run()


def test_snapshot_80x24(snap_compare):
    assert snap_compare(PlanViewApp(PLAN_JSON), terminal_size=(80, 24))


def test_snapshot_120x40_replacement_detail(snap_compare):
    assert snap_compare(PlanViewApp(PLAN_JSON), terminal_size=(120, 40), run_before=_select_cluster)


@pytest.mark.terraform
def test_committed_plan_fixture_matches_a_fresh_terraform_plan(scenario_plan):
    """The snapshot fixture was captured from the scenario; it must not drift from it."""
    from ecs_wizard.plan import load_plan

    committed, fresh = load_plan(PLAN_JSON), load_plan(scenario_plan)
    assert committed.summary == fresh.summary
    assert [rc.address for rc in committed.changes] == [rc.address for rc in fresh.changes]
