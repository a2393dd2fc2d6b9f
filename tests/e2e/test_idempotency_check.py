"""The post-apply idempotency check on synthetic plans (no terraform, no emulator).

The rules are those of tests/e2e/idempotency.py. The quirk table is replaced by a known test
quirk here, so the rules are tested whether or not the real table is empty.
"""

from __future__ import annotations

import ast
import copy
from pathlib import Path

import pytest

from . import idempotency
from .idempotency import Quirk

SERVICE = 'module.service["web"].aws_ecs_service.this[0]'


@pytest.fixture(autouse=True)
def known_quirk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        idempotency,
        "IDEMPOTENCY_QUIRKS",
        {"aws_ecs_service": {"tags": Quirk(why="test", canary="test_x")}},
    )


def change(address: str, actions: list[str], before: dict, after: dict, **extra) -> dict:
    rtype = address.rsplit(".", 2)[-2]
    return {
        "address": address,
        "type": rtype,
        "change": {"actions": actions, "before": before, "after": after, **extra},
    }


def plan(*changes: dict) -> dict:
    return {"resource_changes": list(changes)}


BEFORE = {"name": "web", "desired_count": 2, "tags": {"a": "1"}, "launch_type": "FARGATE"}


def test_a_known_quirk_alone_passes_and_is_seen() -> None:
    p = plan(change(SERVICE, ["update"], BEFORE, {**BEFORE, "tags": {"a": "2"}}))
    assert idempotency.unexplained_changes(p) == []
    assert idempotency.quirks_seen(p) == {"aws_ecs_service.tags"}
    assert idempotency.idempotency_report(p, set()) == []


def test_a_replacement_next_to_a_known_quirk_fails() -> None:
    after = {**BEFORE, "tags": {"a": "2"}, "capacity_provider_strategy": []}
    before = {**BEFORE, "capacity_provider_strategy": [{"capacity_provider": "FARGATE"}]}
    p = plan(
        change(
            SERVICE,
            ["delete", "create"],
            before,
            after,
            replace_paths=[["capacity_provider_strategy"]],
        )
    )
    (problem,) = idempotency.unexplained_changes(p)
    assert SERVICE in problem and "['delete', 'create']" in problem
    assert "capacity_provider_strategy" in problem


@pytest.mark.parametrize("actions", [["create", "delete"], ["delete"], ["create"]])
def test_no_quirk_allows_a_replacement_even_on_a_quirk_attribute(actions) -> None:
    p = plan(
        change(
            SERVICE,
            actions,
            BEFORE,
            {**BEFORE, "tags": {"a": "2"}},
            replace_paths=[["tags"]],
        )
    )
    assert len(idempotency.unexplained_changes(p)) == 1


def test_an_unknown_diff_is_not_masked_by_a_known_quirk_on_the_same_resource() -> None:
    p = plan(
        change(SERVICE, ["update"], BEFORE, {**BEFORE, "tags": {"a": "2"}, "desired_count": 3})
    )
    (problem,) = idempotency.unexplained_changes(p)
    assert "desired_count" in problem and "tags" not in problem


def test_a_value_known_only_after_apply_must_be_a_quirk_too() -> None:
    after = {**BEFORE, "tags": {"a": "2"}, "launch_type": None}
    p = plan(change(SERVICE, ["update"], BEFORE, after, after_unknown={"launch_type": True}))
    (problem,) = idempotency.unexplained_changes(p)
    assert "launch_type (known after apply)" in problem


def test_the_quirk_of_another_resource_type_explains_nothing() -> None:
    tg = 'module.service["web"].aws_lb_target_group.this[0]'
    p = plan(change(tg, ["update"], {"tags": {"a": "1"}}, {"tags": {"a": "2"}}))
    assert len(idempotency.unexplained_changes(p)) == 1


def test_a_quirk_that_does_not_show_is_stale() -> None:
    p = plan(change(SERVICE, ["no-op"], BEFORE, copy.deepcopy(BEFORE)))
    (problem,) = idempotency.idempotency_report(p, set())
    assert "aws_ecs_service.tags did not show" in problem
    # A quirk tied to a feature is only expected where the project has that feature.
    idempotency.IDEMPOTENCY_QUIRKS["aws_ecs_service"]["tags"] = Quirk("t", "test_x", when="ec2")
    assert idempotency.idempotency_report(p, set()) == []
    assert len(idempotency.idempotency_report(p, {"ec2"})) == 1


def test_an_empty_plan_passes() -> None:
    p = plan(change(SERVICE, ["no-op"], BEFORE, copy.deepcopy(BEFORE)))
    idempotency.IDEMPOTENCY_QUIRKS.clear()
    assert idempotency.idempotency_report(p, set()) == []


def test_every_real_quirk_is_justified_and_has_a_canary(monkeypatch) -> None:
    monkeypatch.undo()  # the real table, not the test quirk
    canaries = {
        node.name
        for node in ast.parse((Path(__file__).parent / "test_quirks.py").read_text()).body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }
    for rtype, attrs in idempotency.IDEMPOTENCY_QUIRKS.items():
        for attr, quirk in attrs.items():
            assert len(quirk.why) > 40, f"{rtype}.{attr}: say why it is cosmetic"
            assert quirk.canary in canaries, f"{rtype}.{attr}: canary {quirk.canary} missing"
