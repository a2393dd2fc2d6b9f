"""shape.py, edge by edge: every kind of model error becomes one issue whose rule, path, message,
fix and value are exactly what the user reads (issue 14: the mutation run of shape.py)."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.validation import validate_data
from ecs_wizard.validation.shape import suggest, top_level_issue, translate
from tests.validation.helpers import Change, mutated

CONTAINER_KEYS = (
    "name, image, port, port_name, essential, cpu, memory, command, entrypoint, environment, "
    "secrets, health_check, readonly_root_filesystem"
)
INT_FIX = "write a number without quotes, e.g. "
STR_FIX = 'quote the value, e.g. "1.0"'
LIST_FIX = "write a YAML list, e.g. [a, b] or one `- item` per line"
MAP_FIX = "write `key: value` pairs indented under this key"

C0 = "services[0].containers[0]"

# (change, rule, path, message, fix, value): the single shape error the change causes
CASES: list[tuple[str, Change, tuple[str, str, str, str, Any]]] = [
    (
        "unknown key, close to a known one",
        {f"{C0}.prot": 8080},
        (
            "E-SHAPE-UNKNOWN-KEY",
            f"{C0}.prot",
            "unknown key `prot`",
            f"did you mean `port`? (allowed keys here: {CONTAINER_KEYS})",
            8080,
        ),
    ),
    (
        "unknown key, close to nothing",
        {f"{C0}.zzzzqq": 1},
        (
            "E-SHAPE-UNKNOWN-KEY",
            f"{C0}.zzzzqq",
            "unknown key `zzzzqq`",
            f"remove it (allowed keys here: {CONTAINER_KEYS})",
            1,
        ),
    ),
    (
        "missing key, with the field's description",
        lambda d: d["network"].pop("vpc_id"),
        (
            "E-SHAPE-MISSING",
            "network.vpc_id",
            "`vpc_id` is required",
            "add `vpc_id:` (Existing VPC id (vpc-...).)",
            None,
        ),
    ),
    (
        "missing key inside a list item",
        lambda d: d["services"][0]["containers"][0].pop("image"),
        (
            "E-SHAPE-MISSING",
            f"{C0}.image",
            "`image` is required",
            "add `image:` (Image reference: [registry/]repository[:tag][@digest].)",
            None,
        ),
    ),
    (
        "choice, close to an option",
        {"cluster": {"container_insights": "enable"}},
        (
            "E-SHAPE-CHOICE",
            "cluster.container_insights",
            "must be one of: enabled, enhanced, disabled",
            "did you mean `enabled`?",
            "enable",
        ),
    ),
    (
        "choice, close to nothing",
        {"cluster": {"container_insights": "qqq"}},
        (
            "E-SHAPE-CHOICE",
            "cluster.container_insights",
            "must be one of: enabled, enhanced, disabled",
            "use one of: enabled, enhanced, disabled",
            "qqq",
        ),
    ),
    (
        "choice among numbers",
        {"version": 2},
        ("E-SHAPE-CHOICE", "version", "must be one of: 1", "use one of: 1", 2),
    ),
    (
        "below a lower bound",
        {"services[0].desired_count": -1},
        ("E-SHAPE-RANGE", "services[0].desired_count", "must be ≥ 0", "use a value ≥ 0", -1),
    ),
    (
        "above an upper bound",
        {"services[0].autoscaling": {"min": 1, "max": 2, "cpu_percent": 101}},
        (
            "E-SHAPE-RANGE",
            "services[0].autoscaling.cpu_percent",
            "must be ≤ 100",
            "use a value ≤ 100",
            101,
        ),
    ),
    (
        "empty list",
        {"services": []},
        ("E-SHAPE-TOO-SHORT", "services", "needs at least 1 item(s)", "add at least 1 entry", []),
    ),
    (
        "text for a number: the field's default as the example",
        {"services[0].cpu": "big"},
        ("E-SHAPE-TYPE", "services[0].cpu", "must be a whole number", INT_FIX + "256", "big"),
    ),
    (
        "text for a port: 80 as the example",
        {f"{C0}.port": "x"},
        ("E-SHAPE-TYPE", f"{C0}.port", "must be a whole number", INT_FIX + "80", "x"),
    ),
    (
        "YAML 1.1 yes for a port",
        {f"{C0}.port": "yes"},
        (
            "E-SHAPE-TYPE",
            f"{C0}.port",
            "must be a whole number",
            "`yes` is not a number: write 80",
            "yes",
        ),
    ),
    (
        "YAML 1.1 no for a count",
        {"services[0].desired_count": "no"},
        (
            "E-SHAPE-TYPE",
            "services[0].desired_count",
            "must be a whole number",
            "`no` is not a number: write 2",
            "no",
        ),
    ),
    (
        "YAML 1.1 yes for a boolean",
        {f"{C0}.essential": "yes"},
        ("E-SHAPE-TYPE", f"{C0}.essential", "must be true or false", "write true", "yes"),
    ),
    (
        "YAML 1.1 Off for a boolean",
        {f"{C0}.essential": "Off"},
        ("E-SHAPE-TYPE", f"{C0}.essential", "must be true or false", "write false", "Off"),
    ),
    (
        "YAML 1.1 Y for a boolean",
        {f"{C0}.essential": "Y"},
        ("E-SHAPE-TYPE", f"{C0}.essential", "must be true or false", "write true", "Y"),
    ),
    (
        "other text for a boolean",
        {f"{C0}.essential": "maybe"},
        (
            "E-SHAPE-TYPE",
            f"{C0}.essential",
            "must be true or false",
            "write true or false",
            "maybe",
        ),
    ),
    (
        "number for a string",
        {"services[0].name": 5},
        ("E-SHAPE-TYPE", "services[0].name", "must be a text string", STR_FIX, 5),
    ),
    (
        "list for a string inside a mapping of strings",
        {f"{C0}.environment": {"A": [1]}},
        ("E-SHAPE-TYPE", f"{C0}.environment.A", "must be a text string", STR_FIX, [1]),
    ),
    (
        "text for a list",
        {f"{C0}": {"name": "web", "image": "nginx:1.27", "port": 80, "command": "x"}},
        ("E-SHAPE-TYPE", f"{C0}.command", "must be a list", LIST_FIX, "x"),
    ),
    (
        "text for a section",
        {"project": "x"},
        ("E-SHAPE-TYPE", "project", "must be a mapping (key: value pairs)", MAP_FIX, "x"),
    ),
    (
        "text for a mapping",
        {"project.tags": "x"},
        ("E-SHAPE-TYPE", "project.tags", "must be a mapping (key: value pairs)", MAP_FIX, "x"),
    ),
]


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_kind_of_shape_error_reads_exactly(change, expected):
    issues = validate_data(mutated(change)).errors
    assert [(i.rule, i.path, i.message, i.fix, i.value) for i in issues] == [expected]
    assert issues[0].severity == "error"


def test_a_whole_number_with_a_decimal_part_says_to_remove_it():
    issue = translate({"loc": ("services", 0, "cpu"), "type": "int_from_float", "input": 1.5})
    assert (issue.rule, issue.path, issue.message, issue.fix, issue.value) == (
        "E-SHAPE-TYPE",
        "services[0].cpu",
        "must be a whole number",
        "remove the decimal part",
        1.5,
    )
    too_big = translate({"loc": ("services", 0, "cpu"), "type": "int_parsing_size", "input": 1})
    assert too_big.fix == "remove the decimal part"


@pytest.mark.parametrize(
    ("etype", "op"),
    [
        ("greater_than_equal", "≥"),
        ("greater_than", ">"),
        ("less_than_equal", "≤"),
        ("less_than", "<"),
    ],
)
def test_each_bound_names_its_operator_and_bound(etype, op):
    err = {"loc": ("services", 0, "desired_count"), "type": etype, "input": 9, "ctx": {"x": 5}}
    issue = translate(err)
    assert (issue.rule, issue.message, issue.fix, issue.value) == (
        "E-SHAPE-RANGE",
        f"must be {op} 5",
        f"use a value {op} 5",
        9,
    )


def test_a_bound_without_its_value_and_a_list_without_its_length():
    err = {"loc": ("services", 0, "desired_count"), "type": "less_than", "input": 9}
    assert translate(err).message == "must be < ?"
    short = translate({"loc": ("services",), "type": "too_short", "input": [], "ctx": {}})
    assert (short.message, short.fix) == ("needs at least 1 item(s)", "add at least 1 entry")
    short = translate(
        {"loc": ("services",), "type": "too_short", "input": [], "ctx": {"min_length": 2}}
    )
    assert (short.message, short.fix) == ("needs at least 2 item(s)", "add at least 2 entry")


def test_an_unknown_kind_of_error_keeps_pydantic_s_message():
    err = {"loc": ("project", "name"), "type": "value_error", "input": "x", "msg": "bad name"}
    issue = translate(err)
    assert (issue.rule, issue.path, issue.message, issue.fix, issue.value) == (
        "E-SHAPE-INVALID",
        "project.name",
        "bad name",
        "check the value",
        "x",
    )
    bare = translate({"loc": ("project", "name"), "type": "value_error"})
    assert (bare.message, bare.value) == ("invalid value", None)


def test_type_errors_at_the_top_and_unknown_places():
    top = translate({"loc": (), "type": "dict_type", "input": 1})
    assert (top.path, top.message) == ("(top level)", "must be a mapping (key: value pairs)")
    # a place the model does not declare: no description, no default, no allowed keys
    missing = translate({"loc": ("nowhere", "thing"), "type": "missing"})
    assert missing.fix == "add `thing:`"
    nowhere = translate({"loc": ("nowhere", "thing"), "type": "int_type", "input": "x"})
    assert nowhere.fix == INT_FIX + "1"
    port = translate({"loc": ("nowhere", "host_port"), "type": "int_type", "input": "on"})
    assert port.fix == "`on` is not a number: write 80"
    extra = translate({"loc": ("nowhere", "prot"), "type": "extra_forbidden", "input": 1})
    assert extra.fix == "remove it"
    # a list index where a key belongs, and a key where an index belongs
    assert translate({"loc": ("project", 0), "type": "missing"}).fix == "add `0:`"
    wrong = translate({"loc": ("services", "x", "cpu"), "type": "int_type", "input": "a"})
    assert wrong.fix == INT_FIX + "1"


def test_a_boolean_default_is_not_a_number_example():
    # containers[].essential defaults to true: a number example must not be `True`
    err = {"loc": ("services", 0, "containers", 0, "essential"), "type": "int_type", "input": "a"}
    assert translate(err).fix == INT_FIX + "1"


def test_suggest_and_top_level():
    assert suggest("prot", ["name", "port"]) == "port"
    assert suggest("zzzz", ["name", "port"]) is None
    assert suggest(8080, ["8080x"]) == "8080x"  # the word is compared as text
    assert suggest("por", iter(["port"])) == "port"  # any iterable of options
    assert suggest("abcd", ["abxy"]) is None  # ratio 0.5, under the 0.6 cutoff
    assert suggest("abcde", ["abcxy"]) == "abcxy"  # ratio 0.6: at the cutoff
    issue = top_level_issue(3)
    assert (issue.rule, issue.path, issue.message, issue.severity) == (
        "E-SHAPE-TOP-LEVEL",
        "(top level)",
        "the answers file is a int, expected a mapping",
        "error",
    )
    assert issue.fix == (
        "start from `ecs-wizard` examples (version: 1, project:, network:, services:)"
    )
    assert top_level_issue(None).message == "the answers file is empty, expected a mapping"


def test_a_section_that_may_be_absent_still_names_its_keys_defaults_and_descriptions():
    """autoscaling and access_logs are Optional: their model is found through the Optional."""
    d = mutated({"services[0].autoscaling": {"min": 1, "max": 2, "cpu_percnt": 60}})
    [issue] = validate_data(d).errors
    assert issue.fix == (
        "did you mean `cpu_percent`? (allowed keys here: min, max, cpu_percent, memory_percent, "
        "requests_per_target, scale_in_cooldown, scale_out_cooldown)"
    )
    [issue] = validate_data(mutated({"alb.access_logs": {"prefix": "x"}})).errors
    assert issue.fix == "add `bucket:` (S3 bucket in the project's region.)"
    [issue] = validate_data(mutated({"services[0].autoscaling": {"min": 1, "max": "x"}})).errors
    assert issue.fix == INT_FIX + "4"  # autoscaling.max's default


def test_a_location_below_free_form_data_is_unknown_not_a_crash():
    # environments.<env> holds free-form overlays (Any): nothing below them is declared
    issue = translate({"loc": ("environments", "prod", "x", "y", "z"), "type": "missing"})
    assert (issue.path, issue.fix) == ("environments.prod.x.y.z", "add `z:`")
