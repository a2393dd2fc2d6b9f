"""A moto server for the team tests (remote state in the emulator's S3), one per worker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ecs_wizard.emulator import Emulator, EmulatorError


@pytest.fixture(scope="module")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    emu = Emulator(log_path=tmp_path_factory.mktemp("emulator") / "moto.log")
    try:
        emu.start()
    except EmulatorError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield emu
    emu.stop()
