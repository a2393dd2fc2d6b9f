"""Keep a Select's drop-down list clear of the key footer.

Textual opens a Select's list under it and only keeps it inside the screen, so a Select near
the bottom of a 24-row screen opened its list over the footer (hiding the keys). Before the
list shows, `fit_select_overlay` sizes it to the rows between the Select and the footer, or
opens it above the Select when there is more room there.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer, Select
from textual.widgets._select import SelectCurrent, SelectOverlay

#: a list shows at most this many rows (Textual's max-height for it)
MAX_ROWS = 12


def _footer_top(screen: Screen) -> int:
    footers = [f for f in screen.query(Footer) if f.display]
    return min((f.region.y for f in footers), default=screen.size.height)


def fit_select_overlay(overlay: SelectOverlay) -> None:
    """Size and place `overlay` (a Select's list, being opened) between the screen's top and
    its footer."""
    select = overlay.parent
    if not isinstance(select, Select):
        return
    current = select.query_one(SelectCurrent).region
    if not current.height:
        return  # not laid out yet
    border = overlay.styles.gutter.height  # none on a compact Select
    needed = min(overlay.option_count + border, MAX_ROWS)
    below = _footer_top(select.screen) - current.bottom
    above = current.y
    if below >= needed or below >= above:
        overlay.styles.offset = (0, 0)
        overlay.styles.max_height = max(below, 1 + border)
    else:
        height = min(needed, above)
        overlay.styles.offset = (0, -(height + current.height))
        overlay.styles.max_height = height
