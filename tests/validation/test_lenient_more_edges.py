"""lenient.validate_draft, more edges (issue 14: the mutation run of lenient.py): a malformed or
unknown key is dropped so the rules can run, a draft that parses is never patched, and issues
around a broken path are left out."""

from __future__ import annotations

from ecs_wizard.validation.lenient import validate_draft
from tests.validation.helpers import data


def rules_of(issues) -> set[tuple[str, str]]:
    return {(i.path, i.rule) for i in issues}


def test_an_unknown_key_is_dropped_so_the_rules_still_run():
    d = data(**{"alb.deletion_protection": False})
    d["services"][0]["containers"][0]["prot"] = 8080  # a typo: a shape error
    errors, warnings = validate_draft(d)
    assert ("services[0].containers[0].prot", "E-SHAPE-UNKNOWN-KEY") in rules_of(errors)
    assert ("alb.deletion_protection", "W-ALB-DELETION-PROTECTION") in rules_of(warnings)


def test_a_malformed_value_is_dropped_so_the_rules_still_run():
    d = data(**{"alb.deletion_protection": False, "services[0].desired_count": "two"})
    errors, warnings = validate_draft(d)
    assert [(e.path, e.rule) for e in errors] == [("services[0].desired_count", "E-SHAPE-TYPE")]
    assert ("alb.deletion_protection", "W-ALB-DELETION-PROTECTION") in rules_of(warnings)


def test_a_draft_that_parses_is_reported_once_even_with_rule_errors():
    d = data(**{"alb.deletion_protection": False})
    d["services"][2]["name"] = "web"  # a duplicate name: a rule error, not a shape error
    errors, warnings = validate_draft(d)
    assert [(w.path, w.rule) for w in warnings] == [
        ("alb.deletion_protection", "W-ALB-DELETION-PROTECTION")
    ]
    assert [(e.path, e.rule) for e in errors] == [("services[2].name", "E-NAMES-DUPLICATE")]


def test_an_issue_around_a_broken_path_is_left_out():
    d = data()
    d["services"][0]["containers"] = [
        {"name": "web", "image": "nginx:1.27", "port": 80, "cpu": 600},
        {"name": "side", "image": "side:1", "cpu": "lots"},
    ]
    errors, _ = validate_draft(d)
    # without the broken cpu the containers add up to 600 > 512, but that sum is about the
    # containers whose entry is broken: only the shape error is shown
    assert [(e.path, e.rule) for e in errors] == [("services[0].containers[1].cpu", "E-SHAPE-TYPE")]


def test_validate_data_all_keeps_the_answers_of_a_valid_file_and_the_lenient_warnings():
    from ecs_wizard.validation.lenient import validate_data_all

    valid = validate_data_all(data())
    assert valid.answers is not None and valid.ok
    d = data(**{"alb.deletion_protection": False, "services[0].desired_count": "two"})
    broken = validate_data_all(d)
    assert broken.answers is None
    assert [(w.path, w.rule) for w in broken.warnings] == [
        ("alb.deletion_protection", "W-ALB-DELETION-PROTECTION")
    ]
