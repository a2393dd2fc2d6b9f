"""lenient.validate_draft: the wizard's second pass over a draft that does not parse yet."""

from __future__ import annotations

import copy

from ecs_wizard.validation.lenient import validate_data_all, validate_draft
from tests.validation.helpers import data


def broken_draft() -> dict:
    d = data(**{"project.name": "Bad Name"})  # a rule error, found only by the second pass
    del d["services"][1]["name"]  # shape errors: a missing name and a missing image
    del d["services"][0]["containers"][0]["image"]
    return d


def test_the_draft_is_not_modified() -> None:
    d = broken_draft()
    before = copy.deepcopy(d)
    validate_draft(d)
    assert d == before


def test_rule_errors_show_next_to_the_shape_errors() -> None:
    errors, _ = validate_draft(broken_draft())
    paths = {e.path for e in errors}
    assert {"services[1].name", "services[0].containers[0].image", "project.name"} <= paths
    assert not any("placeholder" in f"{e.message} {e.value}" for e in errors)
    result = validate_data_all(broken_draft())
    assert result.answers is None
    assert {e.path for e in result.errors} == paths


def test_a_valid_draft_has_only_its_own_issues() -> None:
    d = data()
    assert validate_draft(d) == ([], [])
