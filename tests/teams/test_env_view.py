"""The wizard's environment view: writes go to the overlay, issues come back to the field."""

from __future__ import annotations

import pytest

from ecs_wizard.model.env_view import overlay_write, overridden, view_path
from ecs_wizard.model.environments import merge
from tests.answers_fixtures import base_answers


def file_with(**envs) -> dict:
    data = base_answers()
    data["environments"] = envs
    return data


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("services[1].desired_count", 4, ("environments.prod.services.api.desired_count", 4)),
        ("project.region", "us-east-1", ("environments.prod.region", "us-east-1")),
        ("project.tags.Team", "x", ("environments.prod.tags.Team", "x")),
        ("network.vpc_id", "vpc-1", ("environments.prod.network.vpc_id", "vpc-1")),
        ("alb.idle_timeout", 90, ("environments.prod.alb.idle_timeout", 90)),
        ("routing[0].priority", 5, ("environments.prod.routing.api.priority", 5)),
        ("cluster.capacity.fargate", None, ("environments.prod.cluster.capacity.fargate", None)),
    ],
)
def test_writes_go_to_the_overlay(path, value, expected) -> None:
    data = file_with(prod={})
    view = merge(data, "prod").data
    assert overlay_write(view, "prod", path, value) == expected


def test_a_write_inside_a_list_replaces_the_whole_list() -> None:
    data = file_with(prod={})
    view = merge(data, "prod").data
    path, value = overlay_write(view, "prod", "services[0].containers[0].port", 8080)
    assert path == "environments.prod.services.web.containers"
    expected = [dict(base_answers()["services"][0]["containers"][0], port=8080)]
    assert value == expected
    path, value = overlay_write(view, "prod", "network.public_subnet_ids[1]", "subnet-x")
    assert path == "environments.prod.network.public_subnet_ids"
    assert value == [base_answers()["network"]["public_subnet_ids"][0], "subnet-x"]
    assert view == merge(data, "prod").data  # the view itself is not modified


@pytest.mark.parametrize(
    "path", ["project.name", "services", "services[0].name", "routing", "validation.ignore"]
)
def test_shared_values_are_refused(path) -> None:
    view = merge(file_with(prod={}), "prod").data
    reason = overlay_write(view, "prod", path, "x")
    assert isinstance(reason, str) and "same in every environment" in reason


@pytest.mark.parametrize(
    ("issue", "expected"),
    [
        ("environments.prod.services.api.cpu", "services[1].cpu"),
        ("environments.prod.region", "project.region"),
        ("environments.prod.routing.admin.hosts[0]", "routing[1].hosts[0]"),
        ("environments.prod.network.vpc_id", "network.vpc_id"),
        ("environments.staging.services.api.cpu", None),
        ("environments.prod", None),
        ("services[0].cpu", "services[0].cpu"),
    ],
)
def test_issues_come_back_to_their_field(issue, expected) -> None:
    assert view_path(base_answers(), "prod", issue) == expected


def test_overridden_fields() -> None:
    data = file_with(
        prod={
            "services": {"web": {"desired_count": 4, "containers": [{"name": "web"}]}},
            "alb": {"https": None},
            "region": "us-east-1",
        }
    )
    view = merge(data, "prod").data
    assert overridden(data, "prod", view, "services[0].desired_count")
    assert overridden(data, "prod", view, "services[0].containers[0].port")  # the list
    assert overridden(data, "prod", view, "alb.https.ssl_policy")  # null above it
    assert overridden(data, "prod", view, "project.region")
    assert not overridden(data, "prod", view, "services[0].cpu")
    assert not overridden(data, "prod", view, "services[1].desired_count")
    assert not overridden(data, "prod", view, "alb.idle_timeout")
    assert not overridden(data, "prod", view, "project.name")


def test_null_in_an_overlay_removes_the_base_value() -> None:
    data = file_with(prod={"alb": {"https": None}, "services": {"web": {"load_balancer": None}}})
    merged = merge(data, "prod").data
    assert "https" not in merged["alb"]
    assert "load_balancer" not in merged["services"][0]
