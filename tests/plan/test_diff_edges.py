"""plan/diff.py and plan/values.py at their edges, on hand-written resource changes: which rows
a change yields, what they show, what forces a replacement, and that secrets never show."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.plan.actions import Action
from ecs_wizard.plan.diff import SENSITIVE, UNKNOWN, AttrDiff, line_diff, resource_diff
from ecs_wizard.plan.values import display, masked, plan_secrets, redact, secret_forms
from tests.plan.resource_change import RC


def rows(**kw: Any) -> list[tuple[str, str, str | None, str | None]]:
    return [(r.path, r.kind, r.before, r.after) for r in resource_diff(RC(**kw))]


# --- which rows -----------------------------------------------------------------------------


def test_update_lists_exactly_what_changes_in_order() -> None:
    before = {"a": 1, "b": {"c": 2, "d": 3}, "gone": "x", "same": [1]}
    after = {"a": 1, "b": {"c": 5, "d": 3}, "same": [1], "new": "y"}
    assert rows(before=before, after=after) == [
        ("b.c", "change", "2", "5"),
        ("gone", "remove", '"x"', None),
        ("new", "add", None, '"y"'),
    ]


def test_lists_are_compared_by_index() -> None:
    assert rows(before={"l": [1, 2, 3]}, after={"l": [1, 5]}) == [
        ("l[1]", "change", "2", "5"),
        ("l[2]", "remove", "3", None),
    ]
    assert rows(before={"l": None}, after={"l": ["a"]}) == [("l[0]", "add", None, '"a"')]
    assert rows(before={"l": [{"k": 1}]}, after={"l": None}) == [("l[0].k", "remove", "1", None)]


def test_null_and_absent_are_the_same() -> None:
    assert rows(before={"a": None, "m": None}, after={"m": {}}) == []


def test_create_shows_every_set_attribute_and_the_unknown_ones() -> None:
    got = rows(
        action=Action.CREATE,
        before={"ignored": "before of a create"},
        after={"name": "x", "tags": {"Team": "a"}, "opt": None, "ports": [80]},
        after_unknown={"arn": True, "ports": [False, True]},
    )
    assert got == [
        ("name", "add", None, '"x"'),
        ("tags.Team", "add", None, '"a"'),
        ("ports[0]", "add", None, "80"),
        ("ports[1]", "unknown", None, UNKNOWN),
        ("arn", "unknown", None, UNKNOWN),
    ]


def test_delete_lists_nothing() -> None:
    assert rows(action=Action.DELETE, before={"a": 1}, after=None) == []


def test_a_known_value_becoming_unknown_shows_the_old_value() -> None:
    assert rows(before={"id": "i-1", "m": {"k": 1}}, after={}, after_unknown={"id": True}) == [
        ("id", "unknown", '"i-1"', UNKNOWN),
        ("m.k", "remove", "1", None),
    ]


def test_non_identifier_keys_are_quoted() -> None:
    assert rows(before={"tags": {"a:b": "1"}}, after={"tags": {"a:b": "2"}}) == [
        ('tags["a:b"]', "change", '"1"', '"2"')
    ]


# --- sensitive values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "unknown", "expected"),
    [
        ("a", "b", None, [("pw", "change", SENSITIVE, SENSITIVE)]),
        ("a", "a", None, []),
        (None, "b", None, [("pw", "add", None, SENSITIVE)]),
        ("a", None, None, [("pw", "remove", SENSITIVE, None)]),
        ("a", None, True, [("pw", "change", SENSITIVE, UNKNOWN)]),
        ("a", "a", True, [("pw", "change", SENSITIVE, UNKNOWN)]),
        (None, None, True, [("pw", "add", None, UNKNOWN)]),
        (None, None, None, []),
    ],
)
def test_sensitive_attribute_shows_only_that_it_changes(before, after, unknown, expected) -> None:
    rc = RC(
        before={"pw": before},
        after={"pw": after},
        after_unknown={"pw": unknown} if unknown else {},
        before_sensitive={"pw": True},
        after_sensitive={},
    )
    got = resource_diff(rc)
    assert [(r.path, r.kind, r.before, r.after) for r in got] == expected
    assert all(r.sensitive for r in got)
    shown = " ".join(f"{r.before} {r.after}" for r in got)
    assert '"a"' not in shown and '"b"' not in shown


def test_sensitive_on_the_after_side_alone_is_enough() -> None:
    got = resource_diff(RC(before={"pw": "a"}, after={"pw": "b"}, after_sensitive={"pw": True}))
    assert [(r.kind, r.before, r.after, r.sensitive) for r in got] == [
        ("change", SENSITIVE, SENSITIVE, True)
    ]


def test_sensitive_parts_of_a_list_and_a_map_are_masked() -> None:
    got = resource_diff(
        RC(
            before={"env": [{"name": "A", "value": "s3cret"}, {"name": "B", "value": "b"}]},
            after={"env": [{"name": "A", "value": "n3w"}, {"name": "B", "value": "c"}]},
            before_sensitive={"env": [{"value": True}]},
            after_sensitive={"env": [{"value": True}]},
        )
    )
    assert [(r.path, r.kind, r.before, r.after, r.sensitive) for r in got] == [
        ("env[0].value", "change", SENSITIVE, SENSITIVE, True),
        ("env[1].value", "change", '"b"', '"c"', False),
    ]


def test_known_secrets_are_redacted_from_unmarked_copies() -> None:
    got = resource_diff(
        RC(
            before={"echo": "pw=old-pass"},
            after={"echo": "pw=hunter22"},
            known_secrets=frozenset({"hunter22"}),
        )
    )
    assert [(r.before, r.after, r.sensitive) for r in got] == [
        ('"pw=old-pass"', f'"pw={SENSITIVE}"', True)
    ]
    plain = resource_diff(RC(before={"x": "1"}, after={"x": "2"}, known_secrets=frozenset({"zz"})))
    assert [(r.after, r.sensitive) for r in plain] == [('"2"', False)]


def test_known_secrets_are_redacted_inside_line_diffs() -> None:
    doc = '{"password": "hunter22", "user": "admin", "padding": "xxxxxxxx"}'
    (row,) = resource_diff(
        RC(
            before={"doc": doc.replace("admin", "root")},
            after={"doc": doc},
            known_secrets=frozenset({"hunter22"}),
        )
    )
    assert row.lines is not None and row.sensitive
    assert not any("hunter22" in line for line in row.lines)
    assert f'   "password": "{SENSITIVE}",' in row.lines


# --- replacement ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("replace_paths", "forced"),
    [
        ([["b", "c"]], {"b.c"}),
        ([["b"]], {"b.c", "b.d"}),  # a whole block forces every attribute in it
        ([["b", "c", "deeper"]], {"b.c"}),  # a path below an attribute marks the attribute
        ([["x"]], set()),
        ([], set()),
        (["b"], set()),  # not a path (terraform writes lists): ignored
    ],
)
def test_forces_replacement(replace_paths, forced) -> None:
    got = resource_diff(
        RC(
            action=Action.REPLACE,
            before={"a": 1, "b": {"c": 1, "d": 1}},
            after={"a": 2, "b": {"c": 2, "d": 2}},
            replace_paths=replace_paths,
        )
    )
    assert {r.path for r in got if r.forces_replacement} == forced
    assert len(got) == 3


# --- long JSON and multi-line strings ---------------------------------------------------------


def test_long_json_is_shown_sorted_and_indented_line_by_line() -> None:
    before = '{"b": [1, 2], "a": "ünïcode", "pad": "xxxxxxxxxxx"}'
    after = '{"b": [1, 3], "a": "ünïcode", "pad": "xxxxxxxxxxx"}'
    (row,) = resource_diff(RC(before={"doc": before}, after={"doc": after}))
    assert row.lines == (
        "@@ -2,7 +2,7 @@",  # three lines of context: the opening brace is the fourth
        '   "a": "ünïcode",',
        '   "b": [',
        "     1,",
        "-    2",
        "+    3",
        "   ],",
        '   "pad": "xxxxxxxxxxx"',
        " }",
    )


def test_json_shorter_than_40_characters_is_shown_inline() -> None:
    short = '{"a": 1, "b": 2, "c": 3, "d": 44444444}'  # 39 characters
    assert len(short) == 39
    (row,) = resource_diff(RC(before={"j": short}, after={"j": short.replace("1", "9")}))
    assert row.lines is None
    exactly = short.replace("44444444", "444444444")  # 40 characters
    (row,) = resource_diff(RC(before={"j": exactly}, after={"j": exactly.replace("1", "9")}))
    assert row.lines is not None


def test_json_after_leading_whitespace_is_still_json() -> None:
    doc = '  \n [{"name": "web", "image": "nginx:1", "cpu": 256}]'
    lines = line_diff(doc, doc.replace("nginx:1", "nginx:2"))
    assert '-    "image": "nginx:1",' in lines and '+    "image": "nginx:2",' in lines


def test_multi_line_strings_get_lines_from_two_newlines() -> None:
    (one,) = resource_diff(RC(before={"s": "a\nb"}, after={"s": "a\nc"}))
    assert one.lines is None
    (two,) = resource_diff(RC(before={"s": "a\nb\nc"}, after={"s": "a\nB\nc"}))
    assert two.lines == ("@@ -1,3 +1,3 @@", " a", "-b", "+B", " c")
    (added,) = resource_diff(RC(before={}, after={"s": "x\ny\nz"}))
    assert added.kind == "add" and added.lines == ("@@ -0,0 +1,3 @@", "+x", "+y", "+z")


def test_line_diff_keeps_three_lines_of_context_by_default() -> None:
    before = "\n".join(f"l{i}" for i in range(10))
    after = before.replace("l5", "L5")
    assert line_diff(before, after) == (
        "@@ -3,7 +3,7 @@", " l2", " l3", " l4", "-l5", "+L5", " l6", " l7", " l8",
    )  # fmt: skip
    assert line_diff(before, after, context=0) == ("@@ -6 +6 @@", "-l5", "+L5")
    assert line_diff(None, 5) == ("@@ -0,0 +1 @@", "+5")


def test_to_dict() -> None:
    plain = AttrDiff("a", "change", "1", "2")
    assert plain.to_dict() == {
        "path": "a",
        "kind": "change",
        "before": "1",
        "after": "2",
        "sensitive": False,
        "forces_replacement": False,
    }
    lined = AttrDiff(
        "s", "add", None, '"x"', sensitive=True, forces_replacement=True, lines=("+x",)
    )
    assert lined.to_dict() == {
        "path": "s",
        "kind": "add",
        "before": None,
        "after": '"x"',
        "sensitive": True,
        "forces_replacement": True,
        "lines": ["+x"],
    }


# --- values.py ------------------------------------------------------------------------------


def test_masked() -> None:
    value = {"a": 1, "b": [1, 2, 3], "c": {"d": "s"}}
    assert masked(value, True) == SENSITIVE
    assert masked(value, {}) == value
    assert masked(value, None) == value
    assert masked(value, {"b": [False, True]}) == {"a": 1, "b": [1, SENSITIVE, 3], "c": {"d": "s"}}
    assert masked(value, {"c": {"d": True}, "a": False}) == {
        "a": 1,
        "b": [1, 2, 3],
        "c": {"d": SENSITIVE},
    }
    assert masked([1, 2], [True]) == [SENSITIVE, 2]
    assert masked([1, 2], []) == [1, 2]
    assert masked("x", [True]) == "x"
    assert masked({"a": 1}, [True]) == {"a": 1}


def test_secret_forms_longest_first_raw_and_json_escaped() -> None:
    # raw, then JSON-escaped once, twice and three times (a value copied into JSON that is
    # itself kept as a JSON string), longest first so the longest copy is replaced whole
    assert secret_forms(frozenset({'a"b'})) == [
        'a\\\\\\\\\\\\\\"b',
        'a\\\\\\"b',
        'a\\"b',
        'a"b',
    ]
    assert secret_forms(["xyz", "ab", ""]) == ["xyz", "ab"]
    forms = secret_forms(["é"])  # ASCII-escaped too, at every level
    assert forms[-1] == "é" and "\\u00e9" in forms and "\\\\u00e9" in forms
    assert forms == sorted(forms, key=len, reverse=True)
    assert redact('{"k": "a\\"b"} and a"b', ['a"b']) == f'{{"k": "{SENSITIVE}"}} and {SENSITIVE}'
    assert redact("pass-word and pass", ["pass", "pass-word"]) == f"{SENSITIVE} and {SENSITIVE}"


def test_display() -> None:
    assert display(None) == "null"
    assert display({"b": [1, "é"], "a": True}) == '{"a": true, "b": [1, "é"]}'
    fits = "x" * 118  # 120 characters with its quotes
    assert display(fits) == f'"{fits}"'
    cut = display("x" * 119)
    assert len(cut) == 120 and cut == '"' + "x" * 118 + "…"


def test_plan_secrets_gathers_every_sensitive_value_of_the_plan() -> None:
    plan = {
        "resource_changes": [
            {
                "change": {
                    "before": {"pw": "before-pw", "list": ["l0", "list-secret"], "n": 12345},
                    "before_sensitive": {"pw": True, "list": [False, True], "n": True},
                    "after": {
                        "block": {"inner": "inner-secret", "flag": True, "none": None},
                        "items": ["item-secret"],
                        "short": "abc",
                        "open": "not-secret",
                    },
                    "after_sensitive": {
                        "block": True,
                        "items": True,
                        "short": True,
                        "open": False,
                        "missing": True,
                    },
                }
            },
            "not a dict",
            {"change": "not a dict either"},
        ],
        "resource_drift": [
            {"change": {"after": {"d": "drift-secret"}, "after_sensitive": {"d": True}}}
        ],
        "output_changes": {
            "out": {"before": "out-before", "before_sensitive": True, "after": "out-after"},
            "out2": {"after": "out2-after", "after_sensitive": True},
            "open": {"after": "open-output", "after_sensitive": False},
            "broken": "x",
        },
        "variables": {
            "db_password": {"value": "var-secret"},
            "region": {"value": "eu-west-1"},
            "undeclared": {"value": "undeclared-value"},
            "odd": "x",
        },
        "configuration": {
            "root_module": {
                "variables": {
                    "db_password": {"sensitive": True},
                    "region": {},
                    "odd": {"sensitive": True},
                }
            }
        },
    }
    assert plan_secrets(plan) == {
        "before-pw",
        "list-secret",
        "12345",
        "inner-secret",
        "item-secret",
        "drift-secret",
        "out-before",
        "out2-after",
        "var-secret",
        # the keys of a map that is sensitive as a whole are secrets too (issue 11)
        "inner",
        "flag",
        "none",
    }


def test_plan_secrets_of_a_plan_without_sections() -> None:
    assert plan_secrets({}) == frozenset()
    assert plan_secrets({"resource_changes": None, "output_changes": None}) == frozenset()
    short = {
        "change": {"after": {"a": "abcd", "b": "abc"}, "after_sensitive": {"a": True, "b": True}}
    }
    assert plan_secrets({"resource_changes": [short]}) == {"abcd"}  # 4 characters at least


def test_a_value_that_changes_type_is_one_row_with_its_sensitive_parts_masked() -> None:
    got = resource_diff(
        RC(
            before={"v": {"user": "u", "pw": "s3cret"}},
            after={"v": "plain"},
            before_sensitive={"v": {"pw": True}},
        )
    )
    assert [(r.path, r.kind, r.before, r.after) for r in got] == [
        ("v", "change", f'{{"pw": "{SENSITIVE}", "user": "u"}}', '"plain"')
    ]
    got = resource_diff(RC(before={"v": "x"}, after={"v": [1]}))
    assert [(r.path, r.kind, r.before, r.after) for r in got] == [("v", "change", '"x"', "[1]")]


@pytest.mark.parametrize("side", ["before_sensitive", "after_sensitive"])
def test_one_side_marking_a_list_item_sensitive_is_enough(side: str) -> None:
    got = resource_diff(
        RC(before={"l": ["old-s3cret"]}, after={"l": ["new-s3cret"]}, **{side: {"l": [True]}})
    )
    assert [(r.path, r.before, r.after, r.sensitive) for r in got] == [
        ("l[0]", SENSITIVE, SENSITIVE, True)
    ]


def test_removing_a_long_json_value_shows_its_lines() -> None:
    doc = '{"name": "web", "image": "nginx:1", "cpu": 256}'
    (row,) = resource_diff(RC(before={"doc": doc}, after={}))
    assert row.kind == "remove" and row.lines is not None
    assert '-  "image": "nginx:1",' in row.lines


def test_a_secret_seen_only_in_the_lines_marks_the_row_sensitive() -> None:
    """The inline display stops at 120 characters; the lines show everything."""
    doc = '{"a": "' + "x" * 150 + '", "z": "hunter22"}'
    (row,) = resource_diff(RC(before={}, after={"doc": doc}, known_secrets=frozenset({"hunter22"})))
    assert "hunter22" not in (row.after or "") and SENSITIVE not in (row.after or "")
    assert row.sensitive
    assert not any("hunter22" in line for line in row.lines or ())


def test_whitespace_is_not_json() -> None:
    assert line_diff(" " * 50, "x") == ("@@ -1 +1 @@", "-" + " " * 50, "+x")


def test_plan_secrets_with_a_mask_longer_than_the_list() -> None:
    rc = {"change": {"after": {"l": ["abcd"]}, "after_sensitive": {"l": [True, True]}}}
    assert plan_secrets({"resource_changes": [rc]}) == {"abcd"}
    rc = {"change": {"after": {"l": ["abcd", "efgh"]}, "after_sensitive": {"l": [False, True]}}}
    assert plan_secrets({"resource_changes": [rc]}) == {"efgh"}
    rc = {"change": {"after": {"l": "abcd"}, "after_sensitive": {"l": [True]}}}
    assert plan_secrets({"resource_changes": [rc]}) == frozenset()
