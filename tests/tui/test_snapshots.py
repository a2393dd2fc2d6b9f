"""Snapshots of every step at 80x24 and 120x40 (pytest-textual-snapshot, textual 8.2.8).

Deterministic: a fixed draft, a fixed state directory, no clocks. Update with
`pytest tests/tui/test_snapshots.py --snapshot-update` after an intended UI change.
"""

from __future__ import annotations

import copy

import pytest
from textual.widgets import Input

from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import DraftStore
from tests.answers_fixtures import network

DRAFT = {
    "version": 1,
    "project": {
        "name": "shop",
        "environment": "prod",
        "region": "eu-west-1",
        "tags": {"team": "platform"},
    },
    "network": network(),  # the ids are on screen: the shared ones, unchanged
    "cluster": {
        "container_insights": "enabled",
        "log_retention_days": 30,
        "capacity": {
            "fargate": {"weight": 1, "base": 1},
            "ec2": {"instance_type": "m6i.large", "min_size": 1, "max_size": 2, "weight": 0},
        },
    },
    "services": [
        {
            "name": "web",
            "cpu": 512,
            "memory": 1024,
            "desired_count": 2,
            "autoscaling": {"min": 2, "max": 6, "cpu_percent": 60},
            "containers": [
                {
                    "name": "web",
                    "image": "public.ecr.aws/nginx/nginx:1.27",
                    "port": 80,
                    "environment": {"LOG_LEVEL": "info"},
                }
            ],
            "load_balancer": {"container": "web", "health_check": {"path": "/healthz"}},
        },
        {
            "name": "api",
            "capacity": ["ec2"],
            "cpu": 1024,
            "memory": 2048,
            "containers": [
                {
                    "name": "api",
                    "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2",
                    "port": 8080,
                }
            ],
            "load_balancer": {"container": "api", "health_check": {"path": "/health"}},
        },
    ],
    "alb": {
        "http": {"port": 80, "redirect_to_https": True},
        "https": {
            "certificates": [
                {"domain": "example.com", "subject_alternative_names": ["*.example.com"]}
            ]
        },
        "default_action": {"forward": "web"},
    },
    "routing": [
        {
            "name": "api",
            "priority": 10,
            "service": "api",
            "hosts": ["api.example.com"],
            "paths": ["/v1/*"],
        },
        {
            "name": "admin",
            "priority": 20,
            "service": "web",
            "paths": ["/admin/*"],
            "source_ips": ["10.0.0.0/8"],
        },
    ],
}


async def settle(pilot):
    """Validation done, rendering finished, no animation in flight, repainted."""
    pilot.app.animation_level = "none"
    await pilot.pause()
    pilot.app.ensure_validated()
    await pilot.app.workers.wait_for_complete()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False  # a blinking cursor would make the picture time-dependent
    # Under a loaded machine a worker finishing late can schedule one more refresh (live
    # warnings, sizing): wait until no worker is left and the screen has repainted twice.
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause()


STEPS = ["project", "cluster", "services", "alb", "routing", "review"]


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("step", range(len(STEPS)), ids=STEPS)
def test_step_snapshot(snap_compare, step, size, tmp_path):
    app = WizardApp(copy.deepcopy(DRAFT), store=DraftStore(tmp_path / "state"), start_step=step)
    app.animation_level = "none"

    assert snap_compare(app, terminal_size=size, run_before=settle)


def test_invalid_project_snapshot(snap_compare, tmp_path):
    draft = copy.deepcopy(DRAFT)
    draft["project"]["name"] = "Shop_1"
    del draft["network"]["vpc_id"]
    app = WizardApp(draft, store=DraftStore(tmp_path / "state"))
    app.animation_level = "none"
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)
