"""Hostile answers files fail fast with a message (no traceback, no memory blow-up), and a
plaintext value put under `secrets:` is never echoed back."""

from __future__ import annotations

import json
import time

import pytest

from ecs_wizard.cli import main
from ecs_wizard.model.yamlio import AnswersFileError, load_answers_file, load_answers_text

LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_billion_laughs_is_refused_quickly():
    t = time.perf_counter()
    with pytest.raises(AnswersFileError, match="anchors and aliases"):
        load_answers_text(LAUGHS, source="bomb.yaml")
    assert time.perf_counter() - t < 5


def test_a_self_referencing_alias_is_refused():
    with pytest.raises(AnswersFileError, match="contains it"):
        load_answers_text("a: &x [1, *x]\n")


@pytest.mark.parametrize(
    "text",
    [
        "[" * 500 + "]" * 500,
        "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 500)) + "  " * 500 + "v: 1\n",
    ],
)
def test_deep_nesting_is_a_message(text):
    with pytest.raises(AnswersFileError, match="nested more than"):
        load_answers_text(text)


@pytest.mark.parametrize("command", ["validate", "render"])
def test_cli_on_deep_nesting_and_bombs_exits_1_without_traceback(command, tmp_path, capsys):
    for i, text in enumerate(["services:\n" + "- " * 500 + "x\n", LAUGHS]):
        f = tmp_path / f"a{i}.yaml"
        f.write_text(text)
        args = [command, str(f)] + (["-o", str(tmp_path / "out")] if command == "render" else [])
        code = main(args)
        out, err = capsys.readouterr()
        assert code == 1, out + err
        assert "Traceback" not in out + err
        assert "nested more than" in out + err or "anchors and aliases" in out + err


def test_dev_zero_is_read_with_a_cap():
    t = time.perf_counter()
    with pytest.raises(AnswersFileError, match="larger than"):
        load_answers_file("/dev/zero")
    assert time.perf_counter() - t < 5


def test_validate_dev_zero(capsys):
    assert main(["validate", "/dev/zero"]) == 1
    out, err = capsys.readouterr()
    assert "larger than" in out + err and "Traceback" not in out + err


SECRETS = """\
version: 1
project: {name: hello}
network:
  vpc_id: vpc-0a1b2c3d4e5f60718
  public_subnet_ids: [subnet-0aaaaaaaaaaaaaaa1, subnet-0aaaaaaaaaaaaaaa2]
  private_subnet_ids: [subnet-0bbbbbbbbbbbbbbb1, subnet-0bbbbbbbbbbbbbbb2]
services:
  - name: web
    containers:
      - name: web
        image: nginx
        secrets:
          DB_PASSWORD: hunter2-Plaintext-Qx7
          API_KEY: [tok-Zz9-list]
          9BAD: arn-ish-Ww8-value
"""


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_plaintext_under_secrets_is_never_echoed(fmt, tmp_path, capsys):
    f = tmp_path / "a.yaml"
    f.write_text(SECRETS)
    assert main(["validate", str(f), "--format", fmt]) == 1
    out, err = capsys.readouterr()
    for token in ("Qx7", "Zz9", "Ww8"):
        assert token not in out + err, out + err
    assert "secrets.DB_PASSWORD" in out + err  # still reported, at its path
    if fmt == "json":
        issues = json.loads(out)["errors"]
        hidden = [i for i in issues if ".secrets" in i["path"]]
        assert len(hidden) >= 3 and all(i["value"] is None for i in hidden)


def test_validate_stdin_from_dev_zero_is_capped():
    import subprocess
    import sys

    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run(
            [sys.executable, "-m", "ecs_wizard", "validate", "-"],
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert proc.returncode == 1, proc.stderr
    assert "larger than" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
