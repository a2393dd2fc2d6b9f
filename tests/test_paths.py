"""ecs_wizard.model.paths: the one grammar for paths like
services[0].load_balancer.health_check.path."""

from __future__ import annotations

import pytest

from ecs_wizard.model.paths import format_path, get_path, is_under, parse_path, put_path, set_path


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("services[1].containers[0].port", ["services", 1, "containers", 0, "port"]),
        ("project.name", ["project", "name"]),
        ("[2].name", [2, "name"]),
        ("routing[0].http_headers.X-Env", ["routing", 0, "http_headers", "X-Env"]),
        ("(top level)", ["(top level)"]),
        ("", []),
        ('tags["kubernetes.io/name"]', ["tags", "kubernetes.io/name"]),
        ('tags["a[1]"].x', ["tags", "a[1]", "x"]),
        ('m["say \\"hi\\""]', ["m", 'say "hi"']),
    ],
)
def test_parse(text, parts):
    assert parse_path(text) == parts


def test_negative_index_is_not_an_index():
    assert parse_path("services[-1].name") == ["services", "-1", "name"]
    data = {"services": [{"name": "web"}]}
    assert get_path(data, "services[-1].name", "none") == "none"
    with pytest.raises(TypeError):
        put_path(data, "services[-1].name", "x")


def test_bare_keys_with_dots_split_and_quoted_keys_round_trip():
    assert parse_path("project.tags.a.b") == ["project", "tags", "a", "b"]
    parts = ["tags", "a.b", "c d", 0]
    assert format_path(parts) == "tags.a.b.c d[0]"
    assert format_path(parts, quote_keys=True) == 'tags["a.b"]["c d"][0]'
    assert parse_path(format_path(parts, quote_keys=True)) == parts


@pytest.mark.parametrize(
    ("parts", "bare", "quoted"),
    [
        (["services", 1, "port"], "services[1].port", "services[1].port"),
        ([0, "x"], "[0].x", "[0].x"),
        (["aws:team"], "aws:team", '["aws:team"]'),
        (["tags", "Cost_center-1"], "tags.Cost_center-1", "tags.Cost_center-1"),
        ([], "", ""),
    ],
)
def test_format(parts, bare, quoted):
    assert format_path(parts) == bare
    assert format_path(parts, quote_keys=True) == quoted


def test_get_answers_the_default_for_anything_missing():
    data = {"services": [{"name": "web", "containers": []}], "n": 3}
    assert get_path(data, "services[0].name") == "web"
    assert get_path(data, ["services", 0, "name"]) == "web"
    assert get_path(data, "services[3].name", "x") == "x"
    assert get_path(data, "services[0].containers[0].port") is None
    assert get_path(data, "n.x", "x") == "x"  # through a scalar
    assert get_path(data, "services.name", "x") == "x"  # a key into a list
    assert get_path(data, "n[0]", "x") == "x"  # an index into a scalar
    assert get_path(data, "") is data


def test_set_creates_dicts_deletes_on_none_and_prunes():
    data: dict = {"project": {}, "services": [{"name": "web"}]}
    set_path(data, "services[0].load_balancer.health_check.path", "/h")
    assert data["services"][0]["load_balancer"] == {"health_check": {"path": "/h"}}
    set_path(data, "services[0].load_balancer.health_check.path", None)
    assert "load_balancer" not in data["services"][0]  # emptied dicts are pruned
    set_path(data, "project.tags.team", "x")
    set_path(data, "project.tags.team", None)
    assert data["project"] == {}  # pruned up to, not including, the section
    set_path(data, "network.vpc_id", None)  # deleting something absent is a no-op
    assert "network" not in data
    with pytest.raises(ValueError):
        set_path(data, "", 1)


def test_set_never_grows_a_list():
    data: dict = {"services": [{"name": "web"}]}
    with pytest.raises(IndexError):
        set_path(data, "services[1].name", "api")
    with pytest.raises(IndexError):
        set_path(data, "routing[0].name", "r")  # creates routing: [] but not the item
    assert data["routing"] == []
    set_path(data, "services[0]", {"name": "api"})
    assert data["services"] == [{"name": "api"}]


def test_put_sets_where_the_parent_exists_and_stores_none():
    data: dict = {"project": {"name": "x"}, "services": [{}]}
    put_path(data, "project.name", None)
    assert data["project"] == {"name": None}
    put_path(data, "services[0].cpu", 256)
    assert data["services"] == [{"cpu": 256}]
    with pytest.raises(KeyError):
        put_path(data, "network.vpc_id", "vpc-1")
    with pytest.raises(IndexError):
        put_path(data, "services[2].cpu", 1)
    with pytest.raises(IndexError):
        put_path(data, "", 1)


@pytest.mark.parametrize(
    ("path", "prefix", "under"),
    [
        ("services[0].cpu", "services", True),
        ("services", "services", True),
        ("services_x", "services", False),
        ("services[10].cpu", "services[1]", False),
        ("services[1].cpu", "services[1]", True),
        ("anything", "", True),
        ("", "services", False),
    ],
)
def test_is_under(path, prefix, under):
    assert is_under(path, prefix) is under
