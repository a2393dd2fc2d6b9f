"""The provider lock file (issue 19): a rendered project records hashicorp/aws 5.100.0 and its
hashes in `.terraform.lock.hcl`, the workflow's inits may not change it, and a lock the team
updated is theirs (render keeps it)."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from ecs_wizard.model.answers import Answers
from ecs_wizard.plan.diagnostics import ErrorKind, classify_failure, parse_human_diagnostics
from ecs_wizard.render import ROOT_TEMPLATE_DIR, render_files, write_project
from ecs_wizard.rendering import lockfile
from ecs_wizard.rendering.teams import WORKFLOW_FILE
from ecs_wizard.terraform import tfenv

from ..answers_fixtures import minimal_answers
from ..conftest import MODULES_DIR, write_offline_override
from .test_render_teams import team_answers


def _dirhash_h1(package: Path) -> str:
    """Go's dirhash "h1" (golang.org/x/mod/sumdb/dirhash.Hash1), as Terraform hashes an
    unpacked provider package: SHA-256 over the sorted lines "<sha256 hex>  <name>\\n"."""
    lines = "".join(
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(package).as_posix()}\n"
        for path in sorted(p for p in package.rglob("*") if p.is_file())
    )
    return "h1:" + base64.b64encode(hashlib.sha256(lines.encode()).digest()).decode()


def test_the_h1_hash_is_the_mirror_package_s():
    try:
        mirror = tfenv.find_provider_mirror()
    except tfenv.MirrorNotFound as exc:
        pytest.fail(str(exc), pytrace=False)
    package = mirror / "registry.terraform.io/hashicorp/aws" / lockfile.VERSION / "linux_amd64"
    assert package.is_dir(), f"the mirror holds no hashicorp/aws {lockfile.VERSION}: {package}"
    assert _dirhash_h1(package) == lockfile.LINUX_AMD64_H1


def _normalise(constraint: str) -> str:
    """A version range as the lock file writes it: each version with three parts."""

    def full(match: re.Match[str]) -> str:
        parts = match.group(0).split(".")
        return ".".join(parts + ["0"] * (3 - len(parts)))

    return re.sub(r"\d+(\.\d+)*", full, constraint)


def test_the_constraint_is_the_one_every_module_declares():
    sources = [ROOT_TEMPLATE_DIR / "versions.tf", *sorted(MODULES_DIR.glob("*/versions.tf"))]
    for path in sources:
        declared = re.findall(
            r'(?<!required_)version\s*=\s*"([^"]+)"', path.read_text(encoding="utf-8")
        )
        assert [_normalise(v) for v in declared] == [lockfile.CONSTRAINTS], path
    low, high = (int(v.split(".")[0]) * 1000 + int(v.split(".")[1]) for v in ("5.80", "7.0"))
    major, minor, _patch = (int(p) for p in lockfile.VERSION.split("."))
    assert low <= major * 1000 + minor < high  # the locked version is inside the range


def test_the_lock_file_is_written_as_terraform_writes_it():
    text = render_files(Answers.model_validate(minimal_answers()))[lockfile.LOCK_FILE]
    hashes = re.findall(r'^    "([^"]+)",$', text, re.M)
    assert hashes == sorted(hashes) and len(hashes) == len(set(hashes)) == 16
    assert hashes[0] == lockfile.LINUX_AMD64_H1
    assert all(re.fullmatch(r"zh:[0-9a-f]{64}", h) for h in hashes[1:])
    assert f'  version     = "{lockfile.VERSION}"\n' in text
    assert text.startswith('# This file is maintained automatically by "terraform init".\n')


@pytest.mark.terraform
def test_init_installs_exactly_the_locked_provider_and_leaves_the_file_alone(tf, tmp_path):
    out = tmp_path / "project"
    write_project(Answers.model_validate(minimal_answers()), out)
    write_offline_override(out)
    lock = out / lockfile.LOCK_FILE
    rendered = lock.read_bytes()
    tf.run(out, "init", "-input=false", "-no-color", "-backend=false", "-lockfile=readonly")
    assert lock.read_bytes() == rendered
    shutil.rmtree(out / ".terraform")
    tf.run(out, "init", "-input=false", "-no-color", "-backend=false")  # may write; does not
    assert lock.read_bytes() == rendered

    # A package that does not match the recorded hash is refused, with our hint.
    lock.write_text(lock.read_text().replace(lockfile.LINUX_AMD64_H1, "h1:" + "A" * 43 + "="))
    shutil.rmtree(out / ".terraform")
    failed = tf.run(out, "init", "-input=false", "-no-color", "-backend=false", check=False)
    assert failed.returncode != 0
    output = failed.stdout + failed.stderr
    error = classify_failure("init", parse_human_diagnostics(output), output)
    assert error.kind is ErrorKind.PROVIDER_LOCK
    assert "terraform providers lock" in error.hint

    # Before this issue there was no lock file: the readonly init the workflow runs fails.
    lock.unlink()
    shutil.rmtree(out / ".terraform")
    failed = tf.run(
        out, "init", "-input=false", "-no-color", "-backend=false", "-lockfile=readonly",
        check=False,
    )  # fmt: skip
    assert failed.returncode != 0 and "read-only" in failed.stdout + failed.stderr


def test_every_workflow_init_reads_the_lock_file_only():
    files = render_files(Answers.model_validate(team_answers()))
    workflow = yaml.safe_load(files[WORKFLOW_FILE])
    for name in ("plan", "apply"):
        assert workflow["jobs"][name]["env"]["TF_CLI_ARGS_init"] == "-lockfile=readonly"


def test_a_lock_the_team_updated_is_kept(tmp_path):
    answers = Answers.model_validate(minimal_answers())
    out = tmp_path / "project"
    write_project(answers, out)
    lock = out / lockfile.LOCK_FILE
    upgraded = lock.read_text().replace('"5.100.0"', '"6.62.0"')
    lock.write_text(upgraded)  # as `terraform init -upgrade` would
    write_project(answers, out)  # no conflict, and the team's lock stays
    assert lock.read_text() == upgraded
    write_project(answers, out)  # recorded as it is now: still kept
    assert lock.read_text() == upgraded


def test_a_lock_still_as_rendered_follows_a_newer_ecs_wizard(tmp_path, monkeypatch):
    answers = Answers.model_validate(minimal_answers())
    out = tmp_path / "project"
    write_project(answers, out)
    newer = lockfile.lock_file().replace(lockfile.VERSION, "5.101.0")
    monkeypatch.setattr(lockfile, "lock_file", lambda: newer)
    write_project(answers, out)
    assert (out / lockfile.LOCK_FILE).read_text() == newer


def test_a_lock_from_an_earlier_init_is_kept_on_the_first_render(tmp_path):
    out = tmp_path / "project"
    out.mkdir()
    own = '# This file is maintained automatically by "terraform init".\n\n# theirs\n'
    (out / lockfile.LOCK_FILE).write_text(own)
    write_project(Answers.model_validate(minimal_answers()), out)
    assert (out / lockfile.LOCK_FILE).read_text() == own
