"""The wizard's steps, in order: what the step bar and the "next" check need to know.

This table is the single source of each step's title and the draft paths it owns; the screen
classes read theirs from it. It imports nothing heavy, so the app can draw the step bar and
judge a step without importing every screen: a step's screen module is imported when that
step is first shown.
"""

from __future__ import annotations

import importlib
from typing import NamedTuple


class Step(NamedTuple):
    name: str
    title: str
    #: issues whose path starts with one of these belong to (and block) this step
    prefixes: tuple[str, ...]
    #: "module:Class" of the step's screen
    screen: str

    def screen_class(self) -> type:
        module, _, cls = self.screen.partition(":")
        return getattr(importlib.import_module(module), cls)


STEPS: tuple[Step, ...] = (
    Step(
        "project",
        "Project & network",
        ("version", "project", "network"),
        "ecs_wizard.screens.project:ProjectScreen",
    ),
    Step("cluster", "Cluster sizing", ("cluster",), "ecs_wizard.screens.cluster:ClusterScreen"),
    Step(
        "services",
        "Services & containers",
        ("services", "service_connect"),
        "ecs_wizard.screens.services:ServicesScreen",
    ),
    Step("alb", "ALB listeners & certificates", ("alb",), "ecs_wizard.screens.alb:AlbScreen"),
    Step("routing", "Routing rules", ("routing",), "ecs_wizard.screens.routing:RoutingScreen"),
    Step("review", "Review & export", ("",), "ecs_wizard.screens.review:ReviewScreen"),
)


def step(name: str) -> Step:
    """The step called `name` (KeyError for an unknown one)."""
    for candidate in STEPS:
        if candidate.name == name:
            return candidate
    raise KeyError(name)
