"""engine.validate_field, issues.sort_issues and table.markdown at their edges."""

from __future__ import annotations

import copy

import pytest

from ecs_wizard.validation import engine, registry, table
from ecs_wizard.validation.issues import Issue, sort_issues
from tests.validation.helpers import data


def test_validate_field_leaves_the_callers_data_alone() -> None:
    d = data()
    before = copy.deepcopy(d)
    issues = engine.validate_field("services[0].name", "Bad Name", d)
    assert d == before
    assert issues and all(i.path.startswith("services[0].name") for i in issues)


def test_validate_field_reports_only_issues_at_or_below_the_path() -> None:
    d = data()
    d["project"]["name"] = "Bad Name"  # an error elsewhere
    assert engine.validate_field("services[0].desired_count", 2, d) == []
    assert engine.validate_field("project.name", "Also Bad", d)[0].path == "project.name"


def test_validate_field_on_a_path_that_cannot_be_set() -> None:
    assert engine.validate_field("services[99].name", "x", data()) == [
        Issue("services[99].name", "cannot set this path", "check the path", rule="E-SHAPE-PATH")
    ]


def test_issues_sort_in_document_order_with_numeric_indexes() -> None:
    paths = [
        "",
        "zzz",
        "routing[0].priority",
        "alb.https",
        "services[10].name",
        "services[2].containers[1].port",
        "services[2].containers[0].port",
        "services[2].name",
        "project.name",
        "version",
    ]
    issues = [Issue(p, "m") for p in paths]
    assert [i.path for i in sort_issues(issues)] == [
        "version",
        "project.name",
        "services[2].containers[0].port",
        "services[2].containers[1].port",
        "services[2].name",
        "services[10].name",
        "alb.https",
        "routing[0].priority",
        "",
        "zzz",
    ]


def test_issues_at_one_path_keep_the_order_they_were_found_in() -> None:
    issues = [Issue("project.name", "first"), Issue("project.name", "second")]
    assert [i.message for i in sort_issues(issues)] == ["first", "second"]


def test_rules_table_lists_errors_then_warnings_by_id(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = "https://docs.aws.amazon.com/x"
    fake = {
        c.id: c
        for c in (
            registry.Check("W-A-A", "warning", "warn a", doc),
            registry.Check("E-Z-Z", "error", "err z", doc),
            registry.Check("E-B-B", "error", "pipes | in | title", doc),
        )
    }
    monkeypatch.setattr(table, "REGISTRY", fake)
    rows = table.markdown().removeprefix(table.HEADER).splitlines()
    assert rows == [
        f"| `E-B-B` | error | pipes / in / title | [doc]({doc}) |",
        f"| `E-Z-Z` | error | err z | [doc]({doc}) |",
        f"| `W-A-A` | warning | warn a | [doc]({doc}) |",
    ]
