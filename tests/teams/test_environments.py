"""Environments: the merge rules, where overlay errors are reported, and that a file with
environments validates exactly when each environment written out in full does."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecs_wizard.model.environments import OverlayError, environment_names, merge
from ecs_wizard.validation import validate_data
from tests.answers_fixtures import base_answers, network

OTHER_NETWORK = {
    "vpc_id": "vpc-0ffffffffffffffff",
    "public_subnet_ids": ["subnet-0ccccccccccccccc1", "subnet-0ccccccccccccccc2"],
    "private_subnet_ids": ["subnet-0ddddddddddddddd1"],
}


def with_envs(**envs: Any) -> dict[str, Any]:
    data = base_answers()
    data["environments"] = envs
    return data


def test_names_in_file_order() -> None:
    assert environment_names(with_envs(staging={}, prod={}, dev=None)) == ["staging", "prod", "dev"]
    assert environment_names(base_answers()) == []


def test_maps_merge_recursively_and_lists_replace() -> None:
    data = with_envs(
        prod={
            "network": {"private_subnet_ids": ["subnet-0eeeeeeeeeeeeeee1"]},
            "alb": {"idle_timeout": 120, "ingress_cidrs": ["10.0.0.0/8"]},
            "cluster": {"capacity": {"fargate_spot": {"weight": 0}}},
        }
    )
    merged = merge(data, "prod").data
    # the map merged: the base's other keys stay
    assert merged["network"]["vpc_id"] == network()["vpc_id"]
    assert merged["network"]["public_subnet_ids"] == network()["public_subnet_ids"]
    # the list replaced, not appended to
    assert merged["network"]["private_subnet_ids"] == ["subnet-0eeeeeeeeeeeeeee1"]
    assert merged["alb"]["ingress_cidrs"] == ["10.0.0.0/8"]
    assert merged["alb"]["idle_timeout"] == 120
    assert merged["alb"]["https"] == base_answers()["alb"]["https"]
    assert merged["cluster"] == {"capacity": {"fargate_spot": {"weight": 0}}}
    assert "environments" not in merged


def test_region_tags_and_environment_name() -> None:
    data = with_envs(prod={"region": "us-east-1", "tags": {"CostCenter": "42"}})
    data["project"]["tags"] = {"Team": "shop"}
    merged = merge(data, "prod").data
    assert merged["project"]["region"] == "us-east-1"
    assert merged["project"]["environment"] == "prod"
    assert merged["project"]["tags"] == {"Team": "shop", "CostCenter": "42"}
    # the base is not modified
    assert data["project"] == {
        "name": "shop",
        "environment": "prod",
        "region": "eu-west-1",
        "tags": {"Team": "shop"},
    }


def test_services_and_rules_merge_by_name() -> None:
    data = with_envs(
        prod={
            "services": {"api": {"desired_count": 4, "autoscaling": {"min": 4, "max": 20}}},
            "routing": {"admin": {"hosts": ["admin.prod.example.com"]}},
        }
    )
    merged = merge(data, "prod").data
    api = next(s for s in merged["services"] if s["name"] == "api")
    web = next(s for s in merged["services"] if s["name"] == "web")
    assert api["desired_count"] == 4 and api["autoscaling"] == {"min": 4, "max": 20}
    assert api["containers"] == base_answers()["services"][1]["containers"]
    assert web == base_answers()["services"][0]
    assert [s["name"] for s in merged["services"]] == ["web", "api", "worker"]
    admin = next(r for r in merged["routing"] if r["name"] == "admin")
    assert admin["hosts"] == ["admin.prod.example.com"] and admin["priority"] == 20


@pytest.mark.parametrize(
    ("overlay", "path", "words"),
    [
        ({"services": {"webb": {"cpu": 256}}}, "environments.prod.services.webb", "'web'"),
        ({"routing": {"apii": {"priority": 3}}}, "environments.prod.routing.apii", "'api'"),
        ({"servics": {}}, "environments.prod.servics", "'services'"),
        ({"project": {"name": "x"}}, "environments.prod.project", "cannot be changed"),
        ({"services": ["web"]}, "environments.prod.services", "services: {web:"),
        ({"services": {"web": {"name": "www"}}}, "environments.prod.services.web.name", "rename"),
        ({"services": {"web": 3}}, "environments.prod.services.web", "map of the fields"),
    ],
)
def test_overlay_errors_name_the_overlay_path(overlay: dict, path: str, words: str) -> None:
    data = with_envs(prod=overlay)
    with pytest.raises(OverlayError) as err:
        merge(data, "prod")
    assert err.value.path == path
    assert words in err.value.message + " " + err.value.fix
    result = validate_data(data)
    assert [(i.path, i.rule) for i in result.errors] == [(path, "E-ENV-OVERLAY")]


def test_error_caused_by_overlay_is_reported_at_the_overlay() -> None:
    result = validate_data(with_envs(staging={}, prod={"services": {"api": {"cpu": 300}}}))
    paths = {i.path for i in result.errors}
    assert "environments.prod.services.api.cpu" in paths
    assert not any(p.startswith("services[") for p in paths)


def test_error_in_a_subtree_the_overlay_wrote() -> None:
    result = validate_data(
        with_envs(prod={"services": {"api": {"autoscaling": {"min": 5, "max": 2}}}})
    )
    assert any(
        i.path.startswith("environments.prod.services.api.autoscaling") for i in result.errors
    )


def test_error_from_the_base_is_reported_once_at_the_base() -> None:
    data = with_envs(staging={}, prod={"region": "us-east-1"})
    data["services"][0]["cpu"] = 300
    result = validate_data(data)
    at_base = [i for i in result.errors if i.path == "services[0].cpu"]
    assert len(at_base) == 1
    assert "(in environment" not in at_base[0].message


def test_base_error_in_some_environments_only_names_them() -> None:
    # the ACM certificate ARN is in eu-west-1: wrong for prod in us-east-1 only
    data = with_envs(staging={}, prod={"region": "us-east-1"})
    result = validate_data(data)
    issues = [i for i in result.errors if i.path.startswith("alb.https")]
    assert issues, result.errors
    assert all("(in environment prod)" in i.message for i in issues)


def test_environment_names_are_checked() -> None:
    result = validate_data(with_envs(Prod_1={}))
    assert ("environments.Prod_1", "E-ENV-NAME") in {(i.path, i.rule) for i in result.errors}


def test_ci_names_only_known_environments() -> None:
    data = with_envs(staging={}, prod={})
    data["ci"] = {
        "github": {
            "aws_role_arn": "arn:aws:iam::123456789012:role/ci",
            "environments": ["staging", "prd"],
        }
    }
    result = validate_data(data)
    assert [(i.path, i.rule) for i in result.errors] == [
        ("ci.github.environments[1]", "E-CI-ENVIRONMENTS")
    ]


def test_valid_file_gives_each_environment_its_answers() -> None:
    data = with_envs(staging={"network": OTHER_NETWORK}, prod={"region": "eu-west-1"})
    result = validate_data(data)
    assert result.ok, result.errors
    assert list(result.environments) == ["staging", "prod"]
    assert result.environments["staging"].network.vpc_id == OTHER_NETWORK["vpc_id"]
    assert result.environments["staging"].project.environment == "staging"
    assert result.answers is not None and result.answers.environments is not None


# -- property: a file with environments validates exactly when every environment, written out
# in full as a file of its own, validates -------------------------------------------------------

OVERLAYS = st.fixed_dictionaries(
    {},
    optional={
        "services": st.fixed_dictionaries(
            {},
            optional={
                "web": st.fixed_dictionaries(
                    {},
                    optional={
                        "desired_count": st.integers(-1, 6),
                        "cpu": st.sampled_from([256, 300, 512, 1024, 4096]),
                        "memory": st.sampled_from([512, 1024, 3000, 8192]),
                    },
                ),
                "api": st.fixed_dictionaries(
                    {},
                    optional={
                        "autoscaling": st.fixed_dictionaries(
                            {"min": st.integers(0, 5), "max": st.integers(1, 5)}
                        )
                    },
                ),
            },
        ),
        "routing": st.fixed_dictionaries(
            {},
            optional={"api": st.fixed_dictionaries({"priority": st.sampled_from([10, 20, 30, 0])})},
        ),
        "region": st.sampled_from(["eu-west-1", "us-east-1", "mars-1"]),
        "alb": st.fixed_dictionaries(
            {}, optional={"idle_timeout": st.integers(0, 5000), "internal": st.booleans()}
        ),
        "network": st.just(OTHER_NETWORK),
    },
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(envs=st.dictionaries(st.sampled_from(["dev", "staging", "prod"]), OVERLAYS, min_size=1))
def test_file_validates_exactly_when_each_environment_in_full_does(envs: dict) -> None:
    data = with_envs(**copy.deepcopy(envs))
    whole = validate_data(data)
    one_by_one = [validate_data(merge(data, env).data) for env in envs]
    assert whole.ok == all(r.ok for r in one_by_one)
    # and the same problems, counted by rule
    assert {i.rule for i in whole.errors} == {i.rule for r in one_by_one for i in r.errors}
