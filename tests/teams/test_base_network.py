"""`network:` may be left out of the base when every environment sets its own (issue 19): one
VPC per environment is common. Each merged environment still needs one, and an answers file
without environments still needs it in the base."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from ecs_wizard import render
from ecs_wizard.model.answers import Answers
from ecs_wizard.model.yamlio import dump_answers, load_answers_text
from ecs_wizard.rendering import hcl
from ecs_wizard.validation import validate_data
from tests.answers_fixtures import base_answers

from .test_render_teams import OTHER_NETWORK, team_answers


def per_environment(**envs: dict[str, Any] | None) -> dict[str, Any]:
    data = team_answers()
    prod_network = data.pop("network")
    data["environments"] = {
        "staging": {"network": OTHER_NETWORK},
        "prod": {"network": prod_network},
        **envs,
    }
    return data


def test_every_environment_with_its_own_network_needs_none_in_the_base():
    data = per_environment()
    result = validate_data(data)
    assert result.ok, result.errors
    assert result.answers is not None and result.answers.network is None
    assert result.environments["staging"].network.vpc_id == OTHER_NETWORK["vpc_id"]
    assert result.environments["prod"].network.vpc_id == base_answers()["network"]["vpc_id"]

    files = render.render_files(result.answers)
    staging = hcl.loads_tfvars(files["envs/staging.tfvars"])
    prod = hcl.loads_tfvars(files["envs/prod.tfvars"])
    assert staging["network"] == OTHER_NETWORK
    assert prod["network"] == base_answers()["network"]
    # The rendered answers keep the file's shape: still no base network, and they read back.
    assert "network" not in load_answers_text(files["answers.yaml"])
    again = Answers.model_validate(load_answers_text(dump_answers(result.answers)))
    assert again == result.answers


def test_an_environment_without_a_network_is_named():
    data = per_environment(qa={})
    result = validate_data(data)
    missing = [e for e in result.errors if e.rule == "E-SHAPE-MISSING"]
    assert [e.path for e in missing] == ["network"]
    assert "(in environment qa)" in missing[0].message
    assert "every environment" in missing[0].fix  # the field's description says the way out


@pytest.mark.parametrize("network", ["absent", None])
def test_without_environments_the_base_network_is_required(network):
    data = copy.deepcopy(base_answers())
    if network == "absent":
        del data["network"]
    else:
        data["network"] = network
    result = validate_data(data)
    assert not result.ok
    assert [(e.path, e.rule) for e in result.errors] == [("network", "E-SHAPE-MISSING")]


def test_other_shape_errors_are_still_reported_with_the_missing_network():
    data = copy.deepcopy(base_answers())
    del data["network"]
    data["services"][0]["desired_count"] = "two"
    paths = {e.path for e in validate_data(data).errors}
    assert {"network", "services[0].desired_count"} <= paths
