"""The wizard at 80x24 (issue 11): every key in the footer, every step in the step bar, the
help says how to close it, drop-downs clear of the footer, no invisible Tab stop, a focus
that stands out."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Footer, Input, Select
from textual.widgets._select import SelectCurrent, SelectOverlay

from ecs_wizard.screens.dialogs import HelpScreen
from tests.tui.small_terminal import (
    SMALL,
    STEPS,
    cells,
    contrast,
    cut_keys,
    footer_keys,
    screen_lines,
    settle,
    visible_label,
    wizard,
)

SHORT_NAMES = ["Project", "Cluster", "Services", "ALB", "Routing", "Review"]


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


@pytest.mark.parametrize("step", range(len(STEPS)), ids=STEPS)
async def test_every_footer_key_and_label_is_visible_at_80x24(step, tmp_path):
    app = wizard(tmp_path, step)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        keys = footer_keys(app)
        assert len(keys) >= 4, keys  # at least Quit, Next, Back, Help
        assert not cut_keys(app), f"{cut_keys(app)} cut off in {screen_lines(app)[-3:]}"
        footer = app.screen.query_one(Footer)
        assert footer.region.bottom == SMALL[1], "the footer is the screen's last rows"


def _step_bar_ok(bar: str, step: int) -> None:
    assert "…" not in bar, bar
    for i, name in enumerate(SHORT_NAMES):
        shown = f"[{i + 1}. {name}" if i == step else f"{i + 1}.{name}"
        assert shown in bar, (shown, bar)


async def test_a_run_through_every_step_at_80x24_cuts_no_key(tmp_path):
    """Ctrl+N from the first step to the last: on each, every key and every step name shows,
    and the help opens and closes."""
    app = wizard(tmp_path, 0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for step in range(len(STEPS)):
            assert app.step == step
            assert not cut_keys(app), (STEPS[step], cut_keys(app))
            _step_bar_ok(screen_lines(app)[0], step)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("f1")
            await pilot.pause()
            await pilot.press("ctrl+n")
            await settle(pilot)
        assert app.step == len(STEPS) - 1


@pytest.mark.parametrize("step", range(len(STEPS)), ids=STEPS)
async def test_step_bar_names_every_step_at_80x24(step, tmp_path):
    app = wizard(tmp_path, step)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        bar = screen_lines(app)[0]
        assert f"[{step + 1}. " in bar, bar  # the current step, marked
        _step_bar_ok(bar, step)


async def test_help_says_how_to_close_it_and_f1_or_escape_do(tmp_path):
    app = wizard(tmp_path, 0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for close in ("f1", "escape"):
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert any("Esc/F1 to close" in row for row in screen_lines(app))
            await pilot.press(close)
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen), f"{close} left the help open"


@pytest.mark.parametrize("step", range(len(STEPS)), ids=STEPS)
async def test_select_list_opens_clear_of_the_footer(step, tmp_path):
    """Every drop-down of the step, opened where it sits: its list does not cover the keys
    and shows at least 2 options (or all when fewer)."""
    app = wizard(tmp_path, step)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        selects = list(app.screen.query(Select))
        for select in selects:
            select.focus()
            select.scroll_visible(animate=False)
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
            overlay = select.query_one(SelectOverlay)
            assert app.focused is overlay, select
            footer = app.screen.query_one(Footer).region
            shown = overlay.region
            assert not shown.overlaps(footer), (select.id, shown, footer)
            assert shown.height >= min(2, overlay.option_count), (select.id, shown)
            current = select.query_one(SelectCurrent).region
            assert shown.bottom == current.y or shown.y == current.bottom, "next to the Select"
            await pilot.press("escape")
            await pilot.pause()


async def _tab_stops(pilot) -> list:
    stops: list = []
    for _ in range(80):
        await pilot.press("tab")
        await pilot.pause()
        widget = pilot.app.focused
        if widget in stops:
            return stops
        stops.append(widget)
    raise AssertionError("Tab never came back to the first stop")


@pytest.mark.parametrize("step", range(len(STEPS)), ids=STEPS)
async def test_every_tab_stop_is_a_visible_labelled_control(step, tmp_path):
    """Tab through the step: each stop is on screen, has a label the user reads, and looks
    different focused than not (some cell changes colour clearly, or a border appears)."""
    app = wizard(tmp_path, step)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        stops = await _tab_stops(pilot)
        assert len(stops) >= 2
        for widget in stops:
            widget.focus()
            await pilot.pause()
            region = widget.region
            assert region.area and app.screen.region.contains_region(region), widget
            assert visible_label(widget).strip(), f"{widget!r} has no visible label"
            focused = cells(app, region)
            app.set_focus(None)
            await pilot.pause()
            blurred = cells(app, region)
            assert any(
                fc != bc or contrast(fs.bgcolor, bs.bgcolor) >= 1.5 or fs.reverse != bs.reverse
                for (fc, fs), (bc, bs) in zip(focused, blurred, strict=True)
            ), f"{widget!r} looks the same focused and not"


@pytest.mark.parametrize(
    ("step", "kind"),
    [(0, Input), (1, Select), (1, Checkbox), (3, Checkbox)],
    ids=["input", "select", "toggle", "checkbox"],
)
async def test_focus_has_a_clear_contrast(step, kind, tmp_path):
    """The focused control's computed background against its unfocused one: a WCAG contrast
    of at least 1.5 (Textual's compact focus is a 5% tint, colour 234 against 235), and its
    field's label is shown reversed."""
    app = wizard(tmp_path, step)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        widget = next(w for w in app.screen.query(kind) if w.parent.has_class("field"))
        face = widget.query_one(SelectCurrent) if isinstance(widget, Select) else widget
        label = widget.parent.query_one(".field-label")
        app.set_focus(None)
        await pilot.pause()
        unfocused = face.visual_style.background
        assert not label.styles.text_style.reverse
        widget.focus()
        await pilot.pause()
        focused = face.visual_style.background
        assert contrast(focused, unfocused) >= 1.5, (focused, unfocused)
        assert label.styles.text_style.reverse and label.styles.text_style.bold
