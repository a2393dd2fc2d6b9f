"""Rendering a team project: one root module, a var file and a backend file per environment,
the state bootstrap and the CI workflow; planned per environment with the real terraform."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ecs_wizard import render
from ecs_wizard.cli import main
from ecs_wizard.rendering import hcl
from ecs_wizard.validation import validate_data
from tests.answers_fixtures import base_answers
from tests.conftest import TF, write_offline_override

OTHER_NETWORK = {
    "vpc_id": "vpc-0ffffffffffffffff",
    "public_subnet_ids": ["subnet-0ccccccccccccccc1", "subnet-0ccccccccccccccc2"],
    "private_subnet_ids": ["subnet-0ddddddddddddddd1"],
}
ROLE = "arn:aws:iam::123456789012:role/ecs-wizard-ci"


def team_answers(**state: Any) -> dict[str, Any]:
    data = base_answers()
    data["state"] = {"bucket": "shop-tfstate-123456789012", **state}
    data["environments"] = {
        "staging": {"network": OTHER_NETWORK, "services": {"web": {"desired_count": 1}}},
        "prod": {"services": {"web": {"desired_count": 4}}, "tags": {"Tier": "gold"}},
    }
    data["ci"] = {"github": {"aws_role_arn": ROLE}}
    return data


def rendered(data: dict[str, Any]) -> dict[str, str]:
    result = validate_data(data)
    assert result.ok, result.errors
    assert result.answers is not None
    return render.render_files(result.answers)


def test_environment_files_replace_terraform_tfvars() -> None:
    files = rendered(team_answers())
    assert render.TFVARS_FILE not in files
    staging = hcl.loads_tfvars(files["envs/staging.tfvars"])
    prod = hcl.loads_tfvars(files["envs/prod.tfvars"])
    assert staging["project"]["environment"] == "staging"
    assert staging["network"] == OTHER_NETWORK
    assert prod["network"] == base_answers()["network"]
    assert [s["desired_count"] for s in staging["services"] if s["name"] == "web"] == [1]
    assert [s["desired_count"] for s in prod["services"] if s["name"] == "web"] == [4]
    assert prod["project"]["tags"] == {"Tier": "gold"}
    for values in (staging, prod):
        assert not {"state", "environments", "ci", "version"} & set(values)


def test_backend_files_per_environment() -> None:
    files = rendered(team_answers(region="eu-central-1", kms_key_id="alias/tfstate"))
    assert 'backend "s3" {}' in files["versions.tf"]
    assert 'required_version = ">= 1.10"' in files["versions.tf"]
    for env in ("staging", "prod"):
        cfg = hcl.loads_tfvars(files[f"envs/{env}.s3.tfbackend"])
        assert cfg == {
            "bucket": "shop-tfstate-123456789012",
            "key": f"ecs-wizard/shop/{env}/terraform.tfstate",
            "region": "eu-central-1",
            "encrypt": True,
            "use_lockfile": True,
            "kms_key_id": "alias/tfstate",
        }
    assert "backend.s3.tfbackend" not in files


def test_dynamodb_locking() -> None:
    files = rendered(team_answers(lock="dynamodb", dynamodb_table="shop-tflock"))
    cfg = hcl.loads_tfvars(files["envs/prod.s3.tfbackend"])
    assert cfg["dynamodb_table"] == "shop-tflock" and "use_lockfile" not in cfg
    assert 'required_version = ">= 1.5"' in files["versions.tf"]
    assert hcl.loads_tfvars(files["bootstrap/terraform.tfvars"])["dynamodb_table"] == "shop-tflock"


def test_single_environment_with_state() -> None:
    data = base_answers()
    data["state"] = {"bucket": "shop-tfstate-123456789012", "key_prefix": "teams/shop"}
    files = rendered(data)
    assert render.TFVARS_FILE in files and not any(f.startswith("envs/") for f in files)
    cfg = hcl.loads_tfvars(files["backend.s3.tfbackend"])
    assert cfg["key"] == "teams/shop/shop/prod/terraform.tfstate"


def test_no_state_renders_as_before() -> None:
    files = rendered(base_answers())
    assert 'backend "s3"' not in files["versions.tf"]
    assert not any(
        f.startswith(("bootstrap/", "envs/", ".github/")) or "tfbackend" in f for f in files
    )


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(__import__("sys").executable).parent / name)
    if not Path(found).exists():
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'", pytrace=False)
    return found


@pytest.mark.parametrize("variant", ["environments", "single", "subdirectory"])
def test_workflow_is_valid_and_clean_under_zizmor(tmp_path: Path, variant: str) -> None:
    data = team_answers() if variant != "single" else base_answers()
    if variant == "single":
        data["state"] = {"bucket": "shop-tfstate-123456789012"}
        data["ci"] = {"github": {"aws_role_arn": ROLE}}
    if variant == "subdirectory":
        data["ci"]["github"]["working_directory"] = "infra/shop"
    files = rendered(data)
    wf = tmp_path / ".github" / "workflows" / "ecs-wizard.yml"
    wf.parent.mkdir(parents=True)
    wf.write_text(files[".github/workflows/ecs-wizard.yml"], encoding="utf-8")
    schema = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(wf)],
        capture_output=True,
        text=True,
    )
    assert schema.returncode == 0, schema.stdout + schema.stderr
    audit = subprocess.run(
        [_tool("zizmor"), "--offline", "--persona=auditor", "--format=json", str(wf)],
        capture_output=True,
        text=True,
    )
    assert audit.returncode == 0 and json.loads(audit.stdout) == [], audit.stdout + audit.stderr


def test_workflow_pins_actions_and_applies_the_reviewed_plan() -> None:
    import yaml

    text = rendered(team_answers())[".github/workflows/ecs-wizard.yml"]
    wf = yaml.safe_load(text)
    assert wf["permissions"] == {}
    steps = [s for job in wf["jobs"].values() for s in job["steps"]]
    for step in steps:
        if "uses" in step:
            ref = step["uses"].split("@", 1)[1]
            assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), step["uses"]
    plan, apply = wf["jobs"]["plan"], wf["jobs"]["apply"]
    envs = [m["environment"] for m in plan["strategy"]["matrix"]["include"]]
    assert envs == ["staging", "prod"]
    assert apply["environment"] == "${{ matrix.environment }}"
    assert apply["needs"] == "plan" and apply["if"] == "github.event_name == 'push'"
    assert plan["permissions"]["id-token"] == "write"
    assert "GITHUB_STEP_SUMMARY" in text and "--format markdown" in text
    assert "terraform apply reviewed/tfplan" in text
    assert 'terraform_version: "1.11.4"' in text
    assert "AWS_SECRET_ACCESS_KEY" not in text and "aws-access-key-id" not in text


def test_ci_lists_a_subset_of_environments() -> None:
    import yaml

    data = team_answers()
    data["ci"]["github"]["environments"] = ["prod"]
    wf = yaml.safe_load(rendered(data)[".github/workflows/ecs-wizard.yml"])
    assert [m["environment"] for m in wf["jobs"]["plan"]["strategy"]["matrix"]["include"]] == [
        "prod"
    ]


@pytest.mark.terraform
def test_each_environment_plans_with_its_own_values(tf: TF, tmp_path: Path) -> None:
    result = validate_data(team_answers())
    assert result.answers is not None
    root = tmp_path / "project"
    render.write_project(result.answers, root)
    write_offline_override(root)
    # Offline there is no S3: keep the rendered backend out of the way with an override file,
    # which is how Terraform lets a copy use another backend.
    (root / "local_backend_override.tf").write_text('terraform {\n  backend "local" {}\n}\n')
    tf.run(root, "init", "-input=false", "-no-color")
    counts = {}
    for env in ("staging", "prod"):
        tf.run(
            root,
            "plan",
            "-refresh=false",
            "-input=false",
            "-no-color",
            f"-var-file=envs/{env}.tfvars",
            f"-out={env}.tfplan",
        )
        plan = json.loads(tf.run(root, "show", "-json", f"{env}.tfplan").stdout)
        services = [
            rc
            for rc in plan["resource_changes"]
            if rc["type"] == "aws_ecs_service" and rc["change"]["actions"] == ["create"]
        ]
        counts[env] = {
            rc["change"]["after"]["name"]: rc["change"]["after"]["desired_count"] for rc in services
        }
    assert counts["staging"]["shop-staging-web"] == 1
    assert counts["prod"]["shop-prod-web"] == 4


@pytest.mark.terraform
def test_bootstrap_plans_offline(tf: TF, tmp_path: Path) -> None:
    result = validate_data(team_answers(lock="dynamodb", dynamodb_table="shop-tflock"))
    assert result.answers is not None
    root = tmp_path / "project"
    render.write_project(result.answers, root)
    boot = root / "bootstrap"
    write_offline_override(boot)
    tf.run(boot, "init", "-input=false", "-no-color")
    tf.run(boot, "plan", "-refresh=false", "-input=false", "-no-color", "-out=tfplan")
    plan = json.loads(tf.run(boot, "show", "-json", "tfplan").stdout)
    types = sorted(rc["type"] for rc in plan["resource_changes"] if rc["mode"] == "managed")
    assert types == sorted(
        [
            "aws_s3_bucket",
            "aws_s3_bucket_ownership_controls",
            "aws_s3_bucket_versioning",
            "aws_s3_bucket_server_side_encryption_configuration",
            "aws_s3_bucket_public_access_block",
            "aws_s3_bucket_policy",
            "aws_dynamodb_table",
        ]
    )


def test_plan_env_is_required_and_checked(tmp_path: Path, capsys) -> None:
    answers = tmp_path / "answers.yaml"
    from ecs_wizard.model.yamlio import dump_answers

    answers.write_text(dump_answers(team_answers()), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(answers), "-o", str(out), "-q"]) == 0
    capsys.readouterr()
    assert main(["plan", str(out)]) == 1
    err = capsys.readouterr().err.replace("\n", " ")
    assert "(prod, staging)" in err and "--env prod" in err
    assert main(["plan", str(out), "--env", "prd"]) == 1
    assert "did you mean --env prod?" in capsys.readouterr().err.replace("\n", " ")
    single = tmp_path / "single"
    answers.write_text(dump_answers(base_answers()), encoding="utf-8")
    assert main(["render", str(answers), "-o", str(single), "-q"]) == 0
    capsys.readouterr()
    assert main(["plan", str(single), "--env", "prod"]) == 1
    assert "has no environments" in capsys.readouterr().err.replace("\n", " ")


def test_workflow_runs_in_the_working_directory() -> None:
    import yaml

    data = team_answers()
    data["ci"]["github"]["working_directory"] = "infra/shop"
    wf = yaml.safe_load(rendered(data)[".github/workflows/ecs-wizard.yml"])
    for job in wf["jobs"].values():
        assert job["defaults"]["run"]["working-directory"] == "infra/shop"
    upload = next(s for s in wf["jobs"]["plan"]["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "infra/shop/.ecs-wizard/envs/${{ matrix.environment }}/tfplan"
    download = next(
        s for s in wf["jobs"]["apply"]["steps"] if "download-artifact" in s.get("uses", "")
    )
    assert download["with"]["path"] == "infra/shop/reviewed"
