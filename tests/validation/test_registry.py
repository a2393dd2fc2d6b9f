"""The rule registry: stable, documented ids, and every issue carries a registered one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ecs_wizard.model.yamlio import load_answers_file
from ecs_wizard.validation import REGISTRY, validate_data_all
from ecs_wizard.validation.table import markdown
from tests.validation import test_ignore

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "ecs_wizard" / "examples").glob("*.yaml"))


def test_committed_rules_table_matches_the_registry():
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == markdown(), (
        "docs/rules.md is stale: run `python -m ecs_wizard.validation.table > docs/rules.md`"
    )


def test_ids_are_stable_strings_that_say_their_severity():
    for rule_id, c in REGISTRY.items():
        assert rule_id == c.id
        assert re.fullmatch(r"[EW](-[A-Z0-9]+)+", rule_id)
        assert rule_id[0] == {"error": "E", "warning": "W"}[c.severity]
        assert c.title and c.doc.startswith("https://")


def test_registering_an_id_twice_or_with_the_wrong_prefix_fails():
    from ecs_wizard.validation.registry import register

    with pytest.raises(ValueError, match="twice"):
        register("W-ROUTING-SHADOW", "warning", "again", "https://example.com")
    with pytest.raises(ValueError, match="must look like"):
        register("W-NEW-RULE", "error", "wrong prefix", "https://example.com")
    assert "W-NEW-RULE" not in REGISTRY


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_issue_of_the_shipped_examples_has_a_registered_rule(path):
    result = validate_data_all(load_answers_file(path))
    for issue in result.issues:
        assert issue.rule in REGISTRY, issue
        assert REGISTRY[issue.rule].severity == issue.severity, issue


# Checks without a row in a RULE_IDS table, and why.
UNTABLED = {
    # Target group names are shortened with a hash of the full name, so two distinct services
    # only collide on a hash collision; the check guards against that and cannot be staged.
    "E-NAMES-TARGET-GROUP",
}


def test_every_check_has_a_row_in_a_rule_table():
    import importlib

    tabled: set[str] = set()
    for module in (
        "names",
        "network",
        "capacity",
        "cpu_arch",
        "services",
        "access",
        "alb",
        "routing",
        "shadowing",
        "teams",
        "aws_quotas",
    ):
        table = importlib.import_module(f"tests.validation.rules.test_{module}").RULE_IDS
        tabled |= {rule for _, expected in table for _, rule in expected}
    tabled |= {rule for _, expected in test_ignore.RULE_IDS for _, rule in expected}
    checks = {c.id for c in REGISTRY.values() if c.fn is not None}
    assert checks - tabled == UNTABLED
