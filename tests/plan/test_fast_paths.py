"""The plan diff's fast paths give what the general path gives, on generated resource changes:
the walk of parts with nothing before them (`_Walker.walk_new`), the path text built a key at
a time, `AttrDiff.make`, and `safe`'s printable shortcut."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecs_wizard.model.paths import format_path
from ecs_wizard.plan import diff
from ecs_wizard.plan.actions import Action
from ecs_wizard.plan.diff import AttrDiff, resource_diff
from ecs_wizard.plan.values import _UNSAFE, _UNSAFE_WITH_NEWLINES, safe
from tests.plan.resource_change import RC as _RC


@dataclass
class RC(_RC):
    action: Action = Action.CREATE  # these tests start from a created resource


KEYS = st.sampled_from(["a", "b", "c d", "", "x-1", '"q"', "pw-secret"])
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.sampled_from(["", "v", "pw-secret", "a\nb\nc", '{"k": "pw-secret", "n": [1, 2, 3, 4]}'])
    | st.text(alphabet="ab\n\x1b{}[]\"'", max_size=8)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=10,
)
#: Masks as terraform writes them (True, nested objects and lists of them, False/None), and
#: some it does not (strings, numbers), which the diff must read the same either way.
MASKS = st.recursive(
    st.sampled_from([True, False, None, {}, [], 0, "x"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=6,
)
#: A resource's values and masks are objects at the top (as terraform writes them), mostly.
OBJECTS = st.dictionaries(KEYS, VALUES, max_size=4) | VALUES
TOP_MASKS = st.dictionaries(KEYS, MASKS, max_size=4) | MASKS
PATHS = st.lists(st.lists(KEYS | st.integers(0, 2), max_size=3), max_size=2)


def _both(rc: RC) -> tuple[list[AttrDiff], list[AttrDiff]]:
    fast = resource_diff(rc)
    diff._Walker.fast_new = False
    try:
        general = resource_diff(rc)
    finally:
        diff._Walker.fast_new = True
    return fast, general


@settings(max_examples=600, deadline=None)
@given(
    st.sampled_from([Action.CREATE, Action.UPDATE, Action.REPLACE]),
    OBJECTS,
    OBJECTS,
    TOP_MASKS,
    TOP_MASKS,
    TOP_MASKS,
    PATHS,
    st.booleans(),
)
def test_the_walk_of_new_parts_is_the_general_walk(
    action, before, after, unknown, bsens, asens, replace_paths, with_secrets
) -> None:
    rc = RC(
        action=action,
        before=before,
        after=after,
        after_unknown=unknown,
        before_sensitive=bsens,
        after_sensitive=asens,
        replace_paths=replace_paths,
        known_secrets=frozenset({"pw-secret"}) if with_secrets else frozenset(),
    )
    fast, general = _both(rc)
    assert fast == general
    assert [r.to_dict() for r in fast] == [r.to_dict() for r in general]


def test_the_walk_of_new_parts_is_taken_for_a_created_resource(monkeypatch) -> None:
    """Not a comparison of the general path with itself: creates do take the fast path."""
    taken: list[tuple] = []
    original = diff._Walker.walk_new

    def spy(self, path, *args):
        taken.append(path)
        return original(self, path, *args)

    monkeypatch.setattr(diff._Walker, "walk_new", spy)
    resource_diff(RC(after={"a": {"b": 1}}, after_unknown={"arn": True}))
    assert taken[0] == ()


@given(st.lists(KEYS | st.integers(0, 12), max_size=5))
def test_path_text_a_key_at_a_time_is_format_path(parts) -> None:
    text = ""
    for part in parts:
        text = diff._step(text, part)
    assert text == format_path(parts, quote_keys=True)


def test_attrdiff_make_is_the_dataclass() -> None:
    args = ("a.b", "change", "1", "2", True, False, ("+x",))
    made, init = AttrDiff.make(*args), AttrDiff(*args)
    assert made == init and hash(made) == hash(init) and repr(made) == repr(init)
    with pytest.raises(AttributeError):
        made.path = "other"  # type: ignore[misc]


def test_every_character_safe_escapes_is_unprintable() -> None:
    """`safe` returns a printable text as it is: sound only while both patterns match
    nothing printable."""
    chars = (chr(c) for c in range(sys.maxunicode + 1))
    matched = [c for c in chars if _UNSAFE.match(c) or _UNSAFE_WITH_NEWLINES.match(c)]
    assert matched and not [c for c in matched if c.isprintable()]
    assert safe("a\x1bb\u202e") == "a\\u001bb\\u202e"
    assert safe("tab\tok\nno") == "tab\tok\\u000ano"
    assert safe("line\nkept", newlines=True) == "line\nkept"


TEXTS = st.none() | st.text(alphabet="ab →\n", max_size=4)


@given(
    st.text(alphabet="a.[]", max_size=4),
    st.sampled_from(["add", "remove", "change", "unknown"]),
    TEXTS,
    TEXTS,
    st.booleans(),
    st.booleans(),
    st.none() | st.lists(st.text(alphabet="+-@ a", max_size=3), max_size=3).map(tuple),
    st.sampled_from(["", "      ", "        "]),
)
def test_a_plain_row_is_the_styled_rows_text(
    path, kind, before, after, sensitive, forces, lines, indent
) -> None:
    from ecs_wizard.plan.render_text import Styled, _attr, _attr_flat

    row = AttrDiff(path, kind, before, after, sensitive, forces, lines)
    styled, flat = Styled(), Styled(plain=True)
    _attr(styled, row, indent)
    _attr_flat(flat.parts, row, indent)
    assert flat.plain() == styled.plain() == styled.text().plain


def _depth(value: Any) -> int:
    """Nesting of containers, as the recursion it replaces counts it."""
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


@given(VALUES, st.integers(0, 6))
def test_the_depth_check_is_the_nesting_depth(value, limit) -> None:
    from ecs_wizard.plan.model import _too_deep

    assert _too_deep(value, limit) == (_depth(value) > limit)


@given(VALUES | st.text())
def test_display_is_compact_json_dumps(value) -> None:
    import json

    from ecs_wizard.plan.values import MAX_INLINE, display

    text = safe(json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": ")))
    if len(text) > MAX_INLINE:
        text = text[: MAX_INLINE - 1] + "…"
    assert display(value) == ("null" if value is None else text)


EXPORT_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(EXPORT_DATA)
def test_the_json_exports_writer_is_json_dumps_with_indent(value) -> None:
    import json

    from ecs_wizard.plan.render_json import indented

    assert indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_the_json_export_is_json_dumps_of_its_data() -> None:
    import json
    from pathlib import Path

    from ecs_wizard.plan.model import load_plan
    from ecs_wizard.plan.render_json import plan_dict, render_json

    plan = load_plan(Path(__file__).parent / "fixtures" / "scenario_plan.json")
    expected = json.dumps(plan_dict(plan), indent=2, ensure_ascii=False) + "\n"
    assert render_json(plan) == expected
