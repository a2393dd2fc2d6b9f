"""Strict YAML loading, deterministic dumping and atomic writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ecs_wizard.model.answers import Answers
from ecs_wizard.model.yamlio import (
    AnswersFileError,
    dump_answers,
    load_answers_file,
    load_answers_text,
    write_text_atomic,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "ecs_wizard" / "examples"


def _error(text: str) -> AnswersFileError:
    with pytest.raises(AnswersFileError) as info:
        load_answers_text(text, source="a.yaml")
    return info.value


def test_duplicate_top_level_key_is_an_error_with_position():
    err = _error("version: 1\nproject: {name: a}\nproject: {name: b}\n")
    assert (err.line, err.column, err.source) == (3, 1, "a.yaml")
    assert "duplicate key 'project'" in err.message and "line 2" in err.message


def test_duplicate_nested_and_flow_keys():
    assert _error("a:\n  b: 1\n  c: 2\n  b: 3\n").line == 4
    err = _error("x: {port: 80, port: 81}\n")
    assert (err.line, err.column) == (1, 15)


def test_merge_keys_may_be_overridden():
    data = load_answers_text("base: &b {cpu: 256, memory: 512}\ns:\n  <<: *b\n  cpu: 512\n")
    assert data["s"] == {"cpu": 512, "memory": 512}


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: [1,\n", 2, 1),
        ("a:\n  b: 1\n   c: 2\n", 3, 5),
        ("a: 'unterminated\n", 2, 1),
        ("\tkey: 1\n", 1, 1),
    ],
)
def test_malformed_yaml_reports_line_and_column(text, line, column):
    err = _error(text)
    assert (err.line, err.column) == (line, column)
    assert str(err).startswith(f"a.yaml:{line}:{column}: ")


def test_file_errors_are_friendly(tmp_path: Path):
    with pytest.raises(AnswersFileError, match="file not found"):
        load_answers_file(tmp_path / "nope.yaml")
    with pytest.raises(AnswersFileError, match="directory"):
        load_answers_file(tmp_path)
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"name: caf\xe9\n")
    with pytest.raises(AnswersFileError, match="UTF-8"):
        load_answers_file(bad)


def test_dump_is_deterministic_version_first_and_round_trips():
    data = load_answers_file(EXAMPLES / "full.yaml")
    a = Answers.model_validate(data)
    text = dump_answers(a)
    assert text == dump_answers(Answers.model_validate(load_answers_text(text)))
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert body[0] == "version: 1"
    assert load_answers_text(text) == a.to_data()
    # plain data with version last still puts version first
    assert dump_answers({"b": 1, "version": 1}, header=False) == "version: 1\nb: 1\n"


def test_dump_quotes_ambiguous_strings():
    text = dump_answers({"v": "on", "w": "*.example.com", "x": "1.10", "y": "a\nb"}, header=False)
    assert load_answers_text(text) == {"v": "on", "w": "*.example.com", "x": "1.10", "y": "a\nb"}


def test_write_text_atomic_creates_replaces_and_keeps_mode(tmp_path: Path):
    target = tmp_path / "sub" / "answers.yaml"
    write_text_atomic(target, "one\n")
    assert target.read_text() == "one\n"
    os.chmod(target, 0o600)
    write_text_atomic(target, "two\n")
    assert target.read_text() == "two\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["answers.yaml"]


def test_write_text_atomic_failure_keeps_the_original(tmp_path: Path, monkeypatch):
    target = tmp_path / "answers.yaml"
    target.write_text("original\n")

    def boom(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        write_text_atomic(target, "new\n")
    assert target.read_text() == "original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["answers.yaml"]
