"""The plan view at 80x24 (issue 11): the tree gets the rows (compact filters, a banner that
folds), every footer key is visible, long addresses break at their separators, and the
"Destroys/replaces" box shows its state."""

from __future__ import annotations

import asyncio
import copy
import functools
import itertools
import json
from pathlib import Path

from rich.text import Text
from textual.app import App
from textual.widgets import Checkbox, Tree

from ecs_wizard.plan.model import ResourceChange
from ecs_wizard.plan.runner import PlanResult, Status
from ecs_wizard.screens.plan import PlanScreen, PlanViewApp
from tests.plan.conftest import FIXTURES
from tests.tui.small_terminal import cut_keys, footer_keys, screen_lines

SMALL = (80, 24)
PLAN = json.loads((FIXTURES / "scenario_plan.json").read_text(encoding="utf-8"))
LONG = 'module.services["web-frontend"].module.service.aws_ecs_service.this["primary"]'
NOTES = [
    "network: created VPC vpc-0123 and 4 subnets in the emulator",
    "alb.access_logs: created bucket shop-logs in the emulator",
    "state: a local backend instead of s3://shop-state",
]


def run_async(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


class Planned(PlanScreen):
    """A PlanScreen whose plan has already run (the fixture's plan JSON): no terraform."""

    def __init__(self, plan_json: dict, **kwargs) -> None:
        super().__init__(Path("/nonexistent-project"), **kwargs)
        self.plan_json = plan_json

    def start(self) -> None:
        result = PlanResult(
            Status.CHANGES, plan_json=self.plan_json, plan_file=Path("tfplan"), duration=1.0
        )
        self._finished(result)


class Host(App):
    def __init__(self, screen: PlanScreen) -> None:
        super().__init__()
        self.plan_screen = screen

    def on_mount(self) -> None:
        self.push_screen(self.plan_screen)


def emulator_screen(plan_json: dict | None = None) -> Planned:
    banner = Text(
        "EMULATOR RUN: planning against a local AWS emulator (moto) on "
        "http://127.0.0.1:45123, in a temporary copy of /home/me/shop. Nothing here touches "
        "real AWS, your directory or its state.\n",
        style="bold",
    )
    for note in NOTES:
        banner.append(f"  emulator: {note}\n")
    banner.rstrip()
    return Planned(
        plan_json or PLAN, title="EMULATOR RUN — nothing touches AWS — plan", banner=banner
    )


def tree_rows(app) -> int:
    tree = app.screen.query_one("#plan-tree", Tree)
    return tree.content_region.height


@run_async
async def test_tree_gets_the_rows_at_80x24_and_the_banner_folds():
    app = Host(emulator_screen())
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "EMULATOR RUN" in text and NOTES[0] not in text  # folded to its first line
        assert tree_rows(app) >= 10, tree_rows(app)
        await pilot.press("b")  # unfold: the notes are there
        await pilot.pause()
        assert NOTES[0] in "\n".join(screen_lines(app))
        assert tree_rows(app) >= 5
        await pilot.click("#plan-banner")  # a click folds it again
        await pilot.pause()
        assert NOTES[0] not in "\n".join(screen_lines(app))
        assert tree_rows(app) >= 10


@run_async
async def test_banner_starts_unfolded_on_a_tall_screen():
    app = Host(emulator_screen())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert NOTES[0] in "\n".join(screen_lines(app))


async def _footer_fits(app, pilot) -> None:
    await pilot.pause()
    await pilot.pause()
    assert len(footer_keys(app)) >= 5
    assert not cut_keys(app), (cut_keys(app), screen_lines(app)[-3:])


@run_async
async def test_every_plan_screen_key_is_visible_at_80x24():
    app = Host(emulator_screen())
    async with app.run_test(size=SMALL) as pilot:
        await _footer_fits(app, pilot)
        assert any(key.startswith("b ") for key in footer_keys(app))  # the banner's key


@run_async
async def test_every_plan_viewer_key_is_visible_at_80x24():
    app = PlanViewApp(PLAN)
    async with app.run_test(size=SMALL) as pilot:
        await _footer_fits(app, pilot)
        assert not any(key.startswith("b ") for key in footer_keys(app))  # no banner here


def _long_address_plan() -> dict:
    plan = copy.deepcopy(PLAN)
    for rc in plan["resource_changes"]:
        if rc["address"] == 'module.svc["api"].terraform_data.task':
            rc["address"] = LONG
            rc["module_address"] = 'module.services["web-frontend"].module.service'
            rc["type"], rc["name"], rc["index"] = "aws_ecs_service", "this", "primary"
    return plan


@run_async
async def test_detail_pane_breaks_a_long_address_at_its_separators():
    app = PlanViewApp(_long_address_plan())
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        tree = app.screen.query_one("#plan-tree", Tree)

        def find(node):
            for child in node.children:
                if isinstance(child.data, ResourceChange) and child.data.address == LONG:
                    return child
                found = find(child)
                if found is not None:
                    return found
            return None

        tree.move_cursor(find(tree.root))
        await pilot.pause()
        await pilot.pause()
        pane = app.screen.query_one("#plan-detail").content_region
        assert pane.width < len(LONG)  # it must break
        rows = [line[pane.x : pane.right].strip() for line in screen_lines(app)]
        rows = rows[pane.y : pane.bottom]
        first = next(i for i, row in enumerate(rows) if "module.services" in row)
        texts = [rows[first][rows[first].index("module.services") :], *rows[first + 1 :]]
        pieces: list[str] = []  # the address as the pane shows it, row by row
        for text in texts:
            pieces.append(text.split()[0])
            if len("".join(pieces)) >= len(LONG):
                break
        assert "".join(pieces).startswith(LONG), pieces
        assert len(pieces) > 1
        for piece, after in itertools.pairwise(pieces):
            assert piece[-1] in ".:/,-" or after.startswith("["), f"broken mid-token: {pieces}"


@run_async
async def test_destructive_box_shows_its_state():
    app = PlanViewApp(PLAN)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()

        def box() -> str:
            row = next(r for r in screen_lines(app) if "Destroys/replaces" in r)
            return row[: row.index("Destroys/replaces")].rstrip()[-3:]

        assert not app.screen.query_one("#plan-destructive", Checkbox).value
        assert "X" not in box(), box()
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.query_one("#plan-destructive", Checkbox).value
        assert "X" in box(), box()


def test_snapshot_emulator_plan_80x24(snap_compare):
    """The emulator run's plan screen at 80x24: banner folded, one-row filters, two key rows.
    Update with --snapshot-update after an intended change."""
    assert snap_compare(Host(emulator_screen()), terminal_size=SMALL)
