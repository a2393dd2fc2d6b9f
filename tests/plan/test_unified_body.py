"""The plan diff's line diff and its fast paths: a created or destroyed value is written as
difflib writes it, a content line that starts like a header is kept, and JSON is indented as
json.dumps indents it."""

from __future__ import annotations

import difflib
import json

from hypothesis import given
from hypothesis import strategies as st

from ecs_wizard.plan.diff import line_diff, unified_body

LINES = st.lists(st.text(alphabet="ab-+@ ", max_size=4), max_size=12)


def _difflib(a: list[str], b: list[str], context: int) -> tuple[str, ...]:
    out = list(difflib.unified_diff(a, b, lineterm="", n=context))
    return tuple(out[2:])


@given(LINES, LINES, st.integers(min_value=0, max_value=4))
def test_unified_body_is_difflibs_body(a: list[str], b: list[str], context: int) -> None:
    assert unified_body(a, b, context) == _difflib(a, b, context)


@given(st.lists(st.text(max_size=6), min_size=1, max_size=20))
def test_a_created_or_destroyed_value_is_one_hunk_as_difflib_writes_it(lines: list[str]) -> None:
    assert unified_body([], lines) == _difflib([], lines, 3)
    assert unified_body(lines, []) == _difflib(lines, [], 3)
    assert unified_body([], lines)[1:] == tuple("+" + line for line in lines)


def test_a_line_that_starts_with_dashes_is_a_changed_line_not_a_header() -> None:
    before = "select 1;\n-- old comment\nselect 2;\n"
    after = "select 1;\n++ new\nselect 2;\n"
    assert line_diff(before, after) == (
        "@@ -1,3 +1,3 @@",
        " select 1;",
        "--- old comment",
        "+++ new",
        " select 2;",
    )


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=20,
)


@given(JSON)
def test_indented_json_is_json_dumps_with_indent(value) -> None:
    from ecs_wizard.plan.values import indented_json

    assert indented_json(value) == json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
