"""Answers mean what they say: YAML 1.1's implicit typing (octal, base 60, yes/on/off) never
changes a value, numbers and booleans come only from their canonical forms, and the wizard's
draft reads the same way as a file given to the CLI."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from ecs_wizard.cli import main
from ecs_wizard.model.answers import Answers
from ecs_wizard.model.draft import DraftStore
from ecs_wizard.model.yamlio import _STR_MAPS, AnswersFileError, load_answers_text
from ecs_wizard.render import render_files
from ecs_wizard.ui.fields import parse_value
from ecs_wizard.validation.lenient import validate_data_all, validate_draft

BASE = """\
version: 1
project:
  name: hello
  tags: {{COST: 0100, V: 1.10, ON: on, T: 12:30:00}}
network:
  vpc_id: vpc-0a1b2c3d4e5f60718
  public_subnet_ids: [subnet-0aaaaaaaaaaaaaaa1, subnet-0aaaaaaaaaaaaaaa2]
  private_subnet_ids: [subnet-0bbbbbbbbbbbbbbb1, subnet-0bbbbbbbbbbbbbbb2]
services:
  - name: web
    desired_count: {desired}
    containers:
      - name: web
        image: public.ecr.aws/nginx/nginx:1.27
        port: {port}
        essential: {essential}
        environment: {{ZIP: 01234, VERSION: 1.10, FLAG: off, TIME: 12:30:00, E: 1e3, B: True}}
    load_balancer: {{container: web}}
