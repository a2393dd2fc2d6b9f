"""The answers model: defaults, canonical data, round trip, examples and the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ecs_wizard.model import answers as answers_mod
from ecs_wizard.model import schema_file
from ecs_wizard.model.answers import Answers
from ecs_wizard.model.yamlio import load_answers_file
from ecs_wizard.validation import validate_data
from tests.answers_fixtures import minimal_answers
from tests.strategies import valid_answers

PKG = Path(answers_mod.__file__).parents[1]
EXAMPLES = PKG / "examples"


def test_minimal_gets_documented_defaults():
    a = Answers.model_validate(minimal_answers())
    assert a.version == 1
    assert a.project.environment == "prod"
    assert a.cluster.capacity.fargate is not None and a.cluster.capacity.fargate.weight == 1
    assert a.cluster.capacity.fargate_spot is None and a.cluster.capacity.ec2 is None
    svc = a.services[0]
    assert (svc.cpu, svc.memory, svc.desired_count) == (256, 512, 2)
    assert svc.load_balancer is not None and svc.load_balancer.container == "web"
    assert a.alb.https is None and a.alb.http.redirect_to_https is False
    assert a.alb.default_action.forward == "web"
    assert a.alb.deletion_protection is True


def test_default_action_without_lb_service_is_fixed_404():
    data = minimal_answers()
    del data["services"][0]["load_balancer"]
    a = Answers.model_validate(data)
    assert a.alb.default_action.forward is None
    assert a.alb.default_action.fixed_response is not None
    assert a.alb.default_action.fixed_response.status_code == 404


def test_redirect_defaults_to_true_with_https():
    data = minimal_answers()
    data["alb"] = {"https": {"certificates": [{"domain": "example.com"}]}}
    assert Answers.model_validate(data).alb.http.redirect_to_https is True


def test_to_data_is_canonical_and_ordered():
    d = Answers.model_validate(minimal_answers()).to_data()
    assert list(d) == ["version", "project", "network", "cluster", "services", "alb", "routing"]
    assert "fargate_spot" not in d["cluster"]["capacity"]  # None keys dropped
    assert Answers.model_validate(d).to_data() == d


def test_explicit_null_capacity_round_trips():
    data = minimal_answers()
    data["cluster"] = {"capacity": {"fargate": None, "fargate_spot": {"weight": 1}}}
    d = Answers.model_validate(data).to_data()
    assert "fargate" not in d["cluster"]["capacity"]
    assert Answers.model_validate(d).to_data() == d


def test_autoscaling_default_target_round_trips():
    data = minimal_answers()
    data["services"][0]["autoscaling"] = {"requests_per_target": 500}
    d = Answers.model_validate(data).to_data()
    assert "cpu_percent" not in d["services"][0]["autoscaling"]
    assert Answers.model_validate(d).to_data() == d
    data["services"][0]["autoscaling"] = {}
    assert Answers.model_validate(data).services[0].autoscaling.cpu_percent == 70


def test_environment_scalars_become_strings():
    data = minimal_answers()
    data["services"][0]["containers"][0]["environment"] = {"PORT": 8080, "DEBUG": True}
    env = Answers.model_validate(data).services[0].containers[0].environment
    assert env == {"PORT": "8080", "DEBUG": "true"}


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # count: profile
@given(valid_answers())
def test_round_trip_is_a_fixed_point(data):
    once = Answers.model_validate(data).to_data()
    assert Answers.model_validate(once).to_data() == once


@pytest.mark.parametrize("name", ["full", "minimal", "ec2"])
def test_examples_validate_without_errors(name):
    result = validate_data(load_answers_file(EXAMPLES / f"{name}.yaml"))
    assert result.ok, [(i.path, i.message) for i in result.errors]


def test_full_example_is_clean_and_complete():
    data = load_answers_file(EXAMPLES / "full.yaml")
    result = validate_data(data)
    assert result.ok and not result.warnings, result.issues
    assert [s["name"] for s in data["services"]] == ["web", "api", "worker"]
    assert data["cluster"]["capacity"]["ec2"]["instance_type"] == "m6i.large"
    assert data["alb"]["https"]["certificates"][0]["domain"] == "example.com"
    assert [r["name"] for r in data["routing"]] == ["api", "admin"]


def test_capacity_strategies():
    a = validate_data(load_answers_file(EXAMPLES / "ec2.yaml")).answers
    assert a is not None
    api, worker = a.services
    assert a.default_capacity_strategy() == [{"provider": "ec2", "weight": 1, "base": 0}]
    assert a.capacity_strategy(api) == [{"provider": "ec2", "weight": 1, "base": 0}]
    # fargate_spot has weight 0 in the cluster (kept out of the default): used with weight 1
    assert a.capacity_strategy(worker) == [{"provider": "fargate_spot", "weight": 1, "base": 0}]


def test_committed_schema_matches_the_model():
    committed = (PKG / schema_file.SCHEMA_PATH).read_text(encoding="utf-8")
    assert committed == schema_file.answers_json_schema_text(), (
        "schema is stale: run `python -m ecs_wizard.model.schema_file`"
    )


def test_schema_accepts_examples_and_rejects_unknown_keys():
    import jsonschema  # installed with the test extras (moto[server])

    schema = json.loads((PKG / schema_file.SCHEMA_PATH).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    for name in ("full", "minimal", "ec2"):
        assert not list(v.iter_errors(load_answers_file(EXAMPLES / f"{name}.yaml")))
    bad = minimal_answers()
    bad["project"]["nmae"] = "x"
    assert any("nmae" in e.message for e in v.iter_errors(bad))
