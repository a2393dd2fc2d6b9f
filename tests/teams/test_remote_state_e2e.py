"""Two environments sharing one S3 state bucket, applied on the emulator with the real S3
backend: bootstrap, per-environment init from the rendered `.tfbackend` files (plus only the
emulator endpoints this test adds), two state objects at two keys, a held lock reported with its
holder, and a plan of prod that never touches staging's state."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest

from ecs_wizard import render
from ecs_wizard.emulator import Emulator, localize_answers, write_emulator_override
from ecs_wizard.emulator.remote_state import backend_overrides
from ecs_wizard.rendering import hcl
from ecs_wizard.validation import validate_data
from tests.answers_fixtures import minimal_answers
from tests.conftest import TF

pytestmark = [pytest.mark.terraform, pytest.mark.slow]

BUCKET = "shop-tfstate-123456789012"
REGION = "eu-west-1"


def team_data(emu: Emulator) -> dict[str, Any]:
    base = minimal_answers()
    base["project"] = {"name": "shop", "region": REGION}
    base["alb"] = {"deletion_protection": False, "http": {"redirect_to_https": False}}
    base = localize_answers(base, emu).data
    base["state"] = {"bucket": BUCKET}
    base["environments"] = {
        "staging": {"services": {"web": {"desired_count": 1}}},
        "prod": {"services": {"web": {"desired_count": 3}}},
    }
    return base


def run(tf: TF, cwd: Path, *args: str, env: dict[str, str] | None = None, check: bool = True):
    proc = subprocess.run(
        [str(tf.binary), *args],
        cwd=cwd,
        env={**tf.env, **(env or {})},
        capture_output=True,
        text=True,
        timeout=900,
    )
    if check and proc.returncode != 0:
        pytest.fail(
            f"terraform {' '.join(args)} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        )
    return proc


def state_objects(emu: Emulator) -> dict[str, str]:
    s3 = emu.client("s3", REGION)
    listed = s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {o["Key"]: o["ETag"] for o in listed}


def test_two_environments_share_a_locked_remote_state(
    tf: TF, emulator: Emulator, tmp_path: Path, capsys
) -> None:
    emulator.reset()
    result = validate_data(team_data(emulator))
    assert result.ok, result.errors
    root = tmp_path / "shop"
    render.write_project(result.answers, root)

    # 1. bootstrap/ creates the bucket (local state), against the emulator
    boot = root / "bootstrap"
    write_emulator_override(boot, REGION, emulator.endpoint)
    run(tf, boot, "init", "-input=false", "-no-color")
    run(tf, boot, "apply", "-auto-approve", "-input=false", "-no-color")
    s3 = emulator.client("s3", REGION)
    assert s3.get_bucket_versioning(Bucket=BUCKET)["Status"] == "Enabled"
    block = s3.get_public_access_block(Bucket=BUCKET)["PublicAccessBlockConfiguration"]
    assert all(block.values())
    policy = json.loads(s3.get_bucket_policy(Bucket=BUCKET)["Policy"])
    assert policy["Statement"][0]["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    # moto enforces that policy, and the emulator speaks plain HTTP on loopback, so it would
    # refuse every request below (real S3 is reached over HTTPS). Proven above; now lifted.
    s3.delete_bucket_policy(Bucket=BUCKET)

    # 2. each environment: init with its rendered .tfbackend + only the emulator endpoints
    overrides = tmp_path / "emulator.s3.tfbackend"
    overrides.write_text(hcl.dumps(backend_overrides(emulator.endpoint)), encoding="utf-8")
    write_emulator_override(root, REGION, emulator.endpoint)

    def env_of(name: str) -> dict[str, str]:
        return {"TF_DATA_DIR": str(root / ".terraform" / "envs" / name)}

    for name in ("staging", "prod"):
        run(
            tf,
            root,
            "init",
            "-input=false",
            "-no-color",
            f"-backend-config=envs/{name}.s3.tfbackend",
            f"-backend-config={overrides}",
            env=env_of(name),
        )
        run(
            tf,
            root,
            "apply",
            "-auto-approve",
            "-input=false",
            "-no-color",
            "-parallelism=20",
            f"-var-file=envs/{name}.tfvars",
            env=env_of(name),
        )

    # 3. two state objects at the two keys, each with its own environment's resources
    objects = state_objects(emulator)
    keys = {"ecs-wizard/shop/staging/terraform.tfstate", "ecs-wizard/shop/prod/terraform.tfstate"}
    assert keys <= set(objects), objects
    assert not any(k.endswith(".tflock") for k in objects), "locks must be released after apply"
    ecs = emulator.client("ecs", REGION)
    for name, count in (("staging", 1), ("prod", 3)):
        svc = ecs.describe_services(cluster=f"shop-{name}", services=[f"shop-{name}-web"])
        assert svc["services"][0]["desiredCount"] == count
        body = s3.get_object(Bucket=BUCKET, Key=f"ecs-wizard/shop/{name}/terraform.tfstate")["Body"]
        state = json.loads(body.read())
        names = {
            i["attributes"].get("name")
            for r in state["resources"]
            if r["type"] == "aws_ecs_service"
            for i in r["instances"]
        }
        assert names == {f"shop-{name}-web"}

    # 4. a lock held by someone else: the plan fails at once, naming the holder
    lock_id = str(uuid.uuid4())
    created = datetime.datetime(2026, 11, 29, 9, 30, tzinfo=datetime.UTC)
    s3.put_object(
        Bucket=BUCKET,
        Key="ecs-wizard/shop/prod/terraform.tfstate.tflock",
        Body=json.dumps(
            {
                "ID": lock_id,
                "Operation": "OperationTypeApply",
                "Info": "",
                "Who": "alice@build-7",
                "Version": "1.11.4",
                "Created": created.isoformat().replace("+00:00", "Z"),
                "Path": f"{BUCKET}/ecs-wizard/shop/prod/terraform.tfstate",
            }
        ).encode(),
    )
    before = state_objects(emulator)
    locked = run(
        tf,
        root,
        "plan",
        "-input=false",
        "-no-color",
        "-var-file=envs/prod.tfvars",
        env=env_of("prod"),
        check=False,
    )
    assert locked.returncode == 1
    assert "alice@build-7" in locked.stdout + locked.stderr

    # ... and through ecs-wizard: who, since when, and the force-unlock command
    from ecs_wizard.plan.runner import PlanOptions, PlanRunner, Status

    env = {**tf.env}
    options = PlanOptions(environment="prod", force_init=True, backend_configs=[str(overrides)])
    runner = PlanRunner(root, options=options, env=env)
    outcome = runner.run()
    assert outcome.status is Status.ERROR and outcome.error is not None
    assert outcome.error.kind == "state_locked"
    text = outcome.error.text()
    assert "alice@build-7" in text and "2026-11-29" in text
    assert f"terraform force-unlock {lock_id}" in text

    # 5. staging is untouched by prod's run, and its lock does not block prod
    s3.delete_object(Bucket=BUCKET, Key="ecs-wizard/shop/prod/terraform.tfstate.tflock")
    s3.put_object(
        Bucket=BUCKET,
        Key="ecs-wizard/shop/staging/terraform.tfstate.tflock",
        Body=json.dumps({"ID": str(uuid.uuid4()), "Who": "bob@laptop"}).encode(),
    )
    prod = PlanRunner(root, options=options, env=env).run()
    assert prod.status in (Status.NO_CHANGES, Status.CHANGES), prod.error and prod.error.text()
    # It read prod's state: what prod created is known, so nothing is planned to be created
    # (the emulator's known read-back quirks may show in-place updates; tests/e2e checks them).
    changes = {
        rc["address"]: rc["change"]["actions"]
        for rc in (prod.plan_json or {}).get("resource_changes", [])
        if rc["change"]["actions"] != ["no-op"]
    }
    assert all(actions == ["update"] for actions in changes.values()), changes
    after = state_objects(emulator)
    staging_key = "ecs-wizard/shop/staging/terraform.tfstate"
    assert after[staging_key] == before[staging_key]
    backend = json.loads((root / ".terraform" / "envs" / "prod" / "terraform.tfstate").read_text())
    assert backend["backend"]["config"]["key"] == "ecs-wizard/shop/prod/terraform.tfstate"
    assert os.path.exists(root / ".ecs-wizard" / "envs" / "prod" / "tfplan")


def test_plan_env_local_uses_the_s3_backend_in_the_emulator(tmp_path: Path, capsys) -> None:
    from ecs_wizard.cli import main
    from ecs_wizard.model.yamlio import dump_answers
    from tests.answers_fixtures import minimal_answers as minimal

    data = minimal()
    data["state"] = {"bucket": BUCKET, "key_prefix": "teams/shop"}
    data["environments"] = {"staging": {}, "prod": {"services": {"web": {"desired_count": 3}}}}
    answers = tmp_path / "answers.yaml"
    answers.write_text(dump_answers(data), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(answers), "-o", str(out), "-q"]) == 0
    capsys.readouterr()
    assert main(["plan", str(out), "--env", "prod", "--local", "--summary-only"]) == 2
    printed = capsys.readouterr()
    text = printed.out + printed.err
    assert f"S3 backend, bucket {BUCKET} created in the emulator" in text
    assert f"teams/shop/{data['project']['name']}/prod/terraform.tfstate" in text
    assert not (out / ".terraform").exists()  # the user's directory was not touched
