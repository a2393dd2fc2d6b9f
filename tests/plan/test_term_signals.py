"""TERM/HUP handlers of the plan viewers are put back when the viewer stops (asyncio's
remove_signal_handler resets to SIG_DFL, which let a TERM during `plan --local --tui`'s cleanup
kill the process and leave the emulator and its copy behind)."""

from __future__ import annotations

import asyncio
import os
import signal

from ecs_wizard.screens import term_signals


def test_handlers_run_on_the_loop_and_the_previous_ones_come_back():
    seen: list[str] = []

    def before(signum, frame):  # what `plan` installs around the viewer
        seen.append(f"before {signum}")

    old = {s: signal.signal(s, before) for s in term_signals.SIGNALS}
    try:

        async def main() -> None:
            handled = asyncio.Event()
            previous = term_signals.install(lambda: (seen.append("loop"), handled.set()))
            os.kill(os.getpid(), signal.SIGTERM)
            await asyncio.wait_for(handled.wait(), 10)  # the loop ran the handler
            term_signals.restore(previous)

        asyncio.run(main())
        assert seen == ["loop"]
        for sig in term_signals.SIGNALS:
            assert signal.getsignal(sig) is before  # not SIG_DFL
        os.kill(os.getpid(), signal.SIGHUP)
        assert seen[-1] == f"before {int(signal.SIGHUP)}"
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def test_restore_without_a_loop_still_puts_the_handlers_back():
    old = signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        term_signals.restore({signal.SIGTERM: signal.SIG_DFL})
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    finally:
        signal.signal(signal.SIGTERM, old)
