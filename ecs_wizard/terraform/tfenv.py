"""Locate Terraform and an offline provider mirror, and write the CLI config that uses them.

The wizard, the test-suite and CI all need to run the real `terraform` binary without
reaching the Terraform registry. Terraform only looks at a filesystem mirror when a CLI
config file says so, so this module writes one (pointing `TF_CLI_CONFIG_FILE` at it is the
caller's job) and builds the provider override that lets `plan` run with fake credentials.
"""

from __future__ import annotations

import os
import platform
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

MIRROR_ENV = "ECS_WIZARD_PROVIDER_MIRROR"
TERRAFORM_ENV = "ECS_WIZARD_TERRAFORM"

# Places a provider mirror is commonly laid out; the first that holds hashicorp/aws wins.
_MIRROR_CANDIDATES = (
    "/opt/tf-plugins",
    "~/.terraform.d/plugins",
    "~/.local/share/terraform/plugins",
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
)

#: The environment every offline or emulator terraform run gets instead of real credentials:
#: keys only an emulator accepts, and no instance-metadata look-up that could find real ones.
FAKE_AWS_ENV = MappingProxyType(
    {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_EC2_METADATA_DISABLED": "true",
    }
)

INSTALL_TERRAFORM_HINT = (
    "Install Terraform >= 1.5 (https://developer.hashicorp.com/terraform/install) or OpenTofu, "
    f"make sure it is on PATH, or point {TERRAFORM_ENV} at the binary."
)
INSTALL_MIRROR_HINT = (
    "No offline mirror of the hashicorp/aws provider was found. Lay one out with "
    "`terraform providers mirror DIR` on a machine with network access (it must hold "
    "registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/terraform-provider-aws_*), "
    f"then set {MIRROR_ENV}=DIR."
)


class TerraformNotFound(RuntimeError):
    """Raised when no terraform/tofu binary can be found."""


class MirrorNotFound(RuntimeError):
    """Raised when no offline provider mirror can be found."""


def platform_dir() -> str:
    """Terraform's `<os>_<arch>` name for this machine (e.g. `linux_amd64`)."""
    machine = platform.machine().lower()
    arch = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(
        machine, machine
    )
    return f"{platform.system().lower()}_{arch}"


def find_terraform(explicit: str | None = None) -> Path:
    """Return the Terraform (or OpenTofu) binary to use.

    Order: the explicit argument, `$ECS_WIZARD_TERRAFORM`, `terraform` on PATH, `tofu` on PATH.
    """
    for candidate in (explicit, os.environ.get(TERRAFORM_ENV)):
        if candidate:
            found = shutil.which(candidate)
            if found:
                return Path(found)
            raise TerraformNotFound(
                f"Terraform binary {candidate!r} not found. {INSTALL_TERRAFORM_HINT}"
            )
    for name in ("terraform", "tofu"):
        found = shutil.which(name)
        if found:
            return Path(found)
    raise TerraformNotFound(f"No terraform or tofu on PATH. {INSTALL_TERRAFORM_HINT}")


def _holds_aws_provider(root: Path) -> bool:
    aws = root / "registry.terraform.io" / "hashicorp" / "aws"
    if not aws.is_dir():
        return False
    return any(aws.glob(f"*/{platform_dir()}/terraform-provider-aws_*"))


def find_provider_mirror() -> Path:
    """Return the root of a filesystem mirror holding hashicorp/aws for this platform.

    `$ECS_WIZARD_PROVIDER_MIRROR` wins (and must be valid); otherwise well-known places are tried.
    """
    override = os.environ.get(MIRROR_ENV)
    if override:
        root = Path(override).expanduser()
        if _holds_aws_provider(root):
            return root
        raise MirrorNotFound(
            f"{MIRROR_ENV}={override} holds no hashicorp/aws provider. {INSTALL_MIRROR_HINT}"
        )
    for candidate in _MIRROR_CANDIDATES:
        root = Path(candidate).expanduser()
        if _holds_aws_provider(root):
            return root
    raise MirrorNotFound(INSTALL_MIRROR_HINT)


