"""The provider lock file (`.terraform.lock.hcl`) a rendered project starts with.

Without it, the version range in `versions.tf` (`>= 5.80, < 7.0`) lets each `terraform init`
pick the newest provider: a release between the plan job and the apply job makes the apply
fail ("Inconsistent dependency lock file") or apply with a provider nobody reviewed. With it,
every init installs the one version recorded here and checks the package against its hashes;
the workflow runs init with `-lockfile=readonly`, so CI can never change it.

The file is written as `terraform init` writes it (same header, constraint normalised to
full versions, hashes sorted), so an init on a machine it covers leaves it byte for byte as
it is. Once a team updates it (`terraform init -upgrade`, `terraform providers lock`), the
file is theirs: `render` keeps it (see `render.write_project`).

The hashes of hashicorp/aws 5.100.0:
- `h1:` is the hash of the unpacked linux_amd64 package (Go's dirhash "h1", over
  `LICENSE.txt` and the provider binary). `tests/teams/test_lockfile.py` recomputes it from
  the machine's provider mirror.
- `zh:` are the SHA-256 sums of the registry's zip for each platform, as published in
  `terraform-provider-aws_5.100.0_SHA256SUMS` (releases.hashicorp.com). They let an init on
  macOS, Windows or linux_arm64 verify the zip it downloads. They cannot be recomputed
  offline; they are copied from lock files that `terraform init` wrote against the public
  registry (two independent ones agree, and their `h1:` equals the one computed here).
"""

from __future__ import annotations

from pathlib import Path

from ecs_wizard.rendering import journal, writer

LOCK_FILE = ".terraform.lock.hcl"

PROVIDER = "registry.terraform.io/hashicorp/aws"
VERSION = "5.100.0"
#: `versions.tf`'s range as Terraform normalises it in the lock file.
CONSTRAINTS = ">= 5.80.0, < 7.0.0"

LINUX_AMD64_H1 = "h1:edXOJWE4ORX8Fm+dpVpICzMZJat4AX0VRCAy/xkcOc0="
ZIP_HASHES = (
    "zh:054b8dd49f0549c9a7cc27d159e45327b7b65cf404da5e5a20da154b90b8a644",
    "zh:0b97bf8d5e03d15d83cc40b0530a1f84b459354939ba6f135a0086c20ebbe6b2",
    "zh:1589a2266af699cbd5d80737a0fe02e54ec9cf2ca54e7e00ac51c7359056f274",
    "zh:6330766f1d85f01ae6ea90d1b214b8b74cc8c1badc4696b165b36ddd4cc15f7b",
    "zh:7c8c2e30d8e55291b86fcb64bdf6c25489d538688545eb48fd74ad622e5d3862",
    "zh:99b1003bd9bd32ee323544da897148f46a527f622dc3971af63ea3e251596342",
    "zh:9b12af85486a96aedd8d7984b0ff811a4b42e3d88dad1a3fb4c0b580d04fa425",
    "zh:9f8b909d3ec50ade83c8062290378b1ec553edef6a447c56dadc01a99f4eaa93",
    "zh:aaef921ff9aabaf8b1869a86d692ebd24fbd4e12c21205034bb679b9caf883a2",
    "zh:ac882313207aba00dd5a76dbd572a0ddc818bb9cbf5c9d61b28fe30efaec951e",
    "zh:bb64e8aff37becab373a1a0cc1080990785304141af42ed6aa3dd4913b000421",
    "zh:dfe495f6621df5540d9c92ad40b8067376350b005c637ea6efac5dc15028add4",
    "zh:f0ddf0eaf052766cfe09dea8200a946519f653c384ab4336e2a4a64fdd6310e9",
    "zh:f1b7e684f4c7ae1eed272b6de7d2049bb87a0275cb04dbb7cda6636f600699c9",
    "zh:ff461571e3f233699bf690db319dfe46aec75e58726636a0d97dd9ac6e32fb70",
)

_HEADER = (
    '# This file is maintained automatically by "terraform init".\n'
    "# Manual edits may be lost in future updates.\n"
)


def lock_file() -> str:
    """The lock file's text, exactly as `terraform init` would write it."""
    hashes = "".join(f'    "{h}",\n' for h in sorted((LINUX_AMD64_H1, *ZIP_HASHES)))
    return (
        f"{_HEADER}\n"
        f'provider "{PROVIDER}" {{\n'
        f'  version     = "{VERSION}"\n'
        f'  constraints = "{CONSTRAINTS}"\n'
        f"  hashes = [\n{hashes}  ]\n"
        "}\n"
    )


def keep_updated(files: dict[str, str], out_dir: Path) -> None:
    """Leave the project's lock file alone when it is not the one the last render wrote:
    Terraform updated it (`init -upgrade`, `providers lock`), or an init made it before
    ecs-wizard rendered one. The lock records the team's choice of provider; a render that put
    5.100.0 back would undo an upgrade the team reviewed.

    Such a lock is dropped from the render, so the manifest forgets it and every later render
    leaves it too. A lock still as rendered is replaced by this version's."""
    path = out_dir / LOCK_FILE
    if path.is_symlink() or not path.is_file():
        return  # nothing there (or a link, which the writer refuses by itself)
    if writer.read_manifest(out_dir).get(LOCK_FILE) != journal.sha256(path.read_bytes()):
        files.pop(LOCK_FILE, None)
