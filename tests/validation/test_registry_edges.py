"""registry.py at its edges: what a rule id may look like, duplicates, doc links, and how a
registered check stamps its issues. Runs against an empty registry of its own."""

from __future__ import annotations

import pytest

from ecs_wizard.validation import registry
from ecs_wizard.validation.issues import Issue


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> dict[str, registry.Check]:
    table: dict[str, registry.Check] = {}
    monkeypatch.setattr(registry, "REGISTRY", table)
    return table


DOC = "https://docs.aws.amazon.com/x"


@pytest.mark.parametrize(
    ("rule_id", "severity"),
    [
        ("E-NAMES-FORMAT", "error"),
        ("W-ALB-HTTPS", "warning"),
        ("E-A1", "error"),
        ("E-A-B-C-9", "error"),
    ],
)
def test_well_formed_ids_register(fresh, rule_id: str, severity: str) -> None:
    entry = registry.register(rule_id, severity, "title", DOC, ["t1", "t2"])
    assert fresh == {rule_id: entry}
    assert (entry.id, entry.severity, entry.title, entry.doc, entry.tags, entry.fn) == (
        rule_id,
        severity,
        "title",
        DOC,
        ("t1", "t2"),
        None,
    )
    assert registry.rule(rule_id) is entry


@pytest.mark.parametrize(
    ("rule_id", "severity", "expected_prefix"),
    [
        ("W-NAMES-FORMAT", "error", "E-"),  # the prefix must match the severity
        ("E-NAMES-FORMAT", "warning", "W-"),
        ("E-names", "error", "E-"),
        ("E-", "error", "E-"),
        ("E", "error", "E-"),
        ("X-NAMES", "error", "E-"),
        ("E-NAMES-", "error", "E-"),
        ("E-NA_MES", "error", "E-"),
        (" E-NAMES", "error", "E-"),
    ],
)
def test_malformed_ids_are_refused(fresh, rule_id: str, severity: str, expected_prefix) -> None:
    with pytest.raises(ValueError) as excinfo:
        registry.register(rule_id, severity, "t", DOC)
    assert str(excinfo.value) == (f"rule id {rule_id!r} must look like {expected_prefix}AREA-WHAT")
    assert fresh == {}


def test_an_id_registers_once(fresh) -> None:
    registry.register("E-X-Y", "error", "t", DOC)
    with pytest.raises(ValueError, match=r"^rule id 'E-X-Y' is registered twice$"):
        registry.register("E-X-Y", "error", "other", DOC)
    assert fresh["E-X-Y"].title == "t"


@pytest.mark.parametrize("doc", ["http://docs.aws.amazon.com/x", "docs/rules.md", ""])
def test_doc_must_be_an_https_link(fresh, doc: str) -> None:
    with pytest.raises(ValueError, match=r"^rule E-X-Y: doc must be an https link$"):
        registry.register("E-X-Y", "error", "t", doc)
    assert fresh == {}


def test_check_registers_the_function_and_stamps_its_issues(fresh) -> None:
    @registry.check(id="W-X-Y", severity="warning", title="t", doc=DOC, tags=("a",))
    def rule_fn(answers):
        yield registry.finding("p.q", "message", "fix it", 3)
        yield registry.finding("p.r", "other")

    entry = fresh["W-X-Y"]
    assert entry.fn is rule_fn and entry.tags == ("a",)
    assert list(entry.run(None)) == [
        Issue("p.q", "message", "fix it", 3, severity="warning", rule="W-X-Y"),
        Issue("p.r", "other", "", None, severity="warning", rule="W-X-Y"),
    ]


def test_checks_are_the_registered_functions_in_order(fresh) -> None:
    registry.register("E-SHAPE-X", "error", "t", DOC)  # documented only: no function
    first = registry.check(id="E-B-B", severity="error", title="t", doc=DOC)(lambda a: [])
    second = registry.check(id="E-A-A", severity="error", title="t", doc=DOC)(lambda a: [])
    assert [c.fn for c in registry.checks()] == [first, second]
    assert list(fresh["E-SHAPE-X"].run(None)) == []


def test_an_id_with_a_trailing_line_break_is_refused():
    import pytest as _pytest

    from ecs_wizard.validation.registry import REGISTRY, register

    with _pytest.raises(ValueError):
        register("E-NAMES-NEWLINE\n", "error", "x", "https://example.com")
    assert "E-NAMES-NEWLINE\n" not in REGISTRY
