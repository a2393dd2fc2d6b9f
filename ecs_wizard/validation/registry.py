"""The rule registry: every check has a stable id, a severity, a title and the doc it enforces.

A check is a small pure function ``(answers) -> Iterable[Issue]`` decorated with ``@check``.
It builds its issues with `finding` and never sets their severity or rule id itself: the
runner stamps both from the registration, so one check is one id and one severity. Ids are
written out in the decorator (never derived from function names), because users silence
warnings by id in their answers files and must be able to rely on them.

Ids that are not raised by a check function (shape errors from the model, the answers file
not being a mapping) are registered with `register` so that they are documented too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from ecs_wizard.model.answers import Answers
from ecs_wizard.validation.issues import Issue, Severity

CheckFn = Callable[[Answers], Iterable[Issue]]

_ID_RE = re.compile(r"[EW](-[A-Z0-9]+)+")  # use with fullmatch
_PREFIX = {"error": "E-", "warning": "W-"}


@dataclass(frozen=True)
class Check:
    id: str
    severity: Severity
    title: str
    doc: str
    tags: tuple[str, ...] = ()
    fn: CheckFn | None = None

    def run(self, answers: Answers) -> Iterator[Issue]:
        if self.fn is None:
            return
        for issue in self.fn(answers):
            yield replace(issue, severity=self.severity, rule=self.id)


REGISTRY: dict[str, Check] = {}


def register(
    id: str,
    severity: Severity,
    title: str,
    doc: str,
    tags: Iterable[str] = (),
    fn: CheckFn | None = None,
) -> Check:
    """Add a rule to the registry (checks run in registration order)."""
    if not _ID_RE.fullmatch(id) or not id.startswith(_PREFIX[severity]):
        raise ValueError(f"rule id {id!r} must look like {_PREFIX[severity]}AREA-WHAT")
    if id in REGISTRY:
        raise ValueError(f"rule id {id!r} is registered twice")
    if not doc.startswith("https://"):
        raise ValueError(f"rule {id}: doc must be an https link")
    entry = Check(id, severity, title, doc, tuple(tags), fn)
    REGISTRY[id] = entry
    return entry


def check(
    *,
    id: str,
    severity: Severity,
    title: str,
    doc: str,
    tags: Iterable[str] = (),
) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated function as the check for rule `id`."""

    def decorate(fn: CheckFn) -> CheckFn:
        register(id, severity, title, doc, tags, fn)
        return fn

    return decorate


def finding(path: str, message: str, fix: str = "", value: Any = None) -> Issue:
    """An issue found by a check; the runner fills in its severity and rule id."""
    return Issue(path, message, fix, value)


def checks() -> list[Check]:
    """The checks that run on a built model, in order."""
    return [c for c in REGISTRY.values() if c.fn is not None]


def rule(rule_id: str) -> Check:
    return REGISTRY[rule_id]
