"""ecs_wizard.rendering.changes: re-rendering over a deployed project (issue 10, renames and
swaps, the load balancer replaced while deletion protection is on)."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.model.answers import Answers
from ecs_wizard.rendering import changes
from ecs_wizard.validation import REGISTRY, validate_data
from tests.answers_fixtures import answers_with, base_answers

NEW_RULE = {"name": "new", "service": "web", "paths": ["/n/*"]}


def _with_new_rule(priority: int, **change: Any) -> dict[str, Any]:
    data = answers_with(**change)
    data["routing"].append({**NEW_RULE, "priority": priority})
    return data


def _a(data: dict[str, Any]) -> Answers:
    return Answers.model_validate(data)


def _review(before: dict[str, Any], after: dict[str, Any], kept=None) -> changes.ChangeReport:
    return changes.review(_a(before), _a(after), kept)


def _ids(report: changes.ChangeReport) -> list[tuple[str, str]]:
    return [(i.path, i.rule) for i in report.issues]


def test_no_previous_render_or_no_change_is_quiet():
    assert changes.review(None, _a(base_answers())).issues == []
    assert _review(base_answers(), base_answers()).issues == []
    # Updates in place (counts, images, conditions, a new rule at a free priority) are fine.
    after = _with_new_rule(
        30,
        **{
            "services[0].desired_count": 5,
            "services[1].containers[0].image": "acme/api:2.0",
            "routing[0].paths": ["/v2/*"],
        },
    )
    report = _review(base_answers(), after)
    assert report.issues == [] and report.rule_moves == {}


@pytest.mark.parametrize("new_priority", [10, 11])
def test_renamed_rule_is_moved_not_recreated(new_priority):
    """Same priority (any conditions) or same conditions (any free priority): a rename."""
    after = answers_with(**{"routing[0].name": "api-v1", "routing[0].priority": new_priority})
    report = _review(base_answers(), after)
    assert report.rule_moves == {"api": "api-v1"}
    assert _ids(report) == [("routing[0].name", changes.RULE_RENAMED)]
    assert "PriorityInUse" in report.issues[0].message
    assert report.errors == []


def test_rule_replaced_at_its_priority_is_moved_too():
    """A new rule at the priority a deleted rule leaves: updating it in place is what works."""
    after = answers_with(
        **{"routing[0]": {"name": "other", "priority": 10, "service": "web", "paths": ["/o/*"]}}
    )
    assert _review(base_answers(), after).rule_moves == {"api": "other"}


def test_priority_swap_is_refused_with_the_steps():
    after = answers_with(**{"routing[0].priority": 20, "routing[1].priority": 10})
    report = _review(base_answers(), after)
    assert _ids(report) == [
        ("routing[0].priority", changes.RULE_PRIORITY),
        ("routing[1].priority", changes.RULE_PRIORITY),
    ]
    first = report.errors[0]
    assert "`admin` holds" in first.message and "moves to priority 10" in first.message
    assert "PriorityInUse" in first.message
    assert "free priority (e.g. 21)" in first.fix and "three applies" in first.fix


def test_taking_the_priority_of_a_deleted_rule_is_refused():
    after = base_answers()
    del after["routing"][0]  # `api` (10) is deleted ...
    after["routing"][0]["priority"] = 10  # ... while `admin` moves 20 -> 10 in the same apply
    after["services"][1].pop("load_balancer")  # keep the answers valid: api is unrouted now
    report = _review(base_answers(), after)
    assert _ids(report) == [("routing[0].priority", changes.RULE_PRIORITY)]
    assert "is deleted" in report.errors[0].message


def test_new_rule_at_a_priority_another_rule_leaves_is_refused():
    after = _with_new_rule(10, **{"routing[0].priority": 30})
    report = _review(base_answers(), after)
    assert _ids(report) == [("routing[2].priority", changes.RULE_PRIORITY)]


def test_service_rename_is_refused_and_explained():
    after = base_answers()
    after["services"][1]["name"] = "backend"
    after["routing"][0]["service"] = "backend"
    report = _review(base_answers(), after)
    assert _ids(report) == [("services[1].name", changes.SERVICE_RENAME)]
    issue = report.errors[0]
    assert "shop-prod-backend" in issue.message and "shop-prod-api" in issue.message
    assert "logs are lost" in issue.message and changes.FLAG in issue.fix


def test_removed_service_warns():
    after = base_answers()
    del after["services"][2]
    report = _review(base_answers(), after)
    assert _ids(report) == [("services", changes.SERVICE_REMOVED)]
    assert report.errors == []


@pytest.mark.parametrize(
    ("change", "path"),
    [({"alb.internal": True, "alb.ingress_cidrs": ["10.0.0.0/8"]}, "alb.internal"),
     ({"project.environment": "production"}, "project.name")],
)  # fmt: skip
def test_replacing_a_protected_load_balancer_is_refused_with_the_two_steps(change, path):
    report = _review(base_answers(), answers_with(**change))
    protected = [i for i in report.errors if i.rule == changes.ALB_PROTECTED]
    assert [i.path for i in protected] == [path]
    fix = protected[0].fix
    assert "(1)" in fix and "deletion_protection: false" in fix and "(2)" in fix


def test_the_two_step_fix_works():
    """Step 1 (protection off, nothing else) is quiet; step 2 then only warns (new DNS name)."""
    step1 = answers_with(**{"alb.deletion_protection": False})
    assert _review(base_answers(), step1).errors == []
    step2 = answers_with(
        **{
            "alb.deletion_protection": False,
            "alb.internal": True,
            "alb.ingress_cidrs": ["10.0.0.0/8"],
        }
    )
    report = _review(step1, step2)
    assert _ids(report) == [("alb.internal", changes.ALB_REPLACED)]
    assert "DNS" in report.warnings[0].message


def test_project_rename_replaces_everything_and_is_refused():
    after = answers_with(**{"project.name": "store", "alb.deletion_protection": False})
    before = answers_with(**{"alb.deletion_protection": False})
    report = _review(before, after)
    assert (("project.name", changes.PROJECT_IDENTITY)) in _ids(report)
    issue = next(i for i in report.errors if i.rule == changes.PROJECT_IDENTITY)
    assert "capacity provider" in issue.message and "new directory" in issue.fix


def test_kept_rule_moves_survive_a_second_render_before_apply():
    renamed = answers_with(**{"routing[0].name": "api-v1"})
    first = _review(base_answers(), renamed)
    again = answers_with(**{"routing[0].name": "api-v1", "services[0].desired_count": 3})
    second = _review(renamed, again, kept=first.rule_moves)
    assert second.rule_moves == {"api": "api-v1"}
    # ... but not once the old name is back or the new one is gone.
    assert _review(renamed, base_answers(), kept=first.rule_moves).rule_moves == {"api-v1": "api"}


def test_warnings_can_be_silenced_errors_cannot():
    after = answers_with(
        **{"routing[0].name": "api-v1", "validation": {"ignore": [changes.RULE_RENAMED]}}
    )
    assert validate_data(after).ok  # the id is registered: ignore accepts it
    report = _review(base_answers(), after)
    assert report.issues == [] and report.rule_moves == {"api": "api-v1"}
    bad = answers_with(**{"validation": {"ignore": [changes.RULE_PRIORITY]}})
    assert not validate_data(bad).ok


def test_ids_are_registered_with_their_severity():
    for rule_id in (changes.PROJECT_IDENTITY, changes.RULE_RENAMED, changes.SERVICE_REMOVED):
        assert REGISTRY[rule_id].severity == ("warning" if rule_id[0] == "W" else "error")
        assert REGISTRY[rule_id].fn is None


def test_rule_moves_file_round_trips():
    moves = {"api": "api-v1", "admin": "admin-2"}
    text = changes.rule_moves_tf(moves)
    assert 'from = module.rule["api"]' in text and 'to   = module.rule["api-v1"]' in text
    assert changes.parse_rule_moves(text) == moves
