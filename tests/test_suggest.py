"""The one "did you mean" shared by validation, the environment merge and `plan --env`."""

from __future__ import annotations

from ecs_wizard.model import environments
from ecs_wizard.model.suggest import suggest
from ecs_wizard.validation import shape


def test_close_words_are_offered_and_far_ones_are_not():
    assert suggest("webb", ["api", "web"]) == "web"
    assert suggest("prot", ["port", "protocol"]) == "port"
    assert suggest("db", ["web"]) is None
    assert suggest("anything", []) is None


def test_non_string_options_are_compared_as_text():
    # YAML keys can be ints (`1:`), the merge passes them through str() in messages.
    assert suggest("10", [1, 100, 10]) == "10"


def test_every_caller_shares_the_same_function():
    """One statement of the cutoff: the validation rules (through shape) and the environment
    merge must not drift apart again."""
    assert shape.suggest is suggest
    assert environments.suggest is suggest
