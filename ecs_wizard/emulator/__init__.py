"""A local AWS emulator (moto's server) on loopback, for end-to-end tests and `plan --local`.

- `server.py`: the moto server process (`Emulator`) and the quirks it is known to have;
- `localize.py`: rewriting answers so they apply against a fresh emulator (network, external
  references);
- `local_run.py`: an emulator run of a rendered project in a temporary copy (`LocalRun`), the
  provider override and the environment terraform runs with there.

Nothing here ever talks to real AWS. The names re-exported below are the ones the tests and
benchmarks use; the rest of the code base imports the submodules.
"""

from __future__ import annotations

from ecs_wizard.emulator.local_run import emulator_provider_override, write_emulator_override
from ecs_wizard.emulator.localize import LocalizedAnswers, create_hosted_zone, localize_answers
from ecs_wizard.emulator.server import (
    EMULATOR_QUIRKS,
    MOTO_MISSING_HINT,
    Emulator,
    EmulatorError,
)

__all__ = [
    "EMULATOR_QUIRKS",
    "MOTO_MISSING_HINT",
    "Emulator",
    "EmulatorError",
    "LocalizedAnswers",
    "create_hosted_zone",
    "emulator_provider_override",
    "localize_answers",
    "write_emulator_override",
]
