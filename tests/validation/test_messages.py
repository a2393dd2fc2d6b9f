"""Every rule's messages, as the user reads them: never a stand-in name, never an empty fix.

Runs every row of every RULE_IDS table (one input per rule that triggers it) through the
validator, through `ecs-wizard validate` (text and JSON) and through the wizard's lenient pass
with required names left out, so that the stand-ins it patches in (`placeholder1`,
`placeholder:latest`) are in play. Issue 11: "It must never say 'placeholder1', and never
give an empty fix."
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from ecs_wizard.cli import main
from ecs_wizard.validation import Issue, validate_data_all, validate_draft
from tests.validation import test_ignore, test_shape
from tests.validation.helpers import Change, mutated

_MODULES = ("names", "network", "capacity", "services", "alb", "routing", "shadowing")
ROWS: list[tuple[Change, list[tuple[str, str]]]] = (
    [
        row
        for m in _MODULES
        for row in importlib.import_module(f"tests.validation.rules.test_{m}").RULE_IDS
    ]
    + list(test_ignore.RULE_IDS)
    + list(test_shape.RULE_IDS)
)
IDS = [",".join(r for _, r in expected) for _, expected in ROWS]


def _problems(issues: list[Issue]) -> list[str]:
    out = []
    for i in issues:
        if not i.fix.strip():
            out.append(f"{i.rule} at {i.path}: empty fix ({i.message})")
        text = f"{i.path} {i.message} {i.fix} {i.value}"
        if "placeholder" in text:
            out.append(f"{i.rule} at {i.path}: names a stand-in: {text}")
    return out


def _without(section: str, key: str) -> Callable[[dict[str, Any], int], None]:
    def drop(d: dict[str, Any], i: int) -> None:
        items = d.get(section) or []
        if i < len(items) and isinstance(items[i], dict):
            target = items[i]
            if key == "container_name":
                target = (target.get("containers") or [{}])[0]
                target.pop("name", None)
            elif key == "image":
                (target.get("containers") or [{}])[0].pop("image", None)
            else:
                target.pop(key, None)

    drop.__name__ = f"no_{section}_{key}"
    return drop


BREAKERS = [
    _without("services", "name"),
    _without("services", "container_name"),
    _without("services", "image"),
    _without("routing", "name"),
]


def _drafts(change: Change) -> Iterator[tuple[str, dict[str, Any]]]:
    """The row's answers with one required name or image left out, one at a time."""
    for breaker in BREAKERS:
        for i in range(3):
            d = mutated(change)
            breaker(d, i)
            yield f"{breaker.__name__}[{i}]", d


@pytest.mark.parametrize(("change", "expected"), ROWS, ids=IDS)
def test_every_rule_gives_a_fix_and_no_stand_in(change, expected):
    result = validate_data_all(mutated(change))
    found = {(i.path, i.rule) for i in result.issues}
    assert set(expected) <= found
    assert not _problems(result.issues)


@pytest.mark.parametrize(("change", "expected"), ROWS, ids=IDS)
def test_lenient_pass_never_shows_a_stand_in(change, expected):
    for name, draft in _drafts(change):
        errors, warnings = validate_draft(draft)
        assert not _problems(errors + warnings), name


@pytest.mark.parametrize(("change", "expected"), ROWS, ids=IDS)
def test_validate_command_text_and_json(change, expected, tmp_path: Path, capsys):
    f = tmp_path / "answers.yaml"
    f.write_text(yaml.safe_dump(mutated(change), sort_keys=False), encoding="utf-8")

    main(["validate", str(f), "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    issues = payload["errors"] + payload["warnings"]
    assert issues
    assert all(i["fix"].strip() for i in issues), issues
    assert "placeholder" not in json.dumps(payload)

    main(["validate", str(f)])
    out = capsys.readouterr().out
    marks = [line for line in out.splitlines() if line.startswith(("  ✗ ", "  ! "))]
    fixes = [line for line in out.splitlines() if line.startswith("      fix: ")]
    assert len(marks) == len(issues) and len(fixes) == len(marks), out
    assert "placeholder" not in out


def test_the_lenient_pass_drops_an_issue_whose_fix_lists_a_stand_in():
    """services[0] has no name yet: the rule routing to `web` must not suggest
    `placeholder1` (the wizard's stand-in for the missing name)."""
    d = mutated({})
    del d["services"][0]["name"]
    errors, warnings = validate_draft(d)
    assert any(i.path == "services[0].name" for i in errors), errors
    assert not _problems(errors + warnings)
