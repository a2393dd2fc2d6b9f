"""The label of a plan against the local emulator: one wording for the wizard's F10 and
`plan --local --tui`, so the two can never disagree about what the user is looking at."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from ecs_wizard.plan.target import PlanTarget

EMULATOR_TITLE = "EMULATOR RUN — nothing touches AWS"


def emulator_banner(target: PlanTarget) -> Text:
    """The emulator label and what was rewritten in the copy, for the plan screen's banner."""
    banner = Text((target.banner or "") + "\n", style="bold")
    for note in target.notes:
        banner.append(f"  emulator: {note}\n")
    banner.rstrip()
    return banner
