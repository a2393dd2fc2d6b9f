"""End-to-end fixtures: one moto server per test session (per xdist worker), reset per test.

The generated project is applied with the real hashicorp/aws provider against the emulator;
nothing outside loopback is contacted (the provider override carries test credentials and
points every service at the emulator's 127.0.0.1 endpoint).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ecs_wizard.emulator import Emulator, EmulatorError

from .harness import E2EProject


@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    log = tmp_path_factory.mktemp("emulator") / "moto.log"
    emu = Emulator(log_path=log)
    try:
        emu.start()
    except EmulatorError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield emu
    emu.stop()


@pytest.fixture
def fresh_emulator(emulator: Emulator) -> Emulator:
    """The session's emulator with every resource wiped."""
    emulator.reset()
    return emulator


@pytest.fixture
def e2e_project(tf, fresh_emulator: Emulator, tmp_path: Path):
    def _make(answers_data: dict, **kwargs) -> E2EProject:
        return E2EProject.create(tf, fresh_emulator, tmp_path / "project", answers_data, **kwargs)

    return _make