def mirror_provider_versions(root: Path) -> list[str]:
    """Versions of hashicorp/aws present in the mirror, oldest first."""
    aws = root / "registry.terraform.io" / "hashicorp" / "aws"
    versions = [p.name for p in aws.iterdir() if (p / platform_dir()).is_dir()]
    return sorted(versions, key=lambda v: tuple(int(x) if x.isdigit() else 0 for x in v.split(".")))


def cli_config_text(mirror: Path, plugin_cache_dir: Path | None = None) -> str:
    """HCL for a Terraform CLI config that installs hashicorp/aws from `mirror` only."""
    lines = [
        "provider_installation {",
        "  filesystem_mirror {",
        f'    path    = "{mirror.as_posix()}"',
        '    include = ["registry.terraform.io/hashicorp/*"]',
        "  }",
        "  direct {",
        '    exclude = ["registry.terraform.io/hashicorp/*"]',
        "  }",
        "}",
    ]
    if plugin_cache_dir is not None:
        lines.append(f'plugin_cache_dir = "{plugin_cache_dir.as_posix()}"')
    return "\n".join(lines) + "\n"


def write_cli_config(path: Path, mirror: Path, plugin_cache_dir: Path | None = None) -> Path:
    """Write the CLI config to `path` (creating the plugin cache directory) and return `path`."""
    if plugin_cache_dir is not None:
        plugin_cache_dir.mkdir(parents=True, exist_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(cli_config_text(mirror, plugin_cache_dir), encoding="utf-8")
    return path


def offline_provider_override(region: str = "eu-west-1", endpoint: str | None = None) -> str:
    """A `provider "aws"` override with fake credentials and every network check skipped.

    Dropped into a root module as `*_override.tf`, it lets `plan -refresh=false` run without
    AWS. With `endpoint`, every service the modules use is pointed at a local emulator.
    """
    body = [
        'provider "aws" {',
        f'  region                      = "{region}"',
        '  access_key                  = "test"',
        '  secret_key                  = "test"',
        "  skip_credentials_validation = true",
        "  skip_metadata_api_check     = true",
        "  skip_region_validation      = true",
        "  skip_requesting_account_id  = true",
        # Without the account id, the provider cannot check project.account_id: the answers'
        # guard applies against AWS, not here (tests/teams/test_accounts.py proves it).
        "  allowed_account_ids         = null",
    ]
    if endpoint:
        body.append("  s3_use_path_style           = true")
        body.append("  endpoints {")
        for service in EMULATED_SERVICES:
            body.append(f'    {service:<20} = "{endpoint}"')
        body.append("  }")
    body.append("}")
    return "\n".join(body) + "\n"


EMULATED_SERVICES = (
    "acm",
    "applicationautoscaling",
    "autoscaling",
    "cloudwatch",
    "cloudwatchlogs",
    "ec2",
    "ecs",
    "elbv2",
    "iam",
    "kms",
    "route53",
    "s3",
    "secretsmanager",
    "servicediscovery",
    "ssm",
    "sts",
    "wafv2",
)


@dataclass(frozen=True)
class OfflineTerraform:
    """Everything needed to run terraform offline: the binary and the environment to use."""

    binary: Path
    env: dict[str, str]


def offline_terraform(workdir: Path, binary: str | None = None) -> OfflineTerraform:
    """Find terraform and the mirror, write a CLI config under `workdir`, return binary + env.

    Raises TerraformNotFound / MirrorNotFound with install instructions.
    """
    tf = find_terraform(binary)
    mirror = find_provider_mirror()
    cfg = write_cli_config(workdir / "terraform.tfrc", mirror, workdir / "plugin-cache")
    env = dict(os.environ)
    env.update(
        TF_CLI_CONFIG_FILE=str(cfg),
        TF_IN_AUTOMATION="1",
        TF_INPUT="0",
        CHECKPOINT_DISABLE="1",
    )
    env.update(FAKE_AWS_ENV)
    return OfflineTerraform(binary=tf, env=env)
