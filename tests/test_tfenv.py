"""The offline Terraform environment: mirror discovery, CLI config, a real offline init+plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecs_wizard.terraform import tfenv

from .conftest import TF, write_offline_override


def test_mirror_env_override_must_hold_the_provider(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(tfenv.MIRROR_ENV, str(tmp_path))
    with pytest.raises(tfenv.MirrorNotFound, match=tfenv.MIRROR_ENV):
        tfenv.find_provider_mirror()


def test_mirror_env_override_is_used(tmp_path: Path, monkeypatch) -> None:
    plugin = tmp_path / "registry.terraform.io/hashicorp/aws/5.1.0" / tfenv.platform_dir()
    plugin.mkdir(parents=True)
    (plugin / "terraform-provider-aws_v5.1.0_x5").write_bytes(b"")
    monkeypatch.setenv(tfenv.MIRROR_ENV, str(tmp_path))
    assert tfenv.find_provider_mirror() == tmp_path
    assert tfenv.mirror_provider_versions(tmp_path) == ["5.1.0"]


def test_missing_terraform_says_what_to_install(monkeypatch) -> None:
    monkeypatch.setenv(tfenv.TERRAFORM_ENV, "definitely-not-terraform-xyz")
    with pytest.raises(tfenv.TerraformNotFound, match="Install Terraform"):
        tfenv.find_terraform()


def test_cli_config_points_at_mirror(tmp_path: Path) -> None:
    text = tfenv.cli_config_text(Path("/mirror"), tmp_path / "cache")
    assert 'path    = "/mirror"' in text
    assert "filesystem_mirror" in text and "plugin_cache_dir" in text


def test_offline_init_and_plan_with_real_provider(tf: TF, tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        "terraform {\n  required_providers {\n"
        '    aws = { source = "hashicorp/aws", version = ">= 5.80, < 7.0" }\n  }\n}\n'
        'resource "aws_ecs_cluster" "this" {\n  name = "smoke"\n}\n'
    )
    write_offline_override(tmp_path)
    plan = tf.plan_json(tmp_path)
    [change] = plan["resource_changes"]
    assert change["address"] == "aws_ecs_cluster.this"
    assert change["change"]["actions"] == ["create"]
    assert change["change"]["after"]["name"] == "smoke"