routing:
  - name: api
    priority: 10
    service: web
    paths: [/api/*]
    query_strings: {{v: 1.0}}
    http_headers: {{X-Version: [2.50, 007]}}
"""


def answers_text(desired="2", port="80", essential="true") -> str:
    return BASE.format(desired=desired, port=port, essential=essential)


def test_string_maps_keep_every_scalar_as_written():
    result = validate_data_all(load_answers_text(answers_text()))
    assert result.ok, result.errors
    answers = result.answers
    env = answers.services[0].containers[0].environment
    assert env == {
        "ZIP": "01234",
        "VERSION": "1.10",
        "FLAG": "off",
        "TIME": "12:30:00",
        "E": "1e3",
        "B": "True",
    }
    assert answers.project.tags == {"COST": "0100", "V": "1.10", "ON": "on", "T": "12:30:00"}
    rule = answers.routing[0]
    assert rule.query_strings == {"v": "1.0"}
    assert rule.http_headers == {"X-Version": ["2.50", "007"]}
    tfvars = render_files(answers)["terraform.tfvars"]
    for text in ('"01234"', '"1.10"', '"off"', '"12:30:00"', '"0100"', '"2.50"', '"007"'):
        assert text in tfvars


def _errors(text: str) -> dict[str, str]:
    result = validate_data_all(load_answers_text(text))
    return {i.path: f"{i.message} | {i.fix}" for i in result.errors}


@pytest.mark.parametrize("word", ["on", "yes", "On", "Y"])
def test_yaml11_words_are_not_numbers(word):
    errors = _errors(answers_text(port=word, desired=word))
    port = errors["services[0].containers[0].port"]
    assert "whole number" in port and "write 80" in port
    desired = errors["services[0].desired_count"]
    assert "whole number" in desired and "write 2" in desired


@pytest.mark.parametrize(("word", "fix"), [("yes", "write true"), ("off", "write false")])
def test_yaml11_words_are_not_booleans(word, fix):
    errors = _errors(answers_text(essential=word))
    assert fix in errors["services[0].containers[0].essential"]


@pytest.mark.parametrize(
    ("port", "ok"), [("80", True), ("+80", True), ("0x50", False), ("0120", False), ('"80"', False)]
)
def test_numbers_only_from_canonical_forms(port, ok):
    errors = _errors(answers_text(port=port))
    assert ("services[0].containers[0].port" not in errors) is ok, errors


def test_sets_are_refused_not_rendered_in_random_order():
    with pytest.raises(AnswersFileError, match="!!set"):
        load_answers_text("project:\n  tags: !!set {a, b, c}\n")


def test_keys_1_and_true_are_two_keys_not_a_duplicate():
    data = load_answers_text("env: {1: a, true: b, 1.0: c, on: d}\n")
    assert data == {"env": {"1": "a", "true": "b", "1.0": "c", "on": "d"}}
    with pytest.raises(AnswersFileError, match="duplicate key '1'"):
        load_answers_text("env: {1: a, '1': b}\n")


def test_the_string_map_list_matches_the_model():
    """Every map of text in the answers model is kept as written, and nothing else."""
    found: set[tuple[str, ...]] = set()

    def walk(tp, path):
        origin = typing.get_origin(tp)
        if origin in (typing.Union, __import__("types").UnionType):
            for arg in typing.get_args(tp):
                if arg is not type(None):
                    walk(arg, path)
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            for name, f in tp.model_fields.items():
                walk(f.annotation, (*path, name))
        elif origin is list:
            walk(typing.get_args(tp)[0], (*path, "*"))
        elif origin is dict:
            value = typing.get_args(tp)[1]
            if value is str or typing.get_origin(value) is list:
                found.add((*path, "*"))

    walk(Answers, ())
    assert found == set(_STR_MAPS)


def test_the_wizard_draft_reads_like_the_cli(tmp_path: Path):
    store = DraftStore(tmp_path)
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text("services:\n- containers:\n  - environment: {V: 1.10, F: off}\n")
    draft, _ = store.load()
    assert draft["services"][0]["containers"][0]["environment"] == {"V": "1.10", "F": "off"}
    # A port typed as "on" in the wizard is the same error as `port: on` in a file.
    cli = _errors(answers_text(port="on"))["services[0].containers[0].port"]
    wizard_draft = load_answers_text(answers_text())
    wizard_draft["services"][0]["containers"][0]["port"] = parse_value("int", "on")
    errors, _ = validate_draft(wizard_draft)
    wizard = {i.path: f"{i.message} | {i.fix}" for i in errors}
    assert wizard["services[0].containers[0].port"] == cli


@pytest.mark.parametrize("typed", ["on", "0120", "+80", "80", "8_0", "0x50"])
def test_wizard_fields_and_files_agree_on_numbers(typed):
    cli = _errors(answers_text(port=typed)).get("services[0].containers[0].port")
    draft = load_answers_text(answers_text())
    draft["services"][0]["containers"][0]["port"] = parse_value("int", typed)
    errors, _ = validate_draft(draft)
    wizard = {i.path: f"{i.message} | {i.fix}" for i in errors}
    assert wizard.get("services[0].containers[0].port") == cli


def test_validate_cli_reports_yaml11_words(tmp_path, capsys):
    f = tmp_path / "a.yaml"
    f.write_text(answers_text(port="on"))
    assert main(["validate", str(f)]) == 1
    assert "write 80" in capsys.readouterr().out


TRICKY = ["1e3", "1.5e3", "+80", "01234", "on", "1.10", "12:30:00", "~", "", "null", "True", "-.5"]


def test_written_text_reads_back_equal():
    """The answers file and the wizard's draft are written so the loader reads them back equal:
    a string that looks like a number to either YAML 1.1 or the loader is quoted."""
    from ecs_wizard.model.draft import dump_draft
    from ecs_wizard.model.yamlio import dump_answers

    data = {"version": 1, "command": TRICKY, "n": [1, 1.5, True, None], "m": dict.fromkeys(TRICKY)}
    assert load_answers_text(dump_answers(data)) == data
    assert load_answers_text(dump_draft(data)) == data


def test_string_maps_in_environment_overlays_are_kept_as_written():
    from ecs_wizard.model.yamlio import load_answers_text

    data = load_answers_text(
        "environments:\n"
        "  prod:\n"
        "    tags: {V: 1.10, Z: 01234}\n"
        "    services:\n"
        "      web:\n"
        "        containers:\n"
        "          - {name: web, image: nginx, environment: {FLAG: off, T: 12:30:00}}\n"
        "    routing: {api: {query_strings: {v: 2.0}}}\n"
    )
    prod = data["environments"]["prod"]
    assert prod["tags"] == {"V": "1.10", "Z": "01234"}
    assert prod["services"]["web"]["containers"][0]["environment"] == {
        "FLAG": "off",
        "T": "12:30:00",
    }
    assert prod["routing"]["api"]["query_strings"] == {"v": "2.0"}
