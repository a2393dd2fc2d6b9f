"""Helpers shared by several sub-commands.

They live here, not in one command's module, so that commands never import each other: each
command module depends only on this one and on the layers below it. Heavy dependencies
(rich, yamlio) are imported inside the functions, so importing a command stays cheap for
`ecs-wizard --help`.
"""

from __future__ import annotations

import contextlib
import json
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

NO_TTY_MESSAGE = (
    "ecs-wizard {command}: this is interactive and needs a terminal (stdin and stdout must be "
    "a TTY).\nIn scripts and CI, write the answers file and run `ecs-wizard render ANSWERS -o "
    "DIR` (check it with `ecs-wizard validate ANSWERS`)."
)


def read_answers(path: str) -> Any:
    """The parsed answers file at PATH, or stdin for `-`; raises AnswersFileError."""
    from ecs_wizard.model.yamlio import MAX_BYTES, load_answers_file, load_answers_text

    if path == "-":  # capped: `validate - < /dev/zero` must not read forever
        return load_answers_text(sys.stdin.read(MAX_BYTES + 1), source="<stdin>")
    return load_answers_file(path)


def _value_text(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 120 else text[:117] + "..."


def print_result(result: Any, source: str, *, stderr: bool = False, show_ids: bool = False) -> int:
    """Print a ValidationResult for people (rich, NO_COLOR-aware); return the exit code."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True, stderr=stderr)
    n_err, n_warn = len(result.errors), len(result.warnings)
    for title, issues, style, mark in (
        ("Errors", result.errors, "bold red", "✗"),
        ("Warnings", result.warnings, "bold yellow", "!"),
    ):
        if not issues:
            continue
        console.print(Text(f"{title} ({len(issues)})", style=style))
        for issue in issues:
            line = Text(f"  {mark} ", style=style)
            line.append(issue.path or "(top level)", style="bold")
            if show_ids and issue.rule:
                line.append(f"  [{issue.rule}]", style="dim")
            console.print(line)
            if issue.value is not None:
                console.print(Text(f"      value: {_value_text(issue.value)}", style="dim"))
            console.print(Text(f"      {issue.message}"))
            if issue.fix:
                console.print(Text(f"      fix: {issue.fix}", style="green"))
        console.print()
    plural = lambda n, w: f"{n} {w}{'' if n == 1 else 's'}"  # noqa: E731
    if result.ok:
        summary = f"{source}: valid" + (f" ({plural(n_warn, 'warning')})" if n_warn else "")
        console.print(Text(summary, style="bold green"))
        return 0
    console.print(
        Text(f"{source}: {plural(n_err, 'error')}, {plural(n_warn, 'warning')}", style="bold red")
    )
    return 1


def has_tty() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def require_tty(command: str) -> bool:
    """True when stdin and stdout are a terminal; else explain on stderr and return False."""
    if has_tty():
        return True
    print(NO_TTY_MESSAGE.format(command=command), file=sys.stderr)
    return False


def load_for_edit(target: str) -> tuple[dict[str, Any], Path]:
    """Read ANSWERS.yaml (or DIR/answers.yaml) for editing; raises ValueError with a
    user-facing message."""
    from ecs_wizard.model.yamlio import AnswersFileError, load_answers_file

    path = Path(target).expanduser()
    source = path
    if path.is_dir():
        path = path / "answers.yaml"
        if not path.is_file():
            raise ValueError(
                f"{source} has no answers.yaml: pass an answers file, or a directory written "
                "by `ecs-wizard render` (use `ecs-wizard import DIR` for older ones)."
            )
    elif not path.is_file():
        raise ValueError(f"{path}: no such file.")
    try:
        data = load_answers_file(path)
    except AnswersFileError as exc:
        raise ValueError(str(exc)) from None
    except OSError as exc:
        raise ValueError(f"{path}: {exc.strerror}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: the answers file must be a mapping (version: 1, project: …).")
    return data, source


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


@contextlib.contextmanager
def stop_on_term_and_hup() -> Iterator[None]:
    """Handle SIGTERM and SIGHUP like Ctrl-C (KeyboardInterrupt) while the body runs.

    Their default action ends the process at once: terraform (in its own process group)
    would keep running, and an emulator run would leave moto and its temporary copy behind.
    As KeyboardInterrupt they take the same path as Ctrl-C: terraform is interrupted and
    waited for, the emulator stopped, the copy deleted, exit code 130.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for sig in (signal.SIGTERM, signal.SIGHUP):
        handler = signal.getsignal(sig)
        if handler in (signal.SIG_DFL, signal.default_int_handler):
            previous[sig] = handler
            signal.signal(sig, _interrupt)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
