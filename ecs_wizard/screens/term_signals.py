"""SIGTERM and SIGHUP while a Textual app runs: handled on the app's event loop, and the
handlers that were there before put back when it stops.

asyncio's `remove_signal_handler` resets a signal to SIG_DFL, not to what it was: after the
app closed, a TERM during the cleanup that follows (terraform stopping, the emulator and its
temporary copy going away, under `plan`'s own `stop_on_term_and_hup`) would have killed the
process outright and left them behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable
from typing import Any

SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def install(handler: Callable[[], Any]) -> dict[int, Any]:
    """Run `handler` on the running loop for TERM and HUP; returns what to `restore`."""
    loop = asyncio.get_running_loop()
    previous: dict[int, Any] = {}
    for sig in SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            before = signal.getsignal(sig)
            loop.add_signal_handler(sig, handler)
            previous[sig] = before
    return previous


def restore(previous: dict[int, Any]) -> None:
    """Remove the loop's handlers and put back the ones `install` found."""
    with contextlib.suppress(RuntimeError):  # no running loop: nothing was installed on it
        loop = asyncio.get_running_loop()
        for sig in previous:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(sig)
    for sig, before in previous.items():
        with contextlib.suppress(TypeError, ValueError):
            signal.signal(sig, before if before is not None else signal.SIG_DFL)
