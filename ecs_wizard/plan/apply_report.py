"""Why a `terraform apply` in the emulator (`plan --local --apply`) failed, in words.

The real error is always shown: terraform's own diagnostics (or the end of its output when it
printed none). Only a failure that matches a known emulator gap (moto answering HTTP 500 / "not
implemented" for a call it lacks) is blamed on the emulator; anything else is most likely a
problem real AWS would report too, and is said to be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ecs_wizard.plan.diagnostics import Diagnostic, parse_human_diagnostics

#: What moto answers for an AWS call it does not implement, as terraform reports it.
_GAP_PATTERNS = re.compile(
    r"has not been implemented|not yet implemented|NotImplemented|"
    r"StatusCode:\s*50[01]\b|api error InternalFailure|Internal Server Error",
    re.IGNORECASE,
)

GAP_NOTE = (
    "This is a known emulator gap: the emulator (moto) answered an AWS call it does not "
    "implement (HTTP 500 / not implemented). It says nothing about real AWS; plan against "
    "real AWS (without --local) to check this part."
)
NOT_A_GAP_NOTE = (
    "This does not match a known emulator gap: real AWS would most likely refuse it too. "
    "Fix what the error says (the answers, or the rendered files), render and try again."
)


@dataclass
class ApplyFailure:
    exit_code: int
    diagnostics: list[Diagnostic] = field(default_factory=list)
    tail: str = ""  # the end of terraform's output, when it printed no diagnostics
    emulator_gap: bool = False

    def message(self) -> str:
        return f"terraform apply failed in the emulator (exit {self.exit_code})."

    def details(self) -> str:
        """The real error: each diagnostic once, else the end of terraform's output."""
        if self.diagnostics:
            return "\n\n".join(d.text() for d in self.diagnostics)
        return self.tail

    def note(self) -> str:
        return GAP_NOTE if self.emulator_gap else NOT_A_GAP_NOTE


def explain_apply_failure(exit_code: int, output: str, tail_lines: int = 40) -> ApplyFailure:
    diags = parse_human_diagnostics(output)
    errors = [d for d in diags if d.severity == "error"] or diags
    tail = "\n".join(output.strip().splitlines()[-tail_lines:])
    blob = "\n".join(f"{d.summary}\n{d.detail}" for d in errors) if errors else output
    return ApplyFailure(
        exit_code=exit_code,
        diagnostics=errors,
        tail=tail,
        emulator_gap=bool(_GAP_PATTERNS.search(blob)),
    )
