"""Start-up figure: launch → first interactive wizard screen, next to a bare Textual app.

Each sample is a fresh Python process (so imports count) that runs the app headless and
exits right after its first screen has been composed, mounted and refreshed. Both apps are
measured alternately in the same run on the same machine; the report gives the medians and
the ratio (target: the wizard within 1.5x of the bare app).

    .venv/bin/python benchmarks/bench_startup.py [-n 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

# Each child prints the seconds from the parent's launch timestamp ($T0) to the moment its
# first screen is interactive, then exits (teardown not counted). Both children use the same
# probe, mixed into the measured app: "interactive" means the screen on top is mounted and
# something in it has focus (keys reach a field), and one more refresh has painted that.
# Textual runs the probe's on_mount *as well as* the app's own (handlers run for every class
# in the MRO), so the probe must not call super().on_mount(): that would run the app's
# on_mount twice (for the wizard: compose and push its first screen twice).
PROBE = """
import os, time

class Probe:
    def on_mount(self):
        self.call_after_refresh(self._probe)

    def _probe(self):
        screen = self.screen
        if screen.is_mounted and screen.focused is not None:
            self.call_after_refresh(self._report)
        else:
            self.call_after_refresh(self._probe)

    def _report(self):
        print(time.time() - float(os.environ["T0"]))
        self.exit()
"""

BARE = (
    PROBE
    + """
from textual.app import App
from textual.widgets import Footer, Input
class Bare(Probe, App):
    def compose(self):
        yield Input()
        yield Footer()
Bare().run(headless=True, size=(80, 24))
"""
)

# The wizard child goes the way `ecs-wizard` does (ecs_wizard.cli.main): build the parser,
# parse an empty command line, load the wizard command, which imports the app.
WIZARD = (
    PROBE
    + """
import ecs_wizard.cli
args = ecs_wizard.cli.build_parser([]).parse_args([])
import ecs_wizard.commands.wizard
from ecs_wizard.app import WizardApp
class Timed(Probe, WizardApp):
    pass
Timed().run(headless=True, size=(80, 24))
"""
)


def sample(code: str, env: dict[str, str]) -> float:
    env = dict(env, T0=repr(time.time()))
    proc = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    )
    return float(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=9, help="samples per app (default 9)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as state:
        env = dict(os.environ, ECS_WIZARD_STATE_DIR=state, NO_COLOR="1")
        sample(BARE, env)  # warm the OS file cache and .pyc files for both
        sample(WIZARD, env)
        bare, wizard = [], []
        for _ in range(args.n):
            bare.append(sample(BARE, env))
            wizard.append(sample(WIZARD, env))
    b, w = statistics.median(bare), statistics.median(wizard)
    print(f"samples per app:     {args.n}")
    print(f"bare Textual app:    median {b * 1000:7.1f} ms  (min {min(bare) * 1000:.1f})")
    print(f"ecs-wizard wizard:   median {w * 1000:7.1f} ms  (min {min(wizard) * 1000:.1f})")
    print(f"ratio wizard/bare:   {w / b:.2f}x  (target <= 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
